#!/usr/bin/env python3
"""Assembles docs/results/clip4cir.md from the eval reports scripts/results/clip4cir.sh wrote (never edit the output)."""
import argparse, datetime, hashlib, json, os, platform, shutil, subprocess

ap = argparse.ArgumentParser()
for a in ("work", "model", "world", "tables", "notes", "settings", "img", "out"):
    ap.add_argument("--" + a, required=True)
args = ap.parse_args()
W = args.work
tables = args.tables.split(",")


def summary(name):
    p = os.path.join(W, "eval", name, "summary.json")
    if not os.path.exists(p):
        return None
    with open(p) as f:
        return json.load(f)


def metrics(name, kind):
    """metrics dict of the result whose task is of layout kind (cirr, fashioniq, circo), or None."""
    s = summary(name)
    if s is None:
        return None
    for r in s["results"]:
        if ("/" + kind + "/") in r["task"] and "report" in r:
            return r["report"]["metrics"]
    return None


def val(m, group, metric):
    if m is None or group not in m or metric not in m[group] or m[group][metric]["value"] is None:
        return "–"
    return "%.2f" % m[group][metric]["value"]


CIRR_COLS = [("recall", "R@1"), ("recall", "R@5"), ("recall", "R@10"), ("recall", "R@50"),
             ("subset", "R_s@1"), ("subset", "R_s@2"), ("subset", "R_s@3")]
FIQ_COLS = [(c, k) for c in ("dress", "shirt", "toptee") for k in ("R@10", "R@50")] + [("average", "R@10"), ("average", "R@50")]
CIRCO_COLS = [("mAP", "mAP@5"), ("mAP", "mAP@10"), ("mAP", "mAP@25"), ("mAP", "mAP@50")]


def header(first, cols, extra=()):
    names = list(first) + ["%s %s" % (g, k) if g not in ("recall", "subset", "mAP") else k for g, k in cols] + list(extra)
    return "| " + " | ".join(names) + " |\n|" + "---|" * len(names) + "\n"


def domain_cols(d):
    return ("cirr", CIRR_COLS) if d == "shapes" else ("fashioniq", FIQ_COLS)


def row(labels, name, d, with_circo=True):
    kind, cols = domain_cols(d)
    m = metrics(name, kind)
    cells = list(labels) + [val(m, g, k) for g, k in cols]
    if with_circo:
        cells.append(val(metrics(name, "circo"), "mAP", "mAP@10"))
    return "| " + " | ".join(cells) + " |\n", m is not None


out = []
missing = []


def table(title, first, d, rows, note=""):
    kind, cols = domain_cols(d)
    text = "### " + title + "\n\n" + (note + "\n\n" if note else "") + header(first, cols, ["CIRCO mAP@10"])
    got = 0
    for labels, name in rows:
        line, ok = row(labels, name, d)
        text += line
        got += ok
    if got == 0:
        missing.append(title)
        return
    out.append(text + "\n")


def sha(path):
    for f in ("model.safetensors", "open_clip_model.safetensors"):
        p = os.path.join(path, f)
        if os.path.exists(p):
            h = hashlib.sha256()
            with open(p, "rb") as fh:
                for chunk in iter(lambda: fh.read(1 << 20), b""):
                    h.update(chunk)
            return h.hexdigest()[:12]
    return "unknown"


modes = [("none", "×", "×"), ("image", "✓", "×"), ("text", "×", "✓"), ("both", "✓", "✓")]
if "main" in tables:
    for d, paper in (("shapes", "CIRR-style, paper Table 2"), ("garments", "FashionIQ-style, paper Table 1")):
        rows = [((cf, i, t), "main-%s-%s-%s" % (d, mode, cf.lower())) for cf in ("Sum", "Combiner") for mode, i, t in modes]
        table("Main: combining function × fine-tuning, %s domain, test split (%s)" % (d, paper), ("CF", "IFT", "TFT"), d, rows)

if "cross" in tables:
    text = ("### Cross-domain (iSEARLE Table XI): Combiner trained on one domain, tested on the other; test split\n\n"
            "Zero-shot rows use the frozen base CLIP; Combiner rows use the two-stage model (stage-1 both + Combiner) "
            "trained on the named domain, with its fine-tuned CLIP encoding that domain's gallery.\n\n"
            "| method | trained on | shapes CIRR R@1 | R@5 | R_s@1 | shapes CIRCO mAP@10 | garments FIQ avg R@10 | avg R@50 | garments CIRCO mAP@10 |\n"
            "|---|---|---|---|---|---|---|---|---|\n")
    got = 0
    def cross_row(label, trained, sname, gname):
        global got
        ms = metrics(sname, "cirr"); mc = metrics(sname, "circo"); mf = metrics(gname, "fashioniq"); mg = metrics(gname, "circo")
        got += (ms is not None) + (mf is not None)
        return "| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n" % (label, trained, val(ms, "recall", "R@1"), val(ms, "recall", "R@5"),
            val(ms, "subset", "R_s@1"), val(mc, "mAP", "mAP@10"), val(mf, "average", "R@10"), val(mf, "average", "R@50"), val(mg, "mAP", "mAP@10"))
    for m in ("image-only", "text-only", "sum"):
        text += cross_row(m + " (zero-shot)", "–", "cross-zs-%s-shapes" % m, "cross-zs-%s-garments" % m)
    text += cross_row("Combiner", "shapes", "cross-shapes-on-shapes", "cross-shapes-on-garments")
    text += cross_row("Combiner", "garments", "cross-garments-on-shapes", "cross-garments-on-garments")
    if got:
        out.append(text + "\n")
    else:
        missing.append("cross-domain")

