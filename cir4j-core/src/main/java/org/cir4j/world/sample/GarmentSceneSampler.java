package org.cir4j.world.sample;

import java.util.SplittableRandom;
import org.cir4j.world.scene.Background;
import org.cir4j.world.scene.BackgroundColour;
import org.cir4j.world.scene.Colour;
import org.cir4j.world.scene.Frame;
import org.cir4j.world.scene.Garment;
import org.cir4j.world.scene.GarmentCategory;
import org.cir4j.world.scene.GarmentLength;
import org.cir4j.world.scene.GarmentScene;
import org.cir4j.world.scene.GarmentView;
import org.cir4j.world.scene.Jitter;
import org.cir4j.world.scene.Neckline;
import org.cir4j.world.scene.Pattern;
import org.cir4j.world.scene.PrintMotif;
import org.cir4j.world.scene.SleeveLength;
import org.cir4j.world.scene.Texture;

/**
 * Draws random garment scenes. Like product photos most backgrounds are white (50 %, the other five
 * 10 % each), speckled 15 %; frame uniform over the six aspect ratios; view standard 70 %, tilted
 * 15 %, zoomed out 15 %; every garment attribute uniform except pattern (plain 40 %, striped, dotted,
 * checked 20 % each) and print (none 50 %, else a motif repeated 1–3 times).
 */
public final class GarmentSceneSampler {

    public GarmentScene sample(SplittableRandom rng) {
        Background bg = background(rng);
        GarmentView view = GarmentView.values()[Draw.weighted(rng, 0.70, 0.15, 0.15)];
        return new GarmentScene(bg, Draw.one(rng, Frame.values()), view, randomGarment(rng, bg.colour()),
                jitter(rng), Draw.uniform(rng, -0.03, 0.03), Draw.uniform(rng, -0.03, 0.03));
    }

    public Background background(SplittableRandom rng) {
        BackgroundColour c = BackgroundColour.values()[Draw.weighted(rng, 0.5, 0.1, 0.1, 0.1, 0.1, 0.1)];
        return background(rng, c, Draw.chance(rng, 0.15) ? Texture.SPECKLED : Texture.PLAIN);
    }

    public Background background(SplittableRandom rng, BackgroundColour colour, Texture texture) {
        return new Background(colour, texture, Draw.uniform(rng, -0.03, 0.03), rng.nextLong());
    }

    public Garment randomGarment(SplittableRandom rng, BackgroundColour bg) {
        Colour colour = ShapeSceneSampler.colourOn(rng, bg);
        Pattern pattern = Pattern.values()[Draw.weighted(rng, 0.4, 0.2, 0.2, 0.2)];
        PrintMotif print = Draw.chance(rng, 0.5) ? PrintMotif.NONE
                : PrintMotif.values()[1 + rng.nextInt(PrintMotif.values().length - 1)];
        int count = print == PrintMotif.NONE ? 0 : 1 + rng.nextInt(Garment.MAX_PRINTS);
        return new Garment(Draw.one(rng, GarmentCategory.values()), colour, Draw.one(rng, SleeveLength.values()),
                Draw.one(rng, Neckline.values()), Draw.one(rng, GarmentLength.values()), pattern, print, count);
    }

    /** Rotation ±3° (never exactly 0, its sign picks the tilt direction), size −5..+3 %, shade ±6 %. */
    public Jitter jitter(SplittableRandom rng) {
        double rot = Draw.uniform(rng, 0.2, 3.0) * (rng.nextBoolean() ? 1 : -1);
        return new Jitter(rot, Draw.uniform(rng, 0.95, 1.03), Draw.uniform(rng, -0.06, 0.06));
    }

    /** Fresh nuisance (jitter, frame, offsets, background shade) for the same semantic scene. */
    public GarmentScene rejitter(SplittableRandom rng, GarmentScene s) {
        return new GarmentScene(background(rng, s.background().colour(), s.background().texture()),
                Draw.one(rng, Frame.values()), s.view(), s.garment(), jitter(rng),
                Draw.uniform(rng, -0.03, 0.03), Draw.uniform(rng, -0.03, 0.03));
    }
}
