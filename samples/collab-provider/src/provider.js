// Connects a Y.Doc to one live page of a TwinSpace (docs/protocol.md, "Pages"), like HocuspocusProvider
// does for Hocuspocus: sync steps, local updates out and remote ones in, awareness both ways, re-join after
// every reconnect, and no local change ever given up: an update that was not acknowledged (connection lost,
// refused with rate_limited, the server out of sync) stays queued and goes out again, merged with whatever
// was typed meanwhile, until the server acknowledges it.
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import { connectHub } from './hub.js';
import { CollabError, fromHubError } from './errors.js';
import { bytesOf, field, toBase64 } from './bytes.js';

const REMOTE = Symbol('collab-provider');
/** Cursor moves are frequent; the server allows a few awareness updates per second per connection. */
export const AWARENESS_INTERVAL_MS = 250;
/** Waits between resends of a refused update: quick at first, then backing off. */
export const RESEND_DELAYS_MS = [100, 250, 500, 1_000, 2_000, 5_000];
/** How long `destroy()` waits for queued changes to be acknowledged before it leaves the page anyway. */
export const DESTROY_DRAIN_MS = 10_000;
/** The server's Pages:MaxUpdateBytes default: larger merged updates are split into several sends. */
export const MAX_UPDATE_BYTES = 32 * 1024;
/**
 * Sends awaiting their acknowledgement at once. One by default: measured with 1,000 editors on 200 pages
 * (docs/performance.md, "The provider's sends in flight"), one in flight gave half the p50 and p99 of four,
 * because what is typed during a round trip goes out merged, so a busy server gets fewer, larger updates. More
 * can help a link with a long round trip to a quiet server; the server handles one connection's calls in order,
 * so updates still arrive after those they build on.
 */
