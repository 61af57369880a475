package org.cir4j.world.scene;

import com.fasterxml.jackson.annotation.JsonValue;

/** The small print on a garment's chest (one to three motifs), or none. */
public enum PrintMotif {
    NONE("none", "none"),
    STAR("star", "stars"),
    HEART("heart", "hearts"),
    FLOWER("flower", "flowers");

    private final String noun;
    private final String plural;

    PrintMotif(String noun, String plural) {
        this.noun = noun;
        this.plural = plural;
    }

    @JsonValue
    public String noun() {
        return noun;
    }

    public String plural() {
        return plural;
    }

    /** "one star", "two hearts". */
    public String counted(int count) {
        return Numbers.word(count) + " " + (count == 1 ? noun : plural);
    }

    @Override
    public String toString() {
        return noun;
    }
}
