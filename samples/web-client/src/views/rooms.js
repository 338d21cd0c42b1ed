// The rooms of a TwinSpace: the list (the rooms the reader may enter; teachers see them all) with a form for
// teachers to make one, and one room (room.js) when the address names it.
import { field, h, replaceChildren, withBusy } from '../dom.js';
import { errorLine } from '../error-line.js';
import * as hub from '../hub.js';
import { t } from '../i18n.js';
import * as rooms from '../rooms-api.js';
import { can, roleLabel } from '../roles.js';
import { twinSpaceHash } from '../routes.js';
import { renderRoom } from './room.js';

export function renderRooms(ctx) {
  const { twinSpaceId } = ctx;
  let disposed = false;
  let current = null; // { roomId, view }
  const errors = errorLine('rooms-error', { isDisposed: () => disposed });
  const list = h('ul', { class: 'room-list', testid: 'room-list' });
  const form = h('div');
  const listSection = h('section', { class: 'card stack', 'aria-labelledby': 'rooms-heading', testid: 'rooms-panel' },
    h('h1', { id: 'rooms-heading' }, t('nav.rooms')), h('p', { class: 'hint' }, t('rooms.intro')), errors.element, list, form);
  const roomHolder = h('div');
  const element = h('div', { class: 'stack' }, listSection, roomHolder);

  async function load() {
    await errors.attempt(async () => {
      const found = await rooms.listRooms(twinSpaceId);
      if (disposed) return;
      replaceChildren(list, found.length === 0 ? h('li', { class: 'hint' }, t('rooms.none')) : found.map((room) => h('li', { class: 'room-row', testid: 'room-row' },
        h('a', { href: twinSpaceHash(twinSpaceId, 'rooms', undefined, room.id), testid: 'room-open' }, room.title),
        ' ', h('span', { class: 'meta' }, t('rooms.memberCount', { count: room.members.length })),
        room.sessionLive ? h('span', { class: 'badge live', testid: 'room-live' }, t('rooms.live')) : null,
        room.isArchived ? h('span', { class: 'badge' }, t('rooms.archived')) : null)));
    });
  }

  function renderForm() {
    if (!ctx.allowed('createRooms')) {
      replaceChildren(form);
      return;
    }
    const title = h('input', { type: 'text', maxLength: 100, required: true, testid: 'room-title' });
    const description = h('textarea', { rows: 2, testid: 'room-description' });
    const others = ctx.members().filter((member) => member.accountId !== ctx.account.id);
    const picks = others.map((member) => h('label', { class: 'check' },
      h('input', { type: 'checkbox', value: member.accountId, testid: 'room-member-pick' }), ' ',
      `${member.displayName} (${roleLabel(member.role)})`));
    const submit = h('button', { type: 'submit', class: 'primary', testid: 'room-create' }, t('rooms.create'));
    replaceChildren(form, h('form', {
      class: 'stack', testid: 'room-form', onsubmit: (event) => {
        event.preventDefault();
        const memberIds = picks.map((label) => label.querySelector('input')).filter((box) => box.checked).map((box) => box.value);
        withBusy(submit, t('common.creating'), () => errors.attempt(async () => {
          const created = await rooms.createRoom(twinSpaceId, title.value, description.value, null, memberIds);
          ctx.navigate(twinSpaceHash(twinSpaceId, 'rooms', undefined, created.id));
        }));
      },
    }, h('h2', {}, t('rooms.new')), field(t('rooms.title'), title), field(t('rooms.description'), description),
    picks.length ? h('fieldset', { class: 'stack' }, h('legend', {}, t('rooms.members')), picks) : null, submit));
  }

  function show(roomId) {
    if (current && current.roomId === roomId) return;
    current?.view.dispose();
    current = null;
    replaceChildren(roomHolder);
    listSection.hidden = Boolean(roomId);
    if (!roomId) {
      load();
      renderForm();
      return;
    }
    const view = renderRoom({ ctx, roomId, mayHost: () => ctx.allowed('hostRoomSessions') && can(ctx.myRole(), 'hostRoomSessions') });
    current = { roomId, view };
    roomHolder.append(view.element);
  }

  const unsubscribers = [
    hub.on('RoomChanged', ({ room }) => {
      if (!disposed && room.twinSpaceId === twinSpaceId && !current) load();
    }),
    // Taken out of a room: it leaves the list, and its view if it is open.
    hub.on('RoomRemoved', (removal) => {
      if (disposed || removal.twinSpaceId !== twinSpaceId) return;
      if (current?.roomId === removal.roomId) ctx.navigate(twinSpaceHash(twinSpaceId, 'rooms'));
      else if (!current) load();
    }),
  ];

  return {
    element,
    refresh(roomId) {
      show(roomId);
    },
    canLeave: () => !current || current.view.canLeave(),
    dispose() {
      disposed = true;
      for (const unsubscribe of unsubscribers) unsubscribe();
      current?.view.dispose();
    },
  };
}
