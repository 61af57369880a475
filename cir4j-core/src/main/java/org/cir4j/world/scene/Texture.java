package org.cir4j.world.scene;

import com.fasterxml.jackson.annotation.JsonValue;

/** Background texture: part of "the background" in the ground-truth predicate. */
public enum Texture {
    PLAIN("plain"),
    SPECKLED("speckled");

    private final String word;

    Texture(String word) {
        this.word = word;
    }

    @JsonValue
    public String word() {
        return word;
    }

    @Override
    public String toString() {
        return word;
    }
}
