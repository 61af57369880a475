package org.cir4j.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import org.cir4j.app.search.ModelBundle;
import org.cir4j.index.ExactSearch;
import org.cir4j.index.GalleryFeatures;
import org.cir4j.image.ImageDecoder;
import org.cir4j.index.gallery.GalleryIndex;
import org.cir4j.index.gallery.GalleryIndexWriter;
import org.cir4j.index.gallery.IndexHit;
import org.cir4j.index.gallery.IndexManifest;
import org.cir4j.index.gallery.SearchMode;
import org.cir4j.methods.ComposerContext;
import org.cir4j.methods.ComposerInput;
import org.cir4j.methods.ComposerRegistry;
import org.cir4j.methods.QueryComposer;
import org.cir4j.util.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cir4j bench search}: per-query latency of exact and HNSW search through {@link GalleryIndex} on seeded
 * random unit vectors, HNSW recall@k against exact, index build rate, and (with {@code --model}) the compose
 * step of a real method so that compose + search is measured per query. Writes the vectors as raw float32 so
 * the FAISS peer (scripts/bench/faiss_peer.py) searches the very same data.
 */
@Command(name = "search", mixinStandardHelpOptions = true,
        description = "Query latency (p50/p99) of exact vs HNSW search at several gallery sizes, HNSW recall@k, build rate.")
public final class BenchSearchCommand implements Callable<Integer>, CliSubcommand {

    @Option(names = "--sizes", split = ",", defaultValue = "10000,100000", description = "Gallery sizes. Default: ${DEFAULT-VALUE}.")
    List<Integer> sizes;

    @Option(names = "--dim", defaultValue = "512", description = "Vector dimension. Default: ${DEFAULT-VALUE}.")
    int dim;

    @Option(names = "--queries", defaultValue = "200", description = "Timed queries per configuration. Default: ${DEFAULT-VALUE}.")
    int queries;

    @Option(names = "-k", defaultValue = "10", description = "Results per query. Default: ${DEFAULT-VALUE}.")
    int k;

    @Option(names = "--candidates", split = ",", defaultValue = "10,100",
            description = "HNSW candidates (Lucene's k / beam) per configuration, each >= k. Default: ${DEFAULT-VALUE}.")
    List<Integer> candidates;

    @Option(names = "--hnsw-max", defaultValue = "100000",
            description = "Largest gallery for which HNSW indexes are built; larger ones measure exact search only "
                    + "(HNSW build time grows ~n log n and dominates on a small machine). Default: ${DEFAULT-VALUE}.")
    int hnswMax;

    @Option(names = "--int8", description = "Also build and measure an int8 scalar-quantized HNSW index.")
    boolean int8;

    @Option(names = "--model", description = "Model whose 'sum' composer is timed per query (compose + search). Default: none.")
    Path model;

    @Option(names = "--method", defaultValue = "sum", description = "Composer timed with --model. Default: ${DEFAULT-VALUE}.")
    String method;

    @Option(names = "--work", required = true, description = "Folder for the vectors (raw float32 for the FAISS peer) and indexes.")
    Path work;

    @Option(names = "--seed", defaultValue = "0", description = "Vector seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--json", description = "Write the results as JSON to this file.")
    Path json;

    @Override
    public String parent() {
        return "bench";
    }

