package org.cir4j.world.scene;

import java.awt.Color;

/** Small colour arithmetic shared by the palettes. */
final class Rgb {
    private Rgb() {}

    static double distance(int a, int b) {
        int dr = ((a >> 16) & 0xFF) - ((b >> 16) & 0xFF);
        int dg = ((a >> 8) & 0xFF) - ((b >> 8) & 0xFF);
        int db = (a & 0xFF) - (b & 0xFF);
        return Math.sqrt(dr * dr + dg * dg + db * db);
    }

    static Color shaded(int rgb, double shade) {
        double f = 1.0 + shade;
        return new Color(clamp(((rgb >> 16) & 0xFF) * f), clamp(((rgb >> 8) & 0xFF) * f), clamp((rgb & 0xFF) * f));
    }

    static double luminance(int rgb) {
        return (0.2126 * ((rgb >> 16) & 0xFF) + 0.7152 * ((rgb >> 8) & 0xFF) + 0.0722 * (rgb & 0xFF)) / 255.0;
    }

    private static int clamp(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }
}
