#!/usr/bin/env python3
"""Contact sheet: single-object shapes scenes (one row per shape, small/medium/large, plain/striped/dotted)
as the mini-CLIP sees them: square-padded and bicubic-resized to 64 px (and 96 px), shown enlarged 3x
with nearest-neighbour so the model's pixels are visible.
Usage: scripts/diagnosis/contact_sheet.py WORLD_DIR OUT.png
"""
import json, sys
from PIL import Image, ImageDraw
world, out = sys.argv[1], sys.argv[2]
SHAPES = ["circle","square","triangle","star","heart","hexagon","cross","diamond","pentagon"]
want = [("small","plain"),("medium","striped"),("large","dotted"),("small","dotted")]
pick = {}
for line in open(f"{world}/shapes/scenes.jsonl"):
    r = json.loads(line)
    if r["split"] != "val" or len(r["scene"]["objects"]) != 1: continue
    o = r["scene"]["objects"][0]
    key = (o["shape"], o["size"], o["pattern"])
    pick.setdefault(key, r["image"])
def pad_resize(im, n):
    im = im.convert("RGB"); w, h = im.size; s = max(w, h)
    sq = Image.new("RGB", (s, s), (0, 0, 0)); sq.paste(im, ((s - w) // 2, (s - h) // 2))
    return sq.resize((n, n), Image.BICUBIC)
cell = 192; pad = 4
sheet = Image.new("RGB", (len(want) * 2 * (cell + pad) + 90, len(SHAPES) * (cell + pad) + 20), "white")
d = ImageDraw.Draw(sheet)
for j, (sz, pat) in enumerate(want):
    d.text((90 + j * 2 * (cell + pad), 4), f"{sz} {pat}: 64 px | 96 px", fill="black")
for i, s in enumerate(SHAPES):
    d.text((4, 20 + i * (cell + pad) + cell // 2), s, fill="black")
    for j, (sz, pat) in enumerate(want):
        p = pick.get((s, sz, pat))
        if p is None: continue
        im = Image.open(f"{world}/shapes/{p}")
        for k, n in enumerate((64, 96)):
            v = pad_resize(im, n).resize((cell, cell), Image.NEAREST)
            sheet.paste(v, (90 + (2 * j + k) * (cell + pad), 20 + i * (cell + pad)))
sheet.save(out)
print("wrote", out)
