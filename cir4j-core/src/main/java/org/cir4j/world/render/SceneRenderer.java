package org.cir4j.world.render;

import java.awt.image.BufferedImage;
import org.cir4j.world.scene.GarmentScene;
import org.cir4j.world.scene.Scene;
import org.cir4j.world.scene.ShapeScene;

/**
 * Renders scenes with Java2D (anti-aliased). A pure function of the scene and the resolution: the
 * same scene always gives the same pixels, so generation can run on any number of threads.
 */
public final class SceneRenderer {
    private final int resolution;

    /** @param resolution pixels on the short side of the canvas (96 for the mini-CLIP, 224 for a real CLIP) */
    public SceneRenderer(int resolution) {
        if (resolution < 32 || resolution > 2048) {
            throw new IllegalArgumentException("resolution must be 32..2048 px on the short side, found " + resolution);
        }
        this.resolution = resolution;
    }

    public int resolution() {
        return resolution;
    }

    public BufferedImage render(Scene scene) {
        if (scene instanceof ShapeScene s) {
            return ShapeSceneRenderer.render(s, resolution);
        }
        return GarmentSceneRenderer.render((GarmentScene) scene, resolution);
    }
}
