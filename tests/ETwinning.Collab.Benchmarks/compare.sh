#!/usr/bin/env bash
# Runs the CRDT benchmarks for this engine ("collab") and yjs alternately, in the same session,
# and prints each run plus medians and yjs/collab ratios.
#   tests/ETwinning.Collab.Benchmarks/compare.sh <trace.json.gz> [runs]
# Needs `npm ci` in tests/ETwinning.Collab.Benchmarks/yjs.
set -euo pipefail
trace=${1:?usage: compare.sh <trace.json.gz> [runs]}
runs=${2:-5}
here=$(cd "$(dirname "$0")" && pwd)
dotnet build -c Release "$here" > /dev/null
dll="$here/bin/Release/net10.0/ETwinning.Collab.Benchmarks.dll"
updates=$(mktemp --suffix .bin)
results=$(mktemp)
trap 'rm -f "$updates" "$results"' EXIT

# The yjs run also writes every transaction's update for the merge benchmark.
node --expose-gc "$here/yjs/bench.js" trace "$trace" --write-updates "$updates" > /dev/null
for _ in $(seq "$runs"); do
  dotnet "$dll" trace "$trace" | tee -a "$results"
  node --expose-gc "$here/yjs/bench.js" trace "$trace" | tee -a "$results"
  dotnet "$dll" merge "$updates" | sed 's/^{/{"bench":"merge",/' | tee -a "$results"
  node --expose-gc "$here/yjs/bench.js" merge "$updates" | sed 's/^{/{"bench":"merge",/' | tee -a "$results"
done
node "$here/yjs/summarize.js" < "$results"
