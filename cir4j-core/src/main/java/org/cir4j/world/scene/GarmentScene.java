package org.cir4j.world.scene;

import java.util.Objects;

/**
 * A garments-domain scene: one garment on a background, photographed in a {@link GarmentView}, on a
 * canvas of aspect {@link Frame}. Semantic: background colour and texture, view, the garment.
 * Nuisance: frame, jitter and the centre offset {@code (offsetX, offsetY)} (canvas fractions).
 */
public record GarmentScene(Background background, Frame frame, GarmentView view, Garment garment,
                           Jitter jitter, double offsetX, double offsetY) implements Scene {

    public GarmentScene {
        Objects.requireNonNull(background, "background");
        Objects.requireNonNull(frame, "frame");
        Objects.requireNonNull(view, "view");
        Objects.requireNonNull(garment, "garment");
        Objects.requireNonNull(jitter, "jitter");
        offsetX = Jitter.round(offsetX);
        offsetY = Jitter.round(offsetY);
    }

    public GarmentScene withGarment(Garment g) {
        return new GarmentScene(background, frame, view, g, jitter, offsetX, offsetY);
    }

    public GarmentScene withBackground(Background b) {
        return new GarmentScene(b, frame, view, garment, jitter, offsetX, offsetY);
    }

    public GarmentScene withView(GarmentView v) {
        return new GarmentScene(background, frame, v, garment, jitter, offsetX, offsetY);
    }
}