    @Override
    public Integer call() throws Exception {
        ObjectNode out = new ObjectMapper().createObjectNode();
        out.put("dim", dim).put("k", k).put("queries", queries).put("seed", seed);
        ArrayNode rows = out.putArray("results");
        double[] compose = model == null ? null : composeTimes();
        if (compose != null) {
            out.putObject("compose").put("method", method).put("model", model.toString())
                    .put("p50_ms", pct(compose, 50)).put("p99_ms", pct(compose, 99));
        }
        Files.createDirectories(work);
        for (int n : sizes) {
            float[] gallery = unitVectors(n, seed * 31 + n);
            float[] qs = unitVectors(queries, seed * 31 + n + 1);
            writeF32(work.resolve("gallery-" + n + ".f32"), gallery);
            writeF32(work.resolve("queries-" + n + ".f32"), qs);
            if (n > hnswMax) {
                // Exact only: the same ExactSearch that GalleryIndex's exact mode runs, without building a graph.
                double[] lat = new double[queries];
                try (ExactSearch es = ExactSearch.create(GalleryFeatures.ofMatrix(syntheticIds(n), gallery, dim))) {
                    float[][] q = new float[1][dim];
                    for (int i = -20; i < queries; i++) {
                        System.arraycopy(qs, Math.floorMod(i, queries) * dim, q[0], 0, dim);
                        long t0 = System.nanoTime();
                        es.search(q, k);
                        if (i >= 0) {
                            lat[i] = (System.nanoTime() - t0) / 1e6;
                        }
                    }
                }
                rows.add(row(n, "exact", null, 0, lat, compose, Double.NaN).put("hnsw_built", false));
                if (json != null) {
                    write(out);
                }
                continue;
            }
            List<IndexManifest.Quantization> quants = int8 ? List.of(IndexManifest.Quantization.NONE, IndexManifest.Quantization.INT8)
                    : List.of(IndexManifest.Quantization.NONE);
            List<String> ids = syntheticIds(n);
            List<List<String>> truth = null;
            for (IndexManifest.Quantization quant : quants) {
                Path dir = work.resolve("index-" + n + "-" + quant.name().toLowerCase());
                AtomicFiles.deleteTree(dir);
                IndexManifest m = new IndexManifest(IndexManifest.FORMAT_VERSION, "random", "none", "none", dim, quant, 16, 100);
                long t0 = System.nanoTime();
                try (StageProgress progress = new StageProgress()) {
                    GalleryIndexWriter.importVectors(dir, m, ids, gallery, progress::update);
                }
                double buildS = (System.nanoTime() - t0) / 1e9;
                System.err.printf("n=%d %s: built in %.1f s (%.0f vectors/s)%n", n, quant, buildS, n / buildS);
                try (GalleryIndex gi = GalleryIndex.open(dir)) {
                    if (truth == null) {
                        double[] lat = new double[queries];
                        truth = new ArrayList<>();
                        runQueries(gi, qs, SearchMode.EXACT, k, lat, truth);
                        rows.add(row(n, "exact", null, 0, lat, compose, Double.NaN));
                    }
                    for (int c : candidates) {
                        double[] lat = new double[queries];
                        List<List<String>> got = new ArrayList<>();
                        runQueries(gi, qs, SearchMode.HNSW, c, lat, got);
                        rows.add(row(n, "hnsw", quant, c, lat, compose, recall(truth, got)).put("build_s", buildS)
                                .put("build_vectors_per_s", n / buildS));
                    }
                }
                AtomicFiles.deleteTree(dir); // 1M x 512 is 2+ GB per index
            }
            if (json != null) {
                write(out);
            }
        }
        if (json != null) {
            write(out);
        }
        System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(out));
        return 0;
    }

    private static List<String> syntheticIds(int n) {
        List<String> ids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ids.add("v" + i);
        }
        return ids;
    }

    private void write(ObjectNode out) throws IOException {
        AtomicFiles.write(json, o -> new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(o, out));
    }

    private void runQueries(GalleryIndex gi, float[] qs, SearchMode mode, int cand, double[] lat, List<List<String>> ids)
            throws IOException {
        float[] q = new float[dim];
        for (int w = 0; w < Math.min(20, queries); w++) { // warm-up (JIT, caches)
            System.arraycopy(qs, w * dim, q, 0, dim);
            gi.search(q, k, mode, null, -1, Math.max(k, cand));
        }
        for (int i = 0; i < queries; i++) {
            System.arraycopy(qs, i * dim, q, 0, dim);
            long t0 = System.nanoTime();
            List<IndexHit> hits = gi.search(q, k, mode, null, -1, Math.max(k, cand));
            lat[i] = (System.nanoTime() - t0) / 1e6;
            ids.add(hits.stream().map(IndexHit::id).toList());
        }
    }

    private ObjectNode row(int n, String kind, IndexManifest.Quantization quant, int cand, double[] lat, double[] compose, double recall) {
        ObjectNode r = new ObjectMapper().createObjectNode();
        r.put("n", n).put("kind", kind);
        if (quant != null) {
            r.put("quantization", quant.name().toLowerCase()).put("candidates", cand);
        }
        r.put("search_p50_ms", pct(lat, 50)).put("search_p99_ms", pct(lat, 99));
        if (compose != null) {
            double[] total = new double[lat.length];
            for (int i = 0; i < lat.length; i++) {
                total[i] = lat[i] + compose[i % compose.length];
            }
            r.put("total_p50_ms", pct(total, 50)).put("total_p99_ms", pct(total, 99));
        }
        if (!Double.isNaN(recall)) {
            r.put("recall_at_k", recall);
        }
        return r;
    }

    private double recall(List<List<String>> truth, List<List<String>> got) {
        double sum = 0;
        for (int i = 0; i < truth.size(); i++) {
            Set<String> t = new HashSet<>(truth.get(i));
            sum += got.get(i).stream().filter(t::contains).count() / (double) t.size();
        }
        return sum / truth.size();
    }

    /** Per-query compose times of the method with the model (text encoding + fusion), on random reference features. */
    private double[] composeTimes() throws IOException {
        try (ModelBundle b = ModelBundle.load(model, ModelBundle.Preprocess.clip, new ImageDecoder());
             QueryComposer c = ComposerRegistry.load().get(method).create(new ComposerContext(b.model(), b.tokenizer(),
                     b.preprocessor(), null, Map.of()))) {
            int d = b.model().config().embedDim();
            String[] captions = {"is red and has long sleeves", "make it two pentagons", "has the square in pink",
                    "is photographed up close", "shift the circle to the top", "take off the hearts"};
            float[] refs = unitVectors(queries + 20, seed + 7);
            double[] t = new double[queries];
            for (int i = -20; i < queries; i++) {
                int r = i + 20;
                float[] f = Arrays.copyOfRange(refs, (r % (queries + 20)) * dim, (r % (queries + 20)) * dim + Math.min(d, dim));
                float[] ref = Arrays.copyOf(f, d);
                long t0 = System.nanoTime();
                c.compose(List.of(new ComposerInput(null, ref, List.of(captions[Math.floorMod(i, captions.length)]), null)));
                if (i >= 0) {
                    t[i] = (System.nanoTime() - t0) / 1e6;
                }
            }
            return t;
        }
    }

    private float[] unitVectors(int n, long s) {
        Random r = new Random(s);
        float[] m = new float[Math.multiplyExact(n, dim)];
        for (int i = 0; i < n; i++) {
            double ss = 0;
            for (int j = 0; j < dim; j++) {
                float v = (float) r.nextGaussian();
                m[i * dim + j] = v;
                ss += v * v;
            }
            float inv = (float) (1 / Math.sqrt(ss));
            for (int j = 0; j < dim; j++) {
                m[i * dim + j] *= inv;
            }
        }
        return m;
    }

    private static void writeF32(Path f, float[] m) throws IOException {
        AtomicFiles.write(f, (OutputStream o) -> {
            ByteBuffer b = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
            for (float v : m) {
                if (!b.hasRemaining()) {
                    o.write(b.array(), 0, b.position());
                    b.clear();
                }
                b.putFloat(v);
            }
            o.write(b.array(), 0, b.position());
        });
    }

    static double pct(double[] xs, double p) {
        double[] s = xs.clone();
        Arrays.sort(s);
        int idx = (int) Math.ceil(p / 100.0 * s.length) - 1;
        return s[Math.max(0, Math.min(s.length - 1, idx))];
    }
}
