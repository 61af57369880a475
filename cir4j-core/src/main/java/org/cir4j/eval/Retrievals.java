package org.cir4j.eval;

import java.util.List;
import java.util.Objects;
import org.cir4j.data.CirDataset;
import org.cir4j.data.CirQuery;

/**
 * What a composer retrieved for every query of one dataset: the input to metrics and to submission
 * files. Lists are parallel to {@code dataset.queries()}.
 *
 * @param method             the composer's name
 * @param dataset            the dataset the rankings belong to
 * @param referenceExcluded  whether each query's reference image was removed from its ranking
 * @param rankings           per query, the top-K gallery names, best first
 * @param subsetRankings     per query, its {@code img_set} members other than the reference, best first
 *                           (CIRR; empty lists elsewhere)
 * @param queryVectors       the composed query vectors when kept (for similarity histograms), else {@code null}
 * @param composeNanos       time spent in the composer
 * @param searchNanos        time spent ranking
 */
public record Retrievals(String method, CirDataset dataset, boolean referenceExcluded, List<List<String>> rankings,
                         List<List<String>> subsetRankings, float[][] queryVectors, long composeNanos, long searchNanos) {
    public Retrievals {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(dataset, "dataset");
        rankings = List.copyOf(rankings);
        subsetRankings = List.copyOf(subsetRankings);
        if (rankings.size() != dataset.queries().size() || subsetRankings.size() != dataset.queries().size()) {
            throw new IllegalArgumentException(dataset.name() + ": " + dataset.queries().size() + " queries but " + rankings.size()
                    + " rankings and " + subsetRankings.size() + " subset rankings");
        }
    }

    public List<CirQuery> queries() {
        return dataset.queries();
    }
}
