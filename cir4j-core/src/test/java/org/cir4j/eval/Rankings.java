package org.cir4j.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds hand-specified rankings for metric tests: chosen names at chosen 1-based ranks, filler elsewhere. */
final class Rankings {
    private Rankings() {}

    static List<String> of(int length, Map<Integer, String> at) {
        List<String> r = new ArrayList<>(length);
        for (int rank = 1; rank <= length; rank++) {
            r.add(at.getOrDefault(rank, "filler" + rank));
        }
        return r;
    }
}
