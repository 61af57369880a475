#!/usr/bin/env python3
"""Caption statistics for the mini-CLIP diagnosis (docs/mini-clip-diagnosis.md).

For every attribute value of the shapes domain, how often the pretraining captions name it,
and whether a caption naming a shape word refers to a shape present in the scene.
Usage: scripts/diagnosis/caption_stats.py WORLD_DIR
"""
import json, sys, re, collections
world = sys.argv[1]
SHAPES = ["circle","square","triangle","star","heart","hexagon","cross","diamond","pentagon"]
PLURAL = {s: (s + "es" if s.endswith("s") else s + "s") for s in SHAPES}
SIZES = ["small","medium","large"]
PATTERNS = ["plain","striped","dotted","checked"]
COUNTS = ["one","two","three","four","five","single"]
scenes = {}
for line in open(f"{world}/shapes/scenes.jsonl"):
    r = json.loads(line)
    if r["split"] == "pretrain": scenes[r["image"]] = r["scene"]
n_caps = 0; imgs = 0
word = collections.Counter(); img_with = collections.Counter()
neg_only = collections.Counter()      # shape word appears only after "no"
shape_truth = collections.Counter()   # single-object images per shape
wrong = 0; checked = 0
for line in open(f"{world}/shapes/pretrain.jsonl"):
    r = json.loads(line); imgs += 1
    sc = scenes.get(r["image"]); present = {o["shape"] for o in sc["objects"]} if sc else set()
    if sc and len(sc["objects"]) == 1: shape_truth[sc["objects"][0]["shape"]] += 1
    seen = set()
    for c in r["captions"]:
        n_caps += 1; toks = c.split()
        for i, t in enumerate(toks):
            word[t] += 1; seen.add(t)
        # positive mentions of shapes: not preceded by "no"
        for s in SHAPES:
            for i, t in enumerate(toks):
                if t in (s, PLURAL[s]):
                    if i > 0 and toks[i-1] == "no":
                        neg_only[s] += 1
                    elif sc is not None:
                        checked += 1
                        if s not in present: wrong += 1
    for t in seen: img_with[t] += 1
print(f"shapes pretrain: {imgs} images, {n_caps} captions")
def show(name, vals):
    print(f"\n{name}: value  captions-with-word  images-with-word(%)")
    for v in vals:
        print(f"  {v:10s} {word[v]:7d}  {100*img_with[v]/imgs:5.1f}%")
show("shape (singular)", SHAPES)
show("shape (plural)", list(PLURAL.values()))
print("  'no <shape>' mentions:", dict(neg_only))
print(f"  positive shape mentions not present in scene: {wrong}/{checked}")
show("size", SIZES); show("pattern", PATTERNS); show("count", COUNTS)
print("\nsingle-object scenes per shape:", dict(shape_truth))
top = word.most_common(40); print("\nmost common words:", top)
