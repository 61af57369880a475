package org.cir4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.cir4j.model.ClipReferenceCases.maxAbsDiff;

/** Batched inference helpers and runtime settings. */
class ClipBatchEncoderTest {

    private NDManager manager;
    private ClipReferenceCases cases;
    private ClipModel model;

    @BeforeEach
    void setUp() throws IOException {
        manager = NDManager.newBaseManager();
        cases = new ClipReferenceCases(manager);
        model = ClipCheckpoints.load(ClipReferenceCases.VIT_DIR, manager);
    }

    @AfterEach
    void tearDown() {
        manager.close();
    }

    private int[][] fixtureRows() {
        long[] flat = cases.ids("vit.input_ids").toLongArray();
        int[][] rows = new int[5][];
        for (int r = 0; r < 5; r++) {
            int end = 0;
            while (flat[r * 16 + end] != 999) {
                end++;
            }
            // Ragged rows, trimmed right after their end token.
            rows[r] = new int[end + 1];
            for (int c = 0; c <= end; c++) {
                rows[r][c] = (int) flat[r * 16 + c];
            }
        }
        // Longest first, to exercise the reordering.
        return new int[][] {rows[4], rows[0], rows[3], rows[1], rows[2]};
    }

    @Test
    void textsInBatchesMatchTheReferenceInInputOrder() {
        int[][] rows = fixtureRows();
        int[] fixtureIndex = {4, 0, 3, 1, 2};
        ClipBatchEncoder encoder = new ClipBatchEncoder(model, 2);
        float[][] raw = encoder.encodeTexts(rows, false);
        float[] expected = cases.get("vit.text_embeds").toFloatArray();
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 48; j++) {
                assertThat((double) raw[i][j]).isCloseTo(expected[fixtureIndex[i] * 48 + j], within(2e-5));
            }
        }
        float[][] normalised = encoder.encodeTexts(rows, true);
        for (float[] row : normalised) {
            double n = 0;
            for (float x : row) {
                n += x * x;
            }
            assertThat(n).isCloseTo(1.0, within(1e-5));
        }
        NDArray asArray = encoder.encodeTexts(rows, false, manager);
        assertThat(asArray.getShape()).isEqualTo(new Shape(5, 48));
        assertThat(asArray.toFloatArray()).containsExactly(flatten(raw));
    }

    @Test
    void imagesInBatchesMatchTheReference() throws IOException {
        NDArray pixels = cases.get("vit.pixel_values");
        ClipBatchEncoder encoder = new ClipBatchEncoder(model, 2);
        ClipBatchEncoder.PixelSource source = (m, from, to) -> pixels.get("{}:{}", from, to);
        float[][] feats = encoder.encodeImages(3, source, false);
        assertThat(maxAbsDiff(manager.create(flatten(feats), new Shape(3, 48)), cases.get("vit.image_embeds")))
                .isLessThan(2e-5);
        NDArray asArray = encoder.encodeImages(3, source, false, manager);
        assertThat(asArray.toFloatArray()).containsExactly(flatten(feats));
    }

    @Test
    void intraOpThreadsAreSettable() {
        int before = TorchRuntime.intraOpThreads();
        try {
            TorchRuntime.setIntraOpThreads(1);
            assertThat(TorchRuntime.intraOpThreads()).isEqualTo(1);
        } finally {
            TorchRuntime.setIntraOpThreads(before);
        }
    }

    @Test
    void withoutGradientsRestoresGradMode() {
        boolean before = JniUtils.isGradMode();
        JniUtils.setGradMode(true);
        try {
            boolean inside = TorchRuntime.withoutGradients(JniUtils::isGradMode);
            assertThat(inside).isFalse();
            assertThat(JniUtils.isGradMode()).isTrue();
        } finally {
            JniUtils.setGradMode(before);
        }
    }

    private static float[] flatten(float[][] rows) {
        float[] out = new float[rows.length * rows[0].length];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, out, i * rows[0].length, rows[i].length);
        }
        return out;
    }

    /** Batches above {@link ClipModel#INFERENCE_CHUNK} run in chunks: same rows as one image at a time, in order. */
    @Test
    void largeInferenceBatchesAreChunkedWithoutChangingTheResult() {
        NDArray one = cases.get("vit.pixel_values");
        long n = ClipModel.INFERENCE_CHUNK + 5;
        NDArray pixels = one.get("0:1").repeat(0, n).add(manager.randomNormal(new Shape(n, 3, one.getShape().get(2), one.getShape().get(3))).mul(0.1f));
        float[] whole = model.encodeImage(pixels).toFloatArray();
        int d = (int) (whole.length / n);
        for (int i = 0; i < n; i++) {
            float[] single = model.encodeImage(pixels.get(i + ":" + (i + 1))).toFloatArray();
            for (int j = 0; j < d; j++) {
                assertThat((double) whole[i * d + j]).as("image %d dim %d", i, j).isCloseTo(single[j], within(2e-5));
            }
        }
    }
}
