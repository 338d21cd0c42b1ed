// One live event: before it a lobby (attendees wait until a host starts, pupils until a teacher is there too), during it
// polls and quiz questions (live-polls.js), questions and answers (live-questions.js) and raised hands, afterwards its
// summary and, for hosts, the attendance and results files. The server decides who is in (docs/protocol.md, "Live
// events"); when it says the lobby changed, a reader still waiting asks to come in again.
// A guest (a teacher who is not a member, in a public event) reaches only the event's own methods: the event comes from
// the public list, there is no summary afterwards, and a part the server refuses them (`forbidden`: the chat, the
// stage, the calendar file) is left out without a word.
import { h, replaceChildren, withBusy } from '../dom.js';
import { errorLine } from '../error-line.js';
import * as hub from '../hub.js';
import { t } from '../i18n.js';
import * as live from '../live-events-api.js';
import { twinSpaceHash } from '../routes.js';
import { renderChatPanel } from './chat.js';
import { registrationText, stateBadge, whenText } from './live-events.js';
import { createLivePolls } from './live-polls.js';
import { createLiveQuestions } from './live-questions.js';
import { createLiveStage } from './live-stage.js';

const HOST_ROLES = ['host', 'coHost'];

/**
 * `guest`, for a reader who is not a member: `loadEvent()` gives the event (or undefined when it is not listed),
 * `backHash` where the back link goes, `note()` a line about where the event comes from.
 * @param {{ ctx: object, eventId: string, registration: () => object|undefined, onRegistration: (registration: object) => void,
 *           guest?: { loadEvent: () => Promise<object|undefined>, backHash: string, note: () => string } }} options
 */
