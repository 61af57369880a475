package org.cir4j.index.gallery;

/**
 * How {@link GalleryIndexWriter} builds an index.
 *
 * @param quantization HNSW vector storage (int8 = Lucene's scalar-quantized HNSW format: ~4x smaller graph
 *                     vectors, slightly lower recall; the exact float vectors are kept either way)
 * @param hnswM        HNSW max connections per node (Lucene default 16)
 * @param beamWidth    HNSW construction beam width (Lucene default 100)
 * @param batchSize    images per encoder call
 * @param commitEvery  images between Lucene commits: what a crash can lose at most
 */
public record IndexOptions(IndexManifest.Quantization quantization, int hnswM, int beamWidth, int batchSize, int commitEvery) {

    public static final IndexOptions DEFAULT = new IndexOptions(IndexManifest.Quantization.NONE, 16, 100, 32, 256);

    public IndexOptions {
        if (hnswM < 2 || hnswM > 512 || beamWidth < 1 || beamWidth > 3200) {
            throw new IllegalArgumentException("HNSW m must be 2..512 and beam width 1..3200 (Lucene's limits), found m="
                    + hnswM + ", beam=" + beamWidth);
        }
        if (batchSize < 1 || commitEvery < 1) {
            throw new IllegalArgumentException("batch size and commit interval must be >= 1, found " + batchSize + ", " + commitEvery);
        }
    }

    public IndexOptions withQuantization(IndexManifest.Quantization q) {
        return new IndexOptions(q, hnswM, beamWidth, batchSize, commitEvery);
    }

    public IndexOptions withBatchSize(int b) {
        return new IndexOptions(quantization, hnswM, beamWidth, b, commitEvery);
    }

    public IndexOptions withCommitEvery(int n) {
        return new IndexOptions(quantization, hnswM, beamWidth, batchSize, n);
    }
}
