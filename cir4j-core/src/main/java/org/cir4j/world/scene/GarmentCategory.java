package org.cir4j.world.scene;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Optional;

/**
 * Garment category. Dress, shirt and toptee are FashionIQ's three categories (the JSON value is the
 * FashionIQ file name part); coat is the world's extra category, written to the CIRR/CIRCO layouts only.
 */
public enum GarmentCategory {
    DRESS("dress", "dress", "dresses", true),
    SHIRT("shirt", "shirt", "shirts", false),
    TOPTEE("toptee", "top", "tops", false),
    COAT("coat", "coat", "coats", true);

    private final String id;
    private final String noun;
    private final String plural;
    private final boolean longCut;

    GarmentCategory(String id, String noun, String plural, boolean longCut) {
        this.id = id;
        this.noun = noun;
        this.plural = plural;
        this.longCut = longCut;
    }

    /** FashionIQ-style identifier ("toptee"); also the JSON value. */
    @JsonValue
    public String id() {
        return id;
    }

    /** Caption noun ("top"). */
    public String noun() {
        return noun;
    }

    public String plural() {
        return plural;
    }

    /** The FashionIQ category this maps to, if any. */
    public Optional<String> fashionIqCategory() {
        return this == COAT ? Optional.empty() : Optional.of(id);
    }

    /** Whether lengths are named as for dresses and coats (short / knee-length / long) rather than tops. */
    public boolean longCut() {
        return longCut;
    }

    @Override
    public String toString() {
        return id;
    }
}
