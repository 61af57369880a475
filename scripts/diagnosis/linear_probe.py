#!/usr/bin/env python3
"""Linear probe vs zero-shot on a CLIP's image features (mini-CLIP diagnosis).

Does the image tower encode an attribute at all (a linear probe on frozen, normalised image features can
read it), or is it the text side / the alignment that fails (probe high, zero-shot at chance)?
Inputs come from `cir4j encode` (see scripts/diagnosis/probe.sh). Logistic regression (torch, L-BFGS,
weight decay 1e-3) trained on the first half of the images, accuracy on the second half; the majority
class rate of the test half is printed beside it.
Usage: linear_probe.py IMG.safetensors LABELS.json TXT.safetensors
"""
import json, struct, sys, collections
import numpy as np, torch
torch.set_num_threads(1)

def load(path):
    with open(path, "rb") as f:
        n = struct.unpack("<Q", f.read(8))[0]; head = json.loads(f.read(n)); data = f.read()
    out = {}
    for k, v in head.items():
        if k == "__metadata__": continue
        a, b = v["data_offsets"]; buf = data[a:b]
        out[k] = np.frombuffer(buf, dtype=np.float32 if v["dtype"] == "F32" else np.uint8).reshape(v["shape"])
    return out

img = load(sys.argv[1]); labels = json.load(open(sys.argv[2])); txt = load(sys.argv[3])
names = json.loads(bytes(img["names"]).decode())
feats = torch.tensor(img["features"])
keys = [n.rsplit("/", 1)[-1].removesuffix(".png") for n in names]

def probe(attr, single_only):
    idx = [i for i, k in enumerate(keys) if (labels[k]["single"] or not single_only)]
    y_str = [str(labels[keys[i]][attr]) for i in idx]
    classes = sorted(set(y_str)); y = torch.tensor([classes.index(s) for s in y_str])
    x = feats[idx]; h = len(idx) // 2
    w = torch.zeros(x.shape[1], len(classes), requires_grad=True); b = torch.zeros(len(classes), requires_grad=True)
    opt = torch.optim.LBFGS([w, b], max_iter=500)
    def closure():
        opt.zero_grad()
        loss = torch.nn.functional.cross_entropy(x[:h] @ w * 10 + b, y[:h]) + 1e-3 * (w * w).sum()
        loss.backward(); return loss
    opt.step(closure)
    with torch.no_grad():
        acc = ((x[h:] @ w * 10 + b).argmax(1) == y[h:]).float().mean().item()
    maj = collections.Counter(y[h:].tolist()).most_common(1)[0][1] / (len(idx) - h)
    print(f"| {attr} | {'single' if single_only else 'all'} | {len(idx) - h} | {len(classes)} | {100*acc:.1f} % | {100*maj:.1f} % |")

print("| attribute | scenes | test images | classes | linear probe | majority |")
print("| --- | --- | ---: | ---: | ---: | ---: |")
for a in ["shape", "colour", "size", "pattern"]: probe(a, True)
probe("count", False)

# Zero-shot shape with the 5 prompts per shape in TXT (same order as probe.sh writes them).
SHAPES = ["circle","square","triangle","star","heart","hexagon","cross","diamond","pentagon"]
t = torch.tensor(txt["features"]).reshape(len(SHAPES), 5, -1).mean(1)
t = t / t.norm(dim=1, keepdim=True)
idx = [i for i, k in enumerate(keys) if labels[k]["single"]]
y = torch.tensor([SHAPES.index(labels[keys[i]]["shape"]) for i in idx])
pred = (feats[idx] @ t.T).argmax(1)
print(f"\nzero-shot shape (5-prompt ensembles) on the same {len(idx)} single-object images: "
      f"{100*(pred == y).float().mean():.1f} %; predicted class histogram: {torch.bincount(pred, minlength=9).tolist()}")
cos = t @ t.T
off = cos[~torch.eye(len(SHAPES), dtype=bool)]
print(f"shape class text embeddings: pairwise cosine mean {off.mean():.3f}, min {off.min():.3f}, max {off.max():.3f}")
