// One error shape for HTTP and hub failures, so views show `message` and branch on `code` the same way.
// The server localises its messages (it is told the language); these are for when it sent none.
import { t } from './i18n.js';

/** The stable codes of docs/protocol.md, plus `network` for "the server could not be reached". */
const KNOWN_CODES = new Set([
  'invalid', 'unauthorized', 'forbidden', 'not_found', 'conflict', 'read_only',
  'too_large', 'rate_limited', 'internal', 'network',
]);

/** The message for a code when the server sent none (or the server could not be reached). */
const fallback = (code) => t(`error.${KNOWN_CODES.has(code) ? code : 'internal'}`);

export class CollabError extends Error {
  constructor(code, message, status = 0) {
    super(message || fallback(code));
    this.name = 'CollabError';
    this.code = code;
    this.status = status;
  }
}

const STATUS_CODES = {
  400: 'invalid', 401: 'unauthorized', 403: 'forbidden', 404: 'not_found',
  409: 'conflict', 413: 'too_large', 429: 'rate_limited',
};

/** From an HTTP status and the `{ code, message }` body (which may be missing, e.g. from a proxy). */
export function fromHttp(status, body) {
  const code = KNOWN_CODES.has(body?.code) ? body.code : (STATUS_CODES[status] ?? 'internal');
  const message = typeof body?.message === 'string' && body.message ? body.message : fallback(code);
  return new CollabError(code, message, status);
}

/**
 * From a failed hub invocation. The server throws HubException("<code>: <message>"); SignalR wraps it as
 * "An unexpected error occurred invoking 'X' on the server. HubException: <code>: <message>".
 */
export function fromHub(error) {
  if (error instanceof CollabError) return error;
  const raw = String(error?.message ?? error ?? '');
  const hubMatch = /HubException: ([a-z_]+): ([\s\S]*)$/.exec(raw) ?? /^([a-z_]+): ([\s\S]*)$/.exec(raw);
  if (hubMatch && KNOWN_CODES.has(hubMatch[1])) return new CollabError(hubMatch[1], hubMatch[2].trim());
  if (/Error binding arguments/i.test(raw)) return new CollabError('invalid');
  if (/connection being closed|connection was stopped|not in the 'Connected' State/i.test(raw)) {
    return new CollabError('network', t('error.connectionLost'));
  }
  if (error?.statusCode === 401) return new CollabError('unauthorized', undefined, 401);
  return new CollabError('internal');
}

/** The text to show a person for any thrown value. */
export function messageOf(error) {
  return error instanceof CollabError ? error.message : fromHub(error).message;
}
