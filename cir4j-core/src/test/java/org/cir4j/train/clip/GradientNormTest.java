package org.cir4j.train.clip;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.LinkedHashMap;
import java.util.Map;
import ai.djl.engine.Engine;
import ai.djl.training.GradientCollector;
import org.cir4j.train.AdamW;
import org.junit.jupiter.api.Test;

class GradientNormTest {

    /** A parameter whose gradient, after a real backward pass of {@code sum(p * grad)}, equals {@code grad}. */
    private static NDArray paramWithGradient(NDManager m, float... grad) {
        NDArray p = m.zeros(new ai.djl.ndarray.types.Shape(grad.length));
        p.setRequiresGradient(true);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            gc.backward(p.mul(m.create(grad)).sum());
        }
        return p;
    }

    @Test
    void normOverAllGradientsAndNamesOfNonFiniteOnes() {
        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, NDArray> params = new LinkedHashMap<>();
            params.put("a", paramWithGradient(m, 3f, 0f));
            params.put("b", paramWithGradient(m, 4f));
            NDArray frozen = m.ones(new ai.djl.ndarray.types.Shape(2));
            params.put("frozen", frozen);
            try (NDManager s = m.newSubManager()) {
                GradientNorm n = GradientNorm.of(params, s);
                assertThat(n.norm()).isEqualTo(5.0);
                assertThat(n.nonFinite()).isEmpty();
            }
            params.put("c", paramWithGradient(m, 1f, Float.NaN));
            params.put("d", paramWithGradient(m, Float.POSITIVE_INFINITY));
            try (NDManager s = m.newSubManager()) {
                GradientNorm n = GradientNorm.of(params, s);
                assertThat(n.norm()).isNaN();
                assertThat(n.nonFinite()).containsExactly("c", "d");
            }
            // Reading does not change the gradients.
            assertThat(params.get("a").getGradient().toFloatArray()).containsExactly(3f, 0f);
            AdamW.zero(params.get("c").getGradient());
        }
    }

    @Test
    void largeGradientsDoNotOverflowTheSumOfSquares() {
        try (NDManager m = NDManager.newBaseManager()) {
            // 3e20² = 9e40 overflows float32 (max 3.4e38); the norm itself is finite.
            Map<String, NDArray> params = Map.of("big", paramWithGradient(m, 3e20f, 4e20f));
            try (NDManager s = m.newSubManager()) {
                GradientNorm n = GradientNorm.of(params, s);
                assertThat(n.norm()).isCloseTo(5e20, org.assertj.core.data.Offset.offset(1e14));
                assertThat(n.nonFinite()).isEmpty();
            }
        }
    }
}
