package org.cir4j.data;

/**
 * The three published CIR benchmark layouts. The kind decides the evaluation protocol (which metrics,
 * whether the reference image is removed from its own ranking).
 */
public enum DatasetKind {
    FASHION_IQ("fashioniq"),
    CIRR("cirr"),
    CIRCO("circo");

    private final String id;

    DatasetKind(String id) {
        this.id = id;
    }

    /** Lower-case identifier used in dataset names, reports and file names. */
    public String id() {
        return id;
    }
}
