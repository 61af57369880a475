package org.cir4j.index.gallery;

import java.util.List;

/**
 * What one {@link GalleryIndexWriter#sync} did.
 *
 * @param added     new images encoded and indexed
 * @param updated   images whose content changed (re-encoded)
 * @param removed   images no longer on disk (deleted from the index)
 * @param unchanged images already indexed with the same content (includes those a killed run committed)
 * @param failed    images that could not be decoded ("id: reason"); not indexed
 * @param total     documents in the index afterwards
 */
public record SyncReport(int added, int updated, int removed, int unchanged, List<String> failed, int total) {

    @Override
    public String toString() {
        return String.format("%d added, %d updated, %d removed, %d unchanged, %d failed; %d images indexed",
                added, updated, removed, unchanged, failed.size(), total);
    }
}
