package org.cir4j.index.gallery;

import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswScalarQuantizedVectorsFormat;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;

/** Field names and codec of the Lucene part of a gallery index (one document per image). */
final class LuceneLayout {

    static final String DIR = "lucene";
    /** Image id: path relative to the images root, '/' separated. Stored, indexed as one term. */
    static final String ID = "id";
    /** SHA-256 of the file's bytes (hex): a changed file is re-encoded, a touched one is not. */
    static final String HASH = "hash";
    static final String SIZE = "size";
    static final String MTIME = "mtime";
    /** L2 norm of the raw feature: raw = norm · unit vector (methods such as the Combiner consume raw features). */
    static final String NORM = "norm";
    /** Every ancestor folder of the image ("shapes", "shapes/test"): the metadata filter. */
    static final String FOLDER = "folder";
    /** The L2-normalised feature (HNSW graph, dot-product similarity). */
    static final String VECTOR = "vector";
    /** Commit user data: absolute images root of the last sync. */
    static final String IMAGES_ROOT = "images_root";

    private LuceneLayout() {}

    static Codec codec(IndexManifest manifest) {
        KnnVectorsFormat format = manifest.quantization() == IndexManifest.Quantization.INT8
                ? new Lucene99HnswScalarQuantizedVectorsFormat(manifest.hnswM(), manifest.hnswBeamWidth())
                : new Lucene99HnswVectorsFormat(manifest.hnswM(), manifest.hnswBeamWidth());
        return new Lucene912Codec() {
            @Override
            public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
                return format;
            }
        };
    }
}
