package org.cir4j.world.scene;

import com.fasterxml.jackson.annotation.JsonValue;
import java.awt.Color;

/**
 * The twelve object and garment colours. The RGB values are chosen to stay apart from each other
 * (hue or lightness) so that a 96 px rendering with shade jitter keeps every colour nameable.
 */
public enum Colour {
    RED("red", 0xD62828),
    ORANGE("orange", 0xF77F00),
    YELLOW("yellow", 0xFCDC2A),
    GREEN("green", 0x2A9D3A),
    BLUE("blue", 0x1D4ED8),
    PURPLE("purple", 0x7B2CBF),
    PINK("pink", 0xFF77B7),
    BROWN("brown", 0x8B5A2B),
    CYAN("cyan", 0x22C5D9),
    WHITE("white", 0xF5F5F5),
    BLACK("black", 0x1A1A1A),
    GREY("grey", 0x8C8C8C);

    /** Minimum RGB distance between an object and its background; below it a colour is not shown on it. */
    private static final double MIN_CONTRAST = 100.0;

    private final String word;
    private final int rgb;

    Colour(String word, int rgb) {
        this.word = word;
        this.rgb = rgb;
    }

    /** The caption word (also the JSON value). */
    @JsonValue
    public String word() {
        return word;
    }

    public int rgb() {
        return rgb;
    }

    /** Whether an object of this colour stays clearly visible on {@code background}. */
    public boolean contrastsWith(BackgroundColour background) {
        return Rgb.distance(rgb, background.rgb()) >= MIN_CONTRAST;
    }

    /** This colour with its brightness scaled by {@code 1 + shade} (shade jitter, clamped). */
    public Color shaded(double shade) {
        return Rgb.shaded(rgb, shade);
    }

    /** Luminance in [0, 1], used to pick a contrasting ink for patterns and prints. */
    public double luminance() {
        return Rgb.luminance(rgb);
    }

    @Override
    public String toString() {
        return word;
    }
}
