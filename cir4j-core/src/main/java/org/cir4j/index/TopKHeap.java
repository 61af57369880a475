package org.cir4j.index;

/**
 * Bounded selection of the {@code k} best (score, row) pairs without sorting everything: a binary min-heap
 * whose root is the worst kept pair. "Better" = higher score, then lower row, so ties resolve to the lower
 * gallery row deterministically. Primitive arrays only; reusable via {@link #reset()}.
 */
final class TopKHeap {
    private final int capacity;
    private final float[] scores;
    private final int[] rows;
    private int size;

    TopKHeap(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive, got " + capacity);
        }
        this.capacity = capacity;
        this.scores = new float[capacity];
        this.rows = new int[capacity];
    }

    void reset() {
        size = 0;
    }

    int size() {
        return size;
    }

    /** True if (sa, ra) ranks worse than (sb, rb). */
    private static boolean worse(float sa, int ra, float sb, int rb) {
        return sa < sb || (sa == sb && ra > rb);
    }

    /** Cheap pre-check for the hot loop: could (score, row) enter the heap? */
    boolean accepts(float score, int row) {
        return size < capacity || worse(scores[0], rows[0], score, row);
    }

    void offer(float score, int row) {
        if (size < capacity) {
            int i = size++;
            scores[i] = score;
            rows[i] = row;
            siftUp(i);
        } else if (worse(scores[0], rows[0], score, row)) {
            scores[0] = score;
            rows[0] = row;
            siftDown(0);
        }
    }

    private void siftUp(int i) {
        float s = scores[i];
        int r = rows[i];
        while (i > 0) {
            int p = (i - 1) >>> 1;
            if (!worse(s, r, scores[p], rows[p])) {
                break;
            }
            scores[i] = scores[p];
            rows[i] = rows[p];
            i = p;
        }
        scores[i] = s;
        rows[i] = r;
    }

    private void siftDown(int i) {
        float s = scores[i];
        int r = rows[i];
        int half = size >>> 1;
        while (i < half) {
            int c = 2 * i + 1;
            int rc = c + 1;
            if (rc < size && worse(scores[rc], rows[rc], scores[c], rows[c])) {
                c = rc;
            }
            if (!worse(scores[c], rows[c], s, r)) {
                break;
            }
            scores[i] = scores[c];
            rows[i] = rows[c];
            i = c;
        }
        scores[i] = s;
        rows[i] = r;
    }

    /** Empties the heap into best-first order. */
    void drainSorted(int[] outRows, float[] outScores) {
        int n = size;
        for (int i = n - 1; i >= 0; i--) {
            outRows[i] = rows[0];
            outScores[i] = scores[0];
            size--;
            if (size > 0) {
                scores[0] = scores[size];
                rows[0] = rows[size];
                siftDown(0);
            }
        }
    }
}
