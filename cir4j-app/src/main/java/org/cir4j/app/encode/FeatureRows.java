package org.cir4j.app.encode;

import java.util.ArrayList;
import java.util.List;

/** Named feature rows collected in order (a growable row-major matrix). */
final class FeatureRows {
    private final List<String> names = new ArrayList<>();
    private float[] data = new float[0];
    private int dim = -1;

    void add(String name, float[] flat, int offset, int d) {
        if (dim < 0) {
            dim = d;
        } else if (d != dim) {
            throw new IllegalStateException("feature '" + name + "' has dimension " + d + ", earlier rows " + dim);
        }
        int need = (names.size() + 1) * dim;
        if (need > data.length) {
            data = java.util.Arrays.copyOf(data, Math.max(need, data.length * 2));
        }
        System.arraycopy(flat, offset, data, names.size() * dim, dim);
        names.add(name);
    }

    int size() {
        return names.size();
    }

    int dim() {
        return dim;
    }

    List<String> names() {
        return List.copyOf(names);
    }

    float[] matrix() {
        return java.util.Arrays.copyOf(data, names.size() * Math.max(dim, 0));
    }
}
