package org.cir4j.app.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.cir4j.model.ClipConfig;
import org.cir4j.model.ClipFlops;
import org.cir4j.model.ClipModel;
import org.cir4j.model.TorchRuntime;

/**
 * Inference throughput of a {@link ClipModel}: images/s per batch size and texts/s per (batch size, text
 * length), each next to the FLOP limit — the machine's fp32 matmul rate, measured in the same run, divided
 * by the analytic FLOPs per input ({@link ClipFlops}). Percent of the limit is therefore "how close to a
 * perfect matmul engine", independent of how loaded or fast the machine is.
 *
 * <p>The matmul rate is the better of two shapes run through the same engine (PyTorch {@code mm} via DJL):
 * the vision MLP's first matrix at batch 16 ({@code 16·tokens × width} by {@code width × mlp_width}), the
 * dominant product of image encoding, and a 1024³ square product as the Python peer measures it. Taking
 * the better one makes the limit the stricter one. The rates are measured before and after the tower
 * measurements and the better of each is kept, so a load spike during one matmul measurement cannot make
 * the limit look low (on a shared machine this keeps "% of limit" from exceeding what was achievable).
 *
 * <p>Inputs are random (pixels N(0,1), token ids uniform with the end token last); weights are whatever the
 * model holds — speed does not depend on the values. Texts of length L have their end token at position
 * L-1, so cir4j runs exactly L positions (it cuts a batch at its longest end token; OpenAI's code runs the
 * whole context, so the peer's numbers correspond to L = context length).
 */
public final class EncodeBenchmark {

    /** What to measure. */
    public record Settings(List<Integer> batches, List<Integer> textLengths, int warmup, int minReps,
            double minSeconds) {
        /** Images only when {@code textLengths} is empty. */
        public Settings {
            batches = List.copyOf(batches);
            textLengths = List.copyOf(textLengths);
            if (batches.isEmpty()) {
                throw new IllegalArgumentException("no batch sizes given");
            }
        }
    }

    /** One measured configuration. {@code tokens} is null for images. */
    public record Measurement(String tower, int batch, Integer tokens, Throughput.Rate rate, double flopsPerItem,
            double limitItemsPerSecond) {
        public double percentOfLimit() {
            return 100 * rate.itemsPerSecond() / limitItemsPerSecond;
        }
    }

    /** The matmul rates measured and the one used as the limit. */
    public record Matmul(String shapeModel, double modelShapedGflops, double squareGflops) {
        public double limitGflops() {
            return Math.max(modelShapedGflops, squareGflops);
        }

        /** The better of two measurements of each shape. */
        Matmul max(Matmul o) {
            return new Matmul(shapeModel, Math.max(modelShapedGflops, o.modelShapedGflops),
                    Math.max(squareGflops, o.squareGflops));
        }
    }

    /** Progress: measurement index done, total. */
    public interface Progress {
        void update(String what, long done, long total);
    }

    /** Everything a run produced. */
    public record Report(String model, ClipConfig config, int threads, MachineInfo machine, String loadAfter,
            Matmul matmul, List<Measurement> measurements) {}

    private final ClipModel model;
    private final String modelName;
    private final Settings settings;

    public EncodeBenchmark(ClipModel model, String modelName, Settings settings) {
        for (int l : settings.textLengths()) {
            if (l < 2 || l > model.config().text().contextLength()) {
                throw new IllegalArgumentException("text length " + l + " outside 2.." + model.config().text().contextLength()
                        + " (start and end token at least)");
            }
        }
        for (int b : settings.batches()) {
            if (b < 1) {
                throw new IllegalArgumentException("batch sizes must be >= 1, found " + b);
            }
        }
        this.model = model;
        this.modelName = modelName;
        this.settings = settings;
    }

    /** The ViT-B/32 architecture (OpenAI): 224 px, patch 32, width 768 × 12 layers, text 512 × 12, context 77. */
    public static ClipConfig vitB32() {
        return new ClipConfig(1, 512, ClipConfig.Activation.QUICK_GELU, 1e-5, ClipConfig.DEFAULT_LOGIT_SCALE_INIT,
                ClipConfig.VisionConfig.vit(224, 32, 768, 12, 12),
                ClipConfig.TextConfig.of(49408, 77, 512, 8, 12, 49407, 49406, 0));
    }

