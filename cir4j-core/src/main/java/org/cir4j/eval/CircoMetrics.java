package org.cir4j.eval;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.cir4j.data.CirQuery;
import org.cir4j.data.SemanticAspect;

/**
 * CIRCO protocol (reference {@code CIRCO/src/evaluation.py}): mAP@5/10/25/50 over all ground truths with
 * AP@K = Σ_{i≤K} P@i·rel_i / min(#GT, K); Recall@5/10/25/50 counting only {@code target_img_id}; mAP@10 per
 * semantic aspect (iSEARLE Table V). The reference image is <em>not</em> removed from the ranking.
 */
public final class CircoMetrics {
    public static final int[] KS = {5, 10, 25, 50};
    /** Cutoff of the per-aspect table. */
    public static final int ASPECT_K = 10;

    private CircoMetrics() {}

    /**
     * @return groups {@code mAP}, {@code recall} and {@code per-aspect mAP@10} (one metric per aspect in
     *         {@link SemanticAspect} order, named by its display name; {@code NaN} with count 0 when no query
     *         carries the aspect)
     */
    public static List<MetricGroup> score(List<CirQuery> queries, List<List<String>> rankings, int gallerySize) {
        RankingMetrics.requireSameSize(queries, rankings, "rankings");
        double[] apSums = new double[KS.length];
        int[] hits = new int[KS.length];
        Map<SemanticAspect, double[]> aspectSums = new EnumMap<>(SemanticAspect.class);
        for (int q = 0; q < queries.size(); q++) {
            CirQuery query = queries.get(q);
            String target = query.target().orElseThrow(() -> new IllegalArgumentException(
                    "query " + query.id() + " has no target_img_id: CIRCO metrics need the val split (write a submission for test)"));
            List<String> ranking = rankings.get(q);
            RankingMetrics.requireDistinct(query.id(), ranking);
            RankingMetrics.requireLength(query.id(), ranking, KS[KS.length - 1], gallerySize);
            for (int i = 0; i < KS.length; i++) {
                apSums[i] += RankingMetrics.averagePrecisionAtK(ranking, query.groundTruth(), KS[i]);
                hits[i] += RankingMetrics.hitAtK(ranking, target, KS[i]);
            }
            if (!query.semanticAspects().isEmpty()) {
                double ap10 = RankingMetrics.averagePrecisionAtK(ranking, query.groundTruth(), ASPECT_K);
                for (SemanticAspect a : query.semanticAspects()) {
                    double[] s = aspectSums.computeIfAbsent(a, x -> new double[2]);
                    s[0] += ap10;
                    s[1]++;
                }
            }
        }
        int n = queries.size();
        List<Metric> map = new ArrayList<>();
        List<Metric> recall = new ArrayList<>();
        for (int i = 0; i < KS.length; i++) {
            map.add(new Metric("mAP@" + KS[i], RankingMetrics.percent(apSums[i], n), n));
            recall.add(new Metric("R@" + KS[i], RankingMetrics.percent(hits[i], n), n));
        }
        List<Metric> aspects = new ArrayList<>();
        for (SemanticAspect a : SemanticAspect.values()) {
            double[] s = aspectSums.getOrDefault(a, new double[2]);
            aspects.add(new Metric(a.displayName(), RankingMetrics.percent(s[0], (int) s[1]), (int) s[1]));
        }
        return List.of(new MetricGroup("mAP", map), new MetricGroup("recall", recall), new MetricGroup("per-aspect mAP@" + ASPECT_K, aspects));
    }
}
