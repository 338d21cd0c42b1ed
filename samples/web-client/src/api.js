// HTTP API and the tab's session: tokens live in sessionStorage (per tab, gone when the tab closes) and
// the access token is refreshed shortly before it expires, so the hub always gets a valid one.
import { CollabError, fromHttp } from './errors.js';
import { getLanguage } from './i18n.js';

const STORAGE_KEY = 'etwinning-collab.session';
const REFRESH_MARGIN_MAX_MS = 60_000;
const REFRESH_RETRY_MS = 15_000;

let session = loadSession();
let refreshTimer = 0;
let refreshing = null;
const sessionListeners = new Set();

function loadSession() {
  try {
    const stored = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? 'null');
    return stored?.accessToken && stored?.refreshToken && stored?.account ? stored : null;
  } catch {
    return null;
  }
}

/** Resolves API paths against the page address, so the client also works behind a path prefix. */
export function apiUrl(path) {
  return new URL(path, document.baseURI).toString();
}

async function request(method, path, body, accessToken) {
  // The server writes its error messages in the language asked for here.
  const headers = { Accept: 'application/json', 'Accept-Language': getLanguage() };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (accessToken) headers.Authorization = `Bearer ${accessToken}`;
  let response;
  try {
    response = await fetch(apiUrl(path), {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
    });
  } catch {
    throw new CollabError('network');
  }
  let data = null;
  if (response.status !== 204) {
    try {
      data = await response.json();
    } catch {
      data = null;
    }
  }
  if (!response.ok) throw fromHttp(response.status, data);
  return data;
}

/** The current session `{ accessToken, refreshToken, expiresAt, account }` or null. */
export function getSession() {
  return session;
}

/** Calls `listener(session, reason)` whenever the session starts, refreshes or ends. Returns an unsubscribe. */
export function onSessionChange(listener) {
  sessionListeners.add(listener);
  return () => sessionListeners.delete(listener);
}

function setSession(next, reason) {
  session = next;
  if (next) sessionStorage.setItem(STORAGE_KEY, JSON.stringify(next));
  else sessionStorage.removeItem(STORAGE_KEY);
  scheduleRefresh();
  for (const listener of [...sessionListeners]) listener(next, reason);
}

