package org.cir4j.world.scene;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Surface pattern. Shapes use plain, striped and dotted; garments also checked. {@link #PLAIN} is the
 * unmarked default: a caption that names no pattern ("a red circle") means a plain one.
 */
public enum Pattern {
    PLAIN("plain", "no pattern"),
    STRIPED("striped", "stripes"),
    DOTTED("dotted", "dots"),
    CHECKED("checked", "checks");

    private final String word;
    private final String noun;

    Pattern(String word, String noun) {
        this.word = word;
        this.noun = noun;
    }

    /** Adjective ("striped"); also the JSON value. */
    @JsonValue
    public String word() {
        return word;
    }

    /** Plural noun ("stripes"), for "without the stripes". */
    public String noun() {
        return noun;
    }

    @Override
    public String toString() {
        return word;
    }
}
