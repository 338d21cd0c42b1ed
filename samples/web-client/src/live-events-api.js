// Typed wrappers for the Live events methods and files of docs/protocol.md ("Live events").
import { downloadFile } from './api.js';
import { invoke } from './hub.js';

export const listEvents = (twinSpaceId) => invoke('ListLiveEvents', twinSpaceId);
/** Upcoming public events of every TwinSpace (validated teachers only), each with the caller's own registration. */
export const listPublicEvents = () => invoke('ListPublicLiveEvents');
export const createEvent = (twinSpaceId, request) => invoke('CreateLiveEvent', twinSpaceId, request);
export const register = (twinSpaceId, eventId) => invoke('RegisterForLiveEvent', twinSpaceId, eventId);
export const cancelRegistration = (twinSpaceId, eventId) => invoke('CancelLiveEventRegistration', twinSpaceId, eventId);
export const listMyRegistrations = (twinSpaceId) => invoke('ListMyLiveEventRegistrations', twinSpaceId);
export const listRegistrations = (twinSpaceId, eventId) => invoke('ListLiveEventRegistrations', twinSpaceId, eventId);
export const join = (twinSpaceId, eventId) => invoke('JoinLiveEvent', twinSpaceId, eventId);
export const leave = (twinSpaceId, eventId) => invoke('LeaveLiveEvent', twinSpaceId, eventId);
export const start = (twinSpaceId, eventId) => invoke('StartLiveEvent', twinSpaceId, eventId);
export const end = (twinSpaceId, eventId) => invoke('EndLiveEvent', twinSpaceId, eventId);
export const openPoll = (twinSpaceId, eventId, request) => invoke('OpenLivePoll', twinSpaceId, eventId, request);
export const closePoll = (twinSpaceId, eventId, pollId) => invoke('CloseLivePoll', twinSpaceId, eventId, pollId);
export const revealAnswer = (twinSpaceId, eventId, pollId) => invoke('RevealLiveQuizAnswer', twinSpaceId, eventId, pollId);
export const vote = (twinSpaceId, eventId, pollId, choices, clientId) =>
  invoke('VoteInLivePoll', twinSpaceId, eventId, { pollId, choices, clientId });
export const getLeaderboard = (twinSpaceId, eventId) => invoke('GetLiveLeaderboard', twinSpaceId, eventId);
export const askQuestion = (twinSpaceId, eventId, text, anonymous) => invoke('AskLiveQuestion', twinSpaceId, eventId, { text, anonymous });
export const upvoteQuestion = (twinSpaceId, eventId, questionId, upvote) => invoke('UpvoteLiveQuestion', twinSpaceId, eventId, questionId, upvote);
export const setQuestionState = (twinSpaceId, eventId, questionId, state) => invoke('SetLiveQuestionState', twinSpaceId, eventId, questionId, state);
export const raiseHand = (twinSpaceId, eventId) => invoke('RaiseLiveHand', twinSpaceId, eventId);
export const lowerHand = (twinSpaceId, eventId, accountId) => invoke('LowerLiveHand', twinSpaceId, eventId, accountId ?? null);
export const promotePresenter = (twinSpaceId, eventId, accountId) => invoke('PromoteLivePresenter', twinSpaceId, eventId, accountId);
export const getSummary = (twinSpaceId, eventId) => invoke('GetLiveEventSummary', twinSpaceId, eventId);

const fileUrl = (twinSpaceId, eventId, file) =>
  `api/twinspaces/${encodeURIComponent(twinSpaceId)}/live-events/${encodeURIComponent(eventId)}/${file}`;

/** Downloads `calendar.ics`, `attendance.csv` or `results.csv` (the routes need the bearer token, so no plain link). */
export const download = (twinSpaceId, eventId, file) => downloadFile(fileUrl(twinSpaceId, eventId, file), file);
