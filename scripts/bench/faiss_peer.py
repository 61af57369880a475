#!/usr/bin/env python3
"""FAISS peer for scripts/bench/search.sh: the same vectors `cir4j bench search` wrote (raw float32), searched one
query at a time with faiss IndexFlatIP (exact) and IndexHNSWFlat (M=16, efConstruction=100 like Lucene's defaults,
efSearch = each candidates value), with the same p50/p99 and recall@k definitions. Prints JSON."""
import argparse, json, os, sys, time
import numpy as np
import faiss


def pct(xs, p):
    s = sorted(xs)
    i = max(0, min(len(s) - 1, int(np.ceil(p / 100.0 * len(s))) - 1))
    return s[i]


def timed_search(index, qs, k, warm=20):
    for i in range(min(warm, len(qs))):
        index.search(qs[i:i + 1], k)
    lat, ids = [], []
    for i in range(len(qs)):
        t0 = time.perf_counter()
        _, I = index.search(qs[i:i + 1], k)
        lat.append((time.perf_counter() - t0) * 1e3)
        ids.append(I[0].tolist())
    return lat, ids


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--work", required=True)
    ap.add_argument("--sizes", required=True)
    ap.add_argument("--dim", type=int, default=512)
    ap.add_argument("--k", type=int, default=10)
    ap.add_argument("--candidates", default="10,100")
    ap.add_argument("--threads", type=int, default=os.cpu_count())
    ap.add_argument("--hnsw-max", type=int, default=100000, help="largest gallery with an HNSW index (as cir4j's --hnsw-max)")
    a = ap.parse_args()
    faiss.omp_set_num_threads(a.threads)
    out = {"faiss_version": faiss.__version__, "threads": a.threads, "results": []}
    for n in [int(x) for x in a.sizes.split(",")]:
        g = np.fromfile(os.path.join(a.work, "gallery-%d.f32" % n), dtype="<f4").reshape(n, a.dim)
        qs = np.fromfile(os.path.join(a.work, "queries-%d.f32" % n), dtype="<f4").reshape(-1, a.dim)
        flat = faiss.IndexFlatIP(a.dim)
        flat.add(g)
        lat, truth = timed_search(flat, qs, a.k)
        out["results"].append({"n": n, "kind": "faiss-flat", "search_p50_ms": pct(lat, 50), "search_p99_ms": pct(lat, 99)})
        if n > a.hnsw_max:
            print("faiss n=%d done (flat only)" % n, file=sys.stderr)
            continue
        hnsw = faiss.IndexHNSWFlat(a.dim, 16, faiss.METRIC_INNER_PRODUCT)
        hnsw.hnsw.efConstruction = 100
        t0 = time.perf_counter()
        hnsw.add(g)
        build = time.perf_counter() - t0
        for c in [int(x) for x in a.candidates.split(",")]:
            hnsw.hnsw.efSearch = max(c, a.k)
            lat, got = timed_search(hnsw, qs, a.k)
            rec = float(np.mean([len(set(t) & set(x)) / len(t) for t, x in zip(truth, got)]))
            out["results"].append({"n": n, "kind": "faiss-hnsw", "candidates": c, "search_p50_ms": pct(lat, 50),
                                   "search_p99_ms": pct(lat, 99), "recall_at_k": rec, "build_s": build,
                                   "build_vectors_per_s": n / build})
        print("faiss n=%d done" % n, file=sys.stderr)
    json.dump(out, sys.stdout, indent=1)


if __name__ == "__main__":
    main()
