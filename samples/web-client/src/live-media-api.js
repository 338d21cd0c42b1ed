// Typed wrappers for the live event media methods of docs/protocol.md ("Live events", media).
import { invoke } from './hub.js';

export const getMedia = (twinSpaceId, eventId) => invoke('GetLiveEventMedia', twinSpaceId, eventId);
export const publishMedia = (twinSpaceId, eventId, offer) => invoke('PublishLiveEventMedia', twinSpaceId, eventId, offer);
export const subscribeMedia = (twinSpaceId, eventId, feedAccountId) => invoke('SubscribeLiveEventMedia', twinSpaceId, eventId, feedAccountId);
export const sendMediaSignal = (twinSpaceId, eventId, toAccountId, kind, payload) =>
  invoke('SendLiveEventMediaSignal', twinSpaceId, eventId, { toAccountId, kind, payload });
