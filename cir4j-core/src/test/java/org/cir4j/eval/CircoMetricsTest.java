package org.cir4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cir4j.data.CirQuery;
import org.cir4j.data.SemanticAspect;
import org.junit.jupiter.api.Test;

class CircoMetricsTest {
    static CirQuery q(String id, String target, List<String> gt, List<SemanticAspect> aspects) {
        return new CirQuery(id, "ref" + id, List.of("c"), target, gt, List.of(), "concept", aspects);
    }

    @Test
    void averagePrecisionMatchesHandComputation() {
        // GT {a, b} (fewer than K) at ranks 1 and 3: (1/1 + 2/3) / min(2, K).
        assertThat(RankingMetrics.averagePrecisionAtK(Rankings.of(50, Map.of(1, "a", 3, "b")), List.of("a", "b"), 5))
                .isCloseTo((1 + 2.0 / 3) / 2, within(1e-12));
        // Single GT at exactly rank K counts; at rank K+1 it does not.
        assertThat(RankingMetrics.averagePrecisionAtK(Rankings.of(50, Map.of(5, "t")), List.of("t"), 5)).isCloseTo(0.2, within(1e-12));
        assertThat(RankingMetrics.averagePrecisionAtK(Rankings.of(50, Map.of(6, "t")), List.of("t"), 5)).isEqualTo(0.0);
        // More GTs than K: the denominator is K.
        assertThat(RankingMetrics.averagePrecisionAtK(Rankings.of(50, Map.of(1, "a", 2, "b")), List.of("a", "b", "c", "d", "e", "f", "g"), 5))
                .isCloseTo(2.0 / 5, within(1e-12));
    }

    @Test
    void mapRecallAndPerAspectOverFiveQueries() {
        Map<Integer, String> many = new HashMap<>();
        for (int r = 1; r <= 10; r++) {
            many.put(r, "g" + r);
        }
        many.put(20, "g11");
        many.put(30, "g12");
        List<String> manyGt = List.of("g1", "g2", "g3", "g4", "g5", "g6", "g7", "g8", "g9", "g10", "g11", "g12");
        List<CirQuery> queries = List.of(
                q("1", "b", List.of("b", "a"), List.of(SemanticAspect.CARDINALITY)),
                q("2", "t", List.of("t"), List.of(SemanticAspect.CARDINALITY, SemanticAspect.NEGATION)),
                q("3", "t", List.of("t", "u"), List.of(SemanticAspect.ADDITION)),
                q("4", "g1", manyGt, List.of()),
                q("5", "t", List.of("t", "h"), List.of(SemanticAspect.NEGATION)));
        List<List<String>> rankings = List.of(
                Rankings.of(50, Map.of(1, "a", 3, "b")),
                Rankings.of(50, Map.of(5, "t")),                      // target at exactly rank 5
                Rankings.of(50, Map.of(1, "ref3", 2, "t", 3, "u")),   // reference ranked first is NOT removed
                Rankings.of(50, many),                                // 12 GTs, more than K for K = 5, 10
                Rankings.of(50, Map.of(1, "h", 30, "t")));            // a non-target GT first: recall counts only the target
        List<MetricGroup> groups = CircoMetrics.score(queries, rankings, 10_000);
        double ap1 = (1 + 2.0 / 3) / 2, ap2 = 0.2, ap3 = (0.5 + 2.0 / 3) / 2, ap5small = 0.5, ap5at50 = (1 + 2.0 / 30) / 2;
        double ap4at25 = (10 + 11.0 / 20) / 12, ap4at50 = (10 + 11.0 / 20 + 12.0 / 30) / 12;
        MetricGroup map = groups.get(0);
        assertThat(map.value("mAP@5")).isCloseTo(100 * (ap1 + ap2 + ap3 + 1 + ap5small) / 5, within(1e-9));
        assertThat(map.value("mAP@10")).isCloseTo(100 * (ap1 + ap2 + ap3 + 1 + ap5small) / 5, within(1e-9));
        assertThat(map.value("mAP@25")).isCloseTo(100 * (ap1 + ap2 + ap3 + ap4at25 + ap5small) / 5, within(1e-9));
        assertThat(map.value("mAP@50")).isCloseTo(100 * (ap1 + ap2 + ap3 + ap4at50 + ap5at50) / 5, within(1e-9));
        assertThat(map.value("mAP@50")).isCloseTo(61.25, within(1e-9));
        MetricGroup recall = groups.get(1);
        assertThat(recall.value("R@5")).isCloseTo(80.0, within(1e-9));
        assertThat(recall.value("R@25")).isCloseTo(80.0, within(1e-9));
        assertThat(recall.value("R@50")).isCloseTo(100.0, within(1e-9));
        MetricGroup aspects = groups.get(2);
        assertThat(aspects.name()).isEqualTo("per-aspect mAP@10");
        assertThat(aspects.metrics()).hasSize(9);
        assertThat(aspects.value("cardinality")).isCloseTo(100 * (ap1 + ap2) / 2, within(1e-9));
        assertThat(aspects.value("negation")).isCloseTo(100 * (ap2 + ap5small) / 2, within(1e-9));
        assertThat(aspects.value("addition")).isCloseTo(100 * ap3, within(1e-9));
        assertThat(aspects.metrics().get(2).count()).isEqualTo(2);
        assertThat(aspects.value("viewpoint")).isNaN();
        assertThat(aspects.metrics().get(8).count()).isZero();
    }
}
