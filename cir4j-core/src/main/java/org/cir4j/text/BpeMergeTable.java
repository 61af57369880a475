package org.cir4j.text;

import java.util.Arrays;

/**
 * BPE merge ranks keyed by the pair of token ids, with the id of the merged token.
 *
 * <p>The reference keeps {@code bpe_ranks} as a dict of string pairs and rebuilds strings on every
 * merge; since every symbol of a word is always a vocabulary entry, working on ids is equivalent and
 * avoids string concatenation and hashing in the inner loop. Open addressing over primitive arrays:
 * no boxing, about 2 MB for CLIP's 48,894 merges. Immutable after construction, so it is safe to
 * share between threads.
 */
final class BpeMergeTable {

    static final int NO_RANK = Integer.MAX_VALUE;

    private final long[] keys;
    private final int[] ranks;
    private final int[] mergedIds;
    private final int mask;
    private final int size;

    /**
     * @param left left token id of each merge, in rank order
     * @param right right token id of each merge
     * @param merged id of the concatenated token
     * @param count number of merges used from the arrays
     */
    BpeMergeTable(int[] left, int[] right, int[] merged, int count) {
        int capacity = Integer.highestOneBit(Math.max(4, count * 2 - 1)) << 1;
        keys = new long[capacity];
        Arrays.fill(keys, -1L);
        ranks = new int[capacity];
        mergedIds = new int[capacity];
        mask = capacity - 1;
        int distinct = 0;
        for (int rank = 0; rank < count; rank++) {
            long key = key(left[rank], right[rank]);
            int slot = slot(key);
            if (keys[slot] == -1L) {
                distinct++;
            }
            // A repeated pair keeps its last rank, as Python's dict(zip(merges, range(...))) does.
            keys[slot] = key;
            ranks[slot] = rank;
            mergedIds[slot] = merged[rank];
        }
        size = distinct;
    }

    int size() {
        return size;
    }

    /** Rank of merging {@code (left, right)}, or {@link #NO_RANK}. */
    int rank(int left, int right) {
        long key = key(left, right);
        int slot = slot(key);
        return keys[slot] == key ? ranks[slot] : NO_RANK;
    }

    /** Id of the token {@code left+right}; only valid where {@link #rank} is not {@link #NO_RANK}. */
    int mergedId(int left, int right) {
        long key = key(left, right);
        int slot = slot(key);
        if (keys[slot] != key) {
            throw new IllegalStateException("no merge for token pair (" + left + ", " + right + ")");
        }
        return mergedIds[slot];
    }

    /** Slot holding {@code key}, or the empty slot where it would go. */
    private int slot(long key) {
        int h = (int) (mix(key) & mask);
        while (keys[h] != -1L && keys[h] != key) {
            h = (h + 1) & mask;
        }
        return h;
    }

    private static long key(int left, int right) {
        return ((long) left << 32) | (right & 0xFFFFFFFFL);
    }

    /** murmur3 finaliser: token ids are dense small integers, so the raw key would cluster. */
    private static long mix(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb3f93fa0fe5bL;
        k ^= k >>> 33;
        return k;
    }
}
