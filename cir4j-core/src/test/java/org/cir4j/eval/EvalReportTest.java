package org.cir4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.cir4j.data.DatasetKind;
import org.junit.jupiter.api.Test;

class EvalReportTest {
    static EvalReport circo(String method, double map10, double negation) {
        return new EvalReport(method, "circo/val", DatasetKind.CIRCO, 4, 100,
                List.of(new MetricGroup("mAP", List.of(new Metric("mAP@5", 10, 4), new Metric("mAP@10", map10, 4))),
                        new MetricGroup("per-aspect mAP@10", List.of(new Metric("negation", negation, 1), new Metric("viewpoint", Double.NaN, 0)))),
                List.of("1 missing image(s) skipped"), null, null, 12, 3);
    }

    @Test
    void markdownShowsCountsWhereTheyDifferAndDashesForEmptyMetrics() {
        String md = circo("sum", 12.3456, 50).toMarkdown();
        assertThat(md).startsWith("## sum on circo/val\n")
                .contains("| mAP | mAP@5 | mAP@10 |\n|---|---:|---:|\n| sum | 10.00 | 12.35 |\n")
                .contains("| per-aspect mAP@10 | negation | viewpoint |\n|---|---:|---:|\n| sum | 50.00 | – |\n| queries | 1 | 0 |\n")
                .contains("* 1 missing image(s) skipped");
        assertThat(md).doesNotContain("| queries | 4 | 4 |");
    }

    @Test
    void jsonWritesNanAsNullAndIsVersioned() throws Exception {
        JsonNode json = new ObjectMapper().readTree(circo("sum", 12.3456, 50).toJson());
        assertThat(json.get("format").asText()).isEqualTo("cir4j-eval-report");
        assertThat(json.get("version").asInt()).isEqualTo(EvalReport.FORMAT_VERSION);
        assertThat(json.at("/metrics/mAP/mAP@10/value").asDouble()).isEqualTo(12.3456);
        assertThat(json.at("/metrics/per-aspect mAP@10/viewpoint/value").isNull()).isTrue();
        assertThat(json.at("/metrics/per-aspect mAP@10/viewpoint/count").asInt()).isZero();
        assertThat(json.get("notes").get(0).asText()).isEqualTo("1 missing image(s) skipped");
    }

    @Test
    void comparisonTableHasOneRowPerMethod() {
        String table = EvalReport.comparisonTable(List.of(circo("image-only", 2, 1), circo("searle", 11.5, 7.25)));
        assertThat(table).isEqualTo("""
                | method | mAP@5 | mAP@10 | per-aspect mAP@10 negation | per-aspect mAP@10 viewpoint |
                |---|---:|---:|---:|---:|
                | image-only | 10.00 | 2.00 | 1.00 | – |
                | searle | 10.00 | 11.50 | 7.25 | – |
                """);
        EvalReport other = new EvalReport("x", "cirr/val", DatasetKind.CIRR, 1, 1, List.of(), List.of(), null, null, 0, 0);
        assertThatThrownBy(() -> EvalReport.comparisonTable(List.of(circo("a", 1, 1), other))).hasMessageContaining("mix datasets");
    }
}
