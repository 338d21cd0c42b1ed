import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as Y from 'yjs';
import { CollabPageProvider } from '../src/index.js';
import { FakePageServer } from './fake-server.js';

const until = async (condition, what, timeoutMs = 10_000) => {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};

/** An editor on the fake server, destroyed when the test ends even if an assertion failed (or the runner waits on it). */
function editor(t, server, name, options = {}) {
  const provider = new CollabPageProvider({ hub: server.connect(), twinSpaceId: 't', pageId: 'p', user: { name }, ...options });
  t.after(() => provider.destroy({ drainMs: 0 }));
  const text = provider.document.getText('body');
  return { provider, text, type: (s) => text.insert(text.length, s) };
}

const content = (doc) => doc.getText('body').toString();

async function settle(server, editors) {
  for (const e of editors) await until(() => e.provider.synced && e.provider.queue.length === 0 && !e.provider.sending, `${e.provider.document.clientID} acknowledged`);
  await until(() => editors.every((e) => content(e.provider.document) === content(server.doc)), 'everyone equal to the server');
}

test('two editors converge with each other and the server', async (t) => {
  const server = new FakePageServer();
  const a = editor(t, server, 'a');
  const b = editor(t, server, 'b');
  await Promise.all([a.provider.ready, b.provider.ready]);
  for (let i = 0; i < 50; i++) {
    a.type('a');
    b.type('b');
    await new Promise((resolve) => setImmediate(resolve));
  }
  await settle(server, [a, b]);
  assert.equal(content(server.doc).length, 100);
  await Promise.all([a.provider.destroy(), b.provider.destroy()]);
});

