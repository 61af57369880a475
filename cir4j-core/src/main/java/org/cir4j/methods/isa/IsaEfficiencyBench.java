package org.cir4j.methods.isa;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.cir4j.methods.isa.runtime.IsaQueryRuntime;
import org.cir4j.model.ClipConfig;
import org.cir4j.model.ClipModel;
import org.cir4j.model.TorchRuntime;
import org.cir4j.world.ProgressListener;

/**
 * ISA's efficiency table: for one CLIP ("setting"), the query-side cost of the asymmetric light model
 * vs the symmetric variant and the large image encoder, and end-to-end query latency (image side +
 * text encoder on the composed prompt). Parameters are counted from the tensors, MACs by
 * {@link IsaCost}, latency measured at batch 1 on DJL's PyTorch engine with a given number of
 * intra-op threads (median of {@code iterations} after 3 warm-up runs), weights random (latency does
 * not depend on their values). The asymmetric query side is also timed in the pure-Java device
 * runtime ({@link IsaQueryRuntime}, one thread).
 */
public final class IsaEfficiencyBench {

    /** One measured pipeline. */
    public record Row(String setting, String pipeline, long params, long macs, double[] millis) {}

    private final int iterations;
    private final int[] threads;
    private final ProgressListener progress;

    public IsaEfficiencyBench(int iterations, int[] threads, ProgressListener progress) {
        if (iterations < 0 || threads.length == 0) {
            throw new IllegalArgumentException("need iterations >= 0 (0: parameters and FLOPs only) and at least one thread count");
        }
        this.iterations = iterations;
        this.threads = threads.clone();
        this.progress = progress;
    }

    /** The ViT-B/32 shape (OpenAI's CLIP ViT-B/32): 224 px, patch 32, 768×12, text 512×12, d 512, vocab 49408. */
    public static ClipConfig vitB32() {
        return new ClipConfig(ClipConfig.FORMAT_VERSION, 512, ClipConfig.Activation.QUICK_GELU, 1e-5,
                ClipConfig.DEFAULT_LOGIT_SCALE_INIT, ClipConfig.VisionConfig.vit(224, 32, 768, 12, 12),
                ClipConfig.TextConfig.of(49408, 77, 512, 8, 12, 49407, 49406, 0));
    }

    /**
     * Measures one setting.
     *
     * @param clip          the large model (its weights are not used for anything but timing)
     * @param light         the asymmetric ISA config for this CLIP
     * @param placeholderId the tokenizer's "$" id
     * @param promptLength  tokens of the composed prompt (start … end)
     */
    public List<Row> measure(String setting, ClipModel clip, IsaConfig light, int placeholderId, int promptLength,
                             java.nio.file.Path scratch) throws java.io.IOException {
        ClipConfig cc = clip.config();
        IsaConfig sym = IsaConfig.symmetric(cc.vision().imageSize(), cc.vision().width(), cc.vision().gridSize(), cc.text().width())
                .withTokens(light.tokens()).withMapper(light.mapper())
                .withLearner(light.tokenDim(), light.refineLayers(), light.heads());
        List<Row> rows = new ArrayList<>();
        long visionParams = 0;
        long textParams = 0;
        for (Map.Entry<String, NDArray> e : clip.parameters().entrySet()) {
            if (e.getKey().startsWith("visual.")) {
                visionParams += e.getValue().getShape().size();
            } else if (!e.getKey().equals("logit_scale")) {
                textParams += e.getValue().getShape().size();
            }
        }
        try (NDManager m = clip.manager().newSubManager();
             IsaModel lightModel = IsaModel.randomInit(light, 0, m);
             IsaModel symModel = IsaModel.randomInit(sym, 0, m)) {
            NDArray lightPx = pixels(m, light.imageSize());
            NDArray largePx = pixels(m, cc.vision().imageSize());
            NDArray ids = promptIds(m, cc, placeholderId, light.tokens(), promptLength);
            NDArray tokens = m.zeros(new Shape(light.tokens(), cc.text().width()));
            long lightMacs = IsaCost.lightEncoderMacs(light) + IsaCost.mapperMacs(light);
            long symMacs = IsaCost.vitSpatialMacs(cc) + IsaCost.mapperMacs(sym);
            long textMacs = IsaCost.textMacs(cc, promptLength);
            rows.add(time(setting, "query image side, asymmetric: light CNN + token learner", lightModel.parameterCount(),
                    lightMacs, () -> lightModel.forward(lightPx, null).tokens().close()));
            rows.add(time(setting, "query image side, symmetric: large ViT patches + token learner",
                    visionParams + symModel.parameterCount(), symMacs, () -> symModel.forward(largePx, clip).tokens().close()));
            rows.add(time(setting, "large image encoder (gallery side; iSEARLE's query side)", visionParams,
                    IsaCost.vitImageMacs(cc), () -> clip.encodeImage(largePx).close()));
            rows.add(time(setting, "text encoder on the composed prompt (" + promptLength + " tokens)", textParams, textMacs,
                    () -> clip.encodeTextWithPseudoTokens(ids, tokens, placeholderId).close()));
            rows.add(time(setting, "end to end, asymmetric (light + text)", lightModel.parameterCount() + textParams,
                    lightMacs + textMacs, () -> {
                        NDArray t = lightModel.forward(lightPx, null).tokens();
                        clip.encodeTextWithPseudoTokens(ids, t.reshape(-1, cc.text().width()), placeholderId).close();
                        t.close();
                    }));
            rows.add(time(setting, "end to end, symmetric (large + learner + text)", visionParams + symModel.parameterCount() + textParams,
                    symMacs + textMacs, () -> {
                        NDArray t = symModel.forward(largePx, clip).tokens();
                        clip.encodeTextWithPseudoTokens(ids, t.reshape(-1, cc.text().width()), placeholderId).close();
                        t.close();
                    }));
            // The exported model in the pure-Java runtime (single thread by construction).
            java.nio.file.Path dir = scratch.resolve("export-" + setting.replaceAll("[^A-Za-z0-9]+", "_"));
            IsaExport.write(lightModel, BaseModelIdentity.of(clip), dir);
            IsaQueryRuntime rt = IsaQueryRuntime.load(dir);
            float[] px = lightPx.toFloatArray();
            double[] javaMs = new double[threads.length];
            double one = iterations == 0 ? Double.NaN : median(() -> rt.tokens(px), Math.max(3, iterations / 4));
            for (int i = 0; i < threads.length; i++) {
                javaMs[i] = threads[i] == 1 ? one : Double.NaN;
            }
            rows.add(new Row(setting, "query image side, asymmetric, pure-Java device runtime", lightModel.parameterCount(),
                    lightMacs, javaMs));
        }
        return rows;
    }

