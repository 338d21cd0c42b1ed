// Members of a TwinSpace (live presence), the actions a role may take on each (reset a pupil's password, pupil
// administrator, role, remove), pupil teams, and for teachers the form that creates pupil logins. New passwords
// are shown once: leaving the view (or the tab) asks first.
import { getMembers } from '../api.js';
import { field, h, replaceChildren, withBusy } from '../dom.js';
import { errorLine } from '../error-line.js';
import * as hub from '../hub.js';
import { t } from '../i18n.js';
import { TEACHER_ROLES, can, roleLabel, roleRank } from '../roles.js';
import { credentialsPanel } from './credentials-sheet.js';
import { createPupilsTool } from './teacher-tools.js';

export function renderMembers(ctx) {
  const { twinSpaceId, account, state, myRole, isOpen, allowed } = ctx;
  const resetResults = new Map();
  let disposed = false;
  const heading = h('h1', { id: 'members-heading' });
  const memberList = h('ul', { class: 'member-list', testid: 'member-list' });
  const teams = h('section', { class: 'card stack', testid: 'pupil-teams', 'aria-labelledby': 'teams-heading', hidden: true });
  const tools = h('div', { class: 'stack' });
  const newCredentials = h('div', { class: 'card stack', hidden: true });
  const element = h('section', { class: 'stack', 'aria-labelledby': 'members-heading', testid: 'members-view' },
    h('div', { class: 'card stack' }, heading, memberList), teams, tools, newCredentials);

  const hasUnsavedPasswords = () => !newCredentials.hidden || resetResults.size > 0;
  const canLeave = () => !hasUnsavedPasswords() || window.confirm(t('members.leaveWarning'));
  // Closing or reloading the tab would lose the passwords for good: let the browser ask first.
  const warnBeforeUnload = (event) => {
    if (!hasUnsavedPasswords()) return;
    event.preventDefault();
    event.returnValue = '';
  };
  window.addEventListener('beforeunload', warnBeforeUnload);

  function sortedMembers() {
    return ctx.members().sort((a, b) => roleRank(a.role) - roleRank(b.role) || a.displayName.localeCompare(b.displayName));
  }

  // Rows are rebuilt only when their member changed and are moved, not recreated, so presence updates
  // do not close an open "Manage" panel or steal the keyboard focus from it.
  const rowCache = new Map();
  function renderList() {
    if (!state.twinSpace) return;
    const context = `${myRole()}|${state.twinSpace.state}`;
    const rows = sortedMembers().map((member) => {
      const cached = rowCache.get(member.accountId);
      const reset = resetResults.get(member.accountId);
      if (cached && cached.member === member && cached.reset === reset && cached.context === context) return cached.row;
      const row = memberRow(member);
      if (cached?.row.querySelector('details')?.open) row.querySelector('details')?.setAttribute('open', '');
      rowCache.set(member.accountId, { member, reset, context, row });
      return row;
    });
    rows.forEach((row, index) => {
      if (memberList.children[index] !== row) memberList.insertBefore(row, memberList.children[index] ?? null);
    });
    while (memberList.children.length > rows.length) memberList.lastElementChild.remove();
    for (const accountId of rowCache.keys()) if (!state.members.has(accountId)) rowCache.delete(accountId);
    const online = ctx.members().filter((member) => member.online).length;
    heading.textContent = t('members.heading', { count: state.members.size, online });
  }

  function memberRow(member) {
    const isMe = member.accountId === account.id;
    const presence = member.online ? 'online' : 'offline';
    const reset = resetResults.get(member.accountId);
    return h('li', {
      class: `member ${presence}`, testid: 'member-row',
      dataset: { accountId: member.accountId, online: String(member.online), role: member.role },
    },
    h('div', { class: 'member-main' },
      h('span', { class: 'dot', 'aria-hidden': 'true' }),
      h('span', { class: 'member-name', testid: 'member-name' }, member.displayName, isMe ? ` ${t('members.you')}` : ''),
      member.country ? h('span', { class: 'country' }, member.country) : null,
      h('span', { class: 'badge role', testid: 'member-role' }, roleLabel(member.role)),
      member.isFounder ? h('span', { class: 'badge founder' }, t('members.founder')) : null,
      h('span', { class: 'presence', testid: 'member-presence', dataset: { presence } }, t(`members.${presence}`))),
    memberActions(member, isMe),
    reset ? credentialsPanel({ twinSpace: state.twinSpace, credentials: [reset], heading: t('credentials.newPassword') }) : null);
  }

  // Only the actions this role may take on this member; the server checks again.
  function memberActions(member, isMe) {
    if (isMe || !isOpen()) return null;
    const buttons = [];
    const error = errorLine();
    const run = (button, action) => withBusy(button, t('common.saving'), () => error.attempt(action));

    if (member.kind === 'pupil' && can(myRole(), 'managePupils')) {
      const reset = h('button', { type: 'button', testid: 'reset-password' }, t('members.resetPassword'));
      reset.addEventListener('click', () => run(reset, async () => {
        if (!window.confirm(t('members.resetConfirm', { name: member.displayName }))) return;
        const credentials = await hub.resetPupilPassword(twinSpaceId, member.accountId);
        resetResults.set(member.accountId, credentials);
        renderList();
      }));
      const makeAdmin = member.role !== 'pupilAdministrator';
      const toggle = h('button', { type: 'button', testid: 'toggle-pupil-admin' },
        makeAdmin ? t('members.makePupilAdmin') : t('members.makeOrdinaryPupil'));
      toggle.addEventListener('click', () => run(toggle, async () => {
        ctx.applyMember(await hub.setPupilAdministrator(twinSpaceId, member.accountId, makeAdmin));
      }));
      buttons.push(reset, toggle);
    }

    if (member.kind === 'teacher' && !member.isFounder && can(myRole(), 'changeRoles')) {
      const select = h('select', { testid: 'role-select' },
        TEACHER_ROLES.map((role) => h('option', { value: role, selected: role === member.role }, roleLabel(role))));
      const change = h('button', { type: 'button', testid: 'change-role' }, t('members.changeRole'));
      change.addEventListener('click', () => run(change, async () => {
        ctx.applyMember(await hub.changeRole(twinSpaceId, member.accountId, select.value));
      }));
      buttons.push(h('span', { class: 'inline-field' }, field(t('members.roleOf', { name: member.displayName }), select), change));
    }

    if (!member.isFounder && can(myRole(), 'removeMembers')) {
      const remove = h('button', { type: 'button', class: 'danger', testid: 'remove-member' }, t('members.remove'));
      remove.addEventListener('click', () => run(remove, async () => {
        if (!window.confirm(t('members.removeConfirm', { name: member.displayName }))) return;
        await hub.removeMember(twinSpaceId, member.accountId);
        state.members.delete(member.accountId);
        renderList();
      }));
      buttons.push(remove);
    }

    if (!buttons.length) return null;
    return h('details', { class: 'member-actions' },
      h('summary', null, t('members.manage', { name: member.displayName })),
      h('div', { class: 'actions' }, buttons),
      error.element);
  }

  async function renderTeams() {
    try {
      const list = await hub.invoke('ListPupilTeams', twinSpaceId);
      if (disposed) return;
      teams.hidden = list.length === 0;
      const nameOf = (id) => state.members.get(id)?.displayName ?? '';
      replaceChildren(teams, h('h2', { id: 'teams-heading' }, t('members.teams')),
        h('ul', { class: 'stack' }, list.map((team) => h('li', { testid: 'pupil-team' },
          h('strong', {}, team.name), ': ', team.memberIds.map(nameOf).filter(Boolean).join(', ')))));
    } catch {
      // Teams are extra information; the member list stays useful without them.
    }
  }

  let toolsKey = '';
  function renderTools() {
    // Rebuilding the form would wipe what a teacher is typing; only do it when the offered tools change.
    const key = `${myRole()}|${state.twinSpace?.state}`;
    if (key === toolsKey) return;
    toolsKey = key;
    replaceChildren(tools, allowed('createPupils') ? createPupilsTool({ twinSpaceId, onCreated: showNewCredentials }) : null);
  }

  async function showNewCredentials(credentials) {
    // Newest batch first; earlier batches stay until the page is left (their passwords exist nowhere else).
    newCredentials.prepend(credentialsPanel({ twinSpace: state.twinSpace, credentials }));
    newCredentials.hidden = false;
    // Pupils created here should show up even if this connection missed the MemberChanged events.
    try {
      const members = await getMembers(twinSpaceId);
      if (disposed) return;
      for (const member of members) state.members.set(member.accountId, member);
      renderList();
    } catch {
      // The live events keep the list up to date as well.
    }
  }

  const unsubscribers = [
    ctx.onMembersChanged(renderList),
    hub.on('PupilTeamChanged', (event) => { if (event?.twinSpaceId === twinSpaceId) renderTeams(); }),
  ];
  renderTeams();

  return {
    element,
    canLeave,
    hasUnsavedWork: hasUnsavedPasswords,
    refresh() {
      renderList();
      renderTools();
    },
    dispose() {
      disposed = true;
      window.removeEventListener('beforeunload', warnBeforeUnload);
      for (const unsubscribe of unsubscribers) unsubscribe();
    },
  };
}
