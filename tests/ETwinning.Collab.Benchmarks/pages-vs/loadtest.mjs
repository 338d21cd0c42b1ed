// One workload against one server, with the real yjs: ETwinning.Collab through @etwinning/collab-provider
// (MessagePack) or Hocuspocus through @hocuspocus/provider. Driven by the benchmarks' `pages-vs` command,
// which starts each server alone and reads its CPU and memory from /proc. Prints one JSON line.
//   node loadtest.mjs <config.json>
//   config: { target: 'collab'|'hocuspocus', url, token?, twinSpaceId?, workload: 'typing'|'join'|'idle',
//             pages: string[], editorsPerPage, seconds, charsPerSecond, statePath?, joins?, connections?, maxInFlight?,
//             shard? (set when several processes share a typing workload: every latency is printed too) }
import { readFile } from 'node:fs/promises';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { HocuspocusProvider } from '@hocuspocus/provider';
import { MessagePackHubProtocol } from '@microsoft/signalr-protocol-msgpack';
import { CollabPageProvider } from '@etwinning/collab-provider';

const config = JSON.parse(await readFile(process.argv[2], 'utf8'));
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const REMOTE_TIMEOUT_MS = 30_000;

/** Opens one editor's document on a page; resolves when synced. */
async function open(pageId, doc = new Y.Doc()) {
  if (config.target === 'collab') {
    const provider = new CollabPageProvider({
      url: config.url, token: () => config.token, hubProtocol: new MessagePackHubProtocol(),
      twinSpaceId: config.twinSpaceId, pageId, document: doc, maxUpdateBytes: config.maxUpdateBytes, maxInFlight: config.maxInFlight,
    });
    await provider.ready;
    if (!provider.synced) throw new Error(`not synced: ${provider.lastError?.code} ${provider.lastError?.message}`);
    return { doc, awareness: provider.awareness, close: () => provider.destroy(), pending: () => provider.unacknowledgedBytes };
  }
  const provider = new HocuspocusProvider({ url: config.url, name: pageId, document: doc, WebSocketPolyfill: WebSocket, token: 'bench' });
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('hocuspocus sync timed out')), REMOTE_TIMEOUT_MS);
    provider.on('synced', () => { clearTimeout(timer); resolve(); });
  });
  return { doc, awareness: provider.awareness, close: async () => provider.destroy(), pending: () => provider.unsyncedChanges };
}

const LOOP_RESOLUTION_MS = 10;
const loopDelayMs = (histogram, p) => Math.round(Math.max(0, histogram.percentile(p) / 1e6 - LOOP_RESOLUTION_MS) * 100) / 100;

function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] * 10) / 10;
}

