// "Public events": webinars and live quizzes that TwinSpaces open to every validated teacher of the platform. A teacher
// sees when each starts (in their own time zone too), how long it is, the seats left and the waiting list, registers or
// cancels, and opens the event: in their own TwinSpace as a member, otherwise as a guest (public-event.js). Pupils never
// come here (main.js keeps them in their TwinSpace); the server refuses teachers whose account is not validated, and
// this view shows its words.
import { h, replaceChildren, withBusy } from '../dom.js';
import { errorLine } from '../error-line.js';
import * as hub from '../hub.js';
import { t } from '../i18n.js';
import * as live from '../live-events-api.js';
import { publicEventHash, twinSpaceHash } from '../routes.js';
import { registrationText, stateBadge, whenText } from './live-events.js';

export function renderPublicEvents() {
  let disposed = false;
  /** @type {object[]} */
  let events = [];
  const memberOf = new Set(); // TwinSpaces the reader is a member of: their events open inside the TwinSpace.
  const hiddenCalendars = new Set(); // events whose calendar file the server refused this reader
  const errors = errorLine('public-events-error', { isDisposed: () => disposed });
  const notice = h('p', { class: 'message info', role: 'status', hidden: true, testid: 'public-events-notice' });
  const list = h('ul', { class: 'live-event-list', testid: 'public-event-list', 'aria-busy': 'true' });
  const element = h('section', { class: 'card stack', 'aria-labelledby': 'public-events-heading', testid: 'public-events-panel' },
    h('a', { href: '#/twinspaces', testid: 'public-events-back' }, t('nav.myTwinSpaces')),
    h('h1', { id: 'public-events-heading' }, t('publicEvents.title')),
    h('p', { class: 'hint' }, t('publicEvents.intro')), errors.element, notice, list);

  async function load() {
    const found = await errors.attempt(() => live.listPublicEvents());
    if (disposed) return;
    list.removeAttribute('aria-busy');
    if (!found) {
      replaceChildren(list);
      return;
    }
    // Only which link to give: without the list, every event opens as a guest, which members may use as well.
    const mine = await hub.listMyTwinSpaces().catch(() => []);
    if (disposed) return;
    memberOf.clear();
    for (const twinSpace of mine) memberOf.add(twinSpace.id);
    events = found;
    render();
  }

  function render() {
    replaceChildren(list, events.length === 0 ? h('li', { class: 'hint', testid: 'public-events-none' }, t('publicEvents.none')) : events.map(row));
  }

  function eventLink(event) {
    return memberOf.has(event.twinSpaceId)
      ? twinSpaceHash(event.twinSpaceId, 'events', undefined, event.eventId)
      : publicEventHash(event.twinSpaceId, event.eventId);
  }

  function row(event) {
    const registration = event.myRegistration;
    const actions = [h('a', { href: eventLink(event), class: 'button', testid: 'public-event-open' }, t('liveEvents.open'))];
    if (!registration) {
      const full = event.seatsLeft === 0;
      actions.push(button('public-event-register', full ? t('publicEvents.joinWaitlist') : t('liveEvents.register'),
        () => live.register(event.twinSpaceId, event.eventId)));
    } else {
      actions.push(button('public-event-cancel', t('liveEvents.cancelRegistration'), () => live.cancelRegistration(event.twinSpaceId, event.eventId)));
    }
    if (!hiddenCalendars.has(event.eventId)) actions.push(calendarButton(event));
    return h('li', { class: 'card stack live-event-row', testid: 'public-event-row', dataset: { eventId: event.eventId } },
      h('h2', {}, event.title, ' ', stateBadge(event)),
      h('p', { class: 'meta', testid: 'public-event-twinspace' }, t('publicEvents.in', { title: event.twinSpaceTitle })),
      h('p', { class: 'meta', testid: 'public-event-when' }, whenText(event)),
      h('p', { class: 'meta', testid: 'public-event-seats' }, t('publicEvents.seatsLeft', { count: event.seatsLeft, capacity: event.capacity }),
        event.waitlistCount ? [' · ', t('liveEvents.waitingCount', { count: event.waitlistCount })] : null),
      registration ? h('p', { class: 'message info', testid: 'public-event-my-status' }, registrationText(registration)) : null,
      h('div', { class: 'actions' }, actions));
  }

  /** A registration change: the list is read again, so seats and waiting places are the server's. */
  function button(testid, text, action) {
    const node = h('button', { type: 'button', testid }, text);
    node.addEventListener('click', () => withBusy(node, text, async () => {
      if ((await errors.attempt(async () => ({ result: await action() }))) !== undefined) await load();
    }));
    return node;
  }

  // The calendar file is a TwinSpace route; where it is refused to a guest, the button goes away without an error.
  function calendarButton(event) {
    const label = t('liveEvents.calendar');
    const node = h('button', { type: 'button', testid: 'public-event-calendar' }, label);
    node.addEventListener('click', () => withBusy(node, label, async () => {
      errors.clear();
      try {
        await live.download(event.twinSpaceId, event.eventId, 'calendar.ics');
      } catch (error) {
        if (error?.code !== 'forbidden') errors.show(error);
        else if (!disposed) {
          hiddenCalendars.add(event.eventId);
          render();
        }
      }
    }));
    return node;
  }

  const unsubscribers = [
    hub.on('LiveRegistrationChanged', ({ registration }) => {
      if (disposed || registration?.status !== 'registered') return;
      const event = events.find((candidate) => candidate.eventId === registration.eventId);
      if (!event) return;
      notice.textContent = t('liveEvents.promoted', { title: event.title });
      notice.hidden = false;
      load();
    }),
    hub.onReconnected(load),
  ];

  load();
  return {
    element,
    dispose() {
      disposed = true;
      for (const unsubscribe of unsubscribers) unsubscribe();
    },
  };
}
