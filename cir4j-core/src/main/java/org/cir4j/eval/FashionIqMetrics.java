package org.cir4j.eval;

import java.util.ArrayList;
import java.util.List;
import org.cir4j.data.CirQuery;

/**
 * FashionIQ protocol (reference {@code validate.py}, {@code fiq_compute_val_metrics}): per category, Recall@10
 * and Recall@50 of the single target against that category's gallery, the reference image <em>not</em>
 * removed; then the mean over categories, and "Avg" = mean of the two means as in CLIP4Cir's tables.
 */
public final class FashionIqMetrics {
    public static final int[] KS = {10, 50};

    private FashionIqMetrics() {}

    /**
     * @param rankings   per query, gallery names best first (at least 50, or the whole gallery)
     * @param gallerySize size of the category's gallery
     */
    public static MetricGroup category(String category, List<CirQuery> queries, List<List<String>> rankings, int gallerySize) {
        RankingMetrics.requireSameSize(queries, rankings, "rankings");
        int[] hits = new int[KS.length];
        for (int q = 0; q < queries.size(); q++) {
            CirQuery query = queries.get(q);
            String target = query.target().orElseThrow(() -> new IllegalArgumentException(
                    "query " + query.id() + " has no target: FashionIQ recall needs the val split"));
            List<String> ranking = rankings.get(q);
            RankingMetrics.requireDistinct(query.id(), ranking);
            RankingMetrics.requireLength(query.id(), ranking, KS[KS.length - 1], gallerySize);
            for (int i = 0; i < KS.length; i++) {
                hits[i] += RankingMetrics.hitAtK(ranking, target, KS[i]);
            }
        }
        List<Metric> metrics = new ArrayList<>();
        for (int i = 0; i < KS.length; i++) {
            metrics.add(new Metric("R@" + KS[i], RankingMetrics.percent(hits[i], queries.size()), queries.size()));
        }
        return new MetricGroup(category, metrics);
    }

    /** Unweighted mean over the categories (each category counts once, whatever its size), plus "Avg". */
    public static MetricGroup average(List<MetricGroup> categories) {
        if (categories.isEmpty()) {
            throw new IllegalArgumentException("no categories to average");
        }
        List<Metric> metrics = new ArrayList<>();
        double both = 0;
        int total = categories.stream().mapToInt(g -> g.metrics().get(0).count()).sum();
        for (int i = 0; i < KS.length; i++) {
            String name = "R@" + KS[i];
            double mean = categories.stream().mapToDouble(g -> g.value(name)).average().orElseThrow();
            metrics.add(new Metric(name, mean, total));
            both += mean;
        }
        metrics.add(new Metric("Avg", both / KS.length, total));
        return new MetricGroup("average", metrics);
    }
}
