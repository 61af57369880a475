#!/usr/bin/env python3
"""Lists the distinct reference images of a synthetic world's benchmark queries, one absolute path per line.

    world_references.py WORLD_DIR SPLIT [BENCHMARK...]      BENCHMARK: shapes/cirr shapes/circo
                                                             garments/fashioniq garments/circo (default: all four)

Used by scripts/results/searle.sh to run OTI once per reference image (`cir4j oti --images LIST`) before the -OTI
rows are evaluated from the token bank: OTI depends on the image only, never on the caption. Reads the layouts the
world writes (CIRR captions + image_splits, CIRCO annotations + COCO image info, FashionIQ captions + images/).
A token bank keys on the file name without extension, as the -OTI composers look tokens up; the world's CIRCO folder
holds byte-identical copies of the CIRR/FashionIQ images under the same names, so an image is listed once per name
(the first path) and two different files sharing a name are an error.
"""
import filecmp
import json
import os
import sys

BENCHMARKS = ("shapes/cirr", "shapes/circo", "garments/fashioniq", "garments/circo")


def load(path):
    with open(path) as f:
        return json.load(f)


def cirr(root, split):
    name = {"val": "val", "test": "test1"}[split]
    files = load(os.path.join(root, "image_splits", "split.rc2.%s.json" % name))
    for q in load(os.path.join(root, "captions", "cap.rc2.%s.json" % name)):
        yield os.path.join(root, files[q["reference"]])


def circo(root, split):
    info = load(os.path.join(root, "COCO2017_unlabeled", "annotations", "image_info_unlabeled2017.json"))
    files = {im["id"]: im["file_name"] for im in info["images"]}
    for q in load(os.path.join(root, "annotations", "%s.json" % split)):
        yield os.path.join(root, "COCO2017_unlabeled", "unlabeled2017", files[q["reference_img_id"]])


def fashioniq(root, split):
    for category in ("dress", "shirt", "toptee"):
        for q in load(os.path.join(root, "captions", "cap.%s.%s.json" % (category, split))):
            yield os.path.join(root, "images", q["candidate"] + ".png")


def main(argv):
    if len(argv) < 3 or argv[2] not in ("val", "test"):
        sys.stderr.write(__doc__)
        return 2
    world, split = os.path.abspath(argv[1]), argv[2]
    wanted = argv[3:] or BENCHMARKS
    readers = {"cirr": cirr, "circo": circo, "fashioniq": fashioniq}
    seen, out = {}, []
    for b in wanted:
        if b not in BENCHMARKS:
            sys.stderr.write("unknown benchmark %r; known: %s\n" % (b, " ".join(BENCHMARKS)))
            return 2
        domain, layout = b.split("/")
        for path in readers[layout](os.path.join(world, domain, layout), split):
            path = os.path.normpath(path)
            if not os.path.isfile(path):
                sys.stderr.write("%s: reference image %s is missing\n" % (b, path))
                return 1
            name = os.path.splitext(os.path.basename(path))[0]
            if name not in seen:
                seen[name] = path
                out.append(path)
            elif seen[name] != path and not filecmp.cmp(seen[name], path, shallow=False):
                sys.stderr.write("%s and %s share the name %s but differ\n" % (seen[name], path, name))
                return 1
    sys.stdout.write("".join(p + "\n" for p in out))
    sys.stderr.write("%d distinct reference images (%s, %s)\n" % (len(out), split, " ".join(wanted)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
