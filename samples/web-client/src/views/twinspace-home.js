// TwinSpace home: what the project is, who is in it (live), and the teacher tools the caller's role allows.
import { getMembers } from '../api.js';
import { field, h, replaceChildren, withBusy } from '../dom.js';
import { messageOf } from '../errors.js';
import * as hub from '../hub.js';
import { TEACHER_ROLES, can, roleLabel, roleRank } from '../roles.js';
import { renderChatPanel } from './chat.js';
import { credentialsPanel } from './credentials-sheet.js';
import { materialsPanel } from './materials.js';
import { renderForumPanel } from './forums.js';
import { stateBadge } from './parts.js';
import { createPupilsTool, invitationTool, lifecycleTool } from './teacher-tools.js';
import { renderPagesPanel } from '../pages/page-tree.js';

const LEAVE_WARNING = 'Leave this page? The new pupil passwords will not be shown again. Print or write them down first.';

/**
 * @param {{ twinSpaceId: string, account: object, navigate: (hash: string, notice?: string) => void,
 *           onRevoked: (message: string) => void }} options
 */
export function renderTwinSpaceHome({ twinSpaceId, account, navigate, onRevoked }) {
  /** @type {{ twinSpace: object|null, members: Map<string, object> }} */
  const state = { twinSpace: null, members: new Map() };
  const resetResults = new Map();
  let disposed = false;
  let joined = false;
  let chatPanel = null;
  let forumPanel = null;

  const status = h('p', { class: 'message', role: 'status', testid: 'twinspace-message' }, 'Opening the TwinSpace…');
  const header = h('div', { class: 'stack' });
  const memberList = h('ul', { class: 'member-list', testid: 'member-list' });
  const membersSection = h('section', { class: 'card stack', 'aria-labelledby': 'members-heading', hidden: true },
    h('h2', { id: 'members-heading' }, 'Members'),
    memberList);
  const tools = h('div', { class: 'stack' });
  const pagesPanel = renderPagesPanel({ twinSpaceId, account, role: () => state.twinSpace?.myRole ?? '', isOpen: () => state.twinSpace?.state === 'open' });
  const materials = materialsPanel({ twinSpaceId, account });
  materials.element.hidden = true;
  const forumSlot = h('div');
  const element = h('div', { class: 'stack twinspace-home' },
    account.kind === 'teacher'
      ? h('a', {
        href: '#/twinspaces', class: 'back',
        onclick: (event) => {
          if (!canLeave()) event.preventDefault();
        },
      }, '← My TwinSpaces')
      : null,
    status, header, pagesPanel.element, membersSection, materials.element, forumSlot, tools);

  const myRole = () => state.twinSpace?.myRole ?? '';
  const isOpen = () => state.twinSpace?.state === 'open';
  const allowed = (permission) => isOpen() && can(myRole(), permission);

  function showError(error) {
    status.textContent = messageOf(error);
    status.className = 'message error';
    status.hidden = false;
  }

  async function join() {
    try {
      const snapshot = await hub.joinTwinSpace(twinSpaceId);
      if (disposed) {
        hub.leaveTwinSpace(twinSpaceId).catch(() => {});
        return;
      }
      joined = true;
      state.twinSpace = snapshot.twinSpace;
      state.members = new Map(snapshot.members.map((member) => [member.accountId, member]));
      status.hidden = true;
      renderAll();
      if (!chatPanel) {
        chatPanel = renderChatPanel({ twinSpaceId, account, role: myRole(), members: () => [...state.members.values()] });
        element.append(chatPanel.element);
      }
      forumPanel ??= renderForumPanel({ twinSpaceId, account, getTwinSpace: () => state.twinSpace });
      forumSlot.replaceChildren(forumPanel.element);
    } catch (error) {
      if (!disposed) showError(error);
    }
  }

  function renderAll() {
    materials.element.hidden = false;
    materials.update(state.twinSpace);
    renderHeader();
    pagesPanel.refresh();
    renderMembers();
    renderTools();
    forumPanel?.refresh();
  }

  function renderHeader() {
    const twinSpace = state.twinSpace;
    replaceChildren(header,
      h('h1', { testid: 'twinspace-title' }, twinSpace.title),
      h('p', { class: 'meta' }, stateBadge(twinSpace.state), ' ',
        h('span', { testid: 'my-role' }, `You are: ${roleLabel(twinSpace.myRole)}`)),
      twinSpace.state === 'archived'
        ? h('p', { class: 'message warning banner', role: 'status', testid: 'readonly-banner' },
          'This TwinSpace is archived. You can still read everything, but nothing can be changed.')
        : null,
      twinSpace.description ? h('p', { class: 'description', testid: 'twinspace-description' }, twinSpace.description) : null,
      h('p', { class: 'code-box' }, 'Pupils log in with the code ',
        h('strong', { testid: 'twinspace-code' }, twinSpace.code)));
  }

  function sortedMembers() {
    return [...state.members.values()].sort((a, b) =>
      roleRank(a.role) - roleRank(b.role) || a.displayName.localeCompare(b.displayName));
  }

  // Rows are rebuilt only when their member changed and are moved, not recreated, so presence updates
  // do not close an open "Manage" panel or steal the keyboard focus from it.
  const rowCache = new Map();
  function renderMembers() {
    membersSection.hidden = false;
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
    for (const accountId of rowCache.keys()) {
      if (!state.members.has(accountId)) rowCache.delete(accountId);
    }
    const online = [...state.members.values()].filter((member) => member.online).length;
    membersSection.querySelector('h2').textContent = `Members (${state.members.size}, ${online} online)`;
  }

  function memberRow(member) {
    const isMe = member.accountId === account.id;
    const presence = member.online ? 'online' : 'offline';
    const actions = memberActions(member, isMe);
    const reset = resetResults.get(member.accountId);
    return h('li', {
      class: `member ${presence}`, testid: 'member-row',
      dataset: { accountId: member.accountId, online: String(member.online), role: member.role },
    },
    h('div', { class: 'member-main' },
      h('span', { class: 'dot', 'aria-hidden': 'true' }),
      h('span', { class: 'member-name', testid: 'member-name' }, member.displayName, isMe ? ' (you)' : ''),
      member.country ? h('span', { class: 'country' }, member.country) : null,
      h('span', { class: 'badge role', testid: 'member-role' }, roleLabel(member.role)),
      member.isFounder ? h('span', { class: 'badge founder' }, 'Founder') : null,
      h('span', { class: 'presence', testid: 'member-presence' }, presence)),
    actions,
    reset ? credentialsPanel({ twinSpace: state.twinSpace, credentials: [reset], heading: 'New password' }) : null);
  }

  // Only the actions this role may take on this member; the server checks again.
  function memberActions(member, isMe) {
    if (isMe || !state.twinSpace || !isOpen()) return null;
    const buttons = [];
    const error = h('p', { class: 'message error', role: 'alert', hidden: true });
    const run = (button, busyText, action) => {
      error.hidden = true;
      withBusy(button, busyText, async () => {
        try {
          await action();
        } catch (failure) {
          error.textContent = messageOf(failure);
          error.hidden = false;
        }
      });
    };

    if (member.kind === 'pupil' && can(myRole(), 'managePupils')) {
      const reset = h('button', { type: 'button', testid: 'reset-password' }, 'Reset password');
      reset.addEventListener('click', () => run(reset, 'Resetting…', async () => {
        if (!window.confirm(`Give ${member.displayName} a new password? The old one stops working.`)) return;
        const credentials = await hub.resetPupilPassword(twinSpaceId, member.accountId);
        resetResults.set(member.accountId, credentials);
        renderMembers();
      }));
      const makeAdmin = member.role !== 'pupilAdministrator';
      const toggle = h('button', { type: 'button', testid: 'toggle-pupil-admin' },
        makeAdmin ? 'Make pupil administrator' : 'Make ordinary pupil');
      toggle.addEventListener('click', () => run(toggle, 'Saving…', async () => {
        applyMember(await hub.setPupilAdministrator(twinSpaceId, member.accountId, makeAdmin));
      }));
      buttons.push(reset, toggle);
    }

    if (member.kind === 'teacher' && !member.isFounder && can(myRole(), 'changeRoles')) {
      const select = h('select', { testid: 'role-select' },
        TEACHER_ROLES.map((role) => h('option', { value: role, selected: role === member.role }, roleLabel(role))));
      const change = h('button', { type: 'button', testid: 'change-role' }, 'Change role');
      change.addEventListener('click', () => run(change, 'Saving…', async () => {
        applyMember(await hub.changeRole(twinSpaceId, member.accountId, select.value));
      }));
      buttons.push(h('span', { class: 'inline-field' }, field(`Role of ${member.displayName}`, select), change));
    }

    if (!member.isFounder && can(myRole(), 'removeMembers')) {
      const remove = h('button', { type: 'button', class: 'danger', testid: 'remove-member' }, 'Remove');
      remove.addEventListener('click', () => run(remove, 'Removing…', async () => {
        if (!window.confirm(`Remove ${member.displayName} from this TwinSpace?`)) return;
        await hub.removeMember(twinSpaceId, member.accountId);
        state.members.delete(member.accountId);
        renderMembers();
      }));
      buttons.push(remove);
    }

    if (!buttons.length) return null;
    return h('details', { class: 'member-actions' },
      h('summary', null, `Manage ${member.displayName}`),
      h('div', { class: 'actions' }, buttons),
      error);
  }

  function applyMember(member) {
    state.members.set(member.accountId, member);
    if (member.accountId === account.id && state.twinSpace) {
      state.twinSpace = { ...state.twinSpace, myRole: member.role };
      renderAll();
    } else {
      renderMembers();
    }
  }

  // New pupil passwords are shown only once, so their table lives outside the tools and survives re-renders
  // (a rename, an archive, a role change) and even losing the right to create more pupils.
  const newCredentials = h('div', { class: 'card stack', hidden: true });
  const hasUnsavedPasswords = () => !newCredentials.hidden || resetResults.size > 0;
  const canLeave = () => !hasUnsavedPasswords() || window.confirm(LEAVE_WARNING);
  // Closing or reloading the tab would lose the passwords for good: let the browser ask first.
  const warnBeforeUnload = (event) => {
    if (!hasUnsavedPasswords()) return;
    event.preventDefault();
    event.returnValue = '';
  };
  window.addEventListener('beforeunload', warnBeforeUnload);
  let toolsKey = '';
  function renderTools() {
    // Rebuilding the forms would wipe what a teacher is typing; only do it when the offered tools change.
    const key = `${myRole()}|${state.twinSpace.state}`;
    if (key === toolsKey) return;
    toolsKey = key;
    const sections = [];
    if (allowed('createPupils')) sections.push(createPupilsTool({ twinSpaceId, onCreated: showNewCredentials }));
    sections.push(newCredentials);
    if (allowed('inviteMembers')) sections.push(invitationTool({ twinSpaceId }));
    sections.push(lifecycleTool({
      twinSpaceId,
      canArchive: allowed('archiveTwinSpace'),
      // Closing is the way out of an archived TwinSpace, so it stays available there (unlike every other change).
      canClose: state.twinSpace.state !== 'closed' && can(myRole(), 'closeTwinSpace'),
      onArchived: applyTwinSpace,
      onClosed: () => navigate('#/twinspaces', 'The TwinSpace was closed.'),
    }));
    replaceChildren(tools, sections);
  }

  async function showNewCredentials(credentials) {
    // Newest batch first; earlier batches stay until the page is left (their passwords exist nowhere else).
    newCredentials.prepend(credentialsPanel({ twinSpace: state.twinSpace, credentials }));
    newCredentials.hidden = false;
    await refreshMembers();
  }

  // Pupils created here should show up even if this connection missed the MemberChanged events.
  async function refreshMembers() {
    try {
      const members = await getMembers(twinSpaceId);
      if (disposed) return;
      for (const member of members) state.members.set(member.accountId, member);
      renderMembers();
    } catch {
      // The live events keep the list up to date as well; nothing to tell the teacher.
    }
  }

  // TwinSpaceChanged carries an empty myRole: keep ours.
  function applyTwinSpace(twinSpace) {
    if (twinSpace.state === 'closed') {
      onRevoked('This TwinSpace was closed.');
      return;
    }
    state.twinSpace = { ...state.twinSpace, ...twinSpace, myRole: state.twinSpace?.myRole ?? twinSpace.myRole };
    renderAll();
  }

  const forThisTwinSpace = (handler) => (payload) => {
    const id = payload?.twinSpaceId ?? payload?.id;
    if (!disposed && state.twinSpace && id === twinSpaceId) handler(payload);
  };

  const unsubscribers = [
    hub.on('PresenceChanged', forThisTwinSpace((presence) => {
      const member = state.members.get(presence.accountId);
      if (!member) return;
      state.members.set(presence.accountId, { ...member, online: presence.online });
      renderMembers();
    })),
    hub.on('MemberChanged', forThisTwinSpace(({ change, member }) => {
      // AccessRevoked says the same, but only to this account; the group event is the one every member gets.
      if (change === 'removed' && member.accountId === account.id) {
        onRevoked('You were removed from this TwinSpace.');
      } else if (change === 'removed') {
        state.members.delete(member.accountId);
        renderMembers();
      } else {
        applyMember(member);
      }
    })),
    hub.on('TwinSpaceChanged', forThisTwinSpace(applyTwinSpace)),
    hub.on('AccessRevoked', forThisTwinSpace(({ reason }) =>
      onRevoked(reason || 'You are no longer a member of this TwinSpace.'))),
    // Group membership is lost on reconnect, and events may have been missed: join again for a fresh snapshot.
    hub.onReconnected(join),
  ];

  join();
  return {
    element,
    canLeave,
    dispose() {
      disposed = true;
      window.removeEventListener('beforeunload', warnBeforeUnload);
      for (const unsubscribe of unsubscribers) unsubscribe();
      pagesPanel.dispose();
      materials.dispose();
      chatPanel?.dispose();
      forumPanel?.dispose();
      if (joined) hub.leaveTwinSpace(twinSpaceId).catch(() => {});
    },
  };
}
