package org.cir4j.world.query;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * CIRCO's nine semantic aspects, with the contract's display names. Every world query is tagged with
 * the aspects its caption exercises (a conjunction carries its own tag plus those of its two parts).
 */
public enum CircoAspect {
    CARDINALITY("cardinality"),
    ADDITION("addition"),
    NEGATION("negation"),
    DIRECT_ADDRESSING("direct addressing"),
    COMPARE_CHANGE("compare & change"),
    COMPARATIVE_STATEMENT("comparative statement"),
    STATEMENT_WITH_CONJUNCTION("statement with conjunction"),
    SPATIAL_RELATIONS_BACKGROUND("spatial relations & background"),
    VIEWPOINT("viewpoint");

    private final String displayName;

    CircoAspect(String displayName) {
        this.displayName = displayName;
    }

    @JsonValue
    public String displayName() {
        return displayName;
    }

    @Override
    public String toString() {
        return displayName;
    }
}
