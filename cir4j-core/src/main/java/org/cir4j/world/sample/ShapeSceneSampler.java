package org.cir4j.world.sample;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.cir4j.world.scene.Background;
import org.cir4j.world.scene.BackgroundColour;
import org.cir4j.world.scene.Colour;
import org.cir4j.world.scene.Jitter;
import org.cir4j.world.scene.Orientation;
import org.cir4j.world.scene.Pattern;
import org.cir4j.world.scene.SceneObject;
import org.cir4j.world.scene.ShapeKind;
import org.cir4j.world.scene.ShapeScene;
import org.cir4j.world.scene.Size;
import org.cir4j.world.scene.Texture;

/**
 * Draws random shapes scenes. Distribution: 1–4 objects (weights 25/30/25/20 %), shape, size and a
 * background-contrasting colour uniform, pattern plain 50 % / striped 25 % / dotted 25 %, orientable
 * shapes upside down 15 %; an added object repeats an earlier one with probability 20 % so that
 * counts ("two red stars") occur; background uniform, speckled 25 %.
 */
public final class ShapeSceneSampler {
    private static final double[] COUNT_WEIGHTS = {0.25, 0.30, 0.25, 0.20};
    private static final double REPEAT = 0.2;
    private static final double UPSIDE_DOWN = 0.15;
    private static final double SPECKLED = 0.25;
    /** Patterns a shape can have (checked is a garment pattern). */
    public static final List<Pattern> SHAPE_PATTERNS = List.of(Pattern.PLAIN, Pattern.STRIPED, Pattern.DOTTED);

    public ShapeScene sample(SplittableRandom rng) {
        while (true) {
            Background bg = background(rng);
            int n = 1 + Draw.weighted(rng, COUNT_WEIGHTS);
            List<SceneObject> objs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (i > 0 && Draw.chance(rng, REPEAT)) {
                    objs.add(Draw.one(rng, objs).withJitter(objectJitter(rng)));
                } else {
                    objs.add(randomObject(rng, bg.colour()));
                }
            }
            Optional<List<SceneObject>> placed = Placer.place(objs, rng);
            if (placed.isPresent()) {
                return new ShapeScene(bg, placed.get());
            }
            // Four large objects may not fit: draw again (rare).
        }
    }

    public Background background(SplittableRandom rng) {
        return background(rng, Draw.one(rng, BackgroundColour.values()),
                Draw.chance(rng, SPECKLED) ? Texture.SPECKLED : Texture.PLAIN);
    }

    public Background background(SplittableRandom rng, BackgroundColour colour, Texture texture) {
        return new Background(colour, texture, Draw.uniform(rng, -0.04, 0.04), rng.nextLong());
    }

    /** A fresh background nuisance for the same semantic background. */
    public Background rejitter(SplittableRandom rng, Background b) {
        return background(rng, b.colour(), b.texture());
    }

    /** A random object (position unset: centre) whose colour contrasts with {@code bg}. */
    public SceneObject randomObject(SplittableRandom rng, BackgroundColour bg) {
        ShapeKind shape = Draw.one(rng, ShapeKind.values());
        Orientation o = shape.orientable() && Draw.chance(rng, UPSIDE_DOWN) ? Orientation.UPSIDE_DOWN : Orientation.UPRIGHT;
        Pattern p = SHAPE_PATTERNS.get(Draw.weighted(rng, 0.5, 0.25, 0.25));
        return new SceneObject(shape, colourOn(rng, bg), Draw.one(rng, Size.values()), p, o, 0.5, 0.5, objectJitter(rng));
    }

    public static Colour colourOn(SplittableRandom rng, BackgroundColour bg) {
        List<Colour> ok = new ArrayList<>();
        for (Colour c : Colour.values()) {
            if (c.contrastsWith(bg)) {
                ok.add(c);
            }
        }
        return Draw.one(rng, ok);
    }

    /** Rotation ±6°, size ±5 %, shade ±8 %. */
    public Jitter objectJitter(SplittableRandom rng) {
        return new Jitter(Draw.uniform(rng, -6, 6), Draw.uniform(rng, 0.95, 1.05), Draw.uniform(rng, -0.08, 0.08));
    }
}
