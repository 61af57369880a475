#!/usr/bin/env bash
# Reproduces the shipped mini-CLIP (models/mini-clip) from a generated world.
#
#   scripts/train/mini-clip.sh WORLD_DIR [RUN_DIR] [CONFIG] [STEPS] [BATCH]
#
# WORLD_DIR: /work/worlds/full (cir4j world generate --size full --seed 0). RUN_DIR (default runs/mini-clip):
# the training output with resumable checkpoints; rerunning the script resumes it. CONFIG/STEPS/BATCH default to
# the shipped recipe (small, 1000, 128). PyTorch runs with CIR4J_THREADS threads (default 1: on a shared, loaded
# 2-core machine one thread is faster than two, whose OpenMP barriers wait for descheduled threads).
# At the end the model files (not the checkpoints) are copied to models/mini-clip.
set -euo pipefail
if [ $# -lt 1 ]; then
  sed -n 2,12p "$0"; exit 2
fi
here="$(cd "$(dirname "$0")/../.." && pwd)"
WORLD="$1"
RUN="${2:-$here/runs/mini-clip}"
CONFIG="${3:-small}"
STEPS="${4:-1000}"
BATCH="${5:-128}"
export CIR4J_THREADS="${CIR4J_THREADS:-1}"
resume=()
if [ -f "$RUN/checkpoints/latest" ]; then resume=(--resume); fi
"$here/cir4j" train clip --world "$WORLD" --out "$RUN" --config "$CONFIG" --steps "$STEPS" --batch "$BATCH" \
  --seed 0 --checkpoint-every 100 "${resume[@]}"
mkdir -p "$here/models/mini-clip"
for f in config.json model.safetensors vocab.json tokenizer_config.json training.json training-log.csv loss.png; do
  cp "$RUN/$f" "$here/models/mini-clip/$f"
done
echo "model copied to $here/models/mini-clip"
