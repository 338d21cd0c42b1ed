// The live events of a TwinSpace: the list (when, seats, the reader's own seat or waiting place, register and cancel,
// the calendar file), the form teacher administrators plan one with, and one event (live-event.js) when the address
// names it. The server decides every rule (docs/protocol.md, "Live events"); this view shows what it answers.
import { field, h, replaceChildren, withBusy } from '../dom.js';
import { errorLine } from '../error-line.js';
import * as hub from '../hub.js';
import { formatDateTime, t } from '../i18n.js';
import * as live from '../live-events-api.js';
import { can, roleLabel } from '../roles.js';
import { twinSpaceHash } from '../routes.js';
import { renderLiveEvent } from './live-event.js';

// Form defaults: an event of an hour for a class (the platform's events seat 100), starting at the next quarter hour.
const DEFAULT_DURATION_MINUTES = 60;
const DEFAULT_CAPACITY = 100;
const START_STEP_MINUTES = 15;
const MINUTE_MS = 60_000;

/** The IANA time zones this browser knows, with the reader's own first. */
function timeZones() {
  const own = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  const all = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return { own, all: all.includes(own) ? all : [own, ...all] };
}

/** The wall-clock parts of `instant` in `timeZone`, as if that wall clock were UTC (milliseconds). */
function wallClockMs(instant, timeZone) {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
  }).formatToParts(new Date(instant));
  const get = (type) => Number(parts.find((part) => part.type === type)?.value);
  return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
}

/** The UTC instant of a `datetime-local` value read in `timeZone` (twice, so a guess across a DST change settles). */
export function zonedToUtc(localValue, timeZone) {
  const [date, time] = localValue.split('T');
  const [year, month, day] = date.split('-').map(Number);
  const [hour, minute] = time.split(':').map(Number);
  const wanted = Date.UTC(year, month - 1, day, hour, minute);
  let guess = wanted - (wallClockMs(wanted, timeZone) - wanted);
  guess = wanted - (wallClockMs(guess, timeZone) - guess);
  return new Date(guess);
}

/** A `datetime-local` value: the next quarter hour in `timeZone`. */
function defaultStart(timeZone) {
  const step = START_STEP_MINUTES * MINUTE_MS;
  const next = Math.ceil(Date.now() / step) * step;
  return new Date(wallClockMs(next, timeZone)).toISOString().slice(0, 16);
}

