package org.cir4j.methods.clip4cir;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.cir4j.model.ClipConfig;
import org.cir4j.model.ClipModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The Combiner's forward pass and every ablation variant against hand-computed values. */
class CombinerTest {

    private NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    /**
     * d=2, P=1, H=1 with weights chosen so every step is easy by hand, for ψI=[1,2], ψT=[3,0]:
     * t'=relu(ψT₀)=3, i'=relu(ψI₁)=2 (text first in the concat), h=relu(t'+i')=5, v=[h,−h]=[5,−5],
     * g=relu(t'−i')=1, λ=σ(g)=σ(1).
     */
    private Map<String, NDArray> handWeights() {
        Map<String, NDArray> w = new LinkedHashMap<>();
        w.put("text_projection_layer.weight", manager.create(new float[] {1, 0}, new Shape(1, 2)));
        w.put("text_projection_layer.bias", manager.create(new float[] {0}, new Shape(1)));
        w.put("image_projection_layer.weight", manager.create(new float[] {0, 1}, new Shape(1, 2)));
        w.put("image_projection_layer.bias", manager.create(new float[] {0}, new Shape(1)));
        w.put("combiner_layer.weight", manager.create(new float[] {1, 1}, new Shape(1, 2)));
        w.put("combiner_layer.bias", manager.create(new float[] {0}, new Shape(1)));
        w.put("output_layer.weight", manager.create(new float[] {1, -1}, new Shape(2, 1)));
        w.put("output_layer.bias", manager.create(new float[] {0, 0}, new Shape(2)));
        // text-minus-image: proves the concat order (text first) — swapped it would give relu(2−3)=0, λ=0.5.
        w.put("dynamic_scalar.0.weight", manager.create(new float[] {1, -1}, new Shape(1, 2)));
        w.put("dynamic_scalar.0.bias", manager.create(new float[] {0}, new Shape(1)));
        w.put("dynamic_scalar.3.weight", manager.create(new float[] {1}, new Shape(1, 1)));
        w.put("dynamic_scalar.3.bias", manager.create(new float[] {0}, new Shape(1)));
        return w;
    }

    private Combiner hand(CombinerVariant v) {
        CombinerConfig c = new CombinerConfig(v, 2, 1, 1, 0.5, 100);
        Map<String, NDArray> all = handWeights();
        Map<String, NDArray> used = new LinkedHashMap<>();
        Combiner.layout(c).keySet().forEach(k -> used.put(k, all.get(k)));
        return Combiner.of(c, used, manager, "hand");
    }

    private float[] combine(Combiner c) {
        NDArray img = manager.create(new float[] {1, 2}, new Shape(1, 2));
        NDArray txt = manager.create(new float[] {3, 0}, new Shape(1, 2));
        return c.combine(img, txt, false).toFloatArray();
    }

    private static float[] unit(double x, double y) {
        double n = Math.hypot(x, y);
        return new float[] {(float) (x / n), (float) (y / n)};
    }

    @Test
    void fullCombinerMatchesHandComputation() {
        double lambda = 1 / (1 + Math.exp(-1)); // σ(1)
        // v + λψT + (1−λ)ψI = [5,−5] + λ[3,0] + (1−λ)[1,2]
        float[] expected = unit(5 + 3 * lambda + (1 - lambda), -5 + 2 * (1 - lambda));
        assertThat(combine(hand(CombinerVariant.FULL))).containsExactly(expected, within(1e-6f));
        try (Combiner c = hand(CombinerVariant.FULL)) {
            NDArray l = c.lambda(manager.create(new float[] {1, 2}, new Shape(1, 2)),
                    manager.create(new float[] {3, 0}, new Shape(1, 2)));
            assertThat(l.getShape()).isEqualTo(new Shape(1, 1));
            assertThat(l.toFloatArray()[0]).isCloseTo((float) lambda, within(1e-6f));
        }
    }

