// Several connections of ONE account type fast into one page through @etwinning/collab-provider (half over
// MessagePack, half over JSON), with pastes and dropped connections, well past the server's rate limits.
// Every refused update must be resent until acknowledged, and every replica must end equal. Prints one JSON
// line for NodeClientTests. Usage: node limits.mjs <serverUrl> <twinSpaceId> <pageId> <seconds> <accessToken>...
import { createHash } from 'node:crypto';
import * as Y from 'yjs';
import { MessagePackHubProtocol } from '@microsoft/signalr-protocol-msgpack';
import { CollabPageProvider } from '@etwinning/collab-provider';

const [serverUrl, twinSpaceId, pageId, secondsText, ...tokens] = process.argv.slice(2);
const seconds = Number(secondsText);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
let seed = 20261203;
const random = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);

function open(token, index) {
  return new CollabPageProvider({
    url: serverUrl, token: () => token, twinSpaceId, pageId,
    protocol: index % 2 === 0 ? 'json' : 'auto', hubProtocol: index % 2 === 0 ? null : new MessagePackHubProtocol(),
    user: { name: `client ${index}` },
  });
}

const providers = tokens.map(open);
await Promise.all(providers.map((p) => p.ready));
const errors = {};
for (const p of providers) p.on('error', (e) => { errors[e.code] = (errors[e.code] ?? 0) + 1; });
let typed = 0;
let drops = 0;
const stopAt = Date.now() + seconds * 1000;
await Promise.all(providers.map(async (provider, index) => {
  const body = provider.document.getXmlFragment('prosemirror');
  const text = new Y.XmlText();
  provider.document.transact(() => {
    const paragraph = new Y.XmlElement('paragraph');
    body.insert(0, [paragraph]);
    paragraph.insert(0, [text]);
  });
  while (Date.now() < stopAt) {
    const roll = random();
    if (roll < 0.01) text.insert(text.length, `paste ${index} `.repeat(200)); // about 2 KB at once
    else if (roll < 0.015 && provider.hub?.connection) {
      drops++;
      provider.hub.connection.stop(); // the provider reconnects, re-joins and resends
    } else text.insert(text.length, String.fromCharCode(97 + (typed % 26)));
    typed++;
    if (index % 2 === 0) provider.awareness.setLocalStateField('cursor', typed);
    await sleep(5);
  }
}));
// Wait for every replica to hold every change (bounded), without any extra sync from the test.
const same = () => {
  const first = providers[0].document.getXmlFragment('prosemirror').toString();
  return providers.every((p) => p.queue.length === 0 && p.document.getXmlFragment('prosemirror').toString() === first
    && Y.encodeStateVector(p.document).join() === Y.encodeStateVector(providers[0].document).join());
};
const settleStart = Date.now();
while (!same() && Date.now() - settleStart < 60_000) await sleep(100);
const fresh = open(tokens[0], 1);
await fresh.ready;
const digest = (doc) => createHash('sha256').update(doc.getXmlFragment('prosemirror').toString()).digest('hex');
const result = {
  typed, drops, errors,
  refused: providers.reduce((sum, p) => sum + p.refused, 0),
  sent: providers.reduce((sum, p) => sum + p.sent, 0),
  unacknowledged: providers.map((p) => p.queue.length),
  // Hashes of the XML: the page holds hundreds of KB, more than is worth printing.
  clients: providers.map((p) => digest(p.document)),
  fresh: digest(fresh.document),
  length: fresh.document.getXmlFragment('prosemirror').toString().length,
  paragraphs: fresh.document.getXmlFragment('prosemirror').length,
};
await Promise.all([...providers, fresh].map((p) => p.destroy()));
// Exit only once the line is written (stdout to a pipe is asynchronous).
process.stdout.write(JSON.stringify(result) + '\n', () => process.exit(0));
