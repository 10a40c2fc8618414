#!/usr/bin/env bash
# Query-phase runs of PISA, Tantivy and one or more kerko-bench binaries on the indexes of a run_all.sh session,
# in a seeded random order per run (a fixed order biases whoever runs after whom on a shared host), then the
# median over runs (and the best run) of each class's mean / p50 per engine, and Kërko ÷ PISA per run.
#   bash benchmarks/peers/interleave.sh OUT N KERKO_BENCH...
# Environment: PEERS (default ../shared/peers), PEERS_SCRATCH (default ~/.cache/kerko-peers),
# RUN (the run_all.sh output folder holding idx-pisa, idx-tantivy, idx-kerko; default $PEERS_SCRATCH/runs/pydocs).
set -euo pipefail
OUT=$1; N=$2; shift 2
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PEERS="${PEERS:-$HERE/../../../shared/peers}"
SCRATCH="${PEERS_SCRATCH:-$HOME/.cache/kerko-peers}"
RUN="${RUN:-$SCRATCH/runs/pydocs}"
C="$SCRATCH/data/pydocs.jsonl"; Q="$SCRATCH/data/pydocs.queries.tsv"
mkdir -p "$OUT"
names=(pisa tantivy); cmds=("" "")
j=0; for b in "$@"; do names+=("kerko$j"); cmds+=("$b"); j=$((j + 1)); done
M=${#names[@]}
for i in $(seq "$N"); do
  for k in $(python3 -c "import random; random.seed($i * 7919); l = list(range($M)); random.shuffle(l); print(*l)"); do
    e=${names[$k]}
    if [ -z "${cmds[$k]}" ]; then
      python3 "$PEERS/bench.py" --engine "$e" --phase query --corpus "$C" --queries "$Q" \
        --index-dir "$RUN/idx-$e" --out "$OUT/$e.jsonl" > /dev/null 2>> "$OUT/err.log"
    else
      python3 "$PEERS/bench.py" --engine kerko --label "$e" --engine-cmd "${cmds[$k]} --analyzer plain" --phase query \
        --corpus "$C" --queries "$Q" --index-dir "$RUN/idx-kerko" --out "$OUT/$e.jsonl" > /dev/null 2>> "$OUT/err.log"
    fi
  done
done
python3 - "$OUT" <<'PY'
import json, sys, glob, os, statistics as st
out = sys.argv[1]
runs = {os.path.basename(f)[:-6]: [json.loads(l) for l in open(f)] for f in sorted(glob.glob(out + "/*.jsonl"))}
classes = ("term", "and", "or", "phrase")
def stat(r, c, k): return r["classes"][c][k] if c in r.get("classes", {}) and r["classes"][c].get(k) is not None else None
for e, rs in runs.items():
    cells = []
    for c in classes:
        v = [(stat(r, c, "mean_us"), stat(r, c, "p50_us")) for r in rs if stat(r, c, "mean_us") is not None]
        if v:
            cells.append(f"{c} {st.median(a for a, _ in v):.1f}/{st.median(b for _, b in v):.1f} "
                         f"(best {min(a for a, _ in v):.1f}/{min(b for _, b in v):.1f})")
    print(f"{e:9} {len(rs):3} runs  " + "  ".join(cells))
pisa = runs.get("pisa", [])
for e, rs in runs.items():
    if not e.startswith("kerko") or len(rs) != len(pisa): continue
    cells = []
    for c in ("term", "and", "or"):
        pm = [stat(k, c, "p50_us") / stat(p, c, "p50_us") for k, p in zip(rs, pisa)]
        mm = [stat(k, c, "mean_us") / stat(p, c, "mean_us") for k, p in zip(rs, pisa)]
        cells.append(f"{c} {st.median(pm):.2f}/{st.median(mm):.2f} (mean ≤ PISA in {sum(x <= 1 for x in mm)}/{len(mm)})")
    print(f"{e} ÷ pisa per run, p50/mean: " + "  ".join(cells))
PY
