'use strict'
// Drives the real yjs for the C# differential tests. Reads one JSON request per line on stdin and
// answers one JSON line on stdout:
//   {"cmd":"session","seed":N}   random multi-client session; returns the updates an observer received
//                                (in delivery order) and the observer's content, state vector and state.
//   {"cmd":"strings","text":s}     an update holding s in text, format, map key/value, element name/attribute
//   {"cmd":"load","updates":[b64]} applies updates to a fresh doc; returns content, state vector, state.
const Y = require('yjs')
const readline = require('readline')

const ROOTS = ['text', 'array', 'map', 'xml']

function prng (seed) {
  let a = seed >>> 0
  const next = () => {
    a = (a + 0x6D2B79F5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = n => Math.floor(next() * n)
  return { next, int, pick: arr => arr[int(arr.length)], chance: p => next() < p }
}

const b64 = u8 => Buffer.from(u8).toString('base64')
const fromB64 = s => new Uint8Array(Buffer.from(s, 'base64'))

// ---- canonical content (same rules as the C# side: sorted keys, merged text runs) ----

function sortKeys (obj, conv) {
  const out = {}
  for (const k of Object.keys(obj).sort()) out[k] = conv(obj[k])
  return out
}

function val (v) {
  if (v instanceof Y.XmlText) return { $xtext: delta(v) }
  if (v instanceof Y.Text) return { $text: delta(v) }
  if (v instanceof Y.XmlElement) return { $el: v.nodeName, attrs: sortKeys(v.getAttributes(), val), children: v.toArray().map(val) }
  if (v instanceof Y.XmlFragment) return { $frag: v.toArray().map(val) }
  if (v instanceof Y.Array) return { $array: v.toArray().map(val) }
  if (v instanceof Y.Map) { const o = {}; v.forEach((x, k) => { o[k] = x }); return { $map: sortKeys(o, val) } }
  if (v instanceof Y.XmlHook) return { $hook: v.hookName }
  if (v instanceof Uint8Array) return { $bin: b64(v) }
  if (v === undefined) return { $undef: 1 }
  if (Array.isArray(v)) return v.map(val)
  if (v !== null && typeof v === 'object') return sortKeys(v, val)
  return v
}

function delta (text) {
  const out = []
  for (const d of text.toDelta()) {
    const attrs = d.attributes && Object.keys(d.attributes).length > 0 ? sortKeys(d.attributes, val) : null
    const last = out[out.length - 1]
    if (typeof d.insert === 'string' && last && typeof last.insert === 'string' && JSON.stringify(last.attributes) === JSON.stringify(attrs)) {
      last.insert += d.insert
    } else {
      out.push({ insert: typeof d.insert === 'string' ? d.insert : val(d.insert), attributes: attrs })
    }
  }
  return out
}

function canon (doc) {
  return JSON.stringify({
    text: delta(doc.getText('text')),
    array: val(doc.getArray('array')).$array,
    map: val(doc.getMap('map')).$map,
    xml: val(doc.getXmlFragment('xml')).$frag
  })
}

function describe (doc) {
  const pending = doc.store.pendingStructs
  return {
    content: canon(doc),
    xml: doc.getXmlFragment('xml').toString(),
    sv: b64(Y.encodeStateVector(doc)),
    state: b64(Y.encodeStateAsUpdate(doc)),
    pending: pending ? JSON.stringify([...pending.missing]) : null
  }
}

// ---- random sessions ----

const CHARS = ['a', 'b', 'c', 'd', 'e', ' ', 'x', 'y', '\n', 'é', '😀', '𝄞', '中']

function randomString (r) {
  let s = ''
  const n = 1 + r.int(6)
  for (let i = 0; i < n; i++) s += r.pick(CHARS)
  return s
}

function randomValue (r, depth = 0) {
  switch (r.int(depth > 1 ? 6 : 9)) {
    case 0: return r.int(2000) - 1000
    case 1: return r.pick([0.5, -2.25, 1e21, 123456789012, 3.14159, -0])
    case 2: return randomString(r)
    case 3: return r.chance(0.5)
    case 4: return null
    case 5: return r.int(5) === 0 ? new Uint8Array([r.int(256), r.int(256)]) : r.int(100)
    case 6: return [randomValue(r, depth + 1), randomValue(r, depth + 1)]
    case 7: return { k: randomValue(r, depth + 1), [randomString(r)]: r.int(10) }
    default: return r.int(3) === 0 && depth > 0 ? undefined : 'u'
  }
}

function randomAttrs (r) {
  const attrs = {}
  const n = r.int(3)
  for (let i = 0; i < n; i++) {
    const key = r.pick(['bold', 'italic', 'link', 'color'])
    attrs[key] = key === 'link' ? { href: 'https://e.org/' + r.int(5) } : key === 'color' ? r.pick(['red', 'blue', null]) : r.pick([true, null])
  }
  return attrs
}

// All shared types reachable from the roots, to pick nested ones to edit.
function collectTypes (doc) {
  const found = []
  const visit = t => {
    found.push(t)
    if (t instanceof Y.Text) {
      for (const d of t.toDelta()) if (d.insert instanceof Y.AbstractType) visit(d.insert)
    } else if (t instanceof Y.Map) {
      t.forEach(v => { if (v instanceof Y.AbstractType) visit(v) })
    } else if (t instanceof Y.Array || t instanceof Y.XmlFragment) {
      t.toArray().forEach(v => { if (v instanceof Y.AbstractType) visit(v) })
    }
  }
  visit(doc.getText('text')); visit(doc.getArray('array')); visit(doc.getMap('map')); visit(doc.getXmlFragment('xml'))
  return found
}

function editText (r, t) {
  const len = t.length
  const op = r.int(10)
  if (op < 4 || len === 0) {
    const pos = r.int(len + 1)
    if (r.chance(0.3)) t.insert(pos, randomString(r), randomAttrs(r))
    else t.insert(pos, randomString(r))
  } else if (op < 7) {
    const pos = r.int(len)
    t.delete(pos, 1 + r.int(Math.min(4, len - pos)))
  } else if (op < 9) {
    const pos = r.int(len)
    t.format(pos, 1 + r.int(Math.min(5, len - pos)), randomAttrs(r))
  } else {
    t.insertEmbed(r.int(len + 1), { image: 'i' + r.int(9) }, r.chance(0.5) ? { bold: true } : undefined)
  }
}

function newNested (r) {
  switch (r.int(3)) {
    case 0: return new Y.Map()
    case 1: return new Y.Array()
    default: return new Y.Text()
  }
}

function editArray (r, a) {
  const len = a.length
  const op = r.int(10)
  if (op < 5 || len === 0) {
    const values = []
    const n = 1 + r.int(3)
    for (let i = 0; i < n; i++) values.push(r.chance(0.15) ? newNested(r) : randomValue(r))
    a.insert(r.int(len + 1), values)
  } else if (op < 8) {
    const pos = r.int(len)
    a.delete(pos, 1 + r.int(Math.min(3, len - pos)))
  } else {
    a.push([randomValue(r)])
  }
}

function editMap (r, m) {
  const key = r.pick(['a', 'b', 'c', 'd', 'e'])
  if (r.chance(0.25)) m.delete(key)
  else m.set(key, r.chance(0.15) ? newNested(r) : r.chance(0.05) ? undefined : randomValue(r))
}

function editXml (r, x) {
  const children = x.toArray()
  const op = r.int(10)
  if (op < 3 || children.length === 0) {
    if (r.chance(0.5)) {
      const el = new Y.XmlElement(r.pick(['paragraph', 'heading', 'blockquote']))
      x.insert(r.int(children.length + 1), [el])
      el.insert(0, [new Y.XmlText()])
      el.setAttribute('level', String(1 + r.int(3)))
    } else {
      x.insert(r.int(children.length + 1), [new Y.XmlText()])
    }
  } else if (op < 4) {
    const pos = r.int(children.length)
    x.delete(pos, 1)
  } else if (op < 6 && x instanceof Y.XmlElement) {
    if (r.chance(0.3)) x.removeAttribute(r.pick(['level', 'align']))
    else x.setAttribute(r.pick(['level', 'align']), r.pick(['1', '2', 'left', 'center']))
  } else {
    const child = r.pick(children)
    if (child instanceof Y.XmlText) editText(r, child)
    else if (child instanceof Y.XmlElement) editXml(r, child)
  }
}

function randomEdit (r, doc) {
  const types = collectTypes(doc)
  const t = r.chance(0.6) ? types[r.int(4)] : r.pick(types)
  if (t instanceof Y.Text) editText(r, t)
  else if (t instanceof Y.Array) editArray(r, t)
  else if (t instanceof Y.Map) editMap(r, t)
  else if (t instanceof Y.XmlFragment) editXml(r, t)
}

function session (seed) {
  const r = prng(seed)
  const clientCount = 2 + r.int(4)
  const docs = []
  const log = []
  const used = new Set()
  for (let i = 0; i < clientCount; i++) {
    const doc = new Y.Doc()
    let id
    do { id = r.chance(0.5) ? 1 + r.int(20) : 1 + r.int(4294967295) } while (used.has(id))
    used.add(id)
    doc.clientID = id
    doc.on('update', u => log.push(u))
    docs.push(doc)
  }
  const ops = 3 + r.int(40)
  for (let i = 0; i < ops; i++) {
    const doc = r.pick(docs)
    if (r.chance(0.25)) {
      // Partial sync from another client.
      const other = r.pick(docs)
      if (other !== doc) Y.applyUpdate(doc, Y.encodeStateAsUpdate(other, Y.encodeStateVector(doc)))
    } else {
      doc.transact(() => {
        const n = 1 + (r.chance(0.3) ? r.int(3) : 0)
        for (let k = 0; k < n; k++) randomEdit(r, doc)
      })
    }
  }
  // What the observer receives: the logged updates shuffled, some duplicated, some lost, plus
  // occasionally full states and merged updates.
  let delivery = log.slice()
  for (let i = delivery.length - 1; i > 0; i--) {
    if (r.chance(0.5)) { const j = r.int(i + 1); const tmp = delivery[i]; delivery[i] = delivery[j]; delivery[j] = tmp }
  }
  if (r.chance(0.3)) delivery = delivery.filter(() => !r.chance(0.15))
  const extra = []
  for (const u of delivery) {
    extra.push(u)
    if (r.chance(0.1)) extra.push(u)
  }
  if (r.chance(0.2)) extra.splice(r.int(extra.length + 1), 0, Y.encodeStateAsUpdate(r.pick(docs)))
  if (r.chance(0.2) && log.length > 1) {
    const a = r.pick(log); const b = r.pick(log)
    extra.splice(r.int(extra.length + 1), 0, Y.mergeUpdates([a, b]))
  }
  const observer = new Y.Doc()
  observer.clientID = 4294967296 + 7 // never used by the generated clients
  try {
    for (const u of extra) Y.applyUpdate(observer, u)
  } catch (e) {
    // yjs itself failed on its own updates (seen with rare out-of-order deliveries): not a case
    // the C# engine can be compared on.
    return { skipped: String(e) }
  }
  const result = describe(observer)
  result.updates = extra.map(b64)
  return result
}

function itemList (t) {
  const out = []
  for (let n = t._start; n; n = n.right) {
    const c = n.content
    const v = c.constructor === Y.ContentFormat ? c.key + '=' + JSON.stringify(c.value) : c.constructor === Y.ContentString ? JSON.stringify(c.str) : c.constructor.name
    out.push(n.id.client + ':' + n.id.clock + (n.deleted ? 'D ' : ' ') + v)
  }
  return out.join(' | ')
}

function load (updates) {
  const doc = new Y.Doc()
  for (const u of updates) Y.applyUpdate(doc, fromB64(u))
  return describe(doc)
}

// Replicas kept open across requests, to exchange updates with a C# replica both ways.
const replicas = new Map()

function open (id, updates) {
  const doc = new Y.Doc()
  doc.clientID = 4294967296 + 11
  for (const u of updates) Y.applyUpdate(doc, fromB64(u))
  const produced = []
  // Local transactions of this replica are its formatting cleanups after remote changes.
  doc.on('update', (u, origin, d, tr) => { if (tr.local) produced.push(u) })
  replicas.set(id, { doc, produced })
  return describe(doc)
}

function exchange (id, updates) {
  const replica = replicas.get(id)
  replica.produced.length = 0
  for (const u of updates) Y.applyUpdate(replica.doc, fromB64(u))
  const result = describe(replica.doc)
  result.produced = replica.produced.map(b64)
  return result
}

function protocol (req) {
  const sync = require('y-protocols/sync')
  const awareness = require('y-protocols/awareness')
  const encoding = require('lib0/encoding')
  const doc = new Y.Doc()
  Y.applyUpdate(doc, fromB64(req.state))
  const step1 = encoding.createEncoder()
  sync.writeSyncStep1(step1, doc)
  const step2 = encoding.createEncoder()
  sync.writeSyncStep2(step2, doc, fromB64(req.sv))
  const update = encoding.createEncoder()
  sync.writeUpdate(update, fromB64(req.state))
  const a = new awareness.Awareness(new Y.Doc())
  awareness.applyAwarenessUpdate(a, fromB64(req.awareness), 'remote')
  const reencoded = awareness.encodeAwarenessUpdate(a, req.ids)
  const states = req.ids.map(id => a.getStates().get(id))
  a.destroy()
  return {
    step1: b64(encoding.toUint8Array(step1)),
    step2: b64(encoding.toUint8Array(step2)),
    update: b64(encoding.toUint8Array(update)),
    awareness: b64(reencoded),
    states: JSON.stringify(states)
  }
}

function handle (req) {
  switch (req.cmd) {
    case 'session': return session(req.seed)
    case 'load': return load(req.updates)
    case 'open': return open(req.id, req.updates)
    case 'exchange': return exchange(req.id, req.updates)
    case 'close': replicas.delete(req.id); return {}
    case 'items': {
      // Debugging aid: the item lists of every text, to compare structures with the C# side.
      const doc = new Y.Doc()
      for (const u of req.updates) Y.applyUpdate(doc, fromB64(u))
      return { texts: collectTypes(doc).filter(t => t instanceof Y.Text).map(itemList) }
    }
    case 'protocol': return protocol(req)
    case 'strings': {
      // Strings exactly as given (JSON keeps lone surrogates) in every place an update carries text:
      // text content, a format, a map key and value, an element name and attribute.
      const doc = new Y.Doc()
      doc.clientID = 7
      doc.getText('text').insert(0, req.text)
      doc.getText('text').format(0, 1, { [req.text]: req.text })
      doc.getMap('map').set(req.text, req.text)
      const el = new Y.XmlElement('p' + req.text)
      doc.getXmlFragment('xml').insert(0, [el])
      el.setAttribute('a' + req.text, req.text)
      return { update: b64(Y.encodeStateAsUpdate(doc)), text: doc.getText('text').toString(), map: doc.getMap('map').toJSON() }
    }
    case 'merge': return { update: b64(Y.mergeUpdates(req.updates.map(fromB64))) }
    case 'diff': return { update: b64(Y.diffUpdate(fromB64(req.update), fromB64(req.sv))) }
    case 'svFromUpdate': return { sv: b64(Y.encodeStateVectorFromUpdate(fromB64(req.update))) }
    default: throw new Error('unknown command ' + req.cmd)
  }
}

const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity })
rl.on('line', line => {
  if (!line.trim()) return
  let res
  try {
    res = handle(JSON.parse(line))
  } catch (e) {
    res = { error: String(e && e.stack ? e.stack : e) }
  }
  process.stdout.write(JSON.stringify(res) + '\n')
})
