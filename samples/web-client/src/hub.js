// The tab's one connection to /hubs/twinspace: its status for the indicator, typed wrappers for the hub
// methods of docs/protocol.md, and events fanned out to whichever view is showing.
import { HttpTransportType, HubConnectionBuilder, HubConnectionState, LogLevel } from '@microsoft/signalr';
import { getAccessToken, refreshAccessToken } from './api.js';
import { CollabError, fromHub } from './errors.js';
import { getLanguage, onLanguageChange } from './i18n.js';

/** @typedef {'connecting'|'connected'|'reconnecting'|'disconnected'} ConnectionStatus */

// After losing a connection, try again at once, then back off; never give up while someone is logged in.
const RECONNECT_DELAYS_MS = [0, 2_000, 5_000, 10_000];
const MAX_RECONNECT_DELAY_MS = 30_000;
const EVENTS = ['PresenceChanged', 'MemberChanged', 'TwinSpaceChanged', 'AccessRevoked',
  'MaterialProcessing', 'MaterialReady', 'MaterialFailed', 'MaterialChanged', 'MaterialDeleted',
  'MaterialCollectionChanged', 'MaterialCollectionDeleted',
  'ChatMessageReceived', 'ChatMessageChanged', 'ChatTyping', 'ChatChannelAdded',
  'ForumDiscussionCreated', 'ForumThreadCreated', 'ForumThreadChanged', 'ForumPostAdded', 'ForumPostChanged', 'ForumLikesChanged',
  'PageTreeChanged', 'PageUpdated', 'PageAwareness', 'PupilTeamChanged',
  'BulletinPostChanged', 'JournalEntryChanged',
  'RoomChanged', 'RoomRemoved', 'RoomSessionStatus', 'RoomSessionChanged', 'RoomSessionNotice', 'RtcSignal', 'RoomBreakoutMessage', 'RoomMediaPublished',
  'LiveEventChanged', 'LiveLobbyChanged', 'LivePollChanged', 'LiveTallyChanged', 'LiveLeaderboardChanged',
  'LiveQuestionChanged', 'LiveHandsChanged', 'LiveRegistrationChanged', 'LiveEventReminder', 'LiveMediaPublished'];

let connection = null;
let wanted = false;
let startLoop = null;
let wakeStartLoop = null;
/** @type {ConnectionStatus} */
let status = 'disconnected';
const statusListeners = new Set();
const reconnectedListeners = new Set();
const eventListeners = new Map(EVENTS.map((name) => [name, new Set()]));

function retryDelayMs(attempt) {
  return RECONNECT_DELAYS_MS[attempt] ?? MAX_RECONNECT_DELAY_MS;
}

function setStatus(next) {
  if (status === next) return;
  status = next;
  for (const listener of [...statusListeners]) listener(next);
}

export function getStatus() {
  return status;
}

/** Calls `listener(status)` now and on every change. Returns an unsubscribe. */
export function onStatus(listener) {
  statusListeners.add(listener);
  listener(status);
  return () => statusListeners.delete(listener);
}

/** Calls `listener()` after an automatic reconnect, when joined TwinSpaces must be joined again. */
export function onReconnected(listener) {
  reconnectedListeners.add(listener);
  return () => reconnectedListeners.delete(listener);
}

/** Subscribes to a server event (one of EVENTS, the names of docs/protocol.md). */
export function on(eventName, listener) {
  const listeners = eventListeners.get(eventName);
  if (!listeners) throw new Error(`Unknown hub event ${eventName}`);
  listeners.add(listener);
  return () => listeners.delete(listener);
}

// `lang` asks the server for its error messages in the reader's language. The URL is fixed once the connection is
// built (reconnects reuse it), so a later switch is told to the server with SetLanguage, and again after a reconnect.
let urlLanguage = null;
let serverLanguage = null;

function hubUrl() {
  urlLanguage = getLanguage();
  const url = new URL('hubs/twinspace', document.baseURI);
  url.searchParams.set('lang', urlLanguage);
  return url.toString();
}

async function syncLanguage() {
  const target = connection;
  const language = getLanguage();
  if (!target || target.state !== HubConnectionState.Connected || serverLanguage === language) return;
  try {
    await target.invoke('SetLanguage', language);
    if (target === connection) serverLanguage = language;
  } catch {
    // The server keeps the previous language; the next switch or reconnect tries again.
  }
}

onLanguageChange(() => {
  syncLanguage();
});

// A new or reconnected connection reads the URL's language until it is told otherwise.
function connected() {
  serverLanguage = urlLanguage;
  syncLanguage();
}