export function renderLiveEvent({ ctx, eventId, registration, onRegistration, guest }) {
  const { twinSpaceId, account } = ctx;
  const state = { event: null, where: 'outside', role: null, lobbyReason: null, hands: [], registrations: null, joining: false, enterAgain: false };
  let disposed = false;
  // Parts the server refused this reader; they stay away until the view is opened again.
  const refused = new Set();

  const amHost = () => HOST_ROLES.includes(state.role)
    || Boolean(state.event && (state.event.hostIds.includes(account.id) || state.event.coHostIds.includes(account.id)))
    || ctx.allowed('manageLiveEvents');
  const hostInside = () => state.where === 'inside' && HOST_ROLES.includes(state.role);

  const errors = errorLine('live-event-error', { isDisposed: () => disposed });
  const { attempt } = errors;
  const heading = h('h1', { id: 'live-event-heading', testid: 'live-event-heading' });
  const badge = h('span');
  const description = h('p', { class: 'description' });
  const note = h('p', { class: 'hint', testid: 'live-event-guest-note', hidden: !guest });
  const when = h('p', { class: 'meta' });
  const status = h('p', { class: 'message info', role: 'status', testid: 'live-event-status' });
  const actions = h('div', { class: 'actions' });
  const hostTools = h('div', { class: 'stack' });
  const handsHolder = h('div', { class: 'stack', testid: 'live-hands' });
  const polls = createLivePolls({ twinSpaceId, eventId, account, isHost: hostInside, attempt });
  const questions = createLiveQuestions({ twinSpaceId, eventId, isHost: hostInside, attempt });
  const stage = createLiveStage({ twinSpaceId, eventId, account, attempt });
  const liveParts = h('div', { class: 'stack', hidden: true }, stage.element, polls.element, questions.element);
  // The event's chat (hosts and seated attendees; read-only after the end), made once the reader is in.
  let chat = null;
  const element = h('div', { class: 'stack live-event', testid: 'live-event-view' },
    h('section', { class: 'card stack', 'aria-labelledby': 'live-event-heading' },
      h('a', { href: guest ? guest.backHash : twinSpaceHash(twinSpaceId, 'events'), testid: 'live-event-back' },
        guest ? t('publicEvents.back') : t('liveEvent.back')),
      h('div', { class: 'live-heading' }, heading, badge), note, when, description, errors.element, status, actions, handsHolder, hostTools),
    liveParts);

  /** Runs a call of a part a guest may be refused: a `forbidden` takes the part away quietly. */
  async function optional(part, action) {
    errors.clear();
    try {
      return await action();
    } catch (error) {
      if (guest && error?.code === 'forbidden') {
        refused.add(part);
        render();
      } else if (!disposed) {
        errors.show(error);
      }
      return undefined;
    }
  }

  function button(testid, text, action, extra = {}) {
    const node = h('button', { type: 'button', testid, ...extra }, text);
    node.addEventListener('click', () => withBusy(node, text, () => attempt(action)));
    return node;
  }

  function statusText() {
    const event = state.event;
    if (event.state === 'ended') return guest ? t('publicEvents.ended') : t('liveEvent.ended');
    if (state.where === 'lobby') return state.lobbyReason === 'waiting_for_teacher' ? t('liveEvent.lobbyTeacher') : t('liveEvent.lobbyHost');
    if (state.where === 'inside') return event.state === 'live' ? t('liveEvent.liveInside') : t('liveEvent.hostEarly');
    const mine = registration();
    if (mine) return registrationText(mine);
    return amHost() ? t('liveEvent.hostOutside') : t('liveEvent.notRegistered');
  }

  function render() {
    const event = state.event;
    if (!event) return;
    heading.textContent = event.title;
    if (guest) note.textContent = guest.note();
    replaceChildren(badge, stateBadge(event));
    description.textContent = event.description;
    when.textContent = whenText(event);
    status.textContent = statusText();
    const ended = event.state === 'ended';
    const buttons = [];
    if (!ended && state.where === 'outside' && !registration() && !amHost()) {
      buttons.push(button('live-event-register', t('liveEvents.register'), async () => onRegistration(await live.register(twinSpaceId, eventId))));
    }
    if (!ended && state.where === 'outside' && (registration()?.status === 'registered' || amHost())) {
      buttons.push(button('live-event-enter', t('liveEvent.enter'), enter, { class: 'primary' }));
    }
    if (hostInside() && event.state === 'scheduled') buttons.push(button('live-event-start', t('liveEvent.start'), async () => applyEvent(await live.start(twinSpaceId, eventId)), { class: 'primary' }));
    if (hostInside() && event.state === 'live') buttons.push(button('live-event-end', t('liveEvent.end'), async () => applyEvent(await live.end(twinSpaceId, eventId)), { class: 'danger' }));
    if (state.where === 'inside' && event.state === 'live') {
      const raised = state.hands.some((hand) => hand.accountId === account.id);
      buttons.push(button('live-hand', raised ? t('liveEvent.lowerHand') : t('liveEvent.raiseHand'), async () => {
        applyHands(await (raised ? live.lowerHand(twinSpaceId, eventId) : live.raiseHand(twinSpaceId, eventId)));
      }, { 'aria-pressed': String(raised) }));
    }
    if (state.where !== 'outside') buttons.push(button('live-event-leave', t('liveEvent.leave'), leave));
    if (guest && !ended && !refused.has('calendar')) {
      const label = t('liveEvents.calendar');
      const node = h('button', { type: 'button', testid: 'live-event-calendar' }, label);
      node.addEventListener('click', () => withBusy(node, label, () => optional('calendar', () => live.download(twinSpaceId, eventId, 'calendar.ics'))));
      buttons.push(node);
    }
    if (amHost()) {
      buttons.push(button('live-event-attendance', t('liveEvent.downloadAttendance'), () => live.download(twinSpaceId, eventId, 'attendance.csv')));
      buttons.push(button('live-event-results', t('liveEvent.downloadResults'), () => live.download(twinSpaceId, eventId, 'results.csv')));
    }
    replaceChildren(actions, buttons);
    renderHands();
    renderHostTools();
    liveParts.hidden = !(state.where === 'inside' || ended);
    if (!liveParts.hidden && !chat && event.chatChannelId && !refused.has('chat')) {
      chat = renderChatPanel({
        twinSpaceId, account, role: ctx.myRole(), members: ctx.members, channelId: event.chatChannelId,
        headingId: 'live-chat-heading', headingLevel: 'h2', guest: Boolean(guest),
        onRefused: () => {
          refused.add('chat');
          chat?.dispose();
          chat?.element.remove();
          chat = null;
        },
      });
      liveParts.append(chat.element);
    }
    stage.setMode({
      on: state.where === 'inside' && event.state === 'live',
      canPresent: [...event.hostIds, ...event.coHostIds, ...event.presenterIds].includes(account.id),
      presenterIds: [...event.hostIds, ...event.coHostIds, ...event.presenterIds],
    });
    polls.setMode({ inside: state.where === 'inside' && event.state === 'live', ended });
    questions.setMode({ inside: state.where === 'inside' && event.state === 'live', ended });
  }

  function renderHands() {
    if (state.where !== 'inside' || state.event.state !== 'live') {
      replaceChildren(handsHolder);
      return;
    }
    const place = state.hands.findIndex((hand) => hand.accountId === account.id);
    if (!hostInside()) {
      replaceChildren(handsHolder, place >= 0 ? h('p', { class: 'meta', testid: 'live-my-hand' }, t('liveEvent.handPlace', { position: place + 1 })) : null);
      return;
    }
    replaceChildren(handsHolder, h('h2', {}, t('liveEvent.hands')), state.hands.length === 0
      ? h('p', { class: 'hint' }, t('liveEvent.noHands'))
      : h('ol', {}, state.hands.map((hand) => h('li', { testid: 'live-raised-hand' }, hand.displayName, ' ',
        button('live-hand-lower', t('liveEvent.lowerHandOf', { name: hand.displayName }), async () => applyHands(await live.lowerHand(twinSpaceId, eventId, hand.accountId)), { class: 'link-button' }),
        state.event.presenterIds.includes(hand.accountId) ? null
          : button('live-promote', t('liveEvent.promote', { name: hand.displayName }), () => live.promotePresenter(twinSpaceId, eventId, hand.accountId), { class: 'link-button' })))));
  }

  function renderHostTools() {
    if (!hostInside() || state.event.state === 'ended') {
      replaceChildren(hostTools);
      return;
    }
    const list = state.registrations;
    replaceChildren(hostTools, h('details', { class: 'stack', testid: 'live-registrations',
      ontoggle: (event) => { if (event.target.open) loadRegistrations(); } },
    h('summary', {}, t('liveEvent.registrations')),
    list === null ? h('p', { class: 'hint' }, t('common.loading')) : h('ol', {}, list.map((entry) => h('li', { testid: 'live-registration' },
      entry.displayName, ' ', h('span', { class: 'meta' }, entry.status === 'waitlisted'
        ? t('liveEvent.waitlistedAt', { position: entry.waitlistPosition ?? 1 }) : t('liveEvent.hasSeat')))))));
    hostTools.querySelector('details').open = list !== null;
  }

  async function loadRegistrations() {
    if (state.registrations !== null) return;
    const list = await attempt(() => live.listRegistrations(twinSpaceId, eventId));
    if (!list || disposed) return;
    state.registrations = list;
    renderHostTools();
  }

  function applyHands(hands) {
    if (!hands) return;
    state.hands = hands;
    render();
  }

  async function enter() {
    // The lobby can change while a join is on its way (a teacher comes in, then the host starts at once): the answer
    // on its way may already be out of date, so ask once more after it instead of dropping the news.
    if (state.joining) {
      state.enterAgain = true;
      return;
    }
    state.joining = true;
    state.enterAgain = false;
    try {
      const joined = await live.join(twinSpaceId, eventId);
      if (disposed) return;
      state.event = joined.event;
      state.role = joined.role;
      if (!joined.admitted) {
        state.where = 'lobby';
        state.lobbyReason = joined.lobbyReason;
      } else {
        state.where = 'inside';
        state.lobbyReason = null;
        state.hands = joined.hands;
        polls.reset(joined.polls);
        questions.reset(joined.questions);
        await polls.loadLeaderboard();
      }
      render();
    } finally {
      state.joining = false;
      if (state.enterAgain && !disposed && state.where === 'lobby') attempt(enter);
    }
  }

  async function leave() {
    const was = state.where;
    state.where = 'outside';
    render();
    if (was !== 'outside') await live.leave(twinSpaceId, eventId);
  }

  async function showSummary() {
    const summary = await attempt(() => live.getSummary(twinSpaceId, eventId));
    if (!summary || disposed) return;
    state.event = summary.event;
    polls.reset(summary.polls);
    polls.applyLeaderboard(summary.leaderboard);
    questions.reset(summary.questions);
    render();
  }

  function applyEvent(event) {
    if (event.id !== eventId) return;
    const wasEnded = state.event?.state === 'ended';
    const seatsMoved = state.event && (state.event.registeredCount !== event.registeredCount || state.event.waitlistCount !== event.waitlistCount);
    state.event = event;
    // A host looking at the registrations sees them change as people register and cancel.
    if (seatsMoved && state.registrations !== null) {
      state.registrations = null;
      loadRegistrations();
    }
    if (event.state === 'ended' && !wasEnded) {
      const was = state.where;
      state.where = 'outside';
      if (was !== 'outside') live.leave(twinSpaceId, eventId).catch(() => {});
      if (!guest) showSummary();
    }
    render();
  }

  const ours = (handler) => (payload) => {
    if (!disposed && payload?.twinSpaceId === twinSpaceId && payload?.eventId === eventId) handler(payload);
  };

  const unsubscribers = [
    hub.on('LiveLobbyChanged', ours(({ state: eventState }) => {
      if (!state.event) return;
      if (eventState === 'ended') applyEvent({ ...state.event, state: 'ended' });
      else if (state.where === 'lobby') attempt(enter);
      else applyEvent({ ...state.event, state: eventState });
    })),
    hub.on('LivePollChanged', ours(({ poll }) => polls.applyPoll(poll))),
    hub.on('LiveTallyChanged', ours((tally) => polls.applyTally(tally))),
    hub.on('LiveLeaderboardChanged', ours(({ leaderboard }) => polls.applyLeaderboard(leaderboard))),
    hub.on('LiveQuestionChanged', ours(({ question }) => questions.apply(question))),
    hub.on('LiveHandsChanged', ours(({ hands }) => applyHands(hands))),
    // Groups are lost on reconnect: whoever was in the event or its lobby asks to come in again.
    hub.onReconnected(() => {
      if (state.where !== 'outside') attempt(enter);
      else open();
    }),
  ];

  async function findEvent() {
    if (guest) return guest.loadEvent();
    return (await live.listEvents(twinSpaceId)).find((candidate) => candidate.id === eventId);
  }

  async function open() {
    const found = await attempt(async () => ({ event: await findEvent() }));
    if (!found || disposed) return;
    if (!found.event) {
      errors.show(guest ? t('publicEvents.notFound') : t('liveEvent.notFound'));
      return;
    }
    state.event = found.event;
    if (found.event.state === 'ended' && !guest) await showSummary();
    render();
  }

  open();
  return {
    element,
    applyEvent,
    applyRegistration: () => render(),
    dispose() {
      disposed = true;
      for (const unsubscribe of unsubscribers) unsubscribe();
      polls.dispose();
      stage.dispose();
      chat?.dispose();
      if (state.where !== 'outside') live.leave(twinSpaceId, eventId).catch(() => {});
    },
  };
}
