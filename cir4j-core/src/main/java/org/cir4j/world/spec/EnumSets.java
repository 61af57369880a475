package org.cir4j.world.spec;

import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Normalises the allowed-value sets of a spec: immutable, iteration in declaration order (so JSON is
 * byte-stable however the set was built), never empty (an empty set could match nothing and is a bug).
 */
final class EnumSets {
    private EnumSets() {}

    static <E extends Enum<E>> Set<E> copy(Collection<E> values, Class<E> type, String field) {
        if (values == null || values.isEmpty()) {
            throw new IllegalArgumentException("spec field '" + field + "' must allow at least one " + type.getSimpleName()
                    + ", found " + (values == null ? "null" : "an empty set"));
        }
        return Collections.unmodifiableSet(EnumSet.copyOf(values));
    }

    static SortedSet<Integer> copyInts(Collection<Integer> values, String field) {
        if (values == null || values.isEmpty()) {
            throw new IllegalArgumentException("spec field '" + field + "' must allow at least one value, found "
                    + (values == null ? "null" : "an empty set"));
        }
        return Collections.unmodifiableSortedSet(new TreeSet<>(values));
    }
}
