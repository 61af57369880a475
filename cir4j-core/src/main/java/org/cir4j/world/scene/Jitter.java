package org.cir4j.world.scene;

/**
 * Rendering nuisance of one object or garment: rotation in degrees, a size factor around 1 and a
 * brightness shade around 0. It makes every rendering pixel-distinct and never changes what a caption
 * may say about the image; the ground-truth predicate ignores it.
 *
 * <p>All stored doubles are rounded to 4 decimals so that a scene read back from JSON renders to the
 * same pixels as the scene that was written.
 */
public record Jitter(double rotation, double scale, double shade) {
    public static final Jitter NONE = new Jitter(0, 1, 0);

    public Jitter {
        rotation = round(rotation);
        scale = round(scale);
        shade = round(shade);
        if (!(scale > 0)) {
            throw new IllegalArgumentException("jitter scale must be positive, found " + scale);
        }
    }

    static double round(double v) {
        return Math.round(v * 10_000.0) / 10_000.0;
    }
}
