package org.cir4j.world.scene;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Garment length, ordered short to long. Named per cut: dresses and coats are short / knee-length /
 * long, tops and shirts cropped / hip-length / long.
 */
public enum GarmentLength {
    SHORT("short", "short", "cropped"),
    MEDIUM("medium", "knee-length", "hip-length"),
    LONG("long", "long", "long");

    private final String id;
    private final String longCutWord;
    private final String topWord;

    GarmentLength(String id, String longCutWord, String topWord) {
        this.id = id;
        this.longCutWord = longCutWord;
        this.topWord = topWord;
    }

    @JsonValue
    public String id() {
        return id;
    }

    /** The adjective for a garment of {@code category}. */
    public String word(GarmentCategory category) {
        return category.longCut() ? longCutWord : topWord;
    }

    @Override
    public String toString() {
        return id;
    }
}
