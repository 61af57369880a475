#!/usr/bin/env bash
# CLIP4Cir on the synthetic world -> docs/results/clip4cir.md (+ docs/results/img/clip4cir-*.png).
#
#   scripts/results/clip4cir.sh MODEL_DIR WORLD_DIR [WORK_DIR]
#
# MODEL_DIR: the base CLIP (the shipped mini-CLIP, /work/main/models/mini-clip). WORLD_DIR: a generated world
# (/work/worlds/full). WORK_DIR (default results-work/clip4cir): checkpoints, caches, eval reports; every step
# is skipped when its output exists (stage 1/2 resume from their last checkpoint), so the script can be rerun.
#
# Tables (CLIP4CIR_TABLES, comma list, default all, in this order):
#   main      paper Tables 1/2: combining function (sum | Combiner) x fine-tuning (none | IFT | TFT | both), test split
#   cross     iSEARLE Table XI: Combiner trained on one domain, tested on the other, beside the zero-shot baselines
#   ablation  paper Tables 3/4: sum / convex / w/o convex / static skip / full on the both-fine-tuned CLIP, val split
#   e2e       paper Tables 5/6: end-to-end vs two-stage, val split
#   pad       paper Table 7: clip / square-pad / target-pad preprocessing on the garments domain, val split
# Scale (CPU budget; the paper's maxima are 150 / 300 epochs with early stopping):
#   FT_MODES (default "image text both"), FT_EPOCHS (5), FT_BATCH (512, paper RN-50), FT_MICRO (128),
#   COMB_EPOCHS (100), COMB_BATCH (1024, reference code), PATIENCE (10), PAD_FINETUNE (0: the padding table uses
#   the frozen base CLIP + Combiner; 1: stage 1 + 2 per preprocessing, as the paper)
set -euo pipefail
if [ $# -lt 2 ]; then
  sed -n 2,20p "$0"; exit 2
fi
here="$(cd "$(dirname "$0")/../.." && pwd)"
MODEL="$(cd "$1" && pwd)"
WORLD="$(cd "$2" && pwd)"
WORK="${3:-$here/results-work/clip4cir}"
mkdir -p "$WORK"
WORK="$(cd "$WORK" && pwd)"
TABLES="${CLIP4CIR_TABLES:-main,cross,ablation,e2e,pad}"
FT_MODES="${FT_MODES-image text both}"   # may be empty: main table without stage 1
FT_EPOCHS="${FT_EPOCHS:-5}"
FT_BATCH="${FT_BATCH:-512}"
FT_MICRO="${FT_MICRO:-128}"
COMB_EPOCHS="${COMB_EPOCHS:-100}"
COMB_BATCH="${COMB_BATCH:-1024}"
PATIENCE="${PATIENCE:-10}"
PAD_FINETUNE="${PAD_FINETUNE:-0}"
PRE=targetpad
C=(nice -n 10 "$here/cir4j")
EX=(--reference-exclusion ALWAYS)   # the world's convention (cir4j eval's default for --dataset world)
LOG="$WORK/runs.tsv"
[ -f "$LOG" ] || printf 'step\tseconds\n' > "$LOG"

want() { [[ ",$TABLES," == *",$1,"* ]]; }
root_of() { case "$1" in shapes) echo "$WORLD/shapes/cirr";; garments) echo "$WORLD/garments/fashioniq";; esac; }
kind_of() { case "$1" in shapes) echo cirr;; garments) echo fashioniq;; esac; }
# runs a step (its stdout goes to stderr: callers capture only the echoed directory) and logs its wall time
timed() { local name=$1; shift; local t0=$SECONDS; "$@" >&2; printf '%s\t%d\n' "$name" $((SECONDS - t0)) >> "$LOG"; }

# stage 1: ft DOMAIN MODE [PRE] -> WORK/DOMAIN/ft-MODE[-PRE]
ft() {
  local d=$1 mode=$2 pre=${3:-$PRE} out="$WORK/$1/ft-$2"; [ "$pre" != "$PRE" ] && out="$out-$pre"
  if [ ! -f "$out/.done" ]; then
    timed "finetune $d $mode $pre" "${C[@]}" train finetune --dataset "$(kind_of "$d")" --root "$(root_of "$d")" --model "$MODEL" \
      --out "$out" --encoder "$mode" --epochs "$FT_EPOCHS" --batch-size "$FT_BATCH" --micro-batch "$FT_MICRO" \
      --patience "$PATIENCE" --preprocess "$pre" "${EX[@]}" --resume
    touch "$out/.done"
  fi
  echo "$out"
}

# end-to-end: e2e DOMAIN MODE -> WORK/DOMAIN/e2e-MODE (a combiner checkpoint with clip/)
e2e() {
  local d=$1 mode=$2 out="$WORK/$1/e2e-$2"
  if [ ! -f "$out/.done" ]; then
    timed "end-to-end $d $mode" "${C[@]}" train finetune --end-to-end --dataset "$(kind_of "$d")" --root "$(root_of "$d")" \
      --model "$MODEL" --out "$out" --encoder "$mode" --epochs "$FT_EPOCHS" --batch-size "$FT_BATCH" --micro-batch "$FT_MICRO" \
      --patience "$PATIENCE" --preprocess "$PRE" "${EX[@]}" --resume
    touch "$out/.done"
  fi
  echo "$out"
}

