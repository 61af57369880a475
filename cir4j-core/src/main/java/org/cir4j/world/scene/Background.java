package org.cir4j.world.scene;

import java.util.Objects;

/**
 * A scene's background. {@code colour} and {@code texture} are semantic (they take part in the
 * ground-truth predicate); {@code shade} (brightness jitter) and {@code speckleSeed} (where the
 * speckles fall) are rendering nuisance only.
 */
public record Background(BackgroundColour colour, Texture texture, double shade, long speckleSeed) {
    public Background {
        Objects.requireNonNull(colour, "background colour");
        Objects.requireNonNull(texture, "background texture");
        shade = Jitter.round(shade);
    }

    /** The same background with another colour (nuisance kept). */
    public Background withColour(BackgroundColour c) {
        return new Background(c, texture, shade, speckleSeed);
    }

    public Background withTexture(Texture t) {
        return new Background(colour, t, shade, speckleSeed);
    }
}
