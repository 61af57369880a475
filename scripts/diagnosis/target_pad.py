#!/usr/bin/env python3
"""Why target pad ranks worst on the world's garments (issue #6, CLIP4Cir Table 7): per aspect ratio, how far each
preprocessing moves an image's mini-CLIP feature, and whether the black bars are what moves it.

    target_pad.py prepare WORLD_DIR WORK_DIR [PER_SIZE]   writes image folders under WORK_DIR (PIL-made variants)
    target_pad.py report  WORLD_DIR WORK_DIR OUT_MD CMD   reads WORK_DIR/*.safetensors (from `cir4j encode`), writes OUT_MD

Run through scripts/diagnosis/target-pad.sh, which calls `cir4j encode` between the two steps. Variants, each encoded
with cir4j's own preprocessing:
  orig        the image as stored                     -> encoded with squarepad, targetpad and clip
  pil-black   CLIP4Cir's TargetPad done here in PIL   -> encoded with clip (= resize + centre crop, the rest of the
              (fill 0, as torchvision's F.pad)           target-pad transform): must match `targetpad` (a sanity check)
  pil-bg      the same padding filled with the        -> encoded with clip: target pad without black bars
              image's own corner colour
"""
import json
import os
import struct
import sys
from collections import defaultdict

import numpy as np
from PIL import Image, ImageOps

RATIO = 1.25  # CLIP4Cir's target ratio
SIZE = 64     # the mini-CLIP's input size
PATCH = 8     # the mini-CLIP's patch size


def target_pad_amounts(w, h):
    """(hp, vp) of CLIP4Cir's TargetPad, or None when the image is left as it is."""
    if max(w, h) / min(w, h) < RATIO:
        return None
    scaled = max(w, h) / RATIO
    return max(int((scaled - w) / 2), 0), max(int((scaled - h) / 2), 0)


def bar_px(w, h, pad):
    """Width in pixels, at the model's input size, of one black bar after pad + resize + centre crop."""
    if pad is None:
        return 0.0
    hp, vp = pad
    pw, ph = w + 2 * hp, h + 2 * vp
    scale = SIZE / min(pw, ph)
    return max(hp, vp) * scale


def sample(world, per_size):
    d = os.path.join(world, "garments", "images", "val")
    by = defaultdict(list)
    for f in sorted(os.listdir(d)):
        if f.endswith(".png"):
            with Image.open(os.path.join(d, f)) as im:
                by[im.size].append(f)
    return d, {s: fs[:per_size] for s, fs in sorted(by.items())}


def prepare(world, work, per_size):
    src, by = sample(world, per_size)
    for variant in ("orig", "pil-black", "pil-bg"):
        os.makedirs(os.path.join(work, variant), exist_ok=True)
    for size, files in by.items():
        for f in files:
            with Image.open(os.path.join(src, f)) as im:
                im = im.convert("RGB")
            im.save(os.path.join(work, "orig", f))
            pad = target_pad_amounts(*im.size)
            if pad is None:
                black = bg = im
            else:
                hp, vp = pad
                black = ImageOps.expand(im, (hp, vp, hp, vp), fill=(0, 0, 0))
                bg = ImageOps.expand(im, (hp, vp, hp, vp), fill=im.getpixel((0, 0)))
            black.save(os.path.join(work, "pil-black", f))
            bg.save(os.path.join(work, "pil-bg", f))
    json.dump({"%dx%d" % s: fs for s, fs in by.items()}, open(os.path.join(work, "sample.json"), "w"))


