package org.cir4j.text;

/**
 * Token ids of a batch of texts, row-major {@code [batch][contextLength]}, plus where each row's end
 * token sits (the position CLIP pools at). {@code lengths[i]} = index of the end token + 1.
 */
public record TokenBatch(int[][] ids, int[] lengths, int contextLength) {

    public int size() {
        return ids.length;
    }

    /** Longest row including start and end token: text towers need to run only this far. */
    public int maxLength() {
        int max = 0;
        for (int l : lengths) {
            max = Math.max(max, l);
        }
        return max;
    }
}
