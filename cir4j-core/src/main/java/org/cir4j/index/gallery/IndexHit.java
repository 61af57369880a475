package org.cir4j.index.gallery;

/** One search result: the image's row in the index, its id (relative path) and its dot-product score. */
public record IndexHit(int row, String id, float score) {}
