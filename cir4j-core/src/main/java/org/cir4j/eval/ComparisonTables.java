package org.cir4j.eval;

import java.util.List;
import java.util.Set;
import org.cir4j.data.DatasetKind;

/**
 * The tables of one task with a row per method, shaped like the papers': CIRR (R@K, R_subset@K, their average) and
 * FashionIQ (R@10/R@50 per category and the mean) as one table each; CIRCO as two (mAP@K and R@K; per-aspect
 * mAP@10 with the number of queries carrying each aspect, as iSEARLE's Table V).
 */
public final class ComparisonTables {
    private ComparisonTables() {}

    public static String markdown(DatasetKind kind, List<EvalReport> reports) {
        if (kind != DatasetKind.CIRCO) {
            return EvalReport.comparisonTable(reports);
        }
        String main = EvalReport.comparisonTable(reports.stream().map(r -> only(r, Set.of("mAP", "recall"))).toList());
        String aspectGroup = "per-aspect mAP@" + CircoMetrics.ASPECT_K;
        if (!reports.stream().allMatch(r -> r.groups().stream().anyMatch(g -> g.name().equals(aspectGroup)))) {
            return main;
        }
        StringBuilder sb = new StringBuilder(main).append('\n');
        MetricGroup first = reports.get(0).group(aspectGroup);
        sb.append("| ").append(aspectGroup);
        first.metrics().forEach(m -> sb.append(" | ").append(m.name().replace("|", "\\|")));
        sb.append(" |\n|---");
        first.metrics().forEach(m -> sb.append("|---:"));
        sb.append("|\n");
        for (EvalReport r : reports) {
            sb.append("| ").append(r.method().replace("|", "\\|"));
            r.group(aspectGroup).metrics().forEach(m -> sb.append(" | ").append(EvalReport.format(m.value())));
            sb.append(" |\n");
        }
        sb.append("| queries");
        first.metrics().forEach(m -> sb.append(" | ").append(m.count()));
        return sb.append(" |\n").toString();
    }

    private static EvalReport only(EvalReport r, Set<String> groups) {
        return new EvalReport(r.method(), r.dataset(), r.kind(), r.queryCount(), r.gallerySize(),
                r.groups().stream().filter(g -> groups.contains(g.name())).toList(), r.notes(), r.similarity(), r.histogramPng(),
                r.composeMillis(), r.searchMillis());
    }
}
