package org.cir4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.cir4j.data.CirQuery;
import org.junit.jupiter.api.Test;

class CirrMetricsTest {
    static CirQuery q(String id) {
        return new CirQuery(id, "ref" + id, List.of("c"), "t" + id, List.of("t" + id),
                List.of("ref" + id, "t" + id, "m2" + id, "m3" + id, "m4" + id, "m5" + id), null, List.of());
    }

    @Test
    void recallRemovesTheReferenceAndSubsetRecallUsesTheOtherMembers() {
        List<CirQuery> queries = List.of(q("A"), q("B"), q("C"), q("D"));
        List<List<String>> rankings = List.of(
                Rankings.of(51, Map.of(1, "refA", 2, "tA")),   // reference ranked first is removed: target becomes rank 1
                Rankings.of(50, Map.of(5, "tB")),              // exactly rank 5
                Rankings.of(50, Map.of(50, "tC")),             // exactly rank 50
                Rankings.of(50, Map.of()));                    // not retrieved
        List<List<String>> subsets = List.of(
                List.of("refA", "tA", "m2A", "m3A", "m4A", "m5A"),   // reference removed: target first
                List.of("m2B", "tB", "m3B", "m4B", "m5B"),
                List.of("m2C", "m3C", "tC", "m4C", "m5C"),
                List.of("m2D", "m3D", "m4D", "tD", "m5D"));
        List<MetricGroup> groups = CirrMetrics.score(queries, rankings, subsets, 1000);
        MetricGroup recall = groups.get(0);
        assertThat(recall.value("R@1")).isCloseTo(25.0, within(1e-9));
        assertThat(recall.value("R@5")).isCloseTo(50.0, within(1e-9));
        assertThat(recall.value("R@10")).isCloseTo(50.0, within(1e-9));
        assertThat(recall.value("R@50")).isCloseTo(75.0, within(1e-9));
        MetricGroup subset = groups.get(1);
        assertThat(subset.value("R_s@1")).isCloseTo(25.0, within(1e-9));
        assertThat(subset.value("R_s@2")).isCloseTo(50.0, within(1e-9));
        assertThat(subset.value("R_s@3")).isCloseTo(75.0, within(1e-9));
        assertThat(groups.get(2).value("Avg")).isCloseTo((50.0 + 25.0) / 2, within(1e-9));
    }

    @Test
    void referenceAtRankFiftyOneStillLeavesFiftyCandidates() {
        // Full ranking with the reference inside the top 50: after removal the target at rank 51 becomes rank 50.
        List<List<String>> rankings = List.of(Rankings.of(51, Map.of(3, "refA", 51, "tA")));
        List<List<String>> subsets = List.of(List.of("tA", "m2A", "m3A", "m4A", "m5A"));
        MetricGroup recall = CirrMetrics.score(List.of(q("A")), rankings, subsets, 1000).get(0);
        assertThat(recall.value("R@50")).isEqualTo(100.0);
        assertThat(recall.value("R@10")).isEqualTo(0.0);
    }

    @Test
    void inconsistentSubsetsAreRejected() {
        List<List<String>> rankings = List.of(Rankings.of(50, Map.of(1, "tA")));
        assertThatThrownBy(() -> CirrMetrics.score(List.of(q("A")), rankings, List.of(List.of("tA", "m2A", "m3A")), 1000))
                .hasMessageContaining("query A: subset ranking [tA, m2A, m3A] is not a permutation");
        CirQuery outside = new CirQuery("X", "r", List.of("c"), "t", List.of("t"), List.of("r", "a", "b"), null, List.of());
        assertThatThrownBy(() -> CirrMetrics.score(List.of(outside), rankings, List.of(List.of("a", "b")), 1000))
                .hasMessageContaining("query X: target t is not in its img_set [r, a, b]");
        assertThatThrownBy(() -> CirrMetrics.score(List.of(q("A")), List.of(Rankings.of(49, Map.of())), List.of(List.of()), 1000))
                .hasMessageContaining("@50 needs 50");
    }
}
