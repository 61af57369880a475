package org.cir4j.world.scene;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Object size class, as a fraction of the canvas side taken by the shape's diameter. The gaps
 * (0.22 / 0.31 / 0.42) stay clear of the ±5 % size jitter, so the class is readable from the pixels.
 */
public enum Size {
    SMALL("small", 0.22),
    MEDIUM("medium", 0.31),
    LARGE("large", 0.42);

    private final String word;
    private final double diameter;

    Size(String word, double diameter) {
        this.word = word;
        this.diameter = diameter;
    }

    @JsonValue
    public String word() {
        return word;
    }

    /** Diameter as a fraction of the canvas side (before jitter). */
    public double diameter() {
        return diameter;
    }

    @Override
    public String toString() {
        return word;
    }
}