    @Test
    void variantsFollowTheirFormulas() {
        double lambda = 1 / (1 + Math.exp(-1));
        assertThat(combine(hand(CombinerVariant.SUM))).containsExactly(unit(4, 2), within(1e-6f));
        assertThat(combine(hand(CombinerVariant.CONVEX)))
                .containsExactly(unit(3 * lambda + (1 - lambda), 2 * (1 - lambda)), within(1e-6f));
        assertThat(combine(hand(CombinerVariant.WITHOUT_CONVEX))).containsExactly(unit(5, -5), within(1e-6f));
        assertThat(combine(hand(CombinerVariant.STATIC_SKIP))).containsExactly(unit(5 + 2, -5 + 1), within(1e-6f));
    }

    @Test
    void variantsHaveExactlyTheirParameters() {
        CombinerConfig full = CombinerConfig.reference(CombinerVariant.FULL, 8);
        assertThat(Combiner.layout(full)).containsEntry("text_projection_layer.weight", new Shape(32, 8))
                .containsEntry("combiner_layer.weight", new Shape(64, 64))
                .containsEntry("output_layer.weight", new Shape(8, 64))
                .containsEntry("dynamic_scalar.0.weight", new Shape(64, 64))
                .containsEntry("dynamic_scalar.3.weight", new Shape(1, 64)).hasSize(12);
        assertThat(Combiner.layout(CombinerConfig.reference(CombinerVariant.SUM, 8))).isEmpty();
        assertThat(Combiner.layout(CombinerConfig.reference(CombinerVariant.CONVEX, 8)).keySet())
                .noneMatch(k -> k.startsWith("combiner_layer") || k.startsWith("output_layer")).hasSize(8);
        assertThat(Combiner.layout(CombinerConfig.reference(CombinerVariant.STATIC_SKIP, 8)).keySet())
                .noneMatch(k -> k.startsWith("dynamic_scalar")).hasSize(8);
        assertThatThrownBy(() -> Combiner.of(new CombinerConfig(CombinerVariant.CONVEX, 2, 1, 1, 0.5, 100), handWeights(),
                manager, "hand")).hasMessageContaining("combiner_layer").hasMessageContaining("convex");
    }

    @Test
    void randomWeightsMatchAScalarReference() {
        CombinerConfig c = new CombinerConfig(CombinerVariant.FULL, 4, 3, 5, 0.5, 100);
        try (Combiner comb = Combiner.initialize(c, 7, manager)) {
            Random r = new Random(3);
            int b = 3;
            float[] img = new float[b * 4];
            float[] txt = new float[b * 4];
            float[] tgt = new float[b * 4];
            for (int i = 0; i < img.length; i++) {
                img[i] = (float) r.nextGaussian();
                txt[i] = (float) r.nextGaussian();
                tgt[i] = (float) r.nextGaussian();
            }
            Map<String, float[]> w = new LinkedHashMap<>();
            comb.parameters().forEach((k, v) -> w.put(k, v.toFloatArray()));
            NDArray logits = comb.logits(manager.create(img, new Shape(b, 4)), manager.create(txt, new Shape(b, 4)),
                    manager.create(tgt, new Shape(b, 4)), false);
            float[] got = logits.toFloatArray();
            for (int i = 0; i < b; i++) {
                double[] q = scalarCombine(w, slice(img, i), slice(txt, i));
                for (int j = 0; j < b; j++) {
                    double[] t = normalize(toDouble(slice(tgt, j)));
                    double dot = 0;
                    for (int k = 0; k < 4; k++) {
                        dot += q[k] * t[k];
                    }
                    assertThat((double) got[i * b + j]).isCloseTo(100 * dot, within(1e-3));
                }
            }
        }
    }

    @Test
    void dropoutOnlyInTrainingMode() {
        CombinerConfig c = CombinerConfig.reference(CombinerVariant.FULL, 8);
        try (Combiner comb = Combiner.initialize(c, 1, manager)) {
            NDArray img = manager.randomNormal(new Shape(16, 8));
            NDArray txt = manager.randomNormal(new Shape(16, 8));
            float[] a = comb.combine(img, txt, false).toFloatArray();
            float[] b = comb.combine(img, txt, false).toFloatArray();
            float[] t = comb.combine(img, txt, true).toFloatArray();
            assertThat(a).containsExactly(b);
            assertThat(t).isNotEqualTo(a);
        }
    }

