package org.cir4j.world.scene;

import com.fasterxml.jackson.annotation.JsonValue;

/** Whether an orientable shape stands upright or is turned by 180 degrees. */
public enum Orientation {
    UPRIGHT("upright"),
    UPSIDE_DOWN("upside-down");

    private final String word;

    Orientation(String word) {
        this.word = word;
    }

    @JsonValue
    public String word() {
        return word;
    }

    public Orientation flipped() {
        return this == UPRIGHT ? UPSIDE_DOWN : UPRIGHT;
    }

    @Override
    public String toString() {
        return word;
    }
}