function build() {
  const built = new HubConnectionBuilder()
    // WebSockets straight away, without the negotiate request: one request per connection, so a load balancer
    // without sticky sessions can send it to any node (docs/operations.md, "Load balancer").
    .withUrl(hubUrl(), { accessTokenFactory: getAccessToken, skipNegotiation: true, transport: HttpTransportType.WebSockets })
    .withAutomaticReconnect({ nextRetryDelayInMilliseconds: (context) => retryDelayMs(context.previousRetryCount) })
    .configureLogging(LogLevel.Warning)
    .build();
  for (const [name, listeners] of eventListeners) {
    built.on(name, (payload) => {
      for (const listener of [...listeners]) listener(payload);
    });
  }
  // A connection replaced by logout/login may still report; only the current one drives the status.
  built.onreconnecting(() => {
    if (built === connection) setStatus('reconnecting');
  });
  built.onreconnected(() => {
    if (built !== connection) return;
    connected();
    setStatus('connected');
    for (const listener of [...reconnectedListeners]) listener();
  });
  built.onclose(() => {
    if (built !== connection) return;
    setStatus('disconnected');
    if (wanted) startWithRetry();
  });
  return built;
}

function waitOrWake(delayMs) {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, delayMs);
    wakeStartLoop = () => {
      clearTimeout(timer);
      resolve();
    };
  });
}

// withAutomaticReconnect only covers connections that were up once; the first start needs its own retries.
function startWithRetry() {
  startLoop ??= (async () => {
    for (let attempt = 0; wanted && connection?.state === HubConnectionState.Disconnected; attempt++) {
      const target = connection;
      setStatus('connecting');
      try {
        await target.start();
        if (target === connection) {
          connected();
          setStatus('connected');
          return;
        }
      } catch (error) {
        if (!wanted) return;
        if (target !== connection) continue; // Logged out and in again meanwhile: start the new one.
        setStatus('disconnected');
        if (error?.statusCode === 401) {
          try {
            await refreshAccessToken();
          } catch {
            return; // The session ended; main.js shows the login page and calls disconnect().
          }
        }
        await waitOrWake(retryDelayMs(attempt + 1));
      }
    }
  })().finally(() => {
    startLoop = null;
    wakeStartLoop = null;
  });
  return startLoop;
}

/** Opens the connection (once per tab) and keeps it open until disconnect(). */
export function connect() {
  wanted = true;
  connection ??= build();
  if (connection.state === HubConnectionState.Disconnected) startWithRetry();
}

/** Closes the connection, e.g. on logout. */
export async function disconnect() {
  wanted = false;
  wakeStartLoop?.();
  const closing = connection;
  connection = null;
  setStatus('disconnected');
  if (closing) await closing.stop().catch(() => {});
}

function whenConnected() {
  if (!wanted || !connection) return Promise.reject(new CollabError('unauthorized'));
  if (connection.state === HubConnectionState.Connected) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const unsubscribe = onStatus((next) => {
      if (next === 'connected') {
        unsubscribe();
        resolve();
      } else if (!wanted) {
        unsubscribe();
        reject(new CollabError('unauthorized'));
      }
    });
  });
}

/** Invokes a hub method once connected; failures become CollabError with the server's code and message. */
export async function invoke(method, ...args) {
  await whenConnected();
  try {
    return await connection.invoke(method, ...args);
  } catch (error) {
    throw fromHub(error);
  }
}

export const listMyTwinSpaces = () => invoke('ListMyTwinSpaces');
export const createTwinSpace = (title, description) => invoke('CreateTwinSpace', { title, description });
export const joinTwinSpace = (twinSpaceId) => invoke('JoinTwinSpace', twinSpaceId);
export const leaveTwinSpace = (twinSpaceId) => invoke('LeaveTwinSpace', twinSpaceId);
export const createInvitation = (twinSpaceId, role) => invoke('CreateInvitation', twinSpaceId, { role });
export const acceptInvitation = (token) => invoke('AcceptInvitation', token);
export const changeRole = (twinSpaceId, accountId, role) => invoke('ChangeRole', twinSpaceId, accountId, role);
export const removeMember = (twinSpaceId, accountId) => invoke('RemoveMember', twinSpaceId, accountId);
export const createPupils = (twinSpaceId, nicknames) => invoke('CreatePupils', twinSpaceId, { nicknames });
export const resetPupilPassword = (twinSpaceId, accountId) => invoke('ResetPupilPassword', twinSpaceId, accountId);
export const setPupilAdministrator = (twinSpaceId, accountId, isAdministrator) =>
  invoke('SetPupilAdministrator', twinSpaceId, accountId, isAdministrator);
export const archiveTwinSpace = (twinSpaceId) => invoke('ArchiveTwinSpace', twinSpaceId);
export const closeTwinSpace = (twinSpaceId) => invoke('CloseTwinSpace', twinSpaceId);
export const updateTwinSpace = (twinSpaceId, title, description) => invoke('UpdateTwinSpace', twinSpaceId, { title, description });
