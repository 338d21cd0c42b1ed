'use strict'
// Reads the JSON lines of compare.sh and prints medians per implementation and yjs/collab ratios.
const lines = require('fs').readFileSync(0, 'utf8').split('\n').filter(l => l.startsWith('{')).map(l => JSON.parse(l))
const median = xs => { const s = xs.slice().sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2 }
for (const bench of ['trace', 'merge']) {
  const rows = lines.filter(l => (l.bench || 'trace') === bench)
  if (rows.length === 0) continue
  const fields = Object.keys(rows[0]).filter(k => typeof rows[0][k] === 'number' && k !== 'ops' && k !== 'updates')
  const med = {}
  for (const impl of ['collab', 'yjs']) {
    med[impl] = {}
    for (const f of fields) med[impl][f] = median(rows.filter(r => r.impl === impl).map(r => r[f]))
  }
  console.log(`\n${bench} (medians of ${rows.filter(r => r.impl === 'yjs').length} runs)`)
  console.log('field'.padEnd(14) + 'collab'.padStart(12) + 'yjs'.padStart(12) + 'yjs/collab'.padStart(12))
  for (const f of fields) {
    const c = med.collab[f]; const y = med.yjs[f]
    console.log(f.padEnd(14) + String(c).padStart(12) + String(y).padStart(12) + (c ? (y / c).toFixed(2) : '-').padStart(12))
  }
  const same = k => new Set(rows.map(r => r[k])).size === 1
  if (rows[0].text_sha256) console.log('same final text: ' + same('text_sha256'))
  if (rows[0].update_sha256) console.log('same encoded bytes: ' + same('update_sha256'))
}
