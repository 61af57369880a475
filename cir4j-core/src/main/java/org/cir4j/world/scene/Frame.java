package org.cir4j.world.scene;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Canvas aspect ratio. Garment images vary between these so that CLIP4Cir's target-pad preprocessing
 * (pad only when the aspect exceeds 1.25) has something to act on: 1:1, 4:3 and 3:4 stay under the
 * threshold ratio, 2:3, 3:2 and 1:2 exceed it.
 */
public enum Frame {
    SQUARE("1:1", 1, 1),
    LANDSCAPE_4_3("4:3", 4, 3),
    PORTRAIT_3_4("3:4", 3, 4),
    LANDSCAPE_3_2("3:2", 3, 2),
    PORTRAIT_2_3("2:3", 2, 3),
    TALL_1_2("1:2", 1, 2);

    private final String ratio;
    private final int w;
    private final int h;

    Frame(String ratio, int w, int h) {
        this.ratio = ratio;
        this.w = w;
        this.h = h;
    }

    @JsonValue
    public String ratio() {
        return ratio;
    }

    /** Pixel width for a canvas whose short side is {@code shortSide}. */
    public int width(int shortSide) {
        return w >= h ? (int) Math.round(shortSide * (double) w / h) : shortSide;
    }

    public int height(int shortSide) {
        return h >= w ? (int) Math.round(shortSide * (double) h / w) : shortSide;
    }

    @Override
    public String toString() {
        return ratio;
    }
}
