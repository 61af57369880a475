#!/usr/bin/env bash
# Reproduces the shipped mini-CLIP (models/mini-clip) from a generated world.
#
#   scripts/train/mini-clip.sh WORLD_DIR [RUN_DIR]
#
# WORLD_DIR: /work/worlds/full (cir4j world generate --out DIR --size full --seed 0). RUN_DIR (default
# runs/mini-clip): the training output with resumable checkpoints; rerunning the script continues where it stopped.
# The recipe (docs/mini-clip.md): `small` config, 5000 steps of batch 128, peak lr 1e-3, warm-up 250, seed 0,
# HARD_NEGATIVES (default 0, CLIP's uniform sampling: the shipped model; 0.5 was tried and was worse) of every batch
# drawn from one confusable group.
# PyTorch runs with CIR4J_THREADS threads (default 1: on a shared 2-core machine one thread is as fast as two and
# leaves a core for the rest; results are reproducible for a given thread count).
# At the end the model files (not the checkpoints) are copied to models/mini-clip.
set -euo pipefail
if [ $# -lt 1 ]; then
  sed -n 2,13p "$0"; exit 2
fi
here="$(cd "$(dirname "$0")/../.." && pwd)"
WORLD="$1"
RUN="${2:-$here/runs/mini-clip}"
HARD="${HARD_NEGATIVES:-0}"
export CIR4J_THREADS="${CIR4J_THREADS:-1}"
args=(train clip --world "$WORLD" --out "$RUN" --config small --steps 5000 --batch 128 --lr 1e-3 --warmup 250
      --held-out 1000 --seed 0 --checkpoint-every 500 --hard-negatives "$HARD" --threads "$CIR4J_THREADS")
if [ -f "$RUN/checkpoints/latest" ]; then args+=(--resume); fi
"$here/cir4j" "${args[@]}"
mkdir -p "$here/models/mini-clip"
for f in config.json model.safetensors vocab.json tokenizer_config.json training.json training-log.csv loss.png; do
  cp "$RUN/$f" "$here/models/mini-clip/$f"
done
echo "model copied to $here/models/mini-clip"