test('updates refused with rate_limited are resent, merged, until acknowledged', async (t) => {
  const server = new FakePageServer();
  let calls = 0;
  server.refuse = (method) => (method === 'SendPageUpdate' && calls++ % 3 !== 2 ? 'rate_limited: Too many requests.' : null);
  const editors = [editor(t, server, 'a'), editor(t, server, 'b'), editor(t, server, 'c')];
  await Promise.all(editors.map((e) => e.provider.ready));
  for (let i = 0; i < 40; i++) {
    for (const e of editors) e.type(String(i % 10));
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  await settle(server, editors);
  assert.equal(content(server.doc).length, 120);
  assert.ok(editors.every((e) => e.provider.refused > 0), 'some sends were refused');
  assert.equal(editors[0].provider.lastError.code, 'rate_limited');
  // Fewer sends than keystrokes: refused updates went out merged with the newer ones.
  assert.ok(server.calls.SendPageUpdate < 3 * 40 * 3);
  await Promise.all(editors.map((e) => e.provider.destroy()));
});

test('several updates are in flight at once, none is lost, and the server gets them in order', async (t) => {
  const server = new FakePageServer();
  server.answerDelayMs = 20;
  const a = editor(t, server, 'a', { maxInFlight: 4 });
  const b = editor(t, server, 'b', { maxInFlight: 4 });
  await Promise.all([a.provider.ready, b.provider.ready]);
  for (let i = 0; i < 60; i++) {
    a.type(String(i % 10));
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  await settle(server, [a, b]);
  assert.equal(content(server.doc), '0123456789'.repeat(6));
  // More than one send waited for its answer at a time, never more than maxInFlight, and none needed a repair.
  const { mostUnanswered } = a.provider.hub;
  assert.ok(mostUnanswered > 1, `at most ${mostUnanswered} unanswered`);
  assert.ok(mostUnanswered <= a.provider.maxInFlight + 1, `${mostUnanswered} unanswered`); // + 1: an awareness update
  assert.equal(server.gaps, 0);
  await Promise.all([a.provider.destroy(), b.provider.destroy()]);
});

test('a refusal while later sends are in flight is resent, and every replica ends equal', async (t) => {
  const server = new FakePageServer();
  server.answerDelayMs = 10;
  let sends = 0;
  server.refuse = (method) => (method === 'SendPageUpdate' && ++sends % 5 === 2 ? 'rate_limited: Too many requests.' : null);
  const a = editor(t, server, 'a', { maxInFlight: 4 });
  const b = editor(t, server, 'b', { maxInFlight: 4 });
  await Promise.all([a.provider.ready, b.provider.ready]);
  for (let i = 0; i < 80; i++) {
    a.type('a');
    b.type('b');
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  await settle(server, [a, b]);
  assert.equal(content(server.doc).length, 160);
  assert.ok(a.provider.refused > 0 && b.provider.refused > 0, 'both were refused at least once');
  assert.equal(content(a.provider.document), content(b.provider.document));
  await Promise.all([a.provider.destroy(), b.provider.destroy()]);
});

test('a server that lost acknowledged history gets a fresh sync step and everything it lacks', async (t) => {
  const server = new FakePageServer();
  const a = editor(t, server, 'a');
  const b = editor(t, server, 'b');
  await Promise.all([a.provider.ready, b.provider.ready]);
  a.type('before ');
  await settle(server, [a, b]);
  const snapshot = Y.encodeStateAsUpdate(server.doc);
  a.type('lost ');
  await settle(server, [a, b]);
  server.restore(snapshot);
  a.type('after');
  await until(() => server.gaps > 0, 'the gap to be refused');
  await settle(server, [a, b]);
  assert.equal(content(server.doc), 'before lost after');
  await Promise.all([a.provider.destroy(), b.provider.destroy()]);
});

test('a lost broadcast is noticed by the pending structs it leaves, and a sync step repairs it', async (t) => {
  const server = new FakePageServer();
  const a = editor(t, server, 'a');
  const b = editor(t, server, 'b');
  await Promise.all([a.provider.ready, b.provider.ready]);
  let dropped = 0;
  server.dropBroadcast = () => dropped++ === 3;
  for (let i = 0; i < 20; i++) {
    a.type(String(i % 10));
    await a.provider.whenAcknowledged();
  }
  await settle(server, [a, b]);
  assert.equal(content(b.provider.document), content(server.doc));
  assert.ok(server.calls.JoinPage >= 3, 'b joined again');
  await Promise.all([a.provider.destroy(), b.provider.destroy()]);
});

test('edits made while disconnected are sent after the reconnect', async (t) => {
  const server = new FakePageServer();
  const a = editor(t, server, 'a');
  const b = editor(t, server, 'b');
  await Promise.all([a.provider.ready, b.provider.ready]);
  const connection = [...server.connections][0];
  connection.drop();
  a.type('offline ');
  b.type('online ');
  await new Promise((resolve) => setTimeout(resolve, 20));
  assert.equal(a.provider.lastError.code, 'network');
  connection.reconnect();
  await settle(server, [a, b]);
  assert.match(content(server.doc), /offline/);
  assert.match(content(server.doc), /online/);
  await Promise.all([a.provider.destroy(), b.provider.destroy()]);
});

test('MessagePack: bytes both ways and the .NET (PascalCase) field names', async (t) => {
  const server = new FakePageServer({ binary: 'bytes', pascalCase: true });
  const sent = [];
  server.refuse = (method, args) => {
    if (method === 'SendPageUpdate') sent.push(args[2]);
    return null;
  };
  const a = editor(t, server, 'a');
  const b = editor(t, server, 'b');
  await Promise.all([a.provider.ready, b.provider.ready]);
  a.type('bytes');
  await settle(server, [a, b]);
  assert.ok(sent.every((value) => value instanceof Uint8Array));
  assert.equal(content(b.provider.document), 'bytes');
  assert.ok(a.provider.sequence > 0);
  await Promise.all([a.provider.destroy(), b.provider.destroy()]);
});

test('a refusal that resending cannot fix is reported with its code and the changes are kept', async (t) => {
  const server = new FakePageServer();
  server.refuse = (method) => (method === 'SendPageUpdate' ? 'read_only: This TwinSpace is archived.' : null);
  const a = editor(t, server, 'a');
  const errors = [];
  a.provider.on('error', (error) => errors.push(error));
  await a.provider.ready;
  a.type('kept');
  await until(() => errors.length > 0, 'the error');
  assert.equal(errors[0].code, 'read_only');
  assert.equal(errors[0].message, 'This TwinSpace is archived.');
  assert.equal(errors[0].retryable, false);
  assert.ok(a.provider.unacknowledgedBytes > 0);
  assert.equal(server.calls.SendPageUpdate, 1, 'not resent in a loop');
  await a.provider.destroy();
});

test('awareness reaches the other editors', async (t) => {
  const server = new FakePageServer();
  const a = editor(t, server, 'Ann');
  const b = editor(t, server, 'Bob');
  await Promise.all([a.provider.ready, b.provider.ready]);
  await until(() => [...b.provider.awareness.getStates().values()].some((state) => state.user?.name === 'Ann'), 'Ann at Bob');
  await Promise.all([a.provider.destroy(), b.provider.destroy()]);
});

test('changes typed just before destroy still reach the server', async (t) => {
  const server = new FakePageServer();
  // Every other send is refused, so most of what is typed is still queued when the editor leaves.
  let calls = 0;
  server.refuse = (method) => (method === 'SendPageUpdate' && calls++ % 2 === 0 ? 'rate_limited: Too many requests.' : null);
  const a = editor(t, server, 'a');
  await a.provider.ready;
  for (const word of ['Once ', 'upon ', 'a ', 'time']) a.type(word);
  await a.provider.destroy();
  assert.equal(content(server.doc), 'Once upon a time');
  assert.equal(server.calls.LeavePage, 1);
  a.type(' after');
  await new Promise((resolve) => setTimeout(resolve, 20));
  assert.equal(content(server.doc), 'Once upon a time', 'nothing is sent after destroy');
});
