package org.cir4j.eval;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Per-query building blocks shared by the dataset protocols. Rankings are best first. */
public final class RankingMetrics {
    private RankingMetrics() {}

    /** 1 if {@code target} is among the first {@code k} entries of {@code ranking}, else 0. */
    public static int hitAtK(List<String> ranking, String target, int k) {
        int n = Math.min(k, ranking.size());
        for (int i = 0; i < n; i++) {
            if (ranking.get(i).equals(target)) {
                return 1;
            }
        }
        return 0;
    }

    /**
     * CIRCO's truncated average precision: AP@K = Σ_{i≤K} P@i · rel_i / min(|GT|, K), where P@i is the
     * fraction of the first i entries that are ground truth and rel_i whether entry i is (reference
     * {@code CIRCO/src/evaluation.py}: {@code cumsum(labels) * labels / arange(1, n+1)}, summed to K).
     */
    public static double averagePrecisionAtK(List<String> ranking, Collection<String> groundTruth, int k) {
        if (groundTruth.isEmpty()) {
            throw new IllegalArgumentException("average precision needs at least one ground truth");
        }
        Set<String> gt = groundTruth instanceof Set<String> s ? s : new HashSet<>(groundTruth);
        int n = Math.min(k, ranking.size());
        int hits = 0;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            if (gt.contains(ranking.get(i))) {
                hits++;
                sum += (double) hits / (i + 1);
            }
        }
        return sum / Math.min(groundTruth.size(), k);
    }

    /** Throws if a name repeats: a ranking with duplicates would inflate every metric. */
    static void requireDistinct(String queryId, List<String> ranking) {
        Set<String> seen = new HashSet<>(ranking.size() * 2);
        for (String r : ranking) {
            if (!seen.add(r)) {
                throw new IllegalArgumentException("ranking of query " + queryId + " lists '" + r + "' twice");
            }
        }
    }

    /** Throws unless the ranking is long enough for the largest cutoff (or holds the whole eligible gallery). */
    static void requireLength(String queryId, List<String> ranking, int maxK, int eligible) {
        int needed = Math.min(maxK, eligible);
        if (ranking.size() < needed) {
            throw new IllegalArgumentException("ranking of query " + queryId + " has " + ranking.size() + " entries; @" + maxK
                    + " needs " + needed + " (eligible gallery " + eligible + ")");
        }
    }

    static void requireSameSize(List<?> queries, List<?> rankings, String what) {
        if (queries.size() != rankings.size()) {
            throw new IllegalArgumentException(queries.size() + " queries but " + rankings.size() + " " + what);
        }
    }

    static double percent(double sum, int count) {
        return count == 0 ? Double.NaN : 100.0 * sum / count;
    }
}
