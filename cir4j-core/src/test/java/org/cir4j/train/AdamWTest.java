package org.cir4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdamWTest {

    /** Two steps on f(p) = sum(p²) compared with torch.optim.AdamW's formula worked by hand. */
    @Test
    void matchesTorchAdamWByHand() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray p = m.create(new float[] {1f, -2f});
            p.setRequiresGradient(true);
            Map<String, NDArray> params = new LinkedHashMap<>(Map.of("w", p));
            AdamW opt = new AdamW(m, 0.9f, 0.999f, 1e-8f, 0.1f, n -> false);
            double[] ref = {1, -2};
            double[] mm = new double[2];
            double[] vv = new double[2];
            float lr = 0.01f;
            for (int t = 1; t <= 2; t++) {
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    gc.backward(p.square().sum());
                }
                opt.step(params, lr);
                for (int i = 0; i < 2; i++) {
                    double g = 2 * ref[i];
                    ref[i] -= lr * 0.1 * ref[i];
                    mm[i] = 0.9 * mm[i] + 0.1 * g;
                    vv[i] = 0.999 * vv[i] + 0.001 * g * g;
                    double mh = mm[i] / (1 - Math.pow(0.9, t));
                    double vh = vv[i] / (1 - Math.pow(0.999, t));
                    ref[i] -= lr * mh / (Math.sqrt(vh) + 1e-8);
                }
            }
            float[] got = p.toFloatArray();
            assertThat(got[0]).isCloseTo((float) ref[0], within(1e-6f));
            assertThat(got[1]).isCloseTo((float) ref[1], within(1e-6f));
            opt.close();
        }
    }

    @Test
    void checkpointRoundTripRestoresMomentsAndStep(@TempDir Path dir) throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray p = m.create(new float[] {0.5f, 0.25f, -1f});
            p.setName("w");
            p.setRequiresGradient(true);
            Map<String, NDArray> params = new LinkedHashMap<>(Map.of("w", p));
            AdamW opt = new AdamW(m, 0.9f, 0.98f, 1e-6f, 0.2f, n -> false);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                gc.backward(p.pow(3).sum());
            }
            opt.step(params, 0.1f);
            TrainingCheckpoint.save(dir, 1, new ai.djl.ndarray.NDList(p), opt.state(),
                    new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode(), 2);
            var loaded = TrainingCheckpoint.latest(dir, m).orElseThrow();
            AdamW resumed = new AdamW(m, 0.9f, 0.98f, 1e-6f, 0.2f, n -> false);
            resumed.load(loaded.optimizer(), params);
            assertThat(resumed.stepCount()).isEqualTo(1);
            assertThat(loaded.step()).isEqualTo(1);
            assertThat(loaded.params().get(0).toFloatArray()).containsExactly(p.toFloatArray());
            var a = opt.state();
            var b = resumed.state();
            for (int i = 0; i < a.size(); i++) {
                assertThat(b.get(i).getName()).isEqualTo(a.get(i).getName());
                assertThat(b.get(i).toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray())
                        .containsExactly(a.get(i).toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray());
            }
        }
    }

    /** A NaN or infinite gradient must not survive the zeroing after a step (g - g would keep it NaN). */
    @Test
    void zeroingClearsNonFiniteGradients() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray p = m.create(new float[] {1f, 2f});
            p.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                // d/dp of p * [NaN, inf] is [NaN, inf]
                gc.backward(p.mul(m.create(new float[] {Float.NaN, Float.POSITIVE_INFINITY})).sum());
            }
            NDArray g = p.getGradient();
            assertThat(g.toFloatArray()[0]).isNaN();
            AdamW.zero(g);
            assertThat(p.getGradient().toFloatArray()).containsExactly(0f, 0f);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                gc.backward(p.square().sum());
            }
            assertThat(p.getGradient().toFloatArray()).containsExactly(2f, 4f);
        }
    }
}
