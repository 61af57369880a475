#!/usr/bin/env bash
# Baseline tables (image-only, text-only, sum) for every synthetic-world benchmark -> docs/results/baselines.md,
# histograms under docs/results/img/.
#
#   scripts/results/baselines.sh MODEL_DIR WORLD_DIR     e.g. models/mini-clip /work/worlds/full
set -euo pipefail
if [ $# -ne 2 ]; then sed -n 2,5p "$0" >&2; exit 2; fi
here="$(cd "$(dirname "$0")/../.." && pwd)"
export CIR4J_RESULTS_SCRIPT="$0" CIR4J_RESULTS_ARGS="$1 $2"
export HISTOGRAMS="${HISTOGRAMS:-shapes_cirr_val/image-only shapes_cirr_val/sum garments_fashioniq_val/sum}"
exec "$here/scripts/results/world-tables.sh" "$1" "$2" "$here/docs/results/baselines.md" \
  "Baselines on the synthetic world" image-only text-only sum