    public Report run(Progress progress) throws Exception {
        MachineInfo machine = MachineInfo.current();
        int total = 2 + settings.batches().size() * (1 + settings.textLengths().size());
        int done = 0;
        progress.update("matmul", done, total);
        Matmul matmul = TorchRuntime.withoutGradients(this::matmul);
        progress.update("matmul", ++done, total);
        List<Measurement> raw = new ArrayList<>();
        double imageFlops = ClipFlops.image(model.config());
        for (int b : settings.batches()) {
            Throughput.Rate r = TorchRuntime.withoutGradients(() -> images(b));
            raw.add(new Measurement("image", b, null, r, imageFlops, 0));
            progress.update("images b=" + b, ++done, total);
        }
        for (int len : settings.textLengths()) {
            double textFlops = ClipFlops.text(model.config(), len);
            for (int b : settings.batches()) {
                Throughput.Rate r = TorchRuntime.withoutGradients(() -> texts(b, len));
                raw.add(new Measurement("text", b, len, r, textFlops, 0));
                progress.update("texts L=" + len + " b=" + b, ++done, total);
            }
        }
        matmul = matmul.max(TorchRuntime.withoutGradients(this::matmul));
        progress.update("matmul", ++done, total);
        double limitFlops = matmul.limitGflops() * 1e9;
        List<Measurement> out = new ArrayList<>();
        for (Measurement m : raw) {
            out.add(new Measurement(m.tower(), m.batch(), m.tokens(), m.rate(), m.flopsPerItem(),
                    limitFlops / m.flopsPerItem()));
        }
        return new Report(modelName, model.config(), TorchRuntime.intraOpThreads(), machine, MachineInfo.load(),
                matmul, out);
    }

    private Matmul matmul() throws Exception {
        ClipConfig.VisionConfig v = model.config().vision();
        long tokens = v.type() == ClipConfig.VisionType.VIT ? (long) v.gridSize() * v.gridSize() + 1 : 50;
        long m = 16 * tokens;
        long k = v.width();
        long n = v.mlpWidth() != null ? v.mlpWidth() : 4L * v.width();
        try (NDManager mm = model.manager().newSubManager()) {
            NDArray a = mm.randomNormal(new Shape(m, k));
            NDArray b = mm.randomNormal(new Shape(k, n));
            NDArray sq = mm.randomNormal(new Shape(1024, 1024));
            double modelShaped = 2.0 * m * k * n * rate(a, b) / 1e9;
            double square = 2.0 * 1024 * 1024 * 1024 * rate(sq, sq) / 1e9;
            return new Matmul(m + "x" + k + " @ " + k + "x" + n, modelShaped, square);
        }
    }

    /** Products per second of {@code a @ b}. */
    private double rate(NDArray a, NDArray b) throws Exception {
        double seconds = Math.min(3.0, settings.minSeconds() / 2);
        return Throughput.measure(() -> a.matMul(b).close(), 1, Math.max(1, settings.warmup()), 3, seconds)
                .itemsPerSecond();
    }

    private Throughput.Rate images(int batch) throws Exception {
        int s = model.config().vision().imageSize();
        try (NDManager m = model.manager().newSubManager()) {
            NDArray pixels = m.randomNormal(new Shape(batch, 3, s, s));
            return Throughput.measure(() -> model.encodeImage(pixels).close(), batch, settings.warmup(),
                    settings.minReps(), settings.minSeconds());
        }
    }