# stage 2: comb DOMAIN CLIP_DIR VARIANT NAME [PRE] -> WORK/DOMAIN/NAME
comb() {
  local d=$1 clip=$2 variant=$3 out="$WORK/$1/$4" pre=${5:-$PRE}
  if [ ! -f "$out/.done" ]; then
    timed "combiner $d $4" "${C[@]}" train combiner --dataset "$(kind_of "$d")" --root "$(root_of "$d")" --model "$clip" \
      --out "$out" --variant "$variant" --epochs "$COMB_EPOCHS" --batch-size "$COMB_BATCH" --patience "$PATIENCE" \
      --preprocess "$pre" --cache "$WORK/cache" "${EX[@]}" --resume
    touch "$out/.done"
  fi
  echo "$out"
}

# evaluation through the common harness: ev NAME EVAL_DOMAIN SPLIT MODEL_DIR PRE METHOD [CHECKPOINT]
ev() {
  local name=$1 d=$2 split=$3 model=$4 pre=$5 method=$6 ckpt=${7:-} out="$WORK/eval/$1"
  if [ ! -f "$out/summary.json" ]; then
    local extra=()
    [ -n "$ckpt" ] && extra=(--checkpoint "$ckpt")
    timed "eval $name" "${C[@]}" eval --dataset world --root "$WORLD" --domain "$d" --split "$split" --model "$model" \
      --method "$method" "${extra[@]}" --preprocess "$pre" --out "$out" --cache "$WORK/cache" --summary > /dev/null
  fi
}

# the CLIP a combiner checkpoint's gallery must be encoded with
clip_of() { if [ -d "$1/clip" ]; then echo "$1/clip"; else echo "$MODEL"; fi; }

for d in shapes garments; do
  if want main; then
    base_sum=$(comb $d "$MODEL" sum base-sum)
    base_full=$(comb $d "$MODEL" full base-full)
    ev "main-$d-none-sum" $d test "$MODEL" $PRE combiner "$base_sum"
    ev "main-$d-none-combiner" $d test "$MODEL" $PRE combiner "$base_full"
    for mode in $FT_MODES; do
      tuned=$(ft $d $mode)
      s=$(comb $d "$tuned" sum "ft-$mode-sum")
      f=$(comb $d "$tuned" full "ft-$mode-full")
      ev "main-$d-$mode-sum" $d test "$(clip_of "$s")" $PRE combiner "$s"
      ev "main-$d-$mode-combiner" $d test "$(clip_of "$f")" $PRE combiner "$f"
    done
  fi
done

if want cross; then
  for d in shapes garments; do
    other=$([ $d = shapes ] && echo garments || echo shapes)
    tuned=$(ft $d both)
    f=$(comb $d "$tuned" full ft-both-full)
    ev "cross-$d-on-$other" $other test "$(clip_of "$f")" $PRE combiner "$f"
    ev "cross-$d-on-$d" $d test "$(clip_of "$f")" $PRE combiner "$f"
    for m in image-only text-only sum; do
      ev "cross-zs-$m-$d" $d test "$MODEL" $PRE $m
    done
  done
fi

if want ablation; then
  for d in shapes garments; do
    tuned=$(ft $d both)
    for v in sum convex without-convex static-skip full; do
      c=$(comb $d "$tuned" $v "ft-both-$v")
      ev "ablation-$d-$v" $d val "$(clip_of "$c")" $PRE combiner "$c"
    done
  done
fi

if want e2e; then
  for d in shapes garments; do
    for mode in $FT_MODES; do
      e=$(e2e $d $mode)
      ev "e2e-$d-$mode-endtoend" $d val "$(clip_of "$e")" $PRE combiner "$e"
      tuned=$(ft $d $mode)
      f=$(comb $d "$tuned" full "ft-$mode-full")
      ev "e2e-$d-$mode-twostage" $d val "$(clip_of "$f")" $PRE combiner "$f"
    done
  done
fi

if want pad; then
  d=garments
  # the two settings get their own run names, so that switching PAD_FINETUNE never reuses the other setting's runs
  tag=pad; [ "$PAD_FINETUNE" = 1 ] && tag=padft
  for pre in clip squarepad targetpad; do
    if [ "$PAD_FINETUNE" = 1 ]; then
      clip=$(ft $d both $pre)
    else
      clip="$MODEL"
    fi
    s=$(comb $d "$clip" sum "$tag-$pre-sum" $pre)
    f=$(comb $d "$clip" full "$tag-$pre-full" $pre)
    ev "$tag-$pre-sum" $d val "$(clip_of "$s")" $pre combiner "$s"
    ev "$tag-$pre-combiner" $d val "$(clip_of "$f")" $pre combiner "$f"
  done
fi

mkdir -p "$here/docs/results/img"
python3 "$here/scripts/results/clip4cir_tables.py" --work "$WORK" --model "$MODEL" --world "$WORLD" \
  --tables "$TABLES" --notes "$here/scripts/results/clip4cir_notes.md" \
  --settings "FT_MODES='$FT_MODES' FT_EPOCHS=$FT_EPOCHS FT_BATCH=$FT_BATCH FT_MICRO=$FT_MICRO COMB_EPOCHS=$COMB_EPOCHS COMB_BATCH=$COMB_BATCH PATIENCE=$PATIENCE PAD_FINETUNE=$PAD_FINETUNE" \
  --img "$here/docs/results/img" --out "$here/docs/results/clip4cir.md"
echo "wrote $here/docs/results/clip4cir.md"
