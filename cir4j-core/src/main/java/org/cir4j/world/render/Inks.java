package org.cir4j.world.render;

import java.awt.Color;

/** Derived colours: pattern ink and outlines that stay visible on any base colour. */
final class Inks {
    private Inks() {}

    /** Ink for stripes, dots, checks and prints: near-white on dark colours, near-black on light ones. */
    static Color contrast(Color base) {
        return luminance(base) > 0.55 ? new Color(34, 34, 34) : new Color(240, 240, 240);
    }

    /** Outline colour: the base darkened, so that light objects keep an edge on light backgrounds. */
    static Color outline(Color base) {
        return new Color((int) (base.getRed() * 0.55), (int) (base.getGreen() * 0.55), (int) (base.getBlue() * 0.55));
    }

    static double luminance(Color c) {
        return (0.2126 * c.getRed() + 0.7152 * c.getGreen() + 0.0722 * c.getBlue()) / 255.0;
    }
}
