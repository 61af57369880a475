package org.cir4j.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

class ScalarsTest {

    /**
     * The scalar autograd saves for backward must survive the Java side's garbage collection: build the graph,
     * let the collector run and hand the freed memory to new buffers full of NaN, then take the gradient. (With
     * DJL's own {@code x.mul(3f)} this same procedure gave NaN gradients on 2026-12-03, DJL 0.35.1.)
     */
    @Test
    void gradientsSurviveGarbageCollectionBetweenForwardAndBackward() {
        assertThat(gradientAfterGc((x, s) -> Scalars.mul(x, s), 3.0)).containsOnly(3f);
        assertThat(gradientAfterGc((x, s) -> Scalars.div(x, s), 4.0)).containsOnly(0.25f);
    }

    private static float[] gradientAfterGc(BiFunction<NDArray, Double, NDArray> op, double s) {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] out = null;
            for (int round = 0; round < 20; round++) {
                NDArray x = m.ones(new ai.djl.ndarray.types.Shape(1024));
                x.setRequiresGradient(true);
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray y = op.apply(x, s).sum();
                    List<ByteBuffer> pressure = new ArrayList<>();
                    for (int i = 0; i < 3; i++) {
                        System.gc();
                        for (int j = 0; j < 200; j++) {
                            ByteBuffer b = ByteBuffer.allocateDirect(4).order(ByteOrder.nativeOrder());
                            b.putFloat(0, Float.NaN);
                            pressure.add(b);
                        }
                    }
                    gc.backward(y);
                }
                float[] g = x.getGradient().toFloatArray();
                if (out == null || !java.util.Arrays.equals(out, g)) {
                    out = g; // keep a differing result if one appears
                }
                if (g[0] != (float) (op.apply(m.ones(new ai.djl.ndarray.types.Shape(1)), s).getFloat())) {
                    return g;
                }
            }
            return out;
        }
    }
}
