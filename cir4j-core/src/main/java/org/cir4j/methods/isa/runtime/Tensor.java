package org.cir4j.methods.isa.runtime;

/** A float32 tensor: row-major data and its shape. */
record Tensor(float[] data, int[] shape) {

    int dim(int i) {
        return shape[i];
    }

    int size() {
        int n = 1;
        for (int s : shape) {
            n *= s;
        }
        return n;
    }
}