// Not crypto.randomUUID: it is missing on plain-HTTP school intranets (no secure context).
function randomId() {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

function acceptTokenPair(pair, reason) {
  const lifetimeMs = Math.max(1, Number(pair.expiresInSeconds) || 0) * 1000;
  setSession({
    sessionId: reason === 'login' ? randomId() : session?.sessionId,
    accessToken: pair.accessToken,
    refreshToken: pair.refreshToken,
    issuedAt: Date.now(),
    expiresAt: Date.now() + lifetimeMs,
    account: pair.account,
  }, reason);
  return session;
}

// Refresh a minute early, or after four fifths of a short lifetime, so a token never expires mid-request.
function refreshMarginMs(current) {
  return Math.min(REFRESH_MARGIN_MAX_MS, (current.expiresAt - current.issuedAt) / 5);
}

function scheduleRefresh(delayMs) {
  clearTimeout(refreshTimer);
  if (!session) return;
  const due = delayMs ?? session.expiresAt - refreshMarginMs(session) - Date.now();
  refreshTimer = setTimeout(() => {
    refreshAccessToken().catch((error) => {
      // Only a refused refresh ends the session (handled inside); a network blip just tries again.
      if (error.code !== 'unauthorized') scheduleRefresh(REFRESH_RETRY_MS);
    });
  }, Math.max(0, due));
}

export async function teacherLogin(email, password) {
  return acceptTokenPair(await request('POST', 'api/auth/login', { email, password }), 'login');
}

export async function pupilLogin(twinSpaceCode, username, password) {
  return acceptTokenPair(
    await request('POST', 'api/auth/pupil-login', { twinSpaceCode, username, password }), 'login');
}

/** Rotates the token pair. Concurrent callers share one request: refresh tokens are single use. */
export function refreshAccessToken() {
  refreshing ??= (async () => {
    const current = session;
    if (!current) throw new CollabError('unauthorized');
    try {
      return acceptTokenPair(
        await request('POST', 'api/auth/refresh', { refreshToken: current.refreshToken }), 'refresh');
    } catch (error) {
      if (error.code === 'unauthorized' && session === current) setSession(null, 'expired');
      throw error;
    }
  })().finally(() => {
    refreshing = null;
  });
  return refreshing;
}

/** A valid access token, refreshed first when it is about to expire. Used by the hub on every (re)connect. */
export async function getAccessToken() {
  if (!session) throw new CollabError('unauthorized');
  if (Date.now() >= session.expiresAt - refreshMarginMs(session)) await refreshAccessToken();
  return session.accessToken;
}

/** Ends the session locally at once, then tells the server to revoke the refresh token. */
export async function logout() {
  const ended = session;
  if (!ended) return;
  setSession(null, 'logout');
  try {
    await request('POST', 'api/auth/logout', { refreshToken: ended.refreshToken });
  } catch {
    // The local session is gone either way; an unrevoked refresh token still expires on its own.
  }
}

export async function getMembers(twinSpaceId) {
  return request('GET', `api/twinspaces/${encodeURIComponent(twinSpaceId)}/members`, undefined,
    await getAccessToken());
}

/** Ends the session when the server refused the token (e.g. the account was removed). */
export function endSession(reason) {
  if (session) setSession(null, reason);
}

// "Duplicate tab" copies sessionStorage. Two tabs refreshing with the same single-use refresh token would
// look like a stolen token to the server, which then ends the session in BOTH tabs. So a tab that starts
// with a stored session asks the other tabs whether one of them is already using it; if so, it lets go.
const SESSION_CLAIM_WAIT_MS = 200;
const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel('etwinning-collab.sessions') : null;
channel?.addEventListener('message', ({ data }) => {
  if (data?.type === 'who-uses' && session && data.sessionId === session.sessionId) {
    channel.postMessage({ type: 'in-use', sessionId: data.sessionId });
  }
});

/**
 * Resolves once this tab owns its stored session, or to true when it dropped a copy another tab uses.
 * Call before using the stored session.
 */
export function claimStoredSession() {
  const claimed = session;
  if (!claimed || !channel) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onReply = ({ data }) => {
      if (data?.type !== 'in-use' || data.sessionId !== claimed.sessionId) return;
      finish(true);
      if (session === claimed) {
        session = null; // Not setSession: the other tab's session must stay untouched on the server.
        sessionStorage.removeItem(STORAGE_KEY);
        clearTimeout(refreshTimer);
      }
    };
    const timer = setTimeout(() => finish(false), SESSION_CLAIM_WAIT_MS);
    function finish(dropped) {
      clearTimeout(timer);
      channel.removeEventListener('message', onReply);
      resolve(dropped);
    }
    channel.addEventListener('message', onReply);
    channel.postMessage({ type: 'who-uses', sessionId: claimed.sessionId });
  });
}

scheduleRefresh();

/**
 * Downloads a file from a route that needs the access token: fetched as a blob and saved through a temporary link,
 * because a plain link cannot carry the Authorization header.
 */
export async function downloadFile(path, fileName) {
  let response;
  try {
    response = await fetch(apiUrl(path), {
      headers: { Authorization: `Bearer ${await getAccessToken()}`, 'Accept-Language': getLanguage() },
      cache: 'no-store',
    });
  } catch {
    throw new CollabError('network');
  }
  if (!response.ok) throw fromHttp(response.status, await response.json().catch(() => null));
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has taken the file once click() returned; the next task may let the blob go.
  setTimeout(() => URL.revokeObjectURL(url));
}

/** A public page (published and public), for anyone, without a login. */
export function getPublicPage(twinSpaceId, pageId) {
  return request('GET', `api/public/twinspaces/${encodeURIComponent(twinSpaceId)}/pages/${encodeURIComponent(pageId)}`);
}
