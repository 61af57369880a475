package org.cir4j.index;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Feature vectors of named gallery images held as one contiguous row-major {@code float} matrix
 * ({@code size × dim}), so an index can hand it to native code with a single copy.
 *
 * <p>Instances are immutable by contract: {@link #matrix()} exposes the backing array without copying
 * (100k × 768 floats is 300 MB) and callers must not write to it.
 */
public final class GalleryFeatures {
    private final List<String> names;
    private final float[] matrix;
    private final int dim;
    private final Map<String, Integer> index;

    private GalleryFeatures(List<String> names, float[] matrix, int dim) {
        this.names = List.copyOf(names);
        this.matrix = matrix;
        this.dim = dim;
        this.index = new HashMap<>(names.size() * 2);
        for (int i = 0; i < this.names.size(); i++) {
            Integer prev = index.put(this.names.get(i), i);
            if (prev != null) {
                throw new IllegalArgumentException("gallery name '" + this.names.get(i) + "' appears twice (rows " + prev + " and " + i + ")");
            }
        }
    }

    /**
     * Wraps a row-major matrix without copying.
     *
     * @throws IllegalArgumentException if {@code matrix.length != names.size() * dim}, or names repeat
     */
    public static GalleryFeatures ofMatrix(List<String> names, float[] matrix, int dim) {
        Objects.requireNonNull(matrix, "matrix");
        if (dim <= 0) {
            throw new IllegalArgumentException("dim must be positive, got " + dim);
        }
        if ((long) names.size() * dim != matrix.length) {
            throw new IllegalArgumentException("matrix has " + matrix.length + " floats, expected names(" + names.size() + ") x dim(" + dim + ") = "
                    + (long) names.size() * dim);
        }
        return new GalleryFeatures(names, matrix, dim);
    }

    /** Copies {@code vectors} (one row per name, all of the same length) into a contiguous matrix. */
    public static GalleryFeatures of(List<String> names, float[][] vectors) {
        if (names.size() != vectors.length) {
            throw new IllegalArgumentException(names.size() + " names but " + vectors.length + " vectors");
        }
        if (vectors.length == 0) {
            throw new IllegalArgumentException("no vectors: the dimension is unknown");
        }
        int dim = vectors[0].length;
        long total = (long) vectors.length * dim;
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(vectors.length + " x " + dim + " floats exceed one Java array");
        }
        float[] m = new float[(int) total];
        for (int i = 0; i < vectors.length; i++) {
            if (vectors[i].length != dim) {
                throw new IllegalArgumentException("vector " + i + " ('" + names.get(i) + "') has length " + vectors[i].length + ", expected " + dim);
            }
            System.arraycopy(vectors[i], 0, m, i * dim, dim);
        }
        return new GalleryFeatures(names, m, dim);
    }

    public int size() {
        return names.size();
    }

    public int dim() {
        return dim;
    }

    public List<String> names() {
        return names;
    }

    public String name(int row) {
        return names.get(row);
    }

    /** Row of {@code name}, or -1. */
    public int indexOf(String name) {
        Integer i = index.get(name);
        return i == null ? -1 : i;
    }

    public boolean contains(String name) {
        return index.containsKey(name);
    }

    /** A copy of row {@code row}. */
    public float[] vector(int row) {
        Objects.checkIndex(row, names.size());
        return Arrays.copyOfRange(matrix, row * dim, (row + 1) * dim);
    }

    /** The backing row-major matrix (not a copy: do not modify). */
    public float[] matrix() {
        return matrix;
    }

    /** Dot product of {@code query} with row {@code row}. */
    public float dot(float[] query, int row) {
        int off = row * dim;
        float s = 0f;
        for (int j = 0; j < dim; j++) {
            s += query[j] * matrix[off + j];
        }
        return s;
    }

    /**
     * The rows of {@code wanted}, in that order.
     *
     * @throws IllegalArgumentException naming how many names have no feature and the first ones
     */
    public GalleryFeatures select(List<String> wanted) {
        List<String> missing = new ArrayList<>();
        int missingCount = 0;
        float[] m = new float[Math.multiplyExact(wanted.size(), dim)];
        for (int i = 0; i < wanted.size(); i++) {
            Integer row = index.get(wanted.get(i));
            if (row == null) {
                if (missing.size() < 10) {
                    missing.add(wanted.get(i));
                }
                missingCount++;
                continue;
            }
            System.arraycopy(matrix, row * dim, m, i * dim, dim);
        }
        if (missingCount > 0) {
            throw new IllegalArgumentException(missingCount + " of " + wanted.size() + " images have no feature vector; first: " + missing);
        }
        return new GalleryFeatures(wanted, m, dim);
    }

    /** True when every row's L2 norm is within {@code tolerance} of 1. */
    public boolean isNormalized(double tolerance) {
        for (int i = 0; i < names.size(); i++) {
            int off = i * dim;
            double ss = 0;
            for (int j = 0; j < dim; j++) {
                ss += (double) matrix[off + j] * matrix[off + j];
            }
            if (!(Math.abs(Math.sqrt(ss) - 1) <= tolerance)) {
                return false;
            }
        }
        return true;
    }

    /**
     * A copy with every row scaled to unit L2 norm (what the reference code's {@code F.normalize} does before
     * ranking).
     *
     * @throws IllegalArgumentException when a row is zero or not finite (it cannot be ranked by cosine)
     */
    public GalleryFeatures normalized() {
        float[] m = matrix.clone();
        for (int i = 0; i < names.size(); i++) {
            int off = i * dim;
            double ss = 0;
            for (int j = 0; j < dim; j++) {
                ss += (double) m[off + j] * m[off + j];
            }
            if (!(ss > 0) || Double.isInfinite(ss)) {
                throw new IllegalArgumentException("feature of '" + names.get(i) + "' (row " + i + ") has norm " + Math.sqrt(ss) + "; cannot normalise");
            }
            float inv = (float) (1.0 / Math.sqrt(ss));
            for (int j = 0; j < dim; j++) {
                m[off + j] *= inv;
            }
        }
        return new GalleryFeatures(names, m, dim);
    }
}
