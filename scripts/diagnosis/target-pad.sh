#!/usr/bin/env bash
# Regenerates docs/results/target-pad-diagnosis.md: why CLIP4Cir's target pad ranks worst on the world's garments
# (issue #6). Per aspect ratio, how far squarepad / targetpad / clip move one image's feature, and the same target pad
# with its bars filled in the image's background colour instead of black (scripts/diagnosis/target_pad.py); then
# image-only and sum retrieval on garments/fashioniq val with each preprocessing. About 3 minutes on one core.
#
#   scripts/diagnosis/target-pad.sh MODEL_DIR WORLD_DIR [WORK_DIR] [PER_SIZE]
set -euo pipefail
if [ $# -lt 2 ]; then sed -n 2,7p "$0" >&2; exit 2; fi
here="$(cd "$(dirname "$0")/../.." && pwd)"
model="$(cd "$1" && pwd)"; world="$(cd "$2" && pwd)"
work="${3:-$here/target/diagnosis/target-pad}"; per_size="${4:-200}"
export CIR4J_THREADS="${CIR4J_THREADS:-1}"
mkdir -p "$work"
cir4j() { nice -n 10 "$here/cir4j" "$@"; }
/usr/bin/python3 "$here/scripts/diagnosis/target_pad.py" prepare "$world" "$work" "$per_size"
for p in squarepad targetpad clip; do
  cir4j encode --model "$model" --images "$work/orig" --preprocess "$p" --out "$work/orig-$p.safetensors" --strict >&2
done
for v in pil-black pil-bg; do
  cir4j encode --model "$model" --images "$work/$v" --preprocess clip --out "$work/$v-clip.safetensors" --strict >&2
done
for p in clip squarepad targetpad; do
  cir4j eval --dataset world --root "$world" --domain garments/fashioniq --model "$model" --split val \
    --method image-only --method sum --preprocess "$p" --out "$work/eval-$p" --summary --no-histograms > "$work/eval-$p.log"
done
weights_sha="$(sha256sum "$model/model.safetensors" | cut -c1-12)"
printf '{"date": "%s", "model": "%s", "weights_sha": "%s", "per_size": "%s"}\n' "$(date -u '+%Y-%m-%d %H:%M UTC')" \
  "$1" "$weights_sha" "$per_size" > "$work/meta.json"
/usr/bin/python3 "$here/scripts/diagnosis/target_pad.py" report "$world" "$work" "$here/docs/results/target-pad-diagnosis.md" \
  "scripts/diagnosis/target-pad.sh $1 $2"
echo "wrote docs/results/target-pad-diagnosis.md" >&2
