package org.cir4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.cir4j.model.ClipReferenceCases.maxAbsDiff;

/** Text tower semantics: causal invariance, cutting to the longest row, pooling rules, pseudo tokens, input checks. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClipTextEncodingTest {

    private static final int EOS = 999;
    /**
     * Same computation, different batch geometry (e.g. 11 vs 16 positions): float32 sums are blocked
     * differently, which moves results by a few ulps of values around 1. A semantic difference (a
     * token leaking through the mask) moves them by 1e-2 or more.
     */
    private static final double REORDER_TOL = 5e-6;

    private NDManager manager;
    private ClipReferenceCases cases;
    private ClipModel firstEos;
    private ClipModel argmax;
    private long[][] ids;

    @BeforeAll
    void load() throws IOException {
        manager = NDManager.newBaseManager();
        cases = new ClipReferenceCases(manager);
        firstEos = ClipCheckpoints.load(ClipReferenceCases.VIT_DIR, manager);
        argmax = ClipCheckpoints.load(ClipReferenceCases.VIT_OPEN_CLIP, manager);
        long[] flat = cases.ids("vit.input_ids").toLongArray();
        ids = new long[5][16];
        for (int r = 0; r < 5; r++) {
            System.arraycopy(flat, r * 16, ids[r], 0, 16);
        }
    }

    @AfterAll
    void close() {
        manager.close();
    }

    private NDArray idsArray(long[][] rows) {
        long[] flat = new long[rows.length * rows[0].length];
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(rows[r], 0, flat, r * rows[0].length, rows[0].length);
        }
        return manager.create(flat, new Shape(rows.length, rows[0].length));
    }

    private int end(long[] row) {
        for (int c = 0; c < row.length; c++) {
            if (row[c] == EOS) {
                return c;
            }
        }
        throw new AssertionError("fixture row without end token");
    }

    @Test
    void fixtureRowsEndAtDifferentPositionsAndRowFourFillsTheContext() {
        int[] ends = firstEos.endPositions(idsArray(ids));
        assertThat(ends).containsExactly(4, 7, 10, 15, 15);
        assertThat(argmax.endPositions(idsArray(ids))).containsExactly(ends);
    }

    @Test
    void tokensAfterTheEndTokenDoNotChangeFeatures() {
        Random rnd = new Random(7);
        long[][] noisy = new long[5][];
        for (int r = 0; r < 5; r++) {
            noisy[r] = ids[r].clone();
            for (int c = end(ids[r]) + 1; c < 16; c++) {
                noisy[r][c] = 1 + rnd.nextInt(EOS - 1); // any id but the end token
            }
        }
        assertThat(noisy[0]).isNotEqualTo(ids[0]);
        for (ClipModel m : new ClipModel[] {firstEos, argmax}) {
            NDArray clean = m.encodeText(idsArray(ids));
            NDArray changed = m.encodeText(idsArray(noisy));
            assertThat(maxAbsDiff(changed, clean)).isLessThanOrEqualTo(1e-6);
        }
    }

    @Test
    void batchCutToItsLongestRowEqualsFullContextBatch() {
        // Rows 0-2 alone are cut to their longest end + 1 (11 of 16 positions); with rows 3-4, which
        // fill the context, the batch runs over all 16. OpenAI's reference always runs all 16.
        long[][] shortRows = {ids[0], ids[1], ids[2]};
        int longest = 0;
        for (long[] row : shortRows) {
            longest = Math.max(longest, end(row) + 1);
        }
        assertThat(longest).isEqualTo(11);
        assertThat(end(ids[3])).isEqualTo(15);
        NDArray cut = firstEos.encodeText(idsArray(shortRows));
        NDArray full = firstEos.encodeText(idsArray(ids)).get("0:3");
        assertThat(maxAbsDiff(cut, full)).isLessThanOrEqualTo(REORDER_TOL);
        assertThat(maxAbsDiff(cut, cases.get("vit.text_embeds").get("0:3"))).isLessThan(2e-5);
        // Ids already trimmed to the used length give the same as padded ids.
        long[][] trimmed = new long[3][];
        for (int r = 0; r < 3; r++) {
            trimmed[r] = java.util.Arrays.copyOf(ids[r], longest);
        }
        assertThat(maxAbsDiff(firstEos.encodeText(idsArray(trimmed)), cut)).isLessThanOrEqualTo(REORDER_TOL);
    }

    @Test
    void encodingFromTokenEmbeddingsEqualsEncodingIds() {
        NDArray idArray = idsArray(ids);
        NDArray fromEmbeds = firstEos.encodeTextFromEmbeddings(firstEos.embedTokens(idArray),
                firstEos.endPositions(idArray));
        assertThat(maxAbsDiff(fromEmbeds, firstEos.encodeText(idArray))).isLessThanOrEqualTo(1e-6);
    }

    @Test
    void tokenBatchIdsAreTrimmedToTheLongestRow() {
        int[][] rows = new int[3][16];
        int[] lengths = new int[3];
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 16; c++) {
                rows[r][c] = (int) ids[r][c];
            }
            lengths[r] = end(ids[r]) + 1;
        }
        NDArray tokenIds = ClipModel.tokenIds(new org.cir4j.text.TokenBatch(rows, lengths, 16), manager);
        assertThat(tokenIds.getShape()).isEqualTo(new Shape(3, 11));
        assertThat(maxAbsDiff(firstEos.encodeText(tokenIds), firstEos.encodeText(idsArray(new long[][] {ids[0], ids[1],
                ids[2]})))).isLessThanOrEqualTo(REORDER_TOL);
    }

    @Test
    void int32IdsWorkLikeInt64() {
        NDArray ids64 = idsArray(ids);
        assertThat(maxAbsDiff(firstEos.encodeText(ids64.toType(DataType.INT32, false)), firstEos.encodeText(ids64)))
                .isZero();
    }

    @Test
    void severalPlaceholdersPerRowAreFilledInRowMajorOrder() {
        // Row 0 gets two placeholders, row 1 one, row 2 none.
        long[][] rows = {ids[0].clone(), ids[1].clone(), ids[2].clone()};
        rows[0][1] = ClipReferenceCases.PLACEHOLDER;
        rows[0][2] = ClipReferenceCases.PLACEHOLDER;
        rows[1][1] = ClipReferenceCases.PLACEHOLDER;
        int w = firstEos.config().text().width();
        Random rnd = new Random(3);
        float[] v = new float[3 * w];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) rnd.nextGaussian() * 0.05f;
        }
        NDArray vectors = manager.create(v, new Shape(3, w));
        NDArray idArray = idsArray(rows);
        NDArray actual = firstEos.encodeTextWithPseudoTokens(idArray, vectors, ClipReferenceCases.PLACEHOLDER);

        // Expected: replace the embeddings by hand, row-major: (0,1) <- v0, (0,2) <- v1, (1,1) <- v2.
        float[] emb = firstEos.embedTokens(idArray).toFloatArray();
        int[][] slots = {{0, 1}, {0, 2}, {1, 1}};
        for (int k = 0; k < 3; k++) {
            System.arraycopy(v, k * w, emb, (slots[k][0] * 16 + slots[k][1]) * w, w);
        }
        NDArray expected = firstEos.encodeTextFromEmbeddings(manager.create(emb, new Shape(3, 16, w)),
                firstEos.endPositions(idArray));
        assertThat(maxAbsDiff(actual, expected)).isLessThanOrEqualTo(1e-6);
        // Row 2 has no placeholder: identical to plain encoding.
        assertThat(maxAbsDiff(actual.get("2:3"), firstEos.encodeText(idArray).get("2:3"))).isLessThanOrEqualTo(1e-6);
    }

    @Test
    void pseudoTokenVectorCountMustMatchPlaceholders() {
        NDArray vectors = manager.zeros(new Shape(2, 64));
        assertThatThrownBy(() -> firstEos.encodeTextWithPseudoTokens(cases.ids("vit.pseudo.input_ids"), vectors,
                ClipReferenceCases.PLACEHOLDER))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected (3, 64)")
                .hasMessageContaining("3 occurrences of placeholder id 259")
                .hasMessageContaining("found (2, 64)");
    }

    @Test
    void badIdsAreRejectedWithSpecificMessages() {
        assertThatThrownBy(() -> firstEos.encodeText(cases.get("vit.input_ids")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected int32 or int64, found float32");
        assertThatThrownBy(() -> firstEos.encodeText(manager.zeros(new Shape(2, 17), DataType.INT64)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected (B, L<=16), found (2, 17)");
        long[][] outOfVocab = {ids[0].clone()};
        outOfVocab[0][3] = 1000;
        assertThatThrownBy(() -> firstEos.encodeText(idsArray(outOfVocab)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("row 0, position 3 holds id 1000, outside the vocabulary [0, 1000)");
        long[][] noEnd = {ids[0].clone()};
        noEnd[0][end(ids[0])] = 5;
        assertThatThrownBy(() -> firstEos.encodeText(idsArray(noEnd)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row 0 has no end token (id 999)");
    }

    @Test
    void forwardPassesLeaveOnlyTheirResultsBehind() {
        try (NDManager caller = NDManager.newBaseManager()) {
            NDArray idArray = caller.create(cases.ids("vit.pseudo.input_ids").toLongArray(), new Shape(5, 16));
            NDArray pixels = caller.create(cases.get("vit.pixel_values").toFloatArray(), new Shape(3, 3, 32, 32));
            NDArray vectors = caller.create(cases.get("vit.pseudo.vectors").toFloatArray(), new Shape(3, 64));
            int modelArrays = firstEos.manager().getManagedArrays().size();
            int callerArrays = caller.getManagedArrays().size();
            for (int i = 0; i < 3; i++) {
                firstEos.encodeText(idArray);
                firstEos.encodeImage(pixels);
                firstEos.encodeTextWithPseudoTokens(idArray, vectors, ClipReferenceCases.PLACEHOLDER);
                firstEos.spatialFeatures(pixels, true);
            }
            assertThat(firstEos.manager().getManagedArrays()).hasSize(modelArrays);
            assertThat(caller.getManagedArrays()).hasSize(callerArrays + 12);
        }
    }

    @Test
    void badPixelsAreRejected() {
        assertThatThrownBy(() -> firstEos.encodeImage(manager.zeros(new Shape(1, 3, 64, 64))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected (B, 3, 32, 32), found (1, 3, 64, 64)");
    }
}
