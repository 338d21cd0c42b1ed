// Breakout controls of a live session (docs/protocol.md, Rooms, Breakouts): teachers split the session into random
// groups or groups they choose (a group per participant, or none to stay in the main session), with an optional timer, message every group, visit one and call everyone back; everyone sees which group
// they are in. The server keeps the groups; this only shows `session.breakouts` and sends the commands.
import { h, replaceChildren } from '../dom.js';
import { formatDateTime, t } from '../i18n.js';
import * as rooms from '../rooms-api.js';

const DEFAULT_GROUPS = 2;

/** The account ids in my group (or, outside every group, in the main session): the ones my mesh connects to. */
export function peersOf(session, myId) {
  const groups = session?.breakouts?.groups ?? [];
  const mine = groups.find((group) => group.accountIds.includes(myId));
  const grouped = new Set(groups.flatMap((group) => group.accountIds));
  return (session?.participants ?? []).map((p) => p.accountId)
    .filter((id) => (mine ? mine.accountIds.includes(id) : !grouped.has(id)));
}

/**
 * @param {{ twinSpaceId: string, roomId: string, myId: string, button: (testid: string, text: string, action: () => unknown) => HTMLElement }} options
 */
export function createBreakoutPanel({ twinSpaceId, roomId, myId, button }) {
  const element = h('div', { class: 'stack', testid: 'room-breakouts' });
  const count = h('input', { type: 'number', min: '2', value: String(DEFAULT_GROUPS), testid: 'breakout-count', 'aria-label': t('room.breakouts.count') });
  const minutes = h('input', { type: 'number', min: '1', testid: 'breakout-minutes', 'aria-label': t('room.breakouts.minutes') });
  const text = h('input', { type: 'text', testid: 'breakout-message', 'aria-label': t('room.breakouts.message') });
  /** The group number chosen for each participant (absent: the main session); kept across renders. */
  const chosen = new Map();
  let last = null;
  count.addEventListener('change', () => { if (last) render(...last); });

  function groupCount() {
    return Math.max(DEFAULT_GROUPS, Math.floor(Number(count.value)) || DEFAULT_GROUPS);
  }

  // One select per participant: the groups as numbered by the count above, or the main session.
  function chooser(session) {
    const groups = groupCount();
    const others = session.participants.filter((p) => p.accountId !== myId);
    const rows = others.map((participant) => {
      const choice = chosen.get(participant.accountId);
      const select = h('select', { testid: 'breakout-choice', dataset: { accountId: participant.accountId }, 'aria-label': t('room.breakouts.groupOf', { name: participant.displayName }) },
        h('option', { value: '' }, t('room.breakouts.mainSession')),
        Array.from({ length: groups }, (_, index) => h('option', { value: String(index + 1), selected: choice === index + 1 },
          t('room.breakouts.groupName', { number: index + 1 }))));
      select.addEventListener('change', () => {
        if (select.value) chosen.set(participant.accountId, Number(select.value));
        else chosen.delete(participant.accountId);
      });
      return h('li', {}, h('label', {}, participant.displayName, ' ', select));
    });
    return h('div', { class: 'stack' }, h('p', { class: 'meta' }, t('room.breakouts.chooseHint')), h('ul', { class: 'breakout-choices' }, rows),
      button('breakout-open-chosen', t('room.breakouts.openChosen'), () => {
        const present = new Set(others.map((p) => p.accountId));
        const planned = Array.from({ length: groups }, (_, index) => ({
          name: t('room.breakouts.groupName', { number: index + 1 }),
          accountIds: [...chosen].filter(([id, group]) => group === index + 1 && present.has(id)).map(([id]) => id),
        })).filter((group) => group.accountIds.length > 0);
        return rooms.openBreakouts(twinSpaceId, roomId, { groups: planned, minutes: minutes.value ? Number(minutes.value) : null });
      }));
  }

  function render(session, { inside, moderator }) {
    last = [session, { inside, moderator }];
    const breakouts = session?.breakouts;
    if (!inside || !session || session.phase === 'ended' || (!breakouts && !moderator)) {
      replaceChildren(element);
      return;
    }
    const mine = breakouts?.groups.find((group) => group.accountIds.includes(myId));
    const name = (id) => session.participants.find((p) => p.accountId === id)?.displayName ?? id;
    const children = [h('h3', {}, t('room.breakouts.title'))];
    if (breakouts) {
      children.push(h('p', { class: 'meta', testid: 'breakout-where' },
        [mine ? t('room.breakouts.inGroup', { name: mine.name }) : t('room.breakouts.inMain'),
          breakouts.endsAt ? t('room.breakouts.endsAt', { time: formatDateTime(breakouts.endsAt) }) : null].filter(Boolean).join(' · ')));
      children.push(h('ul', {}, breakouts.groups.map((group) => h('li', { testid: 'breakout-group' },
        `${group.name}: ${group.accountIds.map(name).join(', ')}`,
        moderator && group !== mine ? [' ', button('breakout-visit', t('room.breakouts.visit'), () => rooms.visitBreakout(twinSpaceId, roomId, group.id))] : null))));
    }
    if (moderator && breakouts) {
      children.push(h('div', { class: 'actions' }, text,
        button('breakout-send', t('room.breakouts.send'), async () => {
          await rooms.sendBreakoutMessage(twinSpaceId, roomId, text.value);
          text.value = '';
        }),
        mine ? button('breakout-main', t('room.breakouts.backToMain'), () => rooms.visitBreakout(twinSpaceId, roomId, null)) : null,
        button('breakout-close', t('room.breakouts.callBack'), () => rooms.closeBreakouts(twinSpaceId, roomId))));
    } else if (moderator) {
      children.push(h('div', { class: 'actions' }, count, minutes,
        button('breakout-open', t('room.breakouts.open'), () =>
          rooms.openBreakouts(twinSpaceId, roomId, { groupCount: Number(count.value), minutes: minutes.value ? Number(minutes.value) : null }))),
        chooser(session));
    }
    replaceChildren(element, children);
  }

  return { element, render };
}