    @Test
    void checkpointRoundTripAndBaseModelCheck(@TempDir Path dir) throws Exception {
        ClipConfig cc = new ClipConfig(1, 8, ClipConfig.Activation.QUICK_GELU, 1e-5, ClipConfig.DEFAULT_LOGIT_SCALE_INIT,
                ClipConfig.VisionConfig.vit(16, 8, 16, 1, 2), ClipConfig.TextConfig.of(30, 8, 16, 2, 1, 29, 28, 0));
        try (ClipModel clip = ClipModel.randomInit(cc, 1, manager); ClipModel other = ClipModel.randomInit(cc, 2, manager);
             Combiner comb = Combiner.initialize(CombinerConfig.reference(CombinerVariant.FULL, 8), 5, manager)) {
            CombinerCheckpoint.write(dir, comb, CombinerCheckpoint.BaseModel.of(clip, null), null, null);
            CombinerCheckpoint.Info info = CombinerCheckpoint.read(dir);
            CombinerCheckpoint.requireBaseModel(info, clip);
            NDArray img = manager.randomNormal(new Shape(2, 8));
            NDArray txt = manager.randomNormal(new Shape(2, 8));
            try (Combiner back = CombinerCheckpoint.load(info, manager)) {
                assertThat(back.combine(img, txt, false).toFloatArray()).containsExactly(comb.combine(img, txt, false).toFloatArray());
            }
            String expected = ClipFingerprint.of(clip);
            String found = ClipFingerprint.of(other);
            assertThatThrownBy(() -> CombinerCheckpoint.requireBaseModel(info, other))
                    .hasMessageContaining(expected).hasMessageContaining(found);
        }
    }

    @Test
    void badShapesAreNamed() {
        try (Combiner comb = Combiner.initialize(CombinerConfig.reference(CombinerVariant.FULL, 8), 5, manager)) {
            assertThatThrownBy(() -> comb.combine(manager.zeros(new Shape(2, 7)), manager.zeros(new Shape(2, 8)), false))
                    .hasMessageContaining("image features").hasMessageContaining("(B, 8)").hasMessageContaining("(2, 7)");
        }
    }

    private static float[] slice(float[] a, int row) {
        float[] out = new float[4];
        System.arraycopy(a, row * 4, out, 0, 4);
        return out;
    }

    private static double[] toDouble(float[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i];
        }
        return d;
    }

    private static double[] normalize(double[] v) {
        double n = 0;
        for (double x : v) {
            n += x * x;
        }
        n = Math.sqrt(n);
        double[] o = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            o[i] = v[i] / n;
        }
        return o;
    }

    private static double[] linear(Map<String, float[]> w, String layer, double[] x, int out) {
        float[] wt = w.get(layer + ".weight");
        float[] bias = w.get(layer + ".bias");
        double[] y = new double[out];
        for (int o = 0; o < out; o++) {
            double s = bias[o];
            for (int i = 0; i < x.length; i++) {
                s += wt[o * x.length + i] * x[i];
            }
            y[o] = s;
        }
        return y;
    }

    private static double[] relu(double[] x) {
        double[] y = x.clone();
        for (int i = 0; i < y.length; i++) {
            y[i] = Math.max(0, y[i]);
        }
        return y;
    }

    private static double[] scalarCombine(Map<String, float[]> w, float[] img, float[] txt) {
        double[] i = toDouble(img);
        double[] t = toDouble(txt);
        double[] tp = relu(linear(w, "text_projection_layer", t, 3));
        double[] ip = relu(linear(w, "image_projection_layer", i, 3));
        double[] cat = new double[6];
        System.arraycopy(tp, 0, cat, 0, 3);
        System.arraycopy(ip, 0, cat, 3, 3);
        double[] v = linear(w, "output_layer", relu(linear(w, "combiner_layer", cat, 5)), 4);
        double g = linear(w, "dynamic_scalar.3", relu(linear(w, "dynamic_scalar.0", cat, 5)), 1)[0];
        double lambda = 1 / (1 + Math.exp(-g));
        double[] out = new double[4];
        for (int k = 0; k < 4; k++) {
            out[k] = v[k] + lambda * t[k] + (1 - lambda) * i[k];
        }
        return normalize(out);
    }
}
