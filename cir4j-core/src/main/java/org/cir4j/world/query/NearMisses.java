package org.cir4j.world.query;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.cir4j.world.sample.Draw;
import org.cir4j.world.sample.GarmentSceneSampler;
import org.cir4j.world.sample.Placer;
import org.cir4j.world.sample.ShapeSceneSampler;
import org.cir4j.world.scene.BackgroundColour;
import org.cir4j.world.scene.Colour;
import org.cir4j.world.scene.Garment;
import org.cir4j.world.scene.GarmentCategory;
import org.cir4j.world.scene.GarmentLength;
import org.cir4j.world.scene.GarmentScene;
import org.cir4j.world.scene.GarmentView;
import org.cir4j.world.scene.Neckline;
import org.cir4j.world.scene.Pattern;
import org.cir4j.world.scene.PrintMotif;
import org.cir4j.world.scene.Scene;
import org.cir4j.world.scene.SceneObject;
import org.cir4j.world.scene.ShapeKind;
import org.cir4j.world.scene.ShapeScene;
import org.cir4j.world.scene.Size;
import org.cir4j.world.scene.SleeveLength;
import org.cir4j.world.scene.Texture;
import org.cir4j.world.spec.TargetSpec;

/**
 * Hard negatives: the target with exactly one thing changed (one attribute of one object, the
 * background, one object more or less, or a stated placement broken) that makes it fail the query.
 * Half the time the change hits what the caption was about, so a model that ignores the caption's
 * detail is caught. Every near miss is checked against the ground-truth predicate.
 */
final class NearMisses {
    private static final int TRIES = 60;

    private final ShapeSceneSampler shapes;
    private final GarmentSceneSampler garments;

    NearMisses(ShapeSceneSampler shapes, GarmentSceneSampler garments) {
        this.shapes = shapes;
        this.garments = garments;
    }

    /**
     * @param focus indices of target objects the caption touched (shapes), may be empty
     * @return up to {@code count} distinct near misses (fewer only if the tries run out)
     */
    List<Scene> make(Scene target, TargetSpec spec, Set<Integer> focus, Set<GarmentDraft.Attr> garmentFocus,
                     int count, SplittableRandom rng) {
        List<Scene> out = new ArrayList<>();
        Set<Object> seen = new HashSet<>();
        seen.add(signature(target));
        for (int t = 0; t < TRIES && out.size() < count; t++) {
            Optional<? extends Scene> m = target instanceof ShapeScene s
                    ? mutate(s, spec, focus, rng)
                    : mutate((GarmentScene) target, garmentFocus, rng);
            if (m.isPresent() && !spec.isSatisfiedBy(m.get()) && seen.add(signature(m.get()))) {
                out.add(m.get());
            }
        }
        return out;
    }

    /** Semantic identity (plus layout for shapes: a broken placement is a different near miss). */
    private static Object signature(Scene s) {
        if (s instanceof ShapeScene sh) {
            List<Object> sig = new ArrayList<>(sh.keys());
            sig.add(sh.background().colour());
            sig.add(sh.background().texture());
            List<String> regions = new ArrayList<>();
            for (SceneObject o : sh.objects()) {
                regions.add(o.key() + "@" + o.region());
            }
            regions.sort(null);
            sig.addAll(regions);
            return sig;
        }
        GarmentScene g = (GarmentScene) s;
        return List.of(g.garment(), g.background().colour(), g.background().texture(), g.view());
    }

    private enum ShapeChange { COLOUR, SHAPE, SIZE, PATTERN, ORIENTATION, BACKGROUND, TEXTURE, REMOVE, ADD, PLACEMENT }

    private Optional<ShapeScene> mutate(ShapeScene t, TargetSpec spec, Set<Integer> focus, SplittableRandom rng) {
        List<SceneObject> objs = new ArrayList<>(t.objects());
        int i = !focus.isEmpty() && rng.nextBoolean() ? Draw.one(rng, new ArrayList<>(focus)) : rng.nextInt(objs.size());
        SceneObject o = objs.get(i);
        ShapeChange change = Draw.one(rng, ShapeChange.values());
        var bg = t.background();
        boolean keepConstraints = true;
        switch (change) {
            case COLOUR -> objs.set(i, o.withColour(other(rng, contrasting(bg.colour()), o.colour())));
            case SHAPE -> objs.set(i, o.withShape(other(rng, List.of(ShapeKind.values()), o.shape())));
            case SIZE -> objs.set(i, o.withSize(other(rng, List.of(Size.values()), o.size())));
            case PATTERN -> objs.set(i, o.withPattern(other(rng, ShapeSceneSampler.SHAPE_PATTERNS, o.pattern())));
            case ORIENTATION -> {
                if (!o.shape().orientable()) {
                    return Optional.empty();
                }
                objs.set(i, o.withOrientation(o.orientation().flipped()));
            }
            case BACKGROUND -> {
                List<BackgroundColour> ok = new ArrayList<>();
                for (BackgroundColour b : BackgroundColour.values()) {
                    boolean all = b != bg.colour();
                    for (SceneObject x : objs) {
                        all &= x.colour().contrastsWith(b);
                    }
                    if (all) {
                        ok.add(b);
                    }
                }
                if (ok.isEmpty()) {
                    return Optional.empty();
                }
                bg = bg.withColour(Draw.one(rng, ok));
            }
            case TEXTURE -> bg = bg.withTexture(bg.texture() == Texture.PLAIN ? Texture.SPECKLED : Texture.PLAIN);
            case REMOVE -> {
                if (objs.size() < 2) {
                    return Optional.empty();
                }
                objs.remove(i);
                keepConstraints = false;
            }
            case ADD -> {
                if (objs.size() >= ShapeScene.MAX_OBJECTS) {
                    return Optional.empty();
                }
                objs.add(Draw.chance(rng, 0.5) ? o : shapes.randomObject(rng, bg.colour()));
                keepConstraints = false;
            }
            case PLACEMENT -> {
                return breakPlacement(t, spec, rng);
            }
        }
        List<SceneObject> jittered = new ArrayList<>();
        Set<Integer> keep = new HashSet<>();
        for (int k = 0; k < objs.size(); k++) {
            jittered.add(objs.get(k).withJitter(shapes.objectJitter(rng)));
            keep.add(k);
        }
        var constraints = keepConstraints && spec instanceof org.cir4j.world.spec.ShapeTarget st
                ? st.constraints() : List.<org.cir4j.world.spec.Constraint>of();
        var bgFinal = shapes.rejitter(rng, bg);
        return Placer.place(jittered, constraints, keep, rng).map(p -> new ShapeScene(bgFinal, p));
    }

