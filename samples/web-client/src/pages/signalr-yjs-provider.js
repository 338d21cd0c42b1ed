// A small Yjs provider over the TwinSpace hub (docs/protocol.md, "Pages"): sync (JoinPage with our state vector,
// then SendPageUpdate with what the server lacks), local updates out, PageUpdated in, and awareness both ways.
// After a reconnect it joins again with its state vector, so nothing typed offline is lost.
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';

const REMOTE = Symbol('signalr-yjs-provider');
// Cursor moves are frequent; the server allows a few per second per connection.
const AWARENESS_INTERVAL_MS = 250;

export function toBase64(bytes) {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function fromBase64(text) {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export class SignalRYjsProvider {
  /**
   * @param {{ invoke: (method: string, ...args: any[]) => Promise<any>, on: (event: string, listener: Function) => () => void,
   *           onReconnected: (listener: Function) => () => void }} hub
   * @param {string} twinSpaceId
   * @param {string} pageId
   * @param {Y.Doc} doc
   * @param {{ name: string, color: string }} user
   */
  constructor(hub, twinSpaceId, pageId, doc, user) {
    this.hub = hub;
    this.twinSpaceId = twinSpaceId;
    this.pageId = pageId;
    this.doc = doc;
    this.awareness = new awarenessProtocol.Awareness(doc);
    this.awareness.setLocalStateField('user', user);
    this.canEdit = false;
    this.synced = false;
    this.sequence = 0;
    this.destroyed = false;
    this.pending = null;
    this.sending = null;
    this.listeners = new Set();
    this.awarenessTimer = null;

    this.onDocUpdate = (update, origin) => {
      if (origin === REMOTE || !this.canEdit) return;
      this.pending = this.pending ? Y.mergeUpdates([this.pending, update]) : update;
      this.flush();
    };
    this.onAwarenessUpdate = ({ added, updated, removed }, origin) => {
      if (origin === REMOTE) return;
      const changed = added.concat(updated, removed);
      if (changed.includes(this.doc.clientID)) this.scheduleAwareness();
    };
    doc.on('update', this.onDocUpdate);
    this.awareness.on('update', this.onAwarenessUpdate);
    this.unsubscribers = [
      hub.on('PageUpdated', (event) => {
        if (event.pageId !== pageId || event.twinSpaceId !== twinSpaceId) return;
        Y.applyUpdate(doc, fromBase64(event.update), REMOTE);
        this.sequence = Math.max(this.sequence, event.sequence);
      }),
      hub.on('PageAwareness', (event) => {
        if (event.pageId !== pageId || event.twinSpaceId !== twinSpaceId) return;
        awarenessProtocol.applyAwarenessUpdate(this.awareness, fromBase64(event.update), REMOTE);
      }),
      hub.onReconnected(() => this.join()),
    ];
  }

  /** Calls `listener({ synced, canEdit, error })` on every change of state. */
  onStatus(listener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(error) {
    for (const listener of [...this.listeners]) listener({ synced: this.synced, canEdit: this.canEdit, error });
  }

  /** Sync step 1 and 2 both ways. */
  async join() {
    if (this.destroyed) return;
    try {
      const joined = await this.hub.invoke('JoinPage', this.twinSpaceId, this.pageId, toBase64(Y.encodeStateVector(this.doc)));
      if (this.destroyed) return;
      this.canEdit = joined.canEdit;
      this.sequence = Math.max(this.sequence, joined.sequence);
      Y.applyUpdate(this.doc, fromBase64(joined.update), REMOTE);
      awarenessProtocol.applyAwarenessUpdate(this.awareness, fromBase64(joined.awareness), REMOTE);
      const missing = Y.encodeStateAsUpdate(this.doc, fromBase64(joined.stateVector));
      if (this.canEdit && missing.length > 2) {
        this.pending = this.pending ? Y.mergeUpdates([this.pending, missing]) : missing;
        this.flush();
      }
      this.synced = true;
      this.emit(null);
      this.scheduleAwareness();
    } catch (error) {
      this.emit(error);
    }
  }

  // One update in flight at a time; whatever is typed meanwhile goes out merged in the next one.
  flush() {
    if (this.sending || !this.pending || this.destroyed) return;
    const update = this.pending;
    this.pending = null;
    this.sending = this.hub.invoke('SendPageUpdate', this.twinSpaceId, this.pageId, toBase64(update))
      .then((ack) => {
        this.sequence = Math.max(this.sequence, ack.sequence);
      })
      .catch((error) => {
        // Not sent (offline, refused): it stays in the document; the next join sends it again.
        this.emit(error);
      })
      .finally(() => {
        this.sending = null;
        this.flush();
      });
  }

  scheduleAwareness() {
    if (this.awarenessTimer || this.destroyed) return;
    this.awarenessTimer = setTimeout(() => {
      this.awarenessTimer = null;
      const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, [this.doc.clientID]);
      this.hub.invoke('SendPageAwareness', this.twinSpaceId, this.pageId, toBase64(update)).catch(() => {});
    }, AWARENESS_INTERVAL_MS);
  }

  destroy() {
    this.destroyed = true;
    clearTimeout(this.awarenessTimer);
    for (const unsubscribe of this.unsubscribers) unsubscribe();
    this.doc.off('update', this.onDocUpdate);
    this.awareness.off('update', this.onAwarenessUpdate);
    this.awareness.destroy();
    this.hub.invoke('LeavePage', this.twinSpaceId, this.pageId).catch(() => {});
  }
}
