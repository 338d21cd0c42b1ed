// One error shape for HTTP and hub failures, so views show `message` and branch on `code` the same way.

/** The stable codes of docs/protocol.md, plus `network` for "the server could not be reached". */
const KNOWN_CODES = new Set([
  'invalid', 'unauthorized', 'forbidden', 'not_found', 'conflict', 'read_only',
  'too_large', 'rate_limited', 'internal', 'network',
]);

const FALLBACK_MESSAGES = {
  invalid: 'Some of the information is not in the right format.',
  unauthorized: 'Please log in again.',
  forbidden: 'You are not allowed to do this.',
  not_found: 'This could not be found. It may have been removed.',
  conflict: 'This clashes with a change that was already made.',
  read_only: 'This TwinSpace is archived: you can read it, but not change it.',
  too_large: 'That is too much at once. Please send less.',
  rate_limited: 'Too many tries. Please wait a minute and try again.',
  internal: 'Something went wrong on the server. Please try again.',
  network: 'The server cannot be reached. Check the connection and try again.',
};

export class CollabError extends Error {
  constructor(code, message, status = 0) {
    super(message || FALLBACK_MESSAGES[code] || FALLBACK_MESSAGES.internal);
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
  const message = typeof body?.message === 'string' && body.message ? body.message : FALLBACK_MESSAGES[code];
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
    return new CollabError('network', 'The connection was lost. Please try again when it says "Connected".');
  }
  if (error?.statusCode === 401) return new CollabError('unauthorized', undefined, 401);
  return new CollabError('internal');
}

/** The text to show a person for any thrown value. */
export function messageOf(error) {
  return error instanceof CollabError ? error.message : fromHub(error).message;
}