    private Throughput.Rate texts(int batch, int len) throws Exception {
        ClipConfig.TextConfig t = model.config().text();
        // End token: the configured id, or (OpenAI's argmax rule) the largest id, which then must stay unique.
        int end = t.eosTokenId() != null ? t.eosTokenId() : t.vocabSize() - 1;
        int start = t.bosTokenId() != null ? t.bosTokenId() : 0;
        Random rnd = new Random(31L * batch + len);
        long[] ids = new long[batch * len];
        for (int r = 0; r < batch; r++) {
            ids[r * len] = start;
            for (int c = 1; c < len - 1; c++) {
                int id;
                do {
                    id = rnd.nextInt(end); // below the end id: valid under both pooling rules
                } while (id == start);
                ids[r * len + c] = id;
            }
            ids[r * len + len - 1] = end;
        }
        try (NDManager m = model.manager().newSubManager()) {
            NDArray tokens = m.create(ids, new Shape(batch, len));
            return Throughput.measure(() -> model.encodeText(tokens).close(), batch, settings.warmup(),
                    settings.minReps(), settings.minSeconds());
        }
    }

    // ------------------------------------------------------------------ output

    public static ObjectNode toJson(Report r) {
        ObjectNode o = new ObjectMapper().createObjectNode();
        o.put("model", r.model());
        o.put("threads", r.threads());
        ObjectNode mach = o.putObject("machine");
        mach.put("cpu", r.machine().cpu());
        mach.put("cores", r.machine().cores());
        mach.put("load_before", r.machine().loadAverage());
        mach.put("load_after", r.loadAfter());
        ObjectNode mm = o.putObject("matmul");
        mm.put("model_shape", r.matmul().shapeModel());
        mm.put("model_shape_gflops", r.matmul().modelShapedGflops());
        mm.put("square_1024_gflops", r.matmul().squareGflops());
        mm.put("limit_gflops", r.matmul().limitGflops());
        ArrayNode ms = o.putArray("measurements");
        for (Measurement m : r.measurements()) {
            ObjectNode x = ms.addObject();
            x.put("tower", m.tower());
            x.put("batch", m.batch());
            if (m.tokens() != null) {
                x.put("tokens", m.tokens());
            }
            x.put("items_per_s", m.rate().itemsPerSecond());
            x.put("reps", m.rate().reps());
            x.put("seconds", m.rate().seconds());
            x.put("gflop_per_item", m.flopsPerItem() / 1e9);
            x.put("limit_items_per_s", m.limitItemsPerSecond());
            x.put("percent_of_limit", m.percentOfLimit());
        }
        return o;
    }

    public static String toMarkdown(Report r) {
        StringBuilder sb = new StringBuilder();
        ClipConfig c = r.config();
        sb.append(String.format(Locale.ROOT, "Model: %s (vision %s %dpx width %d, text width %d, context %d), "
                + "%d PyTorch threads.%n%n", r.model(), c.vision().type().jsonName(), c.vision().imageSize(),
                c.vision().width(), c.text().width(), c.text().contextLength(), r.threads()));
        sb.append(String.format(Locale.ROOT, "fp32 matmul (best of before and after): %.1f GFLOP/s (%s, the vision MLP at "
                + "batch 16), %.1f GFLOP/s (1024³); limit = %.1f GFLOP/s.%n%n", r.matmul().modelShapedGflops(),
                r.matmul().shapeModel(), r.matmul().squareGflops(), r.matmul().limitGflops()));
        sb.append("| tower | batch | tokens | items/s | GFLOP/item | FLOP limit (items/s) | % of limit | reps |\n");
        sb.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (Measurement m : r.measurements()) {
            sb.append(String.format(Locale.ROOT, "| %s | %d | %s | %.2f | %.3f | %.2f | %.0f %% | %d |%n", m.tower(),
                    m.batch(), m.tokens() == null ? "–" : m.tokens().toString(), m.rate().itemsPerSecond(),
                    m.flopsPerItem() / 1e9, m.limitItemsPerSecond(), m.percentOfLimit(), m.rate().reps()));
        }
        sb.append(String.format(Locale.ROOT, "%nLoad average (1/5/15 min): %s before, %s after; CPU: %s, %d cores.%n",
                r.machine().loadAverage(), r.loadAfter(), r.machine().cpu(), r.machine().cores()));
        return sb.toString();
    }
}
