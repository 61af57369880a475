package org.cir4j.eval;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.cir4j.data.CirQuery;

/**
 * CIRR protocol (reference {@code validate.py}, {@code cirr_compute_val_metrics}): Recall@1/5/10/50 with the
 * reference image removed from its own ranking, and Recall_subset@1/2/3 over the other members of the
 * query's {@code img_set}; "Avg" = (R@5 + R_subset@1) / 2, the number CIRR's leaderboard ranks by.
 */
public final class CirrMetrics {
    public static final int[] KS = {1, 5, 10, 50};
    public static final int[] SUBSET_KS = {1, 2, 3};

    private CirrMetrics() {}

    /**
     * @param rankings       per query, gallery names best first; the reference is removed here if present, so
     *                       a full ranking and one already searched with the reference excluded give the same
     *                       result
     * @param subsetRankings per query, the {@code img_set} members best first (reference likewise removed); must
     *                       hold exactly the members other than the reference
     * @param gallerySize    number of gallery images (rankings must have min(50, gallerySize − 1) entries)
     * @return groups {@code recall} (R@1, R@5, R@10, R@50), {@code subset} (R_s@1, R_s@2, R_s@3) and
     *         {@code average} (Avg)
     */
    public static List<MetricGroup> score(List<CirQuery> queries, List<List<String>> rankings, List<List<String>> subsetRankings, int gallerySize) {
        RankingMetrics.requireSameSize(queries, rankings, "rankings");
        RankingMetrics.requireSameSize(queries, subsetRankings, "subset rankings");
        int[] hits = new int[KS.length];
        int[] subsetHits = new int[SUBSET_KS.length];
        for (int q = 0; q < queries.size(); q++) {
            CirQuery query = queries.get(q);
            String target = query.target().orElseThrow(() -> new IllegalArgumentException(
                    "query " + query.id() + " has no target_hard: CIRR recall needs the val split (write a submission for test1)"));
            if (target.equals(query.referenceName())) {
                throw new IllegalArgumentException("query " + query.id() + ": target equals the reference, which the protocol removes");
            }
            List<String> ranking = withoutReference(rankings.get(q), query.referenceName());
            RankingMetrics.requireDistinct(query.id(), ranking);
            RankingMetrics.requireLength(query.id(), ranking, KS[KS.length - 1], gallerySize - 1);
            for (int i = 0; i < KS.length; i++) {
                hits[i] += RankingMetrics.hitAtK(ranking, target, KS[i]);
            }

            List<String> subset = withoutReference(subsetRankings.get(q), query.referenceName());
            Set<String> others = new HashSet<>(query.subsetMembers());
            others.remove(query.referenceName());
            if (!others.contains(target)) {
                throw new IllegalArgumentException("query " + query.id() + ": target " + target + " is not in its img_set " + query.subsetMembers());
            }
            if (subset.size() != others.size() || !others.equals(new HashSet<>(subset))) {
                throw new IllegalArgumentException("query " + query.id() + ": subset ranking " + subset
                        + " is not a permutation of the img_set members other than the reference " + others);
            }
            for (int i = 0; i < SUBSET_KS.length; i++) {
                subsetHits[i] += RankingMetrics.hitAtK(subset, target, SUBSET_KS[i]);
            }
        }
        int n = queries.size();
        List<Metric> recall = new ArrayList<>();
        for (int i = 0; i < KS.length; i++) {
            recall.add(new Metric("R@" + KS[i], RankingMetrics.percent(hits[i], n), n));
        }
        List<Metric> subset = new ArrayList<>();
        for (int i = 0; i < SUBSET_KS.length; i++) {
            subset.add(new Metric("R_s@" + SUBSET_KS[i], RankingMetrics.percent(subsetHits[i], n), n));
        }
        double avg = (recall.get(1).value() + subset.get(0).value()) / 2;
        return List.of(new MetricGroup("recall", recall), new MetricGroup("subset", subset),
                new MetricGroup("average", List.of(new Metric("Avg", avg, n))));
    }

    private static List<String> withoutReference(List<String> ranking, String reference) {
        if (!ranking.contains(reference)) {
            return ranking;
        }
        List<String> out = new ArrayList<>(ranking);
        out.remove(reference);
        return out;
    }
}