def load(path):
    """names -> unit feature, from a `cir4j encode` safetensors ('features' F32 [n,d], 'names' U8 JSON)."""
    with open(path, "rb") as f:
        b = f.read()
    n = struct.unpack("<Q", b[:8])[0]
    header = json.loads(b[8:8 + n])
    base = 8 + n

    def tensor(key, dtype):
        s, e = header[key]["data_offsets"]
        return np.frombuffer(b[base + s:base + e], dtype=dtype).reshape(header[key]["shape"])

    feats = tensor("features", np.float32)
    names = json.loads(bytes(tensor("names", np.uint8)).decode("utf-8"))
    feats = feats / np.linalg.norm(feats, axis=1, keepdims=True)
    return {os.path.splitext(os.path.basename(nm))[0]: feats[i] for i, nm in enumerate(names)}


def report(world, work, out_md, cmd):
    by = json.load(open(os.path.join(work, "sample.json")))
    enc = {k: load(os.path.join(work, k + ".safetensors"))
           for k in ("orig-squarepad", "orig-targetpad", "orig-clip", "pil-black-clip", "pil-bg-clip")}
    cos = lambda a, b, names: float(np.mean([np.dot(enc[a][n], enc[b][n]) for n in names]))
    rows = []
    for size, files in by.items():
        w, h = map(int, size.split("x"))
        names = [os.path.splitext(f)[0] for f in files]
        pad = target_pad_amounts(w, h)
        rows.append("| %s | %.2f | %s | %.1f | %.3f | %.3f | %.3f | %.3f | %.4f |" % (
            size, max(w, h) / min(w, h), "none" if pad is None else "%d, %d" % pad, bar_px(w, h, pad),
            cos("orig-clip", "orig-squarepad", names), cos("orig-targetpad", "orig-squarepad", names),
            cos("pil-bg-clip", "orig-squarepad", names), cos("orig-targetpad", "orig-clip", names),
            cos("pil-black-clip", "orig-targetpad", names)))
    meta = json.load(open(os.path.join(work, "meta.json")))
    lines = [
        "# Target pad on the garments domain: where the features move (issue #6, CLIP4Cir Table 7)",
        "",
        "Generated by `%s` on %s — do not edit by hand; rerun the command." % (cmd, meta["date"]),
        "",
        "* model: `%s` (weights sha256 `%s…`), input %d px, patch %d; images: the first %s of each size in the "
        "garments val folder of `%s`" % (meta["model"], meta["weights_sha"], SIZE, PATCH, meta["per_size"], world),
        "* each cell: mean cosine between one image's two unit features; *bar px*: width of one black bar of "
        "CLIP4Cir's target pad (ratio %.2f) at the model's input size, after resize and centre crop" % RATIO,
        "* last column: cir4j's `targetpad` against the same padding done in PIL and then cir4j's `clip` "
        "(resize + crop): a check that the comparison measures the padding, not a different transform",
        "* Retrieval on the same split with each preprocessing (frozen mini-CLIP, `cir4j eval`): below the table.",
        "",
        "| size (w x h) | aspect | target pad (hp, vp) | bar px | clip vs square | target vs square | "
        "target, bars in the image's background colour, vs square | target vs clip | check: PIL pad + clip vs targetpad |",
        "|---|---:|---|---:|---:|---:|---:|---:|---:|",
    ] + rows
    lines += ["", "## Retrieval, garments/fashioniq val, frozen mini-CLIP", ""]
    for p in ("clip", "squarepad", "targetpad"):
        lines.append("### --preprocess %s" % p)
        lines.append("")
        lines.append(open(os.path.join(work, "eval-" + p, "tables.md")).read().strip())
        lines.append("")
    tmp = out_md + ".tmp"
    with open(tmp, "w") as f:
        f.write("\n".join(lines) + "\n")
    os.replace(tmp, out_md)


if __name__ == "__main__":
    if len(sys.argv) >= 4 and sys.argv[1] == "prepare":
        prepare(sys.argv[2], sys.argv[3], int(sys.argv[4]) if len(sys.argv) > 4 else 200)
    elif len(sys.argv) == 6 and sys.argv[1] == "report":
        report(*sys.argv[2:6])
    else:
        sys.stderr.write(__doc__)
        sys.exit(2)