export function renderLiveEvents(ctx) {
  const { twinSpaceId } = ctx;
  let disposed = false;
  let current = null; // { eventId, view }
  /** @type {Map<string, object>} */
  const events = new Map();
  /** @type {Map<string, object>} eventId -> the reader's own registration */
  const mine = new Map();
  const errors = errorLine('live-events-error', { isDisposed: () => disposed });
  const { attempt } = errors;
  const notice = h('p', { class: 'message info', role: 'status', hidden: true, testid: 'live-events-notice' });
  const list = h('ul', { class: 'live-event-list', testid: 'live-event-list' });
  const form = h('div');
  const listSection = h('section', { class: 'card stack', 'aria-labelledby': 'live-events-heading', testid: 'live-events-panel' },
    h('h1', { id: 'live-events-heading' }, t('nav.events')), h('p', { class: 'hint' }, t('liveEvents.intro')), errors.element, notice, list, form);
  const eventHolder = h('div');
  const element = h('div', { class: 'stack' }, listSection, eventHolder);


  async function load() {
    await attempt(async () => {
      const [found, registrations] = await Promise.all([live.listEvents(twinSpaceId), live.listMyRegistrations(twinSpaceId)]);
      if (disposed) return;
      events.clear();
      for (const event of found) events.set(event.id, event);
      mine.clear();
      for (const registration of registrations) mine.set(registration.eventId, registration);
      renderList();
    });
  }

  function renderList() {
    const sorted = [...events.values()].sort((a, b) => new Date(a.startsAt) - new Date(b.startsAt));
    replaceChildren(list, sorted.length === 0 ? h('li', { class: 'hint' }, t('liveEvents.none')) : sorted.map(eventRow));
  }

  function eventRow(event) {
    const registration = mine.get(event.id);
    const ended = event.state === 'ended';
    const actions = [];
    actions.push(h('a', { href: twinSpaceHash(twinSpaceId, 'events', undefined, event.id), class: 'button', testid: 'live-event-open' },
      ended ? t('liveEvents.openSummary') : t('liveEvents.open')));
    if (!ended && !registration) {
      actions.push(button('live-event-register', t('liveEvents.register'), async () => applyRegistration(await live.register(twinSpaceId, event.id))));
    }
    if (!ended && registration) {
      actions.push(button('live-event-cancel', t('liveEvents.cancelRegistration'), async () => {
        const cancelled = await live.cancelRegistration(twinSpaceId, event.id);
        mine.delete(event.id);
        if (cancelled) applyRegistration(cancelled);
        else renderList();
      }));
    }
    actions.push(button('live-event-calendar', t('liveEvents.calendar'), () => live.download(twinSpaceId, event.id, 'calendar.ics')));
    return h('li', { class: 'card stack live-event-row', testid: 'live-event-row', dataset: { eventId: event.id } },
      h('h2', {}, event.title, ' ', stateBadge(event)),
      event.description ? h('p', {}, event.description) : null,
      h('p', { class: 'meta' }, whenText(event)),
      h('p', { class: 'meta', testid: 'live-event-seats' }, t('liveEvents.seats', { count: event.registeredCount, capacity: event.capacity }),
        event.waitlistCount ? [' · ', t('liveEvents.waitingCount', { count: event.waitlistCount })] : null,
        ' · ', t(`liveEvents.audience.${event.audience}`)),
      registration ? h('p', { class: 'message info', testid: 'live-event-my-status' }, registrationText(registration)) : null,
      h('div', { class: 'actions' }, actions));
  }

  function button(testid, text, action) {
    const node = h('button', { type: 'button', testid }, text);
    node.addEventListener('click', () => withBusy(node, text, () => attempt(action)));
    return node;
  }

  function applyRegistration(registration) {
    if (registration.status === 'cancelled') mine.delete(registration.eventId);
    else mine.set(registration.eventId, registration);
    renderList();
  }

  function renderForm() {
    if (!ctx.allowed('manageLiveEvents')) {
      replaceChildren(form);
      return;
    }
    const zones = timeZones();
    const title = h('input', { type: 'text', maxLength: 150, required: true, testid: 'live-event-title' });
    const description = h('textarea', { rows: 3, maxLength: 4000, testid: 'live-event-description' });
    const zone = h('select', { testid: 'live-event-timezone' }, zones.all.map((name) => h('option', { value: name, selected: name === zones.own }, name)));
    const startsAt = h('input', { type: 'datetime-local', required: true, value: defaultStart(zones.own), testid: 'live-event-starts-at' });
    const duration = h('input', { type: 'number', min: 1, max: 480, required: true, value: String(DEFAULT_DURATION_MINUTES), testid: 'live-event-duration' });
    const capacity = h('input', { type: 'number', min: 1, max: 10000, required: true, value: String(DEFAULT_CAPACITY), testid: 'live-event-capacity' });
    const audience = h('select', { testid: 'live-event-audience' },
      ['members', 'publicTeachers'].map((value) => h('option', { value }, t(`liveEvents.audience.${value}`))));
    const coHosts = ctx.members().filter((member) => member.accountId !== ctx.account.id && can(member.role, 'hostLiveEvents'))
      .map((member) => h('label', { class: 'checkbox' },
        h('input', { type: 'checkbox', value: member.accountId, testid: 'live-event-cohost' }), `${member.displayName} (${roleLabel(member.role)})`));
    const submit = h('button', { type: 'submit', class: 'primary', testid: 'live-event-create' }, t('liveEvents.create'));
    replaceChildren(form, h('form', {
      class: 'stack', testid: 'live-event-form', onsubmit: (event) => {
        event.preventDefault();
        withBusy(submit, t('common.creating'), () => attempt(async () => {
          const created = await live.createEvent(twinSpaceId, {
            title: title.value, description: description.value, startsAt: zonedToUtc(startsAt.value, zone.value).toISOString(),
            durationMinutes: Number(duration.value), timeZone: zone.value, capacity: Number(capacity.value), audience: audience.value,
            coHostIds: coHosts.map((label) => label.querySelector('input')).filter((box) => box.checked).map((box) => box.value),
          });
          events.set(created.id, created);
          ctx.navigate(twinSpaceHash(twinSpaceId, 'events', undefined, created.id));
        }));
      },
    }, h('h2', {}, t('liveEvents.new')),
    field(t('liveEvents.title'), title), field(t('liveEvents.description'), description),
    field(t('liveEvents.timeZone'), zone), field(t('liveEvents.start'), startsAt, t('liveEvents.startHint')),
    field(t('liveEvents.duration'), duration), field(t('liveEvents.capacity'), capacity, t('liveEvents.capacityHint')),
    field(t('liveEvents.audience'), audience),
    coHosts.length ? h('fieldset', { class: 'stack' }, h('legend', {}, t('liveEvents.coHosts')), coHosts) : null, submit));
  }

  function show(eventId) {
    if (current && current.eventId === eventId) return;
    current?.view.dispose();
    current = null;
    replaceChildren(eventHolder);
    listSection.hidden = Boolean(eventId);
    if (!eventId) {
      load();
      renderForm();
      return;
    }
    const view = renderLiveEvent({ ctx, eventId, registration: () => mine.get(eventId), onRegistration: applyRegistration });
    current = { eventId, view };
    eventHolder.append(view.element);
  }

  const unsubscribers = [
    hub.on('LiveEventChanged', ({ twinSpaceId: id, event }) => {
      if (disposed || id !== twinSpaceId) return;
      events.set(event.id, event);
      renderList();
      current?.view.applyEvent(event);
    }),
    hub.on('LiveRegistrationChanged', ({ twinSpaceId: id, registration }) => {
      if (disposed || id !== twinSpaceId) return;
      applyRegistration(registration);
      if (registration.status === 'registered') {
        notice.textContent = t('liveEvents.promoted', { title: events.get(registration.eventId)?.title ?? '' });
        notice.hidden = false;
      }
      current?.view.applyRegistration(registration);
    }),
    hub.onReconnected(() => { if (!current) load(); }),
  ];

  return {
    element,
    refresh(eventId) {
      show(eventId);
    },
    canLeave: () => true,
    dispose() {
      disposed = true;
      for (const unsubscribe of unsubscribers) unsubscribe();
      current?.view.dispose();
    },
  };
}

/** "Starts 12/03/2026, 15:00 (Europe/Lisbon) · your time 16:00 · 60 minutes". */
export function whenText(event) {
  const inZone = formatDateTime(event.startsAt, 'long', event.timeZone);
  const local = formatDateTime(event.startsAt, 'long');
  return [t('liveEvents.startsAt', { time: inZone, zone: event.timeZone }),
    local !== inZone ? t('liveEvents.yourTime', { time: local }) : null,
    t('liveEvents.minutes', { count: event.durationMinutes })].filter(Boolean).join(' · ');
}

export function stateBadge(event) {
  return h('span', { class: `badge live-state-${event.state}`, testid: 'live-event-state' }, t(`liveEvents.state.${event.state}`));
}

export function registrationText(registration) {
  return registration.status === 'waitlisted'
    ? t('liveEvents.myWaitlisted', { position: registration.waitlistPosition ?? 1 })
    : t('liveEvents.myRegistered');
}
