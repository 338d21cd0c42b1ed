// The connection under a provider: either one the provider opens and owns (`connectHub`), or one the
// application already has (`hubFromConnection`, or any object with the same four members). A provider needs:
//   invoke(method, ...args) -> Promise, on(event, listener) -> unsubscribe,
//   onReconnected(listener) -> unsubscribe, binary: 'base64' | 'bytes'.
import * as signalR from '@microsoft/signalr';
import { fromHubError } from './errors.js';

// Try at once, then back off; never give up while the provider is alive.
export const RECONNECT_DELAYS_MS = [0, 1_000, 2_000, 5_000, 10_000];
export const MAX_RECONNECT_DELAY_MS = 30_000;
const HUB_PATH = 'hubs/twinspace';

const delayFor = (attempt) => RECONNECT_DELAYS_MS[attempt] ?? MAX_RECONNECT_DELAY_MS;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Not a literal specifier on purpose: bundlers leave it alone, so applications that do not want MessagePack
// need not install it; those that bundle pass `hubProtocol` instead.
const MESSAGE_PACK_PACKAGE = '@microsoft/signalr-protocol-msgpack';

async function loadMessagePack() {
  try {
    const module = await import(/* @vite-ignore */ MESSAGE_PACK_PACKAGE);
    return new module.MessagePackHubProtocol();
  } catch {
    return null;
  }
}

/** Wraps an existing @microsoft/signalr HubConnection (the application keeps owning it). */
export function hubFromConnection(connection) {
  const reconnected = new Set();
  connection.onreconnected(() => {
    for (const listener of [...reconnected]) listener();
  });
  const protocolName = connection.connection?.features?.protocol?.name ?? connection.protocol?.name ?? 'json';
  return {
    binary: protocolName === 'messagepack' ? 'bytes' : 'base64',
    invoke: (method, ...args) => connection.invoke(method, ...args),
    on(event, listener) {
      connection.on(event, listener);
      return () => connection.off(event, listener);
    },
    onReconnected(listener) {
      reconnected.add(listener);
      return () => reconnected.delete(listener);
    },
  };
}

/**
 * Opens a connection to `<server>/hubs/twinspace` and keeps it open until `stop()`: automatic reconnects with
 * back-off, a fresh token from `token()` on every (re)connect, and `token({ refresh: true })` after a 401.
 * @param {{ url: string, token: (options?: { refresh?: boolean }) => string | Promise<string>,
 *           protocol?: 'auto'|'messagepack'|'json', hubProtocol?: object, logLevel?: number,
 *           skipNegotiation?: boolean, onStatus?: (status: string) => void }} options
 *   `hubProtocol`: e.g. `new MessagePackHubProtocol()` from @microsoft/signalr-protocol-msgpack (bundled apps).
 *   `skipNegotiation`: open a WebSocket at once (no negotiate request), as a load balancer without sticky
 *   sessions requires; a refused token then shows as a failed start without a 401, so refresh tokens ahead of expiry.
 */
export async function connectHub({ url, token, protocol = 'auto', hubProtocol = null, logLevel = signalR.LogLevel.None,
  skipNegotiation = false, onStatus = () => {} }) {
  let refresh = false;
  const hubUrl = new URL(HUB_PATH, url.endsWith('/') ? url : `${url}/`).href;
  const builder = new signalR.HubConnectionBuilder()
    .withUrl(hubUrl, {
      accessTokenFactory: async () => {
        const value = await token({ refresh });
        refresh = false;
        return value;
      },
      ...(skipNegotiation ? { skipNegotiation: true, transport: signalR.HttpTransportType.WebSockets } : {}),
    })
    .withAutomaticReconnect({ nextRetryDelayInMilliseconds: (context) => delayFor(context.previousRetryCount) })
    .configureLogging(logLevel);
  // MessagePack carries updates as bytes (no base64 on either side, smaller frames); JSON stays available.
  const messagePack = protocol === 'json' ? null : (hubProtocol ?? await loadMessagePack());
  if (protocol === 'messagepack' && !messagePack) throw new Error('@microsoft/signalr-protocol-msgpack is not installed.');
  if (messagePack) builder.withHubProtocol(messagePack);
  const connection = builder.build();
  const hub = hubFromConnection(connection);
  hub.binary = messagePack ? 'bytes' : 'base64';
  let stopped = false;
  let starting = null;

  async function startLoop() {
    for (let attempt = 0; !stopped && connection.state === signalR.HubConnectionState.Disconnected; attempt++) {
      onStatus('connecting');
      try {
        await connection.start();
        onStatus('connected');
        return true;
      } catch (error) {
        if (stopped) return false;
        onStatus('disconnected');
        if (fromHubError(error).code === 'unauthorized') refresh = true;
        await sleep(delayFor(attempt + 1));
      }
    }
    return connection.state === signalR.HubConnectionState.Connected;
  }

  const start = () => (starting ??= startLoop().finally(() => { starting = null; }));
  connection.onreconnecting(() => onStatus('reconnecting'));
  connection.onreconnected(() => onStatus('connected'));
  // withAutomaticReconnect only retries connections that were up; a closed one starts over here and is
  // announced like a reconnect, so providers join their pages again.
  connection.onclose(async () => {
    if (stopped) return;
    onStatus('disconnected');
    refresh = true;
    if (await start()) hub.reconnectedFromClose();
  });
  const reconnected = new Set();
  connection.onreconnected(() => { for (const listener of [...reconnected]) listener(); });
  hub.onReconnected = (listener) => {
    reconnected.add(listener);
    return () => reconnected.delete(listener);
  };
  hub.reconnectedFromClose = () => { for (const listener of [...reconnected]) listener(); };
  hub.connection = connection;
  hub.start = start;
  hub.stop = async () => {
    stopped = true;
    await connection.stop().catch(() => {});
  };
  await start();
  return hub;
}
