package org.cir4j.text;

import java.util.Arrays;

/** A growable {@code int[]}: token ids are collected without boxing. Not thread-safe (use per call). */
final class IntArrayBuilder {
    private int[] data;
    private int size;

    IntArrayBuilder(int initialCapacity) {
        data = new int[Math.max(4, initialCapacity)];
    }

    void add(int value) {
        if (size == data.length) {
            data = Arrays.copyOf(data, data.length * 2);
        }
        data[size++] = value;
    }

    void addAll(int[] values) {
        if (size + values.length > data.length) {
            data = Arrays.copyOf(data, Math.max(data.length * 2, size + values.length));
        }
        System.arraycopy(values, 0, data, size, values.length);
        size += values.length;
    }

    int[] toArray() {
        return Arrays.copyOf(data, size);
    }
}
