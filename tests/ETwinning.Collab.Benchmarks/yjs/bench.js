'use strict'
// The yjs side of the CRDT benchmark; prints the same JSON line as the C# tool with "impl":"yjs".
//   node --expose-gc bench.js trace <trace.json.gz> [--write-updates <updates.bin>]
//   node --expose-gc bench.js merge <updates.bin>
// --write-updates stores every transaction's update as (uint32 little-endian length, bytes) records,
// the input of the `merge` commands.
const fs = require('fs')
const zlib = require('zlib')
const path = require('path')
const crypto = require('crypto')
const Y = require('yjs')

const sha256 = data => crypto.createHash('sha256').update(data).digest('hex')
const now = () => Number(process.hrtime.bigint()) / 1e6
const round = x => Math.round(x * 10) / 10
const heapMb = () => {
  if (global.gc) { global.gc(); global.gc() }
  return process.memoryUsage().heapUsed / 1048576
}
const peakRssMb = () => round(process.resourceUsage().maxRSS / 1024)

function trace (file, writeUpdates) {
  const data = JSON.parse(zlib.gunzipSync(fs.readFileSync(file)).toString('utf8'))
  const patches = []
  for (const txn of data.txns) for (const p of txn.patches) patches.push(p)
  const heapBefore = heapMb()

  const doc = new Y.Doc()
  doc.clientID = 1
  const text = doc.getText('text')
  if (data.startContent) text.insert(0, data.startContent)
  const records = []
  if (writeUpdates) doc.on('update', u => records.push(u))
  let t = now()
  for (const [pos, del, ins] of patches) {
    doc.transact(() => {
      if (del > 0) text.delete(pos, del)
      if (ins) text.insert(pos, ins)
    })
  }
  const applyMs = now() - t
  const heapAfter = heapMb() - heapBefore

  t = now()
  const update = Y.encodeStateAsUpdate(doc)
  const encodeMs = now() - t
  t = now()
  const parsed = new Y.Doc()
  parsed.clientID = 2
  Y.applyUpdate(parsed, update)
  const parseMs = now() - t
  const finalText = text.toString()
  const ok = finalText === data.endContent && parsed.getText('text').toString() === data.endContent

  if (writeUpdates) {
    const chunks = []
    for (const u of records) {
      const len = Buffer.alloc(4)
      len.writeUInt32LE(u.length)
      chunks.push(len, Buffer.from(u))
    }
    fs.writeFileSync(writeUpdates, Buffer.concat(chunks))
  }
  console.log(JSON.stringify({
    impl: 'yjs',
    trace: path.basename(file).replace('.json.gz', ''),
    ops: patches.length,
    apply_ms: round(applyMs),
    encode_ms: round(encodeMs),
    parse_ms: round(parseMs),
    doc_bytes: update.length,
    text_ok: ok,
    text_sha256: sha256(Buffer.from(finalText, 'utf8')),
    update_sha256: sha256(update),
    heap_mb: round(heapAfter),
    peak_rss_mb: peakRssMb()
  }))
}

function merge (file) {
  const data = fs.readFileSync(file)
  const updates = []
  for (let off = 0; off + 4 <= data.length;) {
    const len = data.readUInt32LE(off)
    off += 4
    updates.push(new Uint8Array(data.buffer, data.byteOffset + off, len))
    off += len
  }
  const doc = new Y.Doc()
  doc.clientID = 2
  const t = now()
  for (const u of updates) Y.applyUpdate(doc, u)
  const applyMs = now() - t
  const state = Y.encodeStateAsUpdate(doc)
  console.log(JSON.stringify({
    impl: 'yjs',
    updates: updates.length,
    apply_ms: round(applyMs),
    doc_bytes: state.length,
    text_sha256: sha256(Buffer.from(doc.getText('text').toString(), 'utf8')),
    peak_rss_mb: peakRssMb()
  }))
}

const [cmd, file, flag, out] = process.argv.slice(2)
if (cmd === 'trace' && file) trace(file, flag === '--write-updates' ? out : null)
else if (cmd === 'merge' && file) merge(file)
else {
  console.error('usage: node --expose-gc bench.js trace <file.json.gz> [--write-updates <out.bin>] | merge <updates.bin>')
  process.exit(2)
}
