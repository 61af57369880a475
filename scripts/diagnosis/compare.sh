#!/usr/bin/env bash
# Side-by-side quality of several CLIP model directories on one world: the zero-shot report of `cir4j eval clip`
# and the linear probe of scripts/diagnosis/probe.sh, one column per model (prints a Markdown table).
#
#   scripts/diagnosis/compare.sh WORLD_DIR WORK_DIR NAME=MODEL_DIR [NAME=MODEL_DIR ...]
#
# WORK_DIR/NAME/ keeps each model's outputs (eval.md, eval.json, probe.md); an existing output is reused, so a
# rerun only evaluates new models (delete WORK_DIR/NAME to redo one). About 4 minutes per model on one core.
set -euo pipefail
if [ $# -lt 3 ]; then
  sed -n 2,8p "$0"; exit 2
fi
here="$(cd "$(dirname "$0")/../.." && pwd)"
world="$1" work="$2"; shift 2
names=()
for spec in "$@"; do
  name="${spec%%=*}" model="${spec#*=}"
  [ "$name" != "$spec" ] && [ -n "$name" ] || { echo "compare.sh: expected NAME=MODEL_DIR, found '$spec'" >&2; exit 2; }
  [ -f "$model/config.json" ] || { echo "compare.sh: $model has no config.json (not a model directory)" >&2; exit 2; }
  mkdir -p "$work/$name"
  if [ ! -f "$work/$name/eval.json" ]; then
    nice -n 10 "$here/cir4j" eval clip --model "$model" --world "$world" --out "$work/$name/eval.md" >&2
  fi
  if [ ! -f "$work/$name/probe.md" ]; then
    "$here/scripts/diagnosis/probe.sh" "$model" "$world" "$work/$name/probe-work" > "$work/$name/probe.md.tmp"
    mv "$work/$name/probe.md.tmp" "$work/$name/probe.md"
  fi
  names+=("$name")
done
/usr/bin/python3 - "$work" "${names[@]}" <<'PY'
import json, re, sys
work, names = sys.argv[1], sys.argv[2:]
rows, order = {}, []
def put(key, name, value):
    if key not in rows:
        rows[key] = {}; order.append(key)
    rows[key][name] = value
for n in names:
    report = json.load(open(f"{work}/{n}/eval.json"))
    for d in report["domains"]:
        for a in d["attributes"]:
            put(f"{d['domain']} zero-shot {a['attribute']} (majority {100 * a['majority']:.1f} %)", n, 100 * a["accuracy"])
        r = d["retrieval"]
        put(f"{d['domain']} text→image R@5 ({r['images']} images)", n, 100 * r["t2i_r5"])
        put(f"{d['domain']} image→text R@5", n, 100 * r["i2t_r5"])
    for line in open(f"{work}/{n}/probe.md"):
        m = re.match(r"\| (\w+) \| (\w+) \| (\d+) \| (\d+) \| ([\d.]+) % \| ([\d.]+) % \|", line)
        if m:
            put(f"shapes linear probe {m[1]} ({m[3]} test images, majority {m[6]} %)", n, float(m[5]))
        m = re.match(r"shape class text embeddings: pairwise cosine mean ([\d.]+)", line)
        if m:
            put("shapes: shape-class text embeddings, mean pairwise cosine", n, float(m[1]))
print("| measure | " + " | ".join(names) + " |")
print("| --- | " + " | ".join("---:" for _ in names) + " |")
for key in order:
    cells = []
    for n in names:
        v = rows[key].get(n)
        cells.append("–" if v is None else (f"{v:.3f}" if "cosine" in key else f"{v:.1f} %"))
    print(f"| {key} | " + " | ".join(cells) + " |")
PY
