// One error shape for everything the provider reports: `code` is one of the stable codes of docs/protocol.md
// (plus `network` when the server cannot be reached), `message` is for people.

const CODES = new Set([
  'invalid', 'unauthorized', 'forbidden', 'not_found', 'conflict', 'read_only',
  'too_large', 'rate_limited', 'internal', 'network',
]);

export class CollabError extends Error {
  /**
   * @param {string} code
   * @param {string} message
   * @param {{ method?: string, retryable?: boolean }} [details]
   */
  constructor(code, message, details = {}) {
    super(message || code);
    this.name = 'CollabError';
    this.code = code;
    this.method = details.method ?? null;
    this.retryable = details.retryable ?? RETRYABLE.has(code);
  }
}

// Codes after which sending the same update again later can succeed.
const RETRYABLE = new Set(['rate_limited', 'network', 'internal', 'conflict']);

/**
 * From a failed hub invocation. The server throws HubException("<code>: <message>"), which SignalR
 * delivers as "An unexpected error occurred invoking 'X' on the server. HubException: <code>: <message>".
 */
export function fromHubError(error, method) {
  if (error instanceof CollabError) return error;
  // An application's own error type that already carries a protocol code (the web client's does).
  if (typeof error?.code === 'string' && CODES.has(error.code)) return new CollabError(error.code, error.message, { method });
  const raw = String(error?.message ?? error ?? '');
  const match = /HubException: ([a-z_]+): ([\s\S]*)$/.exec(raw) ?? /^([a-z_]+): ([\s\S]*)$/.exec(raw);
  if (match && CODES.has(match[1])) return new CollabError(match[1], match[2].trim(), { method });
  if (error?.statusCode === 401 || /401|Unauthorized/.test(raw)) return new CollabError('unauthorized', raw, { method });
  if (/Error binding arguments|Failed to invoke/i.test(raw)) return new CollabError('invalid', raw, { method });
  if (/connection|Connected' State|WebSocket|fetch|ECONNREFUSED|closed/i.test(raw)) return new CollabError('network', raw, { method });
  return new CollabError('internal', raw, { method });
}
