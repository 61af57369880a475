package org.cir4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.cir4j.data.CirQuery;
import org.junit.jupiter.api.Test;

class FashionIqMetricsTest {
    static CirQuery q(String id, String ref, String target) {
        return new CirQuery(id, ref, List.of("a", "b"), target, List.of(target), List.of(), null, List.of());
    }

    @Test
    void recallAtTenAndFiftyWithReferenceKeptInTheRanking() {
        List<CirQuery> queries = List.of(q("0", "r0", "t0"), q("1", "r1", "t1"), q("2", "r2", "t2"), q("3", "r3", "t3"), q("4", "r4", "t4"));
        List<List<String>> rankings = List.of(
                Rankings.of(50, Map.of(1, "t0")),                 // rank 1: hit @10 and @50
                Rankings.of(50, Map.of(10, "t1")),                // exactly rank 10: hit @10
                Rankings.of(50, Map.of(1, "r2", 11, "t2")),       // reference first is NOT removed: rank 11, miss @10
                Rankings.of(50, Map.of(50, "t3")),                // exactly rank 50: hit @50 only
                Rankings.of(50, Map.of()));                       // not retrieved
        MetricGroup g = FashionIqMetrics.category("dress", queries, rankings, 200);
        assertThat(g.name()).isEqualTo("dress");
        assertThat(g.value("R@10")).isCloseTo(40.0, within(1e-9));
        assertThat(g.value("R@50")).isCloseTo(80.0, within(1e-9));
        assertThat(g.metrics().get(0).count()).isEqualTo(5);
    }

    @Test
    void averageIsUnweightedOverCategoriesPlusAvg() {
        MetricGroup dress = new MetricGroup("dress", List.of(new Metric("R@10", 40, 5), new Metric("R@50", 80, 5)));
        MetricGroup shirt = new MetricGroup("shirt", List.of(new Metric("R@10", 100, 1), new Metric("R@50", 100, 1)));
        MetricGroup toptee = new MetricGroup("toptee", List.of(new Metric("R@10", 0, 2), new Metric("R@50", 50, 2)));
        MetricGroup avg = FashionIqMetrics.average(List.of(dress, shirt, toptee));
        assertThat(avg.value("R@10")).isCloseTo(140.0 / 3, within(1e-9));
        assertThat(avg.value("R@50")).isCloseTo(230.0 / 3, within(1e-9));
        assertThat(avg.value("Avg")).isCloseTo((140.0 / 3 + 230.0 / 3) / 2, within(1e-9));
        assertThat(avg.metrics().get(0).count()).isEqualTo(8);
    }

    @Test
    void shortRankingsDuplicatesAndMissingTargetsAreRejected() {
        List<CirQuery> one = List.of(q("7", "r", "t"));
        assertThatThrownBy(() -> FashionIqMetrics.category("dress", one, List.of(Rankings.of(20, Map.of())), 200))
                .hasMessageContaining("ranking of query 7 has 20 entries; @50 needs 50");
        // A gallery of 20 images: 20 entries are the whole ranking.
        assertThat(FashionIqMetrics.category("dress", one, List.of(Rankings.of(20, Map.of(20, "t"))), 20).value("R@50")).isEqualTo(100.0);
        assertThatThrownBy(() -> FashionIqMetrics.category("dress", one, List.of(Rankings.of(50, Map.of(1, "t", 2, "t"))), 200))
                .hasMessageContaining("lists 't' twice");
        List<CirQuery> test = List.of(new CirQuery("dress:0", "r", List.of("a", "b"), null, List.of(), List.of(), null, List.of()));
        assertThatThrownBy(() -> FashionIqMetrics.category("dress", test, List.of(Rankings.of(50, Map.of())), 200))
                .hasMessageContaining("query dress:0 has no target");
    }
}
