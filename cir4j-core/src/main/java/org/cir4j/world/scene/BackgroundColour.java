package org.cir4j.world.scene;

import com.fasterxml.jackson.annotation.JsonValue;
import java.awt.Color;

/** The six background colours (shapes and garments share them). */
public enum BackgroundColour {
    WHITE("white", 0xFAFAFA),
    BLACK("black", 0x0F0F0F),
    BEIGE("beige", 0xE8DABC),
    LIGHT_BLUE("light blue", 0xBAD6F0),
    NAVY("navy", 0x16214A),
    LIGHT_GREEN("light green", 0xC8E6BE);

    private final String word;
    private final int rgb;

    BackgroundColour(String word, int rgb) {
        this.word = word;
        this.rgb = rgb;
    }

    /** The caption words (also the JSON value). */
    @JsonValue
    public String word() {
        return word;
    }

    public int rgb() {
        return rgb;
    }

    public Color shaded(double shade) {
        return Rgb.shaded(rgb, shade);
    }

    public double luminance() {
        return Rgb.luminance(rgb);
    }

    @Override
    public String toString() {
        return word;
    }
}