async function typing() {
  const editors = [];
  // Connect in batches, as many browsers opening a page would.
  const slots = config.pages.flatMap((pageId) => Array.from({ length: config.editorsPerPage }, () => pageId));
  for (let i = 0; i < slots.length; i += 50) {
    editors.push(...await Promise.all(slots.slice(i, i + 50).map(async (pageId) => ({ pageId, ...await open(pageId) }))));
  }
  // Each typed character's Yjs id -> when it was typed; each receiver records when it first saw it.
  const typedAt = new Map();
  const latencies = [];
  let delivered = 0;
  for (const editor of editors) {
    editor.seen = new Set();
    editor.doc.on('update', (update, origin) => {
      if (origin === null || origin === undefined || origin === editor.doc) return;
      const now = performance.now();
      for (const struct of Y.decodeUpdate(update).structs) {
        for (let clock = struct.id.clock; clock < struct.id.clock + struct.length; clock++) {
          const key = `${struct.id.client}:${clock}`;
          const at = typedAt.get(key);
          if (at === undefined || editor.seen.has(key)) continue;
          editor.seen.add(key);
          delivered++;
          latencies.push(now - at);
        }
      }
    });
  }
  const intervalMs = 1000 / config.charsPerSecond;
  let typed = 0;
  // This process's own load while typing: all editors share one event loop, so its delay is queueing that a
  // latency includes whichever server is measured (and its CPU shares the machine with the server).
  // The histogram holds whole timer intervals, so the resolution is taken off (an idle loop then shows 0.2 ms).
  const loopDelay = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
  loopDelay.enable();
  const toolCpuBefore = process.cpuUsage();
  const started = performance.now();
  const stopAt = started + config.seconds * 1000;
  await Promise.all(editors.map(async (editor, index) => {
    await sleep(Math.random() * intervalMs);
    const body = editor.doc.getXmlFragment('prosemirror');
    let text = null;
    let count = 0;
    for (let next = performance.now(); performance.now() < stopAt; next += intervalMs) {
      editor.doc.transact(() => {
        if (!text) {
          const paragraph = new Y.XmlElement('paragraph');
          text = new Y.XmlText();
          body.insert(0, [paragraph]);
          paragraph.insert(0, [text]);
        }
        typedAt.set(`${editor.doc.clientID}:${Y.getState(editor.doc.store, editor.doc.clientID)}`, performance.now());
        text.insert(text.length, String.fromCharCode(97 + (count % 26)));
      });
      count++;
      typed++;
      if (count % 5 === 0) editor.awareness.setLocalStateField('cursor', { index, count });
      const wait = next + intervalMs - performance.now();
      if (wait > 0) await sleep(wait);
    }
  }));
  const typingSeconds = (performance.now() - started) / 1000;
  loopDelay.disable();
  const toolCpu = process.cpuUsage(toolCpuBefore);
  const expected = typed * (config.editorsPerPage - 1);
  // Convergence: every editor of a page ends with the same state, within the timeout.
  const byPage = Map.groupBy ? Map.groupBy(editors, (e) => e.pageId) : editors.reduce((m, e) => m.set(e.pageId, [...(m.get(e.pageId) ?? []), e]), new Map());
  const settleStart = performance.now();
  let converged = 0;
  while (performance.now() - settleStart < REMOTE_TIMEOUT_MS) {
    converged = [...byPage.values()].filter((group) => {
      const first = Y.encodeStateVector(group[0].doc).join(',');
      return group.every((e) => Y.encodeStateVector(e.doc).join(',') === first && e.doc.getXmlFragment('prosemirror').toString() === group[0].doc.getXmlFragment('prosemirror').toString());
    }).length;
    if (converged === byPage.size && delivered >= expected) break;
    await sleep(100);
  }
  const settleSeconds = (performance.now() - settleStart) / 1000;
  latencies.sort((a, b) => a - b);
  await Promise.all(editors.map((e) => e.close()));
  return {
    editors: editors.length, pages: byPage.size, typed, typing_s: Math.round(typingSeconds * 10) / 10,
    delivered, expected, p50_ms: percentile(latencies, 0.5), p99_ms: percentile(latencies, 0.99), max_ms: percentile(latencies, 1),
    converged_pages: converged, settle_s: Math.round(settleSeconds * 10) / 10,
    tool_cpu_s: Math.round((toolCpu.user + toolCpu.system) / 1e4) / 100,
    tool_loop_delay_p50_ms: loopDelayMs(loopDelay, 50),
    tool_loop_delay_p99_ms: loopDelayMs(loopDelay, 99),
    // One of several load processes: the orchestrator takes the percentiles over all of them.
    ...(config.shard === undefined ? {} : { latencies_ms: latencies.map((ms) => Math.round(ms * 100) / 100) }),
  };
}