    /** Same objects, a fresh layout in which some stated placement fails. */
    private Optional<ShapeScene> breakPlacement(ShapeScene t, TargetSpec spec, SplittableRandom rng) {
        if (!(spec instanceof org.cir4j.world.spec.ShapeTarget st) || st.constraints().isEmpty()) {
            return Optional.empty();
        }
        List<SceneObject> objs = new ArrayList<>();
        for (SceneObject o : t.objects()) {
            objs.add(o.withJitter(shapes.objectJitter(rng)));
        }
        for (int k = 0; k < 10; k++) {
            Optional<List<SceneObject>> p = Placer.place(objs, rng);
            if (p.isPresent()) {
                ShapeScene s = new ShapeScene(shapes.rejitter(rng, t.background()), p.get());
                if (!spec.isSatisfiedBy(s)) {
                    return Optional.of(s);
                }
            }
        }
        return Optional.empty();
    }

    private Optional<GarmentScene> mutate(GarmentScene t, Set<GarmentDraft.Attr> focus, SplittableRandom rng) {
        GarmentDraft.Attr a = !focus.isEmpty() && rng.nextBoolean() ? Draw.one(rng, new ArrayList<>(focus))
                : Draw.one(rng, GarmentDraft.Attr.values());
        Garment g = t.garment();
        GarmentScene s = garments.rejitter(rng, t);
        switch (a) {
            case CATEGORY -> g = g.withCategory(other(rng, List.of(GarmentCategory.values()), g.category()));
            case COLOUR -> g = g.withColour(other(rng, contrasting(t.background().colour()), g.colour()));
            case SLEEVES -> g = g.withSleeves(other(rng, List.of(SleeveLength.values()), g.sleeves()));
            case NECKLINE -> g = g.withNeckline(other(rng, List.of(Neckline.values()), g.neckline()));
            case LENGTH -> g = g.withLength(other(rng, List.of(GarmentLength.values()), g.length()));
            case PATTERN -> g = g.withPattern(other(rng, List.of(Pattern.values()), g.pattern()));
            case PRINT -> {
                if (g.print() == PrintMotif.NONE) {
                    PrintMotif m = PrintMotif.values()[1 + rng.nextInt(3)];
                    g = g.withPrint(m, 1 + rng.nextInt(Garment.MAX_PRINTS));
                } else if (rng.nextBoolean()) {
                    g = g.withPrint(g.print(), other(rng, List.of(1, 2, 3), g.printCount()));
                } else {
                    PrintMotif m = other(rng, List.of(PrintMotif.values()), g.print());
                    g = g.withPrint(m, m == PrintMotif.NONE ? 0 : g.printCount());
                }
            }
            case BACKGROUND -> {
                List<BackgroundColour> ok = new ArrayList<>();
                for (BackgroundColour b : BackgroundColour.values()) {
                    if (b != t.background().colour() && g.colour().contrastsWith(b)) {
                        ok.add(b);
                    }
                }
                if (ok.isEmpty()) {
                    return Optional.empty();
                }
                s = s.withBackground(garments.background(rng, Draw.one(rng, ok), t.background().texture()));
            }
            case VIEW -> s = s.withView(other(rng, List.of(GarmentView.values()), t.view()));
        }
        return Optional.of(s.withGarment(g));
    }

    private static List<Colour> contrasting(BackgroundColour bg) {
        List<Colour> out = new ArrayList<>();
        for (Colour c : Colour.values()) {
            if (c.contrastsWith(bg)) {
                out.add(c);
            }
        }
        return out;
    }

    private static <T> T other(SplittableRandom rng, List<T> values, T current) {
        List<T> opts = new ArrayList<>(values);
        opts.remove(current);
        return Draw.one(rng, opts);
    }

    static Set<GarmentDraft.Attr> noFocus() {
        return EnumSet.noneOf(GarmentDraft.Attr.class);
    }
}
