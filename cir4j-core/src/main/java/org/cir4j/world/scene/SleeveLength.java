package org.cir4j.world.scene;

import com.fasterxml.jackson.annotation.JsonValue;

/** Sleeve length, ordered from none to long (comparatives use the order). */
public enum SleeveLength {
    SLEEVELESS("sleeveless", "no sleeves", "sleeveless"),
    SHORT("short", "short sleeves", "short-sleeved"),
    LONG("long", "long sleeves", "long-sleeved");

    private final String id;
    private final String nounPhrase;
    private final String adjective;

    SleeveLength(String id, String nounPhrase, String adjective) {
        this.id = id;
        this.nounPhrase = nounPhrase;
        this.adjective = adjective;
    }

    @JsonValue
    public String id() {
        return id;
    }

    /** "long sleeves" (for "has long sleeves"). */
    public String nounPhrase() {
        return nounPhrase;
    }

    /** "long-sleeved" (before the noun). */
    public String adjective() {
        return adjective;
    }

    @Override
    public String toString() {
        return id;
    }
}