if "ablation" in tables:
    for d in ("shapes", "garments"):
        rows = [((label,), "ablation-%s-%s" % (d, v)) for label, v in (("Element-wise sum", "sum"), ("Convex combination", "convex"),
                ("W/o convex combination", "without-convex"), ("Static skip", "static-skip"), ("Proposed Combiner", "full"))]
        table("Combiner ablation, %s domain, val split (paper Tables 3/4)" % d, ("model",), d, rows,
              "All variants on the same stage-1 (both encoders) CLIP.")

if "e2e" in tables:
    for d in ("shapes", "garments"):
        rows = [((a, i, t), "e2e-%s-%s-%s" % (d, mode, key)) for a, key in (("End-to-end", "endtoend"), ("Two-stage", "twostage"))
                for mode, i, t in modes[1:]]
        table("Two-stage vs end-to-end, %s domain, val split (paper Tables 5/6)" % d, ("approach", "IFT", "TFT"), d, rows)

if "pad" in tables:
    # clip4cir.sh names the runs by PAD_FINETUNE (pad-*: frozen base CLIP; padft-*: stage 1 per preprocessing)
    finetuned = "PAD_FINETUNE=1" in args.settings
    tag = "padft" if finetuned else "pad"
    rows = [((cf, p), "%s-%s-%s" % (tag, pre, cf.lower())) for cf in ("Sum", "Combiner")
            for p, pre in (("Standard (clip)", "clip"), ("Square", "squarepad"), ("Proposed (target pad 1.25)", "targetpad"))]
    table("Preprocessing, garments domain, val split (paper Table 7; %s)" % (
        "stage 1 (both encoders) fine-tuned per preprocessing, then the Combiner" if finetuned
        else "frozen base CLIP + Combiner"), ("CF", "preprocess"), "garments", rows)

# a few pictures: training curves of the both-encoder runs
imgs = []
for d in ("shapes", "garments"):
    for sub in ("ft-both", "ft-both-full"):
        src = os.path.join(W, d, sub, "loss.png")
        if os.path.exists(src):
            dst = "clip4cir-%s-%s-loss.png" % (d, sub)
            shutil.copyfile(src, os.path.join(args.img, dst))
            imgs.append("![%s %s](img/%s)" % (d, sub, dst))

runs = ""
p = os.path.join(W, "runs.tsv")
if os.path.exists(p):
    lines = open(p).read().strip().splitlines()[1:]
    total = sum(int(l.split("\t")[1]) for l in lines)
    runs = "%d steps, %.1f h of wall time in total (per step: `%s`)" % (len(lines), total / 3600, p)

cpu = "unknown"
try:
    for l in open("/proc/cpuinfo"):
        if l.startswith("model name"):
            cpu = l.split(":", 1)[1].strip(); break
except OSError:
    pass
with open(args.out, "w") as f:
    f.write("# CLIP4Cir on the synthetic world\n\n")
    f.write("Generated by `scripts/results/clip4cir.sh %s %s` — do not edit by hand.\n\n" % (args.model, args.world))
    f.write("* base model: `%s`, sha256(weights) %s\n" % (args.model, sha(args.model)))
    f.write("* world: `%s`\n" % args.world)
    f.write("* settings: `%s`; preprocessing target pad 1.25 unless stated; reference removed from its ranking (world convention)\n" % args.settings)
    f.write("* machine: %d cores, %s; %s; load at generation: `%s`\n" % (os.cpu_count(), cpu, platform.platform(),
            subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()))
    f.write("* date: %s\n" % datetime.datetime.utcnow().strftime("%Y-%m-%d %H:%M UTC"))
    if runs:
        f.write("* runs: %s\n" % runs)
    f.write("\nMetrics in %. Shapes domain: CIRR layout (R@K over the gallery, R_s@K within the six-image subset) and "
            "CIRCO mAP@10; garments domain: FashionIQ layout (R@10/R@50 per category and averaged) and CIRCO mAP@10. A dash marks a cell not run with these settings.\n\n")
    f.write("".join(out))
    if missing:
        f.write("### Not run\n\n" + "".join("* %s\n" % m for m in missing) + "\n")
    if imgs:
        f.write("### Training curves\n\n" + "\n".join(imgs) + "\n\n")
    with open(args.notes) as n:
        f.write(n.read())
