package org.cir4j.data;

/** What a dataset reader does when image files named by the split are absent on disk. */
public enum MissingImagePolicy {
    /** Throw {@link MissingImagesException} with the count and the first missing names (the default). */
    FAIL,
    /**
     * Drop the missing gallery images and every query that mentions one of them (as reference, target,
     * ground truth or subset member), log a warning, and record both in
     * {@link CirDataset#missingImages()}. Metrics are then over fewer queries than published, which
     * every report states.
     */
    SKIP_WITH_WARNING
}
