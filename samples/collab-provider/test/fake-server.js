// An in-memory stand-in for the page part of the TwinSpace hub (docs/protocol.md, "Pages"), with the real
// yjs, so the provider's logic can be tested without a .NET server: JoinPage, SendPageUpdate (durable ack,
// broadcast to the others), PageAwareness, and knobs to refuse, drop, lose and disconnect.
import * as Y from 'yjs';
import { bytesOf, toBase64 } from '../src/bytes.js';

export class FakePageServer {
  constructor({ binary = 'base64', pascalCase = false } = {}) {
    this.doc = new Y.Doc();
    this.sequence = 0;
    this.connections = new Set();
    this.binary = binary;
    this.pascalCase = pascalCase;
    /** (method, args, connection) => error message "<code>: <text>" to refuse with, or null. */
    this.refuse = () => null;
    /** (event, connection) => true to drop that broadcast. */
    this.dropBroadcast = () => false;
    this.calls = { JoinPage: 0, SendPageUpdate: 0, SendPageAwareness: 0, LeavePage: 0 };
    /** Milliseconds each answer waits after the call was handled (calls are handled in the order they came). */
    this.answerDelayMs = 0;
    this.gaps = 0;
  }

  record(value) {
    if (!this.pascalCase) return value;
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k[0].toUpperCase() + k.slice(1), v]));
  }

  out(bytes) {
    return this.binary === 'bytes' ? bytes : toBase64(bytes);
  }

  /** A hub adapter for one provider (one connection). */
  connect() {
    const server = this;
    const listeners = new Map();
    const reconnected = new Set();
    const connection = {
      online: true,
      binary: server.binary,
      joined: false,
      /** Calls awaiting their answer now, and the most there ever were. */
      unanswered: 0,
      mostUnanswered: 0,
      emit(event, payload) {
        for (const listener of [...(listeners.get(event) ?? [])]) listener(payload);
      },
      async invoke(method, ...args) {
        await new Promise((resolve) => setImmediate(resolve));
        if (!connection.online) throw new Error("Cannot send data if the connection is not in the 'Connected' State.");
        server.calls[method]++;
        connection.mostUnanswered = Math.max(connection.mostUnanswered, ++connection.unanswered);
        try {
          const refusal = server.refuse(method, args, connection);
          if (refusal) throw new Error(`An unexpected error occurred invoking '${method}' on the server. HubException: ${refusal}`);
          return server[method](connection, ...args);
        } finally {
          if (server.answerDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, server.answerDelayMs));
          connection.unanswered--;
        }
      },
      on(event, listener) {
        if (!listeners.has(event)) listeners.set(event, new Set());
        listeners.get(event).add(listener);
        return () => listeners.get(event).delete(listener);
      },
      onReconnected(listener) {
        reconnected.add(listener);
        return () => reconnected.delete(listener);
      },
      /** Connection lost: invocations fail until reconnect(). */
      drop() {
        connection.online = false;
        connection.joined = false;
      },
      reconnect() {
        connection.online = true;
        for (const listener of [...reconnected]) listener();
      },
    };
    this.connections.add(connection);
    return connection;
  }

  JoinPage(connection, _twinSpaceId, _pageId, stateVector) {
    connection.joined = true;
    const update = Y.encodeStateAsUpdate(this.doc, bytesOf(stateVector));
    return this.record({
      pageId: 'p', update: this.out(update), stateVector: this.out(Y.encodeStateVector(this.doc)),
      sequence: this.sequence, canEdit: true, awareness: this.out(new Uint8Array([0])),
    });
  }

  SendPageUpdate(connection, twinSpaceId, pageId, value) {
    const update = bytesOf(value);
    // As the server does: an update that needs history the page lacks is refused, nothing stored.
    const probe = new Y.Doc();
    Y.applyUpdate(probe, Y.encodeStateAsUpdate(this.doc));
    Y.applyUpdate(probe, update);
    if (probe.store.pendingStructs || probe.store.pendingDs) {
      this.gaps++;
      throw new Error('An unexpected error occurred invoking \'SendPageUpdate\' on the server. HubException: conflict: The page lacks earlier changes this update builds on; join again.');
    }
    Y.applyUpdate(this.doc, update);
    const sequence = ++this.sequence;
    for (const other of this.connections) {
      if (other === connection || !other.joined || !other.online) continue;
      const event = this.record({ twinSpaceId, pageId, sequence, update: this.out(update) });
      if (this.dropBroadcast(event, other)) continue;
      setImmediate(() => other.emit('PageUpdated', event));
    }
    return this.record({ sequence });
  }

  SendPageAwareness(connection, twinSpaceId, pageId, value) {
    for (const other of this.connections) {
      if (other !== connection && other.joined) setImmediate(() => other.emit('PageAwareness', this.record({ twinSpaceId, pageId, update: value })));
    }
  }

  LeavePage(connection) {
    connection.joined = false;
  }

  /** Forgets everything after `state` (a server restored from an older snapshot). */
  restore(state) {
    this.doc = new Y.Doc();
    Y.applyUpdate(this.doc, state);
  }
}
