package org.cir4j.methods.searle;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** k-means finds well separated groups; hard-negative batches take α·B images from one cluster. */
class HardNegativeBatchesTest {

    @Test
    void kMeansSeparatesThreeBlobsAndBatchesMixOneClusterWithRandomImages() {
        SplittableRandom r = new SplittableRandom(1);
        float[][] x = new float[60][3];
        for (int i = 0; i < 60; i++) {
            x[i][i % 3] = 10;
            for (int j = 0; j < 3; j++) {
                x[i][j] += (float) (r.nextDouble() - 0.5);
            }
        }
        int[] c = KMeans.cluster(x, 3, 50, 7);
        for (int i = 3; i < 60; i++) {
            assertThat(c[i]).as("image %d", i).isEqualTo(c[i % 3]);
        }
        assertThat(Set.of(c[0], c[1], c[2])).hasSize(3);

        HardNegativeBatches hn = new HardNegativeBatches(c, 8, 0.5f);
        List<int[]> epoch = hn.epoch(60, new SplittableRandom(3));
        assertThat(epoch).hasSize(7);
        for (int[] b : epoch) {
            assertThat(b).hasSize(8);
            Set<Integer> distinct = new HashSet<>();
            Map<Integer, Integer> perCluster = new HashMap<>();
            for (int i : b) {
                distinct.add(i);
                perCluster.merge(c[i], 1, Integer::sum);
            }
            assertThat(distinct).hasSize(8);
            assertThat(perCluster.values().stream().mapToInt(Integer::intValue).max().orElse(0)).isGreaterThanOrEqualTo(4);
        }

        List<int[]> random = new HardNegativeBatches(null, 8, 0f).epoch(16, new SplittableRandom(3));
        Set<Integer> seen = new HashSet<>();
        random.forEach(b -> {
            for (int i : b) {
                seen.add(i);
            }
        });
        assertThat(random).hasSize(2);
        assertThat(seen).hasSize(16);
    }
}
