package org.cir4j.world.render;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.SplittableRandom;
import org.cir4j.world.scene.Background;
import org.cir4j.world.scene.Texture;

/** Fills a canvas with a background colour and, when speckled, its speckles. */
final class BackgroundPainter {
    /** Speckles per canvas of short side² pixels (fixed density per area, so any resolution reads alike). */
    private static final int SPECKLES = 260;
    private static final double SPECKLE_ALPHA = 0.3;

    private BackgroundPainter() {}

    static void paint(Graphics2D g, BufferedImage img, Background bg) {
        int width = img.getWidth();
        int height = img.getHeight();
        Color base = bg.colour().shaded(bg.shade());
        g.setColor(base);
        g.fillRect(0, 0, width, height);
        if (bg.texture() == Texture.SPECKLED) {
            speckle(img, bg, base);
        }
    }

    /**
     * Blends small square speckles straight into the raster: hundreds of anti-aliased shape fills per
     * image were the most expensive part of rendering, and speckles need no sub-pixel geometry.
     * Dark speckles on light grounds, light ones on dark grounds.
     */
    private static void speckle(BufferedImage img, Background bg, Color base) {
        int width = img.getWidth();
        int height = img.getHeight();
        int[] px = ((DataBufferInt) img.getRaster().getDataBuffer()).getData();
        int shortSide = Math.min(width, height);
        int size = Math.max(1, (int) Math.round(shortSide * 0.02));
        boolean light = bg.colour().luminance() > 0.45;
        int ink = light ? 0 : 255;
        int r = mix(base.getRed(), ink);
        int gr = mix(base.getGreen(), ink);
        int b = mix(base.getBlue(), ink);
        int colour = (r << 16) | (gr << 8) | b;
        SplittableRandom rng = new SplittableRandom(bg.speckleSeed());
        int n = (int) Math.round(width * (double) height / ((double) shortSide * shortSide) * SPECKLES);
        for (int i = 0; i < n; i++) {
            int x0 = rng.nextInt(width);
            int y0 = rng.nextInt(height);
            for (int y = y0; y < Math.min(height, y0 + size); y++) {
                for (int x = x0; x < Math.min(width, x0 + size); x++) {
                    px[y * width + x] = colour;
                }
            }
        }
    }

    private static int mix(int channel, int ink) {
        return (int) Math.round(channel * (1 - SPECKLE_ALPHA) + ink * SPECKLE_ALPHA);
    }
}
