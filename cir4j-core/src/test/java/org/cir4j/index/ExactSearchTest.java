package org.cir4j.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ExactSearchTest {

    static float[][] randomUnitVectors(Random rnd, int n, int d) {
        float[][] v = new float[n][d];
        for (float[] row : v) {
            double ss = 0;
            for (int j = 0; j < d; j++) {
                row[j] = (float) rnd.nextGaussian();
                ss += row[j] * row[j];
            }
            float inv = (float) (1 / Math.sqrt(ss));
            for (int j = 0; j < d; j++) {
                row[j] *= inv;
            }
        }
        return v;
    }

    static GalleryFeatures gallery(float[][] v) {
        List<String> names = IntStream.range(0, v.length).mapToObj(i -> "img" + i).toList();
        return GalleryFeatures.of(names, v);
    }

    /** Full sort in double precision: the slow, obviously-right answer. */
    static int[] bruteForce(float[][] g, float[] q, int k, int[] excluded) {
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < g.length; i++) {
            int row = i;
            if (excluded == null || Arrays.stream(excluded).noneMatch(e -> e == row)) {
                rows.add(i);
            }
        }
        double[] s = new double[g.length];
        for (int i = 0; i < g.length; i++) {
            for (int j = 0; j < q.length; j++) {
                s[i] += (double) q[j] * g[i][j];
            }
        }
        rows.sort(Comparator.<Integer>comparingDouble(i -> -s[i]).thenComparingInt(i -> i));
        return rows.stream().limit(k).mapToInt(Integer::intValue).toArray();
    }

    @Test
    void bothBackendsMatchBruteForceWithExclusions() {
        Random rnd = new Random(7);
        float[][] g = randomUnitVectors(rnd, 3000, 64);
        float[][] q = randomUnitVectors(rnd, 37, 64);
        int[][] excl = new int[q.length][];
        for (int i = 0; i < q.length; i++) {
            // Exclude the query's own best hit for every third query, nothing for the rest.
            excl[i] = i % 3 == 0 ? new int[] {bruteForce(g, q[i], 1, null)[0], 5} : null;
        }
        for (ExactSearch.Backend backend : ExactSearch.Backend.values()) {
            try (ExactSearch search = ExactSearch.create(gallery(g), backend)) {
                SearchHits hits = search.search(q, 50, excl);
                for (int i = 0; i < q.length; i++) {
                    int[] expected = bruteForce(g, q[i], 50, excl[i]);
                    assertThat(hits.indices()[i]).as("%s query %d", backend, i).containsExactly(expected);
                    for (int r = 0; r < 50; r++) {
                        double exact = 0;
                        for (int j = 0; j < 64; j++) {
                            exact += (double) q[i][j] * g[expected[r]][j];
                        }
                        assertThat((double) hits.scores()[i][r]).isCloseTo(exact, org.assertj.core.data.Offset.offset(1e-5));
                    }
                }
            }
        }
    }

    @Test
    void tiesResolveToLowerRowAndSmallGalleriesReturnFewer() {
        // Scores 0.8, 0.96, 0.6, 0.96: rows 1 and 3 tie for best, so 1 precedes 3.
        float[][] g = {{1f, 0f}, {0.6f, 0.8f}, {0f, 1f}, {0.6f, 0.8f}};
        float[] q = {0.8f, 0.6f};
        for (ExactSearch.Backend backend : ExactSearch.Backend.values()) {
            try (ExactSearch search = ExactSearch.create(gallery(g), backend)) {
                SearchHits hits = search.search(new float[][] {q, q}, 10, new int[][] {null, {1}});
                assertThat(hits.indices()[0]).as(backend.name()).containsExactly(1, 3, 0, 2);
                assertThat(hits.scores()[0][0]).isEqualTo(hits.scores()[0][1]);
                assertThat(hits.indices()[1]).as(backend.name()).containsExactly(3, 0, 2);
            }
        }
    }

    @Test
    void rejectsWrongDimensionsAndBadExclusions() {
        try (ExactSearch search = ExactSearch.create(gallery(new float[][] {{1, 0}, {0, 1}}))) {
            assertThatThrownBy(() -> search.search(new float[][] {{1, 0, 0}}, 1))
                    .hasMessageContaining("query 0 has length 3, gallery dim is 2");
            assertThatThrownBy(() -> search.search(new float[][] {{1, 0}}, 1, new int[][] {{2}}))
                    .hasMessageContaining("excluded row 2 outside gallery of 2");
            assertThatThrownBy(() -> search.search(new float[][] {{1, 0}}, 0)).hasMessageContaining("k must be positive");
        }
    }

    /**
     * The measurement behind the default backend. Prints the timings; asserts agreement, and that BLAS is
     * not slower than the scalar loop (it is an order of magnitude faster).
     */
    @Test
    void backendsAgreeAndDjlIsFaster() {
        Random rnd = new Random(11);
        int n = 20_000, d = 512, nq = 128;
        float[][] g = randomUnitVectors(rnd, n, d);
        float[][] q = randomUnitVectors(rnd, nq, d);
        GalleryFeatures gf = gallery(g);
        long[] nanos = new long[2];
        SearchHits[] hits = new SearchHits[2];
        for (ExactSearch.Backend backend : ExactSearch.Backend.values()) {
            try (ExactSearch search = ExactSearch.create(gf, backend)) {
                search.search(Arrays.copyOf(q, 8), 50); // warm-up (JIT / native init)
                long t0 = System.nanoTime();
                hits[backend.ordinal()] = search.search(q, 50);
                nanos[backend.ordinal()] = System.nanoTime() - t0;
            }
        }
        System.out.printf("ExactSearch %d x %d gallery, %d queries, k=50: DJL_MATMUL %.1f ms, JAVA_LOOP %.1f ms (%.1fx)%n",
                n, d, nq, nanos[0] / 1e6, nanos[1] / 1e6, (double) nanos[1] / nanos[0]);
        for (int i = 0; i < nq; i++) {
            assertThat(hits[0].indices()[i]).containsExactly(hits[1].indices()[i]);
        }
        assertThat(nanos[0]).isLessThan(nanos[1]);
    }
}
