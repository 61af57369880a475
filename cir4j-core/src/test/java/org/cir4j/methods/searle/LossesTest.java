package org.cir4j.methods.searle;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The losses against values worked out by hand (unit vectors at known angles). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LossesTest {
    private NDManager m;

    @BeforeAll
    void open() {
        m = NDManager.newBaseManager();
    }

    @AfterAll
    void close() {
        m.close();
    }

    private NDArray a(float[][] rows) {
        return Nd.floats(m, rows);
    }

    @Test
    void contrastiveDistillationMatchesTheHandComputation() {
        // v̄ = (e1, e2), v = (e1, (e1+e2)/√2 scaled by 3: scale must not matter). Cosines:
        // c(v̄1,v1)=1, c(v̄1,v2)=s, c(v̄2,v1)=0, c(v̄2,v2)=s, c(v̄1,v̄2)=0, c(v1,v2)=s, s = 1/√2.
        double s = 1 / Math.sqrt(2);
        double t = 0.25;
        // Anchor v̄1: positive v1; others v̄2 (0), v2 (s). Anchor v̄2: positive v2 (s); others v̄1 (0), v1 (0).
        // Anchor v1: positive v̄1 (1); others v̄2 (0), v2 (s). Anchor v2: positive v̄2 (s); others v̄1 (s), v1 (s).
        double l1 = -Math.log(Math.exp(1 / t) / (Math.exp(1 / t) + Math.exp(0) + Math.exp(s / t)));
        double l2 = -Math.log(Math.exp(s / t) / (Math.exp(s / t) + Math.exp(0) + Math.exp(0)));
        double l3 = -Math.log(Math.exp(1 / t) / (Math.exp(1 / t) + Math.exp(0) + Math.exp(s / t)));
        double l4 = -Math.log(Math.exp(s / t) / (Math.exp(s / t) + Math.exp(s / t) + Math.exp(s / t)));
        double expected = (l1 + l2 + l3 + l4) / 4;
        NDArray target = a(new float[][] {{1, 0}, {0, 1}});
        NDArray predicted = a(new float[][] {{2, 0}, {3, 3}});
        assertThat(Losses.contrastiveDistillation(target, predicted, 0.25f).getFloat())
                .isCloseTo((float) expected, within(1e-5f));
    }

    @Test
    void cosinePenaltyAndL2() {
        NDArray x = a(new float[][] {{1, 0}, {0, 2}});
        NDArray y = a(new float[][] {{1, 1}, {0, -1}});
        // 1 - cos: (1 - 1/√2) and (1 - (-1)) = 2, mean.
        assertThat(Losses.distance(x, y, ContentLoss.COSINE).getFloat())
                .isCloseTo((float) ((1 - 1 / Math.sqrt(2) + 2) / 2), within(1e-6f));
        // MSE over all elements: (0 + 1 + 0 + 9) / 4.
        assertThat(Losses.distance(x, y, ContentLoss.L2).getFloat()).isCloseTo(2.5f, within(1e-6f));
        // mean ||v||²: (1 + 4) / 2.
        assertThat(Losses.penalty(x).getFloat()).isCloseTo(2.5f, within(1e-6f));
    }

    @Test
    void cycleContrastiveIsTheSymmetricInfoNce() {
        NDArray img = a(new float[][] {{1, 0}, {0, 1}});
        NDArray txt = a(new float[][] {{1, 0}, {1, 1}});
        double s = 1 / Math.sqrt(2);
        double t = 0.5;
        // logits[i][j] = cos(img_i, txt_j)/t: [[1, s], [0, s]] / t.
        double r1 = -Math.log(Math.exp(1 / t) / (Math.exp(1 / t) + Math.exp(s / t)));
        double r2 = -Math.log(Math.exp(s / t) / (Math.exp(0) + Math.exp(s / t)));
        double c1 = -Math.log(Math.exp(1 / t) / (Math.exp(1 / t) + Math.exp(0)));
        double c2 = -Math.log(Math.exp(s / t) / (Math.exp(s / t) + Math.exp(s / t)));
        double expected = ((r1 + r2) / 2 + (c1 + c2) / 2) / 2;
        assertThat(Losses.cycleContrastive(img, txt, 0.5f).getFloat()).isCloseTo((float) expected, within(1e-5f));
    }
}
