#!/usr/bin/env bash
# Linear probe vs zero-shot for a CLIP model directory on the first 3000 shapes val scenes of a world.
# Usage: scripts/diagnosis/probe.sh MODEL_DIR WORLD_DIR WORK_DIR    (prints a Markdown table)
set -euo pipefail
model=$1 world=$2 work=$3
here=$(cd "$(dirname "$0")" && pwd); repo=$(cd "$here/../.." && pwd)
mkdir -p "$work/img"
/usr/bin/python3 - "$world" "$work" <<'PY'
import json, os, sys
world, work = sys.argv[1], sys.argv[2]
lab = {}; n = 0
for l in open(f"{world}/shapes/scenes.jsonl"):
    r = json.loads(l)
    if r["split"] != "val": continue
    if n >= 3000: break
    n += 1; objs = r["scene"]["objects"]; o = objs[0]
    link = f"{work}/img/{r['name']}.png"
    if not os.path.lexists(link): os.symlink(f"{world}/shapes/{r['image']}", link)
    lab[r["name"]] = {"count": len(objs), "shape": o["shape"], "size": o["size"], "pattern": o["pattern"],
                      "colour": o["colour"], "single": len(objs) == 1}
json.dump(lab, open(f"{work}/labels.json", "w"))
shapes = ["circle","square","triangle","star","heart","hexagon","cross","diamond","pentagon"]
with open(f"{work}/texts.txt", "w") as f:
    for s in shapes:
        for pre in ["", "a photo of ", "a picture of ", "an image of ", "a drawing of "]:
            f.write(pre + ("an " if s[0] in "aeiou" else "a ") + s + "\n")
PY
size=$(/usr/bin/python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['vision_config']['image_size'])" "$model/config.json")
echo "model $model (image size $size)" >&2
nice -n 10 "$repo/cir4j" encode --model "$model" --images "$work/img" --preprocess squarepad --normalize --batch 64 \
    --out "$work/img.safetensors" >&2
nice -n 10 "$repo/cir4j" encode --model "$model" --texts "$work/texts.txt" --normalize --out "$work/txt.safetensors" >&2
nice -n 10 /usr/bin/python3 "$here/linear_probe.py" "$work/img.safetensors" "$work/labels.json" "$work/txt.safetensors"
