package org.cir4j.index;

/**
 * Result of a batched top-K search: for query {@code q}, {@code indices[q][r]} is the gallery row at rank
 * {@code r} (0-based) and {@code scores[q][r]} its dot product. Ranks are by descending score, equal scores
 * by ascending row.
 */
public record SearchHits(int[][] indices, float[][] scores) {
    public int queryCount() {
        return indices.length;
    }
}
