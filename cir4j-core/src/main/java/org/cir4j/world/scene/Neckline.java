package org.cir4j.world.scene;

import com.fasterxml.jackson.annotation.JsonValue;

/** Neckline of a garment. */
public enum Neckline {
    ROUND("round", "a round neck"),
    V_NECK("v-neck", "a v-neck"),
    COLLAR("collar", "a collar"),
    SQUARE("square", "a square neck");

    private final String id;
    private final String nounPhrase;

    Neckline(String id, String nounPhrase) {
        this.id = id;
        this.nounPhrase = nounPhrase;
    }

    @JsonValue
    public String id() {
        return id;
    }

    /** "a v-neck" (for "has a v-neck"). */
    public String nounPhrase() {
        return nounPhrase;
    }

    /** The noun phrase without its article ("v-neck"). */
    public String bare() {
        return nounPhrase.substring(2);
    }

    @Override
    public String toString() {
        return id;
    }
}
