// Several real yjs documents edit one page through the server over the real @microsoft/signalr client,
// with random disconnects (edits continue offline) and reconnects. Prints one JSON line with every client's
// final content and a fresh joiner's, for NodeClientTests to compare with each other and with the server.
// Usage: node script.mjs <serverUrl> <twinSpaceId> <pageId> <seed> <accessToken>...
import * as signalR from '@microsoft/signalr';
import * as Y from 'yjs';

const [serverUrl, twinSpaceId, pageId, seedText, ...tokens] = process.argv.slice(2);
const OPERATIONS_PER_CLIENT = 60;
let seed = Number(seedText) >>> 0 || 1;
const random = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);
const pick = (n) => Math.floor(random() * n);
const toBase64 = (bytes) => Buffer.from(bytes).toString('base64');
const fromBase64 = (text) => new Uint8Array(Buffer.from(text, 'base64'));

class Client {
  constructor(name, token) {
    this.name = name;
    this.token = token;
    this.doc = new Y.Doc();
    this.body = this.doc.getXmlFragment('prosemirror');
    this.connection = null;
    this.reconnects = 0;
  }

  async connect() {
    this.connection = new signalR.HubConnectionBuilder()
      .withUrl(new URL('/hubs/twinspace', serverUrl).href, { accessTokenFactory: () => this.token })
      .configureLogging(signalR.LogLevel.None)
      .build();
    this.connection.on('PageUpdated', (event) => {
      if (event.pageId === pageId) Y.applyUpdate(this.doc, fromBase64(event.update), 'server');
    });
    await this.connection.start();
    await this.sync();
  }

  // Sync step 1 with our state vector; then send what the server lacks (everything edited offline).
  async sync() {
    const joined = await this.connection.invoke('JoinPage', twinSpaceId, pageId, toBase64(Y.encodeStateVector(this.doc)));
    Y.applyUpdate(this.doc, fromBase64(joined.update), 'server');
    const missing = Y.encodeStateAsUpdate(this.doc, fromBase64(joined.stateVector));
    if (missing.length > 2) await this.connection.invoke('SendPageUpdate', twinSpaceId, pageId, toBase64(missing));
  }

  async disconnect() {
    await this.connection.stop();
    this.connection = null;
    this.reconnects++;
  }

  // One random local edit; sent at once when connected, kept for the next sync otherwise.
  async edit() {
    let update = null;
    const capture = (u, origin) => { if (origin !== 'server') update = update ? Y.mergeUpdates([update, u]) : u; };
    this.doc.on('update', capture);
    this.doc.transact(() => {
      const paragraphs = this.body.toArray();
      const choice = pick(10);
      if (paragraphs.length === 0 || choice < 3) {
        const paragraph = new Y.XmlElement('paragraph');
        const text = new Y.XmlText();
        this.body.insert(pick(paragraphs.length + 1), [paragraph]);
        paragraph.insert(0, [text]);
        text.insert(0, `${this.name}${pick(100)} `);
      } else {
        const text = paragraphs[pick(paragraphs.length)].get(0);
        if (!(text instanceof Y.XmlText)) return;
        if (choice < 8 || text.length === 0) text.insert(pick(text.length + 1), this.name.repeat(1 + pick(3)), choice === 7 ? { strong: {} } : undefined);
        else text.delete(pick(text.length), 1 + pick(Math.min(3, text.length)));
        if (choice === 9 && paragraphs.length > 3) this.body.delete(pick(paragraphs.length), 1);
      }
    }, this.name);
    this.doc.off('update', capture);
    if (update && this.connection) await this.connection.invoke('SendPageUpdate', twinSpaceId, pageId, toBase64(update));
  }

  async run() {
    await this.connect();
    for (let i = 0; i < OPERATIONS_PER_CLIENT; i++) {
      if (this.connection && pick(12) === 0) await this.disconnect();
      else if (!this.connection && pick(3) === 0) await this.connect();
      await this.edit();
    }
    if (!this.connection) await this.connect();
  }
}

const clients = tokens.map((token, i) => new Client(String.fromCharCode(65 + i), token));
await Promise.all(clients.map((client) => client.run()));
// Everyone has sent everything; one more sync each picks up what others sent last.
for (const client of clients) await client.sync();
const fresh = new Client('fresh', tokens[0]);
await fresh.connect();
const result = {
  clients: clients.map((c) => c.body.toString()),
  fresh: fresh.body.toString(),
  reconnects: clients.reduce((sum, c) => sum + c.reconnects, 0),
};
for (const client of [...clients, fresh]) if (client.connection) await client.connection.stop();
console.log(JSON.stringify(result));