async function join() {
  const state = new Uint8Array(await readFile(config.statePath));
  const pageId = config.pages[0];
  // A holder keeps the page loaded (Hocuspocus forgets a document without connections: no persistence by default).
  const holder = await open(pageId);
  if (holder.doc.getXmlFragment('prosemirror').length === 0) {
    Y.applyUpdate(holder.doc, state, 'load');
    const start = performance.now();
    while (holder.pending() > 0 && performance.now() - start < REMOTE_TIMEOUT_MS) await sleep(20);
  }
  const times = [];
  let bytes = 0;
  for (let i = 0; i < config.joins; i++) {
    const start = performance.now();
    const fresh = await open(pageId);
    times.push(performance.now() - start);
    bytes = Y.encodeStateAsUpdate(fresh.doc).length;
    await fresh.close();
  }
  await holder.close();
  times.sort((a, b) => a - b);
  return { joins: times.length, state_bytes: bytes, join_ms_median: percentile(times, 0.5), join_ms_min: percentile(times, 0), join_ms_max: percentile(times, 1) };
}

// Idle: raw WebSockets (a full client per socket would measure the client, not the server), each one
// authenticated and joined: on ours the SignalR handshake then JoinTwinSpace; on Hocuspocus the Auth message
// and sync step 1 of one of 100 documents. They stay open (answering pings) for `seconds`, then close.
async function idle() {
  const encoding = await import('lib0/encoding');
  const RS = '\u001e';
  let joined = 0;
  let failed = 0;
  const sockets = [];
  const openOne = (index) => new Promise((resolve) => {
    const url = config.target === 'collab'
      ? `${config.url.replace(/^http/, 'ws')}/hubs/twinspace?access_token=${encodeURIComponent(config.token)}`
      : config.url;
    const socket = new WebSocket(url);
    sockets.push(socket);
    const done = (ok) => { if (ok) joined++; else failed++; resolve(); };
    socket.on('error', () => done(false));
    if (config.target === 'collab') {
      let handshaken = false;
      socket.on('open', () => socket.send(`{"protocol":"json","version":1}${RS}`));
      socket.on('message', (data) => {
        for (const frame of String(data).split(RS).filter(Boolean)) {
          const message = JSON.parse(frame);
          if (!handshaken) {
            handshaken = true;
            socket.send(JSON.stringify({ type: 1, invocationId: '1', target: 'JoinTwinSpace', arguments: [config.twinSpaceId] }) + RS);
          } else if (message.type === 3) {
            done(!message.error);
          } else if (message.type === 6) {
            socket.send(`{"type":6}${RS}`);
          }
        }
      });
    } else {
      const name = `idle-${index % 100}`;
      let answered = false;
      socket.on('open', () => {
        const auth = encoding.createEncoder();
        encoding.writeVarString(auth, name);
        encoding.writeVarUint(auth, 2);
        encoding.writeVarUint(auth, 0);
        encoding.writeVarString(auth, 'bench');
        socket.send(encoding.toUint8Array(auth));
        const sync = encoding.createEncoder();
        encoding.writeVarString(sync, name);
        encoding.writeVarUint(sync, 0);
        encoding.writeVarUint(sync, 0);
        encoding.writeVarUint8Array(sync, Y.encodeStateVector(new Y.Doc()));
        socket.send(encoding.toUint8Array(sync));
      });
      socket.on('message', () => { if (!answered) { answered = true; done(true); } });
    }
  });
  const started = performance.now();
  for (let i = 0; i < config.connections; i += 200) {
    await Promise.all(Array.from({ length: Math.min(200, config.connections - i) }, (_, k) => openOne(config.offset + i + k)));
  }
  const openSeconds = (performance.now() - started) / 1000;
  // Tell the orchestrator (it samples the server's memory now), then hold the connections.
  console.error(`opened ${joined}`);
  await sleep(config.seconds * 1000);
  const stillOpen = sockets.filter((s) => s.readyState === WebSocket.OPEN).length;
  for (const socket of sockets) socket.terminate();
  return { connections: config.connections, joined, failed, still_open: stillOpen, open_s: Math.round(openSeconds * 10) / 10 };
}

const workloads = { typing, join, idle };
const result = await workloads[config.workload]();
// Exit only once the line is written (stdout to a pipe is asynchronous).
process.stdout.write(JSON.stringify({ target: config.target, workload: config.workload, ...result }) + '\n', () => process.exit(0));