export const MAX_IN_FLIGHT = 1;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export class CollabPageProvider {
  /**
   * @param {object} options
   * @param {string} options.twinSpaceId
   * @param {string} options.pageId
   * @param {Y.Doc} [options.document] the document to connect (a new one when missing)
   * @param {string} [options.url] server base URL: the provider opens (and owns) its own connection
   * @param {(o?: { refresh?: boolean }) => string | Promise<string>} [options.token] access token for `url`
   * @param {'auto'|'messagepack'|'json'} [options.protocol] for `url`: MessagePack when installed (default)
   * @param {object} [options.hubProtocol] for `url` in bundled apps: `new MessagePackHubProtocol()`
   * @param {object} [options.hub] an existing connection instead of `url` (see hub.js)
   * @param {object} [options.user] the local awareness `user` field, e.g. `{ name, color }`
   * @param {number} [options.maxUpdateBytes] the server's Pages:MaxUpdateBytes
   * @param {number} [options.maxInFlight] sends awaiting their acknowledgement at once (default 1)
   * @param {boolean} [options.connect] join at once (default true)
   */
  constructor(options) {
    this.twinSpaceId = options.twinSpaceId;
    this.pageId = options.pageId;
    this.document = options.document ?? new Y.Doc();
    this.awareness = new awarenessProtocol.Awareness(this.document);
    if (options.user) this.awareness.setLocalStateField('user', options.user);
    this.options = options;
    this.maxUpdateBytes = options.maxUpdateBytes ?? MAX_UPDATE_BYTES;
    this.maxInFlight = Math.max(1, options.maxInFlight ?? MAX_IN_FLIGHT);
    /** 'connecting' | 'connected' | 'reconnecting' | 'disconnected' */
    this.status = 'connecting';
    this.synced = false;
    this.canEdit = false;
    /** Highest page sequence seen (acks and PageUpdated). */
    this.sequence = 0;
    /** The last failure, `{ code, message }` (a CollabError), or null. */
    this.lastError = null;
    /** Local updates not yet acknowledged, oldest first (merged before sending); sent ones stay until acknowledged. */
    this.queue = [];
    /** Queue entries (the same objects) of sends awaiting their answer. */
    this.inFlight = new Set();
    this.sendsInFlight = 0;
    /** After a refusal worth retrying: no new sends until every send in flight has answered and the back-off passed. */
    this.holding = false;
    this.resendAttempt = 0;
    this.destroyed = false;
    /** The leaving in progress (see destroy). */
    this.destroying = null;
    this.listeners = new Map();
    this.unsubscribers = [];
    this.awarenessTimer = null;
    this.joining = null;
    this.resyncWanted = false;
    this.sent = 0;
    this.acknowledged = 0;
    this.refused = 0;

    this.onDocUpdate = (update, origin) => {
      if (origin === REMOTE) return;
      this.queue.push(update);
      this.flush();
    };
    this.onAwarenessUpdate = ({ added, updated, removed }, origin) => {
      if (origin === REMOTE) return;
      if (added.concat(updated, removed).includes(this.document.clientID)) this.scheduleAwareness();
    };
    this.document.on('update', this.onDocUpdate);
    this.awareness.on('update', this.onAwarenessUpdate);
    this.ready = (options.connect ?? true) ? this.connect() : Promise.resolve();
  }

  /** Subscribes to 'status' ({ status }), 'synced' ({ synced, canEdit }), 'error' (CollabError) or 'acked' ({ sequence }). */
  on(event, listener) {
    if (!this.listeners.has(event)) this.listeners.set(event, new Set());
    this.listeners.get(event).add(listener);
    return () => this.listeners.get(event)?.delete(listener);
  }

  emit(event, payload) {
    for (const listener of [...(this.listeners.get(event) ?? [])]) listener(payload);
  }

  /** True while a send awaits its answer or a resend waits out its back-off. */
  get sending() {
    return this.sendsInFlight > 0 || this.holding;
  }

  /** Bytes of local changes the server has not acknowledged yet. */
  get unacknowledgedBytes() {
    return this.queue.reduce((sum, update) => sum + update.length, 0);
  }

  setStatus(status) {
    if (this.status === status) return;
    this.status = status;
    this.emit('status', { status });
  }

  fail(error, method) {
    this.lastError = fromHubError(error, method);
    this.emit('error', this.lastError);
    return this.lastError;
  }

  async connect() {
    if (this.hub) return this.join();
    if (this.options.hub) {
      this.hub = this.options.hub;
    } else {
      if (!this.options.url || !this.options.token) throw new Error('CollabPageProvider needs `hub`, or `url` and `token`.');
      this.ownsHub = true;
      this.hub = await connectHub({
        url: this.options.url, token: this.options.token, protocol: this.options.protocol, hubProtocol: this.options.hubProtocol,
        onStatus: (status) => {
          this.setStatus(status);
          if (status !== 'connected') this.synced = false;
        },
      });
      if (this.destroyed) {
        await this.hub.stop();
        return;
      }
    }
    const same = (event) => field(event, 'pageId') === this.pageId && field(event, 'twinSpaceId') === this.twinSpaceId;
    this.unsubscribers.push(
      this.hub.on('PageUpdated', (event) => {
        if (!same(event)) return;
        this.applyRemote(field(event, 'update'));
        this.sequence = Math.max(this.sequence, field(event, 'sequence'));
      }),
      this.hub.on('PageAwareness', (event) => {
        if (!same(event)) return;
        awarenessProtocol.applyAwarenessUpdate(this.awareness, bytesOf(field(event, 'update')), REMOTE);
      }),
      this.hub.onReconnected(() => {
        this.synced = false;
        this.join();
      }),
    );
    return this.join();
  }

  encode(bytes) {
    return this.hub.binary === 'bytes' ? bytes : toBase64(bytes);
  }

  applyRemote(value) {
    Y.applyUpdate(this.document, bytesOf(value), REMOTE);
    // Structs yjs keeps pending mean an update is missing (a broadcast lost on the way): ask for a sync step.
    const store = this.document.store;
    if (store.pendingStructs || store.pendingDs) this.resync();
  }

  /** Sync step 1 with our state vector; the server answers step 2 and its state vector; then we send what it lacks. */
  join() {
    if (this.destroyed) return Promise.resolve();
    this.joining ??= this.joinOnce().finally(() => { this.joining = null; });
    return this.joining;
  }

  async joinOnce() {
    for (let attempt = 0; !this.destroyed; attempt++) {
      try {
        const joined = await this.hub.invoke('JoinPage', this.twinSpaceId, this.pageId, this.encode(Y.encodeStateVector(this.document)));
        if (this.destroyed) return;
        this.canEdit = field(joined, 'canEdit');
        this.sequence = Math.max(this.sequence, field(joined, 'sequence'));
        Y.applyUpdate(this.document, bytesOf(field(joined, 'update')), REMOTE);
        awarenessProtocol.applyAwarenessUpdate(this.awareness, bytesOf(field(joined, 'awareness')), REMOTE);
        // Everything the server lacks, which covers every unacknowledged update: it replaces the queue.
        const missing = Y.encodeStateAsUpdate(this.document, bytesOf(field(joined, 'stateVector')));
        this.queue = missing.length > 2 && this.canEdit ? [missing] : [];
        this.inFlight.clear();
        this.synced = true;
        this.setStatus('connected');
        this.emit('synced', { synced: true, canEdit: this.canEdit });
        this.scheduleAwareness();
        this.flush();
        return;
      } catch (error) {
        const failure = this.fail(error, 'JoinPage');
        if (!failure.retryable) return;
        await sleep(RESEND_DELAYS_MS[Math.min(attempt, RESEND_DELAYS_MS.length - 1)]);
      }
    }
  }

  resync() {
    if (this.resyncWanted) return;
    this.resyncWanted = true;
    queueMicrotask(() => {
      this.resyncWanted = false;
      this.join();
    });
  }

  /**
   * Sends queued updates, up to `maxInFlight` at once, in queue order. What is typed while the pipe is full goes
   * out merged with the next send. Nothing leaves the queue before its acknowledgement.
   */
  flush() {
    while (!this.holding && !this.destroyed && this.synced && this.canEdit && this.sendsInFlight < this.maxInFlight) {
      const batch = this.takeBatch();
      if (!batch) return;
      this.send(batch);
    }
  }

  /** The first queued updates not in flight yet, merged up to the server's size limit (at least one), or null. */
  takeBatch() {
    const start = this.queue.findIndex((update) => !this.inFlight.has(update));
    if (start < 0) return null;
    let end = start + 1;
    let bytes = this.queue[start].length;
    while (end < this.queue.length && bytes + this.queue[end].length <= this.maxUpdateBytes) bytes += this.queue[end++].length;
    const parts = this.queue.slice(start, end);
    return { parts, update: parts.length === 1 ? parts[0] : Y.mergeUpdates(parts) };
  }

  async send({ parts, update }) {
    for (const part of parts) this.inFlight.add(part);
    this.sendsInFlight++;
    this.sent++;
    let rejoin = false;
    try {
      const ack = await this.hub.invoke('SendPageUpdate', this.twinSpaceId, this.pageId, this.encode(update));
      // Entries are removed by identity: if a join meanwhile replaced the queue (with everything the server lacked,
      // this update included, in new arrays), none of them is there any more and nothing newer is dropped.
      const acknowledged = new Set(parts);
      this.queue = this.queue.filter((entry) => !acknowledged.has(entry));
      this.acknowledged++;
      this.resendAttempt = 0;
      this.sequence = Math.max(this.sequence, field(ack, 'sequence'));
      this.emit('acked', { sequence: field(ack, 'sequence') });
    } catch (error) {
      this.refused++;
      const failure = this.fail(error, 'SendPageUpdate');
      // Merged into one entry, what failed goes out again together with newer updates (not found after a join).
      if (parts.length > 1) {
        const at = this.queue.indexOf(parts[0]);
        if (at >= 0) this.queue.splice(at, parts.length, update);
      }
      if (failure.code === 'conflict') {
        // The server lacks history this update builds on: a fresh sync step sends everything it lacks.
        this.synced = false;
        rejoin = true;
      } else if (!failure.retryable || failure.code === 'network') {
        // network: the reconnect joins again and resends everything the server lacks. forbidden, read_only,
        // too_large, invalid: resending cannot help; the changes stay in the document and the queue (sent
        // again on the next join) and the application decides (see 'error').
        this.synced = false;
      } else {
        // rate_limited, internal: sends still in flight answer first, so the resend carries their failures too.
        this.holding = true;
      }
    } finally {
      for (const part of parts) this.inFlight.delete(part);
      this.sendsInFlight--;
    }
    if (rejoin) this.join();
    if (this.sendsInFlight > 0) return;
    if (this.holding) {
      await sleep(RESEND_DELAYS_MS[Math.min(this.resendAttempt++, RESEND_DELAYS_MS.length - 1)]);
      this.holding = false;
    }
    this.emit('idle', { queued: this.queue.length });
    this.flush();
  }

  scheduleAwareness() {
    if (this.awarenessTimer || this.destroyed || !this.synced) return;
    this.awarenessTimer = setTimeout(() => {
      this.awarenessTimer = null;
      if (!this.synced) return;
      const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, [this.document.clientID]);
      this.hub.invoke('SendPageAwareness', this.twinSpaceId, this.pageId, this.encode(update)).catch((error) => {
        // Cursors are not durable: a refused one is replaced by the next move.
        if (fromHubError(error).code === 'rate_limited') this.scheduleAwareness();
      });
    }, AWARENESS_INTERVAL_MS);
  }

  /** Resolves once the server has acknowledged every local change made so far (or the provider stops
   * sending because of an error; see `lastError`). */
  async whenAcknowledged() {
    while (!this.destroyed && (this.queue.length > 0 || this.sending) && (this.synced || this.lastError?.retryable !== false)) {
      await new Promise((resolve) => {
        const offs = ['idle', 'error', 'synced'].map((event) => this.on(event, () => {
          offs.forEach((off) => off());
          resolve();
        }));
      });
    }
  }

  /**
   * Leaves the page. Changes still queued go out first (up to `drainMs`): someone who types and at once opens
   * another view must not lose the last words. Changes made after this call are not sent.
   */
  async destroy({ drainMs = DESTROY_DRAIN_MS } = {}) {
    if (this.destroyed || this.destroying) return this.destroying;
    this.destroying = this.leave(drainMs);
    return this.destroying;
  }

  async leave(drainMs) {
    this.document.off('update', this.onDocUpdate);
    if (this.canEdit && (this.queue.length > 0 || this.sending)) {
      let timer;
      await Promise.race([this.whenAcknowledged(), new Promise((resolve) => { timer = setTimeout(resolve, drainMs); })]);
      clearTimeout(timer);
    }
    this.destroyed = true;
    clearTimeout(this.awarenessTimer);
    for (const unsubscribe of this.unsubscribers) unsubscribe();
    this.awareness.off('update', this.onAwarenessUpdate);
    this.awareness.destroy();
    if (!this.hub) return;
    await this.hub.invoke('LeavePage', this.twinSpaceId, this.pageId).catch(() => {});
    if (this.ownsHub) await this.hub.stop();
  }
}

export { CollabError };
