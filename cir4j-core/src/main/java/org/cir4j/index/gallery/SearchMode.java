package org.cir4j.index.gallery;

/** How {@link GalleryIndex#search} finds candidates. */
public enum SearchMode {
    /** Every vector is scored (what evaluation uses). */
    EXACT,
    /** Lucene's HNSW graph proposes candidates (approximate), which are then scored with the exact vectors. */
    HNSW
}