    private Row time(String setting, String pipeline, long params, long macs, Runnable work) {
        double[] ms = new double[threads.length];
        if (iterations == 0) {
            Arrays.fill(ms, Double.NaN);
            return new Row(setting, pipeline, params, macs, ms);
        }
        int previous = TorchRuntime.intraOpThreads();
        try {
            for (int i = 0; i < threads.length; i++) {
                TorchRuntime.setIntraOpThreads(threads[i]);
                ms[i] = TorchRuntime.withoutGradients(() -> median(work, iterations));
            }
        } finally {
            TorchRuntime.setIntraOpThreads(previous);
        }
        progress.update("isa bench", 0, 0);
        return new Row(setting, pipeline, params, macs, ms);
    }

    private static double median(Runnable work, int iterations) {
        for (int i = 0; i < 3; i++) {
            work.run();
        }
        double[] t = new double[iterations];
        for (int i = 0; i < iterations; i++) {
            long t0 = System.nanoTime();
            work.run();
            t[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(t);
        return iterations % 2 == 1 ? t[iterations / 2] : (t[iterations / 2 - 1] + t[iterations / 2]) / 2;
    }

    private static NDArray pixels(NDManager m, int size) {
        Random r = new Random(1);
        float[] v = new float[3 * size * size];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        NDArray blob = m.create(v, new Shape(1, 3, size, size));
        NDArray own = blob.duplicate();
        blob.close();
        return own;
    }

    /** [start, 3 words, M placeholders, filler words, end]: the shape of "a photo of $…$ that {caption}". */
    private static NDArray promptIds(NDManager m, ClipConfig cc, int placeholderId, int tokens, int length) {
        ClipConfig.TextConfig t = cc.text();
        if (length < tokens + 5 || length > t.contextLength()) {
            throw new IllegalArgumentException("prompt length " + length + " must be in [" + (tokens + 5) + ", "
                    + t.contextLength() + "]");
        }
        long[] ids = new long[length];
        int start = t.bosTokenId() == null ? 0 : t.bosTokenId();
        int end = t.eosTokenId() == null ? t.vocabSize() - 1 : t.eosTokenId();
        ids[0] = start;
        for (int i = 1; i < length - 1; i++) {
            long filler = 1 + (i % 7);
            while (filler == placeholderId || filler == start || filler == end) {
                filler++;
            }
            ids[i] = i >= 4 && i < 4 + tokens ? placeholderId : filler;
        }
        ids[length - 1] = end;
        NDArray blob = m.create(ids, new Shape(1, length));
        NDArray own = blob.duplicate();
        blob.close();
        return own;
    }

    /** The Markdown table of {@code rows} (ratios against the large image encoder of the same setting). */
    public String markdown(List<Row> rows) {
        StringBuilder sb = new StringBuilder();
        sb.append("| setting | pipeline (batch 1) | params | MFLOPs (2·MACs) | params vs large image enc. | FLOPs vs large image enc.");
        for (int t : threads) {
            sb.append(" | ms, ").append(t).append(t == 1 ? " thread" : " threads");
        }
        sb.append(" |\n|---|---|---:|---:|---:|---:");
        for (int t : threads) {
            sb.append("|---:");
        }
        sb.append("|\n");
        for (Row r : rows) {
            Row large = rows.stream().filter(x -> x.setting().equals(r.setting()) && x.pipeline().startsWith("large image encoder"))
                    .findFirst().orElse(r);
            sb.append(String.format(Locale.ROOT, "| %s | %s | %,d | %.1f | %s | %s", r.setting(), r.pipeline(), r.params(),
                    2 * r.macs() / 1e6, ratio(r.params(), large.params()), ratio(r.macs(), large.macs())));
            for (double ms : r.millis()) {
                sb.append(Double.isNaN(ms) ? " | –" : String.format(Locale.ROOT, " | %.2f", ms));
            }
            sb.append(" |\n");
        }
        return sb.toString();
    }

    private static String ratio(long a, long b) {
        return String.format(Locale.ROOT, "%.3f× (1/%.1f)", (double) a / b, (double) b / a);
    }
}
