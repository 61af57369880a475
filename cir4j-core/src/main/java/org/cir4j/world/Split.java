package org.cir4j.world;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The world's splits, disjoint in images. Only val and test carry queries with a gallery; train holds
 * labelled triplets (for the supervised Combiner only); pretrain image–caption pairs (mini-CLIP only);
 * unlabelled images (zero-shot methods only).
 */
public enum Split {
    PRETRAIN("pretrain", null, null),
    UNLABELLED("unlabelled", null, null),
    TRAIN("train", "train", "train"),
    VAL("val", "val", "dev"),
    TEST("test", "test1", "test1");

    private final String id;
    private final String cirrSplit;
    private final String cirrFolder;

    Split(String id, String cirrSplit, String cirrFolder) {
        this.id = id;
        this.cirrSplit = cirrSplit;
        this.cirrFolder = cirrFolder;
    }

    @JsonValue
    public String id() {
        return id;
    }

    /** Name in CIRR file names ({@code cap.rc2.<name>.json}): train, val, test1. */
    public String cirrSplit() {
        return cirrSplit;
    }

    /** CIRR image folder: train, dev, test1. */
    public String cirrFolder() {
        return cirrFolder;
    }

    public boolean hasQueries() {
        return cirrSplit != null;
    }

    /** Whether queries of this split come with a gallery of distractors (val, test). */
    public boolean isEvaluation() {
        return this == VAL || this == TEST;
    }

    @Override
    public String toString() {
        return id;
    }
}
