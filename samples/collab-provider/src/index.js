export { CollabPageProvider, AWARENESS_INTERVAL_MS, MAX_UPDATE_BYTES, RESEND_DELAYS_MS } from './provider.js';
export { connectHub, hubFromConnection } from './hub.js';
export { CollabError, fromHubError } from './errors.js';
export { toBase64, fromBase64 } from './bytes.js';
