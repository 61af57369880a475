#!/usr/bin/env bash
# SEARLE / iSEARLE on the synthetic world.
#   docs/results/searle.md            main tables (shape of iSEARLE Tables II-V): baselines, SEARLE, SEARLE-OTI,
#                                     iSEARLE, iSEARLE-OTI on val and test, per-aspect mAP@10 where the layout has aspects
#   docs/results/searle-ablations.md  Table VIII (val): OTI and phi ablations, plus Table X (image retrieval of v*)
#
#   scripts/results/searle.sh MODEL_DIR WORLD_DIR        e.g. /work/main/models/mini-clip /work/worlds/full
#
# Environment knobs (defaults are the papers' settings; anything else is printed into the page):
#   UNLABELLED   images per domain for OTI + phi (default: all the world's unlabelled images)
#   PHI_EPOCHS   phi epochs (default 115)
#   QUERY_OTI    1 (default) evaluates the -OTI methods on the test split: OTI runs once on every distinct reference
#                image of the test queries (scripts/results/world_references.py; the slow part, resumable) into a token
#                bank per preset that the -OTI composers read; 0 skips them
#   ABLATIONS    1 (default) also writes the ablation page; 0 skips it
#   IR_IMAGES    images of the Table X retrieval set (default 500, from the shapes val gallery)
#   OTI_ABLATION_TASKS  val benchmarks of the Table VIII OTI rows (default shapes/cirr; the phi rows always use
#                shapes/cirr,garments/fashioniq, the paper's CIRR + FashionIQ)
# Every step resumes (token banks and phi runs continue where a killed run stopped), so rerunning is cheap.
set -euo pipefail
if [ $# -ne 2 ]; then sed -n 2,19p "$0" >&2; exit 2; fi
here="$(cd "$(dirname "$0")/../.." && pwd)"
model="$(cd "$1" && pwd)"; world="$(cd "$2" && pwd)"
export CIR4J_THREADS="${CIR4J_THREADS:-1}"
UNLABELLED="${UNLABELLED:-0}"; PHI_EPOCHS="${PHI_EPOCHS:-115}"; QUERY_OTI="${QUERY_OTI:-1}"; ABLATIONS="${ABLATIONS:-1}"
IR_IMAGES="${IR_IMAGES:-500}"
work="${CIR4J_RESULTS_WORK:-$here/target/results/searle}"
mkdir -p "$work"
cir4j() { nice -n 10 "$here/cir4j" "$@"; }
started="$(date -u '+%Y-%m-%d %H:%M UTC')"; t_start=$(date +%s)

# 1. One phi for every benchmark (as the paper trains one phi on ImageNet): the unlabelled images of both
#    domains and the union of their phrase banks.
python3 - "$world" "$work" "$UNLABELLED" <<'PY'
import json, os, sys
world, work, limit = sys.argv[1], sys.argv[2], int(sys.argv[3])
lines, bank = [], {}
for domain in ("shapes", "garments"):
    d = os.path.join(world, domain)
    with open(os.path.join(d, "unlabelled.txt")) as f:
        rel = [l.strip() for l in f if l.strip()]
    if limit > 0:
        rel = rel[:limit]
    lines += [os.path.join(d, r) for r in rel]
    with open(os.path.join(d, "phrases.json")) as f:
        for k, v in json.load(f).items():
            bank.setdefault(k, []).extend(v)
for name, text in (("unlabelled.txt", "\n".join(lines) + "\n"), ("phrases.json", json.dumps(bank))):
    with open(os.path.join(work, name + ".tmp"), "w") as f:
        f.write(text)
    os.replace(os.path.join(work, name + ".tmp"), os.path.join(work, name))
print(f"{len(lines)} unlabelled images, {len(bank)} concepts", file=sys.stderr)
PY
images="$work/unlabelled.txt"; phrases="$work/phrases.json"
# The harness encodes the world with square-pad; OTI and phi must see the same features as at query time.
PREPROCESS="${PREPROCESS:-squarepad}"

for preset in isearle searle; do
  echo "== OTI ($preset) on the unlabelled images" >&2
  cir4j oti --model "$model" --images "$images" --phrases "$phrases" --preset "$preset" \
    --out "$work/oti-$preset.safetensors" --resume --seed 0 --preprocess "$PREPROCESS" | tee -a "$work/oti-$preset.log"
  echo "== phi ($preset)" >&2
  cir4j train phi --model "$model" --images "$images" --tokens "$work/oti-$preset.safetensors" --phrases "$phrases" \
    --preset "$preset" --option epochs="$PHI_EPOCHS" --out "$work/phi-$preset" --resume --seed 0 --preprocess "$PREPROCESS" | tee -a "$work/phi-$preset.log"
done

# The logs are appended to by every (resumed) run; the page quotes the last run that did work, not a rerun that
# found the bank or phi finished ("inverted 0 images", "0 in this run").
worked() { grep -v -e 'inverted 0 images' -e '(0 in this run' "$1" | grep -e '^OTI (' -e '^phi (' | tail -1; }

methods=(image-only text-only sum "searle=$work/phi-searle" "isearle=$work/phi-isearle")
extra=()
if [ "$QUERY_OTI" = 1 ]; then
  # OTI depends on the reference image only, so each distinct reference is inverted once per preset (as the
  # reference code inverts the dataset's images before evaluating); val has no -OTI rows (the cost, see the page).
  python3 "$here/scripts/results/world_references.py" "$world" test > "$work/refs-test.txt.tmp"
  mv "$work/refs-test.txt.tmp" "$work/refs-test.txt"
  for preset in isearle searle; do
    echo "== OTI ($preset) on the test references" >&2
    cir4j oti --model "$model" --images "$work/refs-test.txt" --phrases "$phrases" --preset "$preset" \
      --out "$work/oti-test-$preset.safetensors" --resume --seed 0 --preprocess "$PREPROCESS" | tee -a "$work/oti-test-$preset.log"
  done
  methods+=(test:searle-oti test:isearle-oti)
  extra=(-- --option "searle-oti:tokens=$work/oti-test-searle.safetensors" --option "isearle-oti:tokens=$work/oti-test-isearle.safetensors")
fi
CIR4J_RESULTS_SCRIPT="$0" CIR4J_RESULTS_ARGS="$1 $2" CIR4J_RESULTS_WORK="$work/main" \
  "$here/scripts/results/world-tables.sh" "$model" "$world" "$here/docs/results/searle.md" \
  "SEARLE and iSEARLE on the synthetic world (iSEARLE Tables II-V)" "${methods[@]}" ${extra[@]+"${extra[@]}"}
{
  echo
  echo "## How the methods were trained (this run)"
  echo
  echo "* unlabelled images per domain: ${UNLABELLED/#0/all}; phi epochs: $PHI_EPOCHS; -OTI rows: $([ "$QUERY_OTI" = 1 ] && echo "test split only, OTI with the preset's defaults on each distinct test reference image" || echo skipped)"
  for preset in isearle searle; do
    echo "* OTI $preset (unlabelled images, phi's targets): \`$(worked "$work/oti-$preset.log")\`"
    echo "* phi $preset: \`$(worked "$work/phi-$preset.log")\`"
    if [ "$QUERY_OTI" = 1 ]; then
      echo "* OTI $preset (test references, the -OTI rows): \`$(worked "$work/oti-test-$preset.log")\`"
    fi
  done
  echo "* total wall time of this script: $(( ($(date +%s) - t_start) / 60 )) min"
  echo
  echo "Loss curves: \`$work/phi-isearle/loss.png\`, \`$work/phi-searle/loss.png\`."
} >> "$here/docs/results/searle.md"

[ "$ABLATIONS" = 1 ] || exit 0

# 2. Table VIII on val. phi ablations (retrained phis) on the paper's two benchmarks (FashionIQ and CIRR val:
#    garments/fashioniq, shapes/cirr); OTI ablations (iSEARLE-OTI token banks of the references) on CIRR val only
#    (OTI_ABLATION_TASKS): each variant inverts every reference (the OTI cost: docs/benchmarks/searle.md).
abl="$work/ablations"; mkdir -p "$abl"
ablation_tasks="shapes/cirr,garments/fashioniq"
oti_ablation_tasks="${OTI_ABLATION_TASKS:-shapes/cirr}"
# wo-ema is not in the paper's Table VIII: it tests docs/searle.md's reading that iSEARLE's 0.999 weight EMA holds
# back a phi trained for only a few hundred steps.
declare -A phi_ablation=( [cos-distil]="distil=cosine" [wo-distil]="distil=cycle" [wo-reg]="reg=none"
                          [wo-pen]="lambda-pen=0" [wo-hnss]="alpha=0" [wo-ema]="ema=0" )
declare -A oti_ablation=( [wo-gpt-reg]="reg=concept" [random-reg]="reg=random" [wo-reg]="reg=none"
                          [wo-noise]="gamma=0" [l2-loss]="loss=l2" )
evalv() { # TASKS NAME METHOD ARGS...
  local tasks="$1" name="$2"; shift 2
  cir4j eval --dataset world --root "$world" --model "$model" --split val --domain "$tasks" --out "$abl/eval-$name" \
    --summary --no-histograms "$@" > "$abl/eval-$name.log"
}
evalv "$ablation_tasks" isearle --method isearle --checkpoint "isearle=$work/phi-isearle"
for a in "${!phi_ablation[@]}"; do
  cir4j train phi --model "$model" --images "$images" --tokens "$work/oti-isearle.safetensors" --phrases "$phrases" \
    --preset isearle --option epochs="$PHI_EPOCHS" --option "${phi_ablation[$a]}" --out "$abl/phi-$a" --resume --seed 0 --preprocess "$PREPROCESS" \
    > "$abl/phi-$a.log"
  evalv "$ablation_tasks" "phi-$a" --method isearle --checkpoint "isearle=$abl/phi-$a"
done
if [ "$QUERY_OTI" = 1 ]; then
  python3 "$here/scripts/results/world_references.py" "$world" val ${oti_ablation_tasks//,/ } > "$abl/refs-val-oti.txt.tmp"
  mv "$abl/refs-val-oti.txt.tmp" "$abl/refs-val-oti.txt"
  for a in isearle-oti "${!oti_ablation[@]}"; do
    opt=(); [ "$a" = isearle-oti ] || opt=(--option "${oti_ablation[$a]}")
    name="oti-$a"; [ "$a" = isearle-oti ] && name=isearle-oti
    cir4j oti --model "$model" --images "$abl/refs-val-oti.txt" --phrases "$phrases" --preset isearle ${opt[@]+"${opt[@]}"} \
      --out "$abl/$name-val.safetensors" --resume --seed 0 --preprocess "$PREPROCESS" > "$abl/$name-val.log"
    evalv "$oti_ablation_tasks" "$name" --method isearle-oti --option "isearle-oti:tokens=$abl/$name-val.safetensors"
  done
fi

# 3. Table X: image retrieval with "a photo of $" over IR_IMAGES shapes val images.
ir="$world/shapes/images/val"
ir_rows=()
ir_rows+=("$(cir4j eval searle-ir --model "$model" --images "$ir" --limit "$IR_IMAGES" --preprocess "$PREPROCESS" --phi "$work/phi-isearle" --label "phi: iSEARLE")")
for a in wo-reg wo-pen; do
  ir_rows+=("$(cir4j eval searle-ir --model "$model" --images "$ir" --limit "$IR_IMAGES" --preprocess "$PREPROCESS" --phi "$abl/phi-$a" --label "phi: $a")")
done
for spec in "iSEARLE-OTI:" "wo-gpt-reg:--option reg=concept" "random-reg:--option reg=random" "wo-reg:--option reg=none"; do
  label="${spec%%:*}"; opt="${spec#*:}"
  cir4j oti --model "$model" --images "$ir" --limit "$IR_IMAGES" --phrases "$phrases" --preset isearle $opt \
    --out "$abl/ir-$label.safetensors" --resume --seed 0 --preprocess "$PREPROCESS" > "$abl/ir-oti-$label.log"
  ir_rows+=("$(cir4j eval searle-ir --model "$model" --images "$ir" --limit "$IR_IMAGES" --preprocess "$PREPROCESS" --tokens "$abl/ir-$label.safetensors" --label "OTI: $label")")
done

out="$here/docs/results/searle-ablations.md"
{
  echo "# SEARLE / iSEARLE ablations on the synthetic world (iSEARLE Tables VIII and X), val split"
  echo
  echo "Generated by \`scripts/results/searle.sh $1 $2\` on $started — do not edit by hand; rerun the command."
  echo
  echo "* model sha256 (first 12): \`$(sha256sum "$model/model.safetensors" | cut -c1-12)\`; unlabelled per domain: ${UNLABELLED/#0/all}; phi epochs: $PHI_EPOCHS"
  echo "* Table VIII: val split; phi rows on $ablation_tasks (the paper ablates on FashionIQ and CIRR val), OTI rows on $oti_ablation_tasks only (OTI_ABLATION_TASKS; every variant inverts each reference), from token banks of those queries' distinct reference images"
  echo "* machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p' | head -1); load at the end: \`$(uptime | sed 's/.*load average: //')\`"
  echo
  echo "## Table VIII: phi ablations (each a phi retrained on the same iSEARLE OTI bank)"
  echo
  echo "phi-wo-ema (no weight EMA) is this project's addition, not a row of the paper's table."
  echo
  for name in isearle $(printf 'phi-%s ' "${!phi_ablation[@]}"); do
    echo "### $name ${phi_ablation[${name#phi-}]:-}"
    echo
    cat "$abl/eval-$name/tables.md"
    echo
  done
  if [ "$QUERY_OTI" = 1 ]; then
    echo "## Table VIII: OTI ablations (iSEARLE-OTI at query time)"
    echo
    for name in isearle-oti $(printf 'oti-%s ' "${!oti_ablation[@]}"); do
      echo "### $name ${oti_ablation[${name#oti-}]:-}"
      echo
      cat "$abl/eval-$name/tables.md"
      echo
    done
  fi
  echo "## Table X: image retrieval with \"a photo of \$\" (R@K in %, own image among the set)"
  echo
  echo "| tokens | images | R@1 | R@3 | R@5 |"
  echo "| --- | --- | --- | --- | --- |"
  printf '%s\n' "${ir_rows[@]}"
} > "$out.tmp"
mv "$out.tmp" "$out"
echo "wrote docs/results/searle.md and $out" >&2
