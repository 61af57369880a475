package org.cir4j.world;

import com.fasterxml.jackson.annotation.JsonValue;

/** The world's two domains: open-domain stand-in (CIRR/CIRCO-like) and narrow fashion (FashionIQ-like). */
public enum Domain {
    SHAPES("shapes"),
    GARMENTS("garments");

    private final String id;

    Domain(String id) {
        this.id = id;
    }

    /** Folder name and JSON value. */
    @JsonValue
    public String id() {
        return id;
    }

    @Override
    public String toString() {
        return id;
    }
}
