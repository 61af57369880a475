package org.cir4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.cir4j.text.TokenBatch;

/**
 * Encodes long lists of texts or images with a {@link ClipModel} for inference: fixed-size batches,
 * each in its own child {@link NDManager} (so device memory stays bounded), with PyTorch's gradient
 * recording off. Results are {@code float[][]} (one row per input, input order) or one (N,d)
 * NDArray.
 *
 * <p>Texts are processed in order of length so that each batch runs only as far as its own longest
 * text (the model cuts every batch to its longest sequence); results are put back in input order.
 */
public final class ClipBatchEncoder {

    /** Supplies preprocessed pixels (n,3,S,S) float32 for inputs {@code [from, to)}, created in {@code manager}. */
    @FunctionalInterface
    public interface PixelSource {
        /**
         * @param manager where to create the pixels (closed after the batch is encoded)
         * @param from first input index, inclusive
         * @param to last input index, exclusive
         * @return (to - from, 3, S, S) float32
         * @throws IOException if the images cannot be read
         */
        NDArray load(NDManager manager, int from, int to) throws IOException;
    }

    private final ClipModel model;
    private final int batchSize;

    /**
     * @param model the model to encode with
     * @param batchSize inputs per forward pass
     */
    public ClipBatchEncoder(ClipModel model, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, found " + batchSize);
        }
        this.model = model;
        this.batchSize = batchSize;
    }

    /** Text features, one row per token row (rows may differ in length; each must hold its end token). */
    public float[][] encodeTexts(int[][] ids, boolean normalize) {
        float[][] out = new float[ids.length][];
        runTexts(ids, normalize, (rows, features) -> {
            float[] flat = features.toFloatArray();
            int d = (int) features.getShape().get(1);
            for (int i = 0; i < rows.length; i++) {
                out[rows[i]] = Arrays.copyOfRange(flat, i * d, (i + 1) * d);
            }
        });
        return out;
    }

    /** Text features of a tokenizer batch. */
    public float[][] encodeTexts(TokenBatch batch, boolean normalize) {
        return encodeTexts(batch.ids(), normalize);
    }

    /** Text features as one (N,d) array in {@code into}, input order, without leaving native memory. */
    public NDArray encodeTexts(int[][] ids, boolean normalize, NDManager into) {
        if (ids.length == 0) {
            return into.create(new Shape(0, model.config().embedDim()));
        }
        try (NDManager collect = into.newSubManager()) {
            NDList parts = new NDList();
            int[] sortedRows = new int[ids.length];
            int[] filled = {0};
            runTexts(ids, normalize, (rows, features) -> {
                // Move, not copy: the batch manager closes right after.
                features.attach(collect);
                parts.add(features);
                System.arraycopy(rows, 0, sortedRows, filled[0], rows.length);
                filled[0] += rows.length;
            });
            NDArray sorted = parts.size() == 1 ? parts.get(0) : NDArrays.concat(parts, 0);
            long[] inverse = new long[ids.length];
            for (int i = 0; i < sortedRows.length; i++) {
                inverse[sortedRows[i]] = i;
            }
            NDArray result = sorted.get(collect.create(inverse));
            result.attach(into);
            return result;
        }
    }

    /** Image features for {@code count} inputs supplied batch by batch. */
    public float[][] encodeImages(int count, PixelSource source, boolean normalize) throws IOException {
        float[][] out = new float[count][];
        runImages(count, source, normalize, (from, features) -> {
            float[] flat = features.toFloatArray();
            int d = (int) features.getShape().get(1);
            int n = (int) features.getShape().get(0);
            for (int i = 0; i < n; i++) {
                out[from + i] = Arrays.copyOfRange(flat, i * d, (i + 1) * d);
            }
        });
        return out;
    }

    /** Image features as one (N,d) array in {@code into}, input order. */
    public NDArray encodeImages(int count, PixelSource source, boolean normalize, NDManager into)
            throws IOException {
        if (count == 0) {
            return into.create(new Shape(0, model.config().embedDim()));
        }
        try (NDManager collect = into.newSubManager()) {
            NDList parts = new NDList();
            runImages(count, source, normalize, (from, features) -> {
                // Move, not copy: the batch manager closes right after.
                features.attach(collect);
                parts.add(features);
            });
            NDArray result = parts.size() == 1 ? parts.get(0) : NDArrays.concat(parts, 0);
            result.attach(into);
            return result;
        }
    }

    private interface TextSink {
        void accept(int[] rows, NDArray features);
    }

    private interface ImageSink {
        void accept(int from, NDArray features);
    }

    private void runTexts(int[][] ids, boolean normalize, TextSink sink) {
        int n = ids.length;
        int[] ends = new int[n];
        for (int i = 0; i < n; i++) {
            long[] row = Arrays.stream(ids[i]).asLongStream().toArray();
            if (row.length == 0) {
                throw new IllegalArgumentException("text " + i + " has no tokens");
            }
            try {
                ends[i] = model.endPositions(row, 1, row.length)[0];
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("text " + i + ": " + e.getMessage(), e);
            }
        }
        int[] order = IntStream.range(0, n).boxed().sorted(Comparator.comparingInt(i -> ends[i]))
                .mapToInt(Integer::intValue).toArray();
        int pad = model.config().text().padTokenId();
        TorchRuntime.withoutGradients(() -> {
            for (int start = 0; start < n; start += batchSize) {
                int[] rows = Arrays.copyOfRange(order, start, Math.min(n, start + batchSize));
                int len = 0;
                for (int r : rows) {
                    len = Math.max(len, ends[r] + 1);
                }
                long[] flat = new long[rows.length * len];
                Arrays.fill(flat, pad);
                for (int i = 0; i < rows.length; i++) {
                    int[] row = ids[rows[i]];
                    for (int c = 0; c < Math.min(len, row.length); c++) {
                        flat[i * len + c] = row[c];
                    }
                }
                try (NDManager batch = model.manager().newSubManager()) {
                    NDArray features = model.encodeText(batch.create(flat, new Shape(rows.length, len)));
                    sink.accept(rows, normalize ? ClipModel.l2Normalize(features) : features);
                }
            }
            return null;
        });
    }

    private void runImages(int count, PixelSource source, boolean normalize, ImageSink sink) throws IOException {
        TorchRuntime.withoutGradients(() -> {
            for (int from = 0; from < count; from += batchSize) {
                int to = Math.min(count, from + batchSize);
                try (NDManager batch = model.manager().newSubManager()) {
                    NDArray pixels = source.load(batch, from, to);
                    if (pixels.getShape().dimension() < 1 || pixels.getShape().get(0) != to - from) {
                        throw new IllegalArgumentException("pixel source returned " + pixels.getShape()
                                + " for inputs [" + from + ", " + to + "), expected " + (to - from) + " images");
                    }
                    NDArray features = model.encodeImage(pixels);
                    sink.accept(from, normalize ? ClipModel.l2Normalize(features) : features);
                }
            }
            return null;
        });
    }
}
