package org.cir4j.index.gallery;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Turns gallery image files into feature vectors. The index only needs this much of a model, so it never
 * depends on which CLIP (or fake, in tests) made its vectors; {@link ClipGalleryEncoder} is the real one.
 */
public interface GalleryImageEncoder {

    /** Stable fingerprint of the weights (recorded in the manifest; a different one refuses to mix). */
    String modelId();

    /** Human-readable preprocessing (recorded in the manifest and compared exactly). */
    String preprocessing();

    int dim();

    /**
     * Raw (unnormalised) features, one row per file, in order. A file that cannot be decoded throws
     * {@link org.cir4j.image.ImageDecodeException} naming it; the writer records it and goes on.
     */
    float[][] encode(List<Path> files) throws IOException;
}
