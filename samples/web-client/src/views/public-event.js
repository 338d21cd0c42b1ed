// One public event, for a teacher who attends it as a guest (not a member of its TwinSpace; a member may use it too):
// the live event view (live-event.js) without the TwinSpace around it. What a guest may know of the event before
// entering comes from the public list: title, TwinSpace title, start, seats and their own registration.
import * as hub from '../hub.js';
import { t } from '../i18n.js';
import * as live from '../live-events-api.js';
import { PUBLIC_EVENTS_HASH } from '../routes.js';
import { renderLiveEvent } from './live-event.js';

/** The listed event in the shape of a LiveEventView, until entering brings the real one. */
function asLiveEvent(listed) {
  return {
    id: listed.eventId, twinSpaceId: listed.twinSpaceId, title: listed.title, description: '', startsAt: listed.startsAt,
    durationMinutes: listed.durationMinutes, timeZone: listed.timeZone, capacity: listed.capacity, audience: 'publicTeachers',
    hostIds: [], coHostIds: [], presenterIds: [], state: listed.state, startedAt: null, endedAt: null,
    registeredCount: listed.capacity - listed.seatsLeft, waitlistCount: listed.waitlistCount, chatChannelId: '',
  };
}

/**
 * @param {{ twinSpaceId: string, eventId: string, account: object, navigate: (hash: string) => void, setTitle: (title: string) => void }} options
 */
export function renderPublicEvent({ twinSpaceId, eventId, account, navigate, setTitle }) {
  let mine; // the reader's registration, if any
  let twinSpaceTitle = '';
  const ctx = {
    twinSpaceId, account, navigate,
    // A guest holds no role in the TwinSpace: no host tools, no member list; the server decides each call.
    allowed: () => false,
    myRole: () => '',
    members: () => [],
  };

  const apply = (registration) => {
    mine = registration.status === 'cancelled' ? undefined : registration;
    view.applyRegistration(registration);
  };

  const view = renderLiveEvent({
    ctx, eventId,
    registration: () => mine,
    onRegistration: apply,
    guest: {
      backHash: PUBLIC_EVENTS_HASH,
      note: () => t('publicEvents.guestNote', { title: twinSpaceTitle }),
      async loadEvent() {
        const listed = (await live.listPublicEvents()).find((event) => event.twinSpaceId === twinSpaceId && event.eventId === eventId);
        if (!listed) return undefined;
        mine = listed.myRegistration ?? undefined;
        twinSpaceTitle = listed.twinSpaceTitle;
        setTitle(listed.title);
        return asLiveEvent(listed);
      },
    },
  });

  // A freed seat promotes a guest from the waiting list; the server tells the account.
  const unsubscribe = hub.on('LiveRegistrationChanged', ({ twinSpaceId: id, registration }) => {
    if (id === twinSpaceId && registration?.eventId === eventId) apply(registration);
  });

  setTitle(t('publicEvents.title'));
  return {
    element: view.element,
    dispose() {
      unsubscribe();
      view.dispose();
    },
  };
}
