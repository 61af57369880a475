package org.cir4j.train.clip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BatchSamplerTest {

    /** 200 pairs in 10 groups of 20: pair i is in group i % 10. */
    private static int[] groups() {
        int[] g = new int[200];
        for (int i = 0; i < g.length; i++) {
            g[i] = i % 10;
        }
        return g;
    }

    @Test
    void withoutHardNegativesItIsTheUniformSampler() {
        BatchSampler plain = new BatchSampler(200, 32, 7);
        BatchSampler zero = new BatchSampler(200, 32, 7, groups(), 0);
        for (long step = 0; step < 20; step++) {
            assertThat(zero.indices(step)).containsExactly(plain.indices(step));
        }
    }

    @Test
    void hardSlotsComeFromOneGroupAndNoPairRepeats() {
        int[] groups = groups();
        // 20 uniform slots per step: epochs end on batch boundaries (a straddling batch may repeat a pair).
        BatchSampler s = new BatchSampler(200, 36, 7, groups, 16);
        BatchSampler plain = new BatchSampler(200, 36, 7);
        Set<Integer> groupsSeen = new HashSet<>();
        for (long step = 0; step < 50; step++) {
            int[] idx = s.indices(step);
            assertThat(idx).hasSize(36).doesNotHaveDuplicates();
            // The 16 hard slots fill from one group unless it runs out (20 members minus those already drawn
            // uniformly); then they continue in a second group.
            int[] hard = Arrays.copyOfRange(idx, 20, 36);
            long distinctGroups = Arrays.stream(hard).map(i -> groups[i]).distinct().count();
            assertThat(distinctGroups).isLessThanOrEqualTo(2);
            int first = groups[hard[0]];
            long inFirst = Arrays.stream(hard).filter(i -> groups[i] == first).count();
            long uniformInFirst = Arrays.stream(idx, 0, 20).filter(i -> groups[i] == first).count();
            assertThat(inFirst + uniformInFirst == 20 || inFirst == 16).isTrue();
            groupsSeen.add(first);
            // Deterministic in (seed, step).
            assertThat(new BatchSampler(200, 36, 7, groups, 16).indices(step)).containsExactly(idx);
        }
        assertThat(groupsSeen).hasSizeGreaterThan(5);
        // The uniform part walks the epoch permutation at batch - hard pairs per step.
        assertThat(s.indices(0)).isNotEqualTo(plain.indices(0));
    }

    @Test
    void badArgumentsAreRejected() {
        assertThatThrownBy(() -> new BatchSampler(200, 32, 7, null, 8))
                .hasMessageContaining("need a group for each of the 200 pairs");
        assertThatThrownBy(() -> new BatchSampler(200, 32, 7, groups(), 32)).hasMessageContaining("[0, batch 32)");
    }
}
