#!/usr/bin/env bash
# Reproduces the shipped mini-CLIP (models/mini-clip) from a generated world.
#
#   scripts/train/mini-clip.sh WORLD_DIR [RUN_DIR]
#
# WORLD_DIR: /work/worlds/full (cir4j world generate --size full --seed 0). RUN_DIR (default runs/mini-clip): the
# training output with resumable checkpoints; rerunning the script continues where it stopped.
# The shipped run was trained in three sittings on a busy machine (its speed swung between 1.3 and 3 s per
# step with the load of other jobs), each resumed from the last checkpoint with the schedule length re-sized
# to the time left in the 60-minute budget; this script replays them exactly (same seed, same steps):
#   steps   0-400  on a  900-step cosine schedule (warm-up 45)
#   steps 400-550  on a 1500-step schedule (lr 0.63e-3 -> 0.86e-3 at the join)
#   steps 550-1000 on a 1000-step schedule (lr 0.73e-3 -> 0.46e-3 at the join), annealed to 0 at step 1000.
# PyTorch runs with CIR4J_THREADS threads (default 1: on a shared, loaded 2-core machine one thread is faster
# than two, whose OpenMP barriers wait for descheduled threads; results are reproducible for a thread count).
# At the end the model files (not the checkpoints) are copied to models/mini-clip.
set -euo pipefail
if [ $# -lt 1 ]; then
  sed -n 2,16p "$0"; exit 2
fi
here="$(cd "$(dirname "$0")/../.." && pwd)"
WORLD="$1"
RUN="${2:-$here/runs/mini-clip}"
export CIR4J_THREADS="${CIR4J_THREADS:-1}"
common=(train clip --world "$WORLD" --out "$RUN" --config small --batch 128 --seed 0 --warmup 45 --checkpoint-every 50)
done_steps=0
if [ -f "$RUN/training.json" ]; then
  done_steps=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["steps_done"])' "$RUN/training.json")
fi
resume=()
if [ -f "$RUN/checkpoints/latest" ]; then resume=(--resume); fi
if [ "$done_steps" -lt 400 ]; then
  "$here/cir4j" "${common[@]}" --steps 900 --stop-after 400 "${resume[@]}"
  resume=(--resume)
fi
if [ "$done_steps" -lt 550 ]; then
  "$here/cir4j" "${common[@]}" --steps 1500 --stop-after 550 "${resume[@]}"
fi
if [ "$done_steps" -lt 1000 ]; then
  "$here/cir4j" "${common[@]}" --steps 1000 --resume
fi
mkdir -p "$here/models/mini-clip"
for f in config.json model.safetensors vocab.json tokenizer_config.json training.json training-log.csv loss.png; do
  cp "$RUN/$f" "$here/models/mini-clip/$f"
done
echo "model copied to $here/models/mini-clip"
