package org.cir4j.world.query;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.cir4j.world.query.Referring.Attr;
import org.cir4j.world.query.ShapeDraft.Placement;
import org.cir4j.world.query.ShapeDraft.Slot;
import org.cir4j.world.sample.Draw;
import org.cir4j.world.sample.ShapeSceneSampler;
import org.cir4j.world.scene.BackgroundColour;
import org.cir4j.world.scene.Colour;
import org.cir4j.world.scene.Numbers;
import org.cir4j.world.scene.Orientation;
import org.cir4j.world.scene.Pattern;
import org.cir4j.world.scene.Region;
import org.cir4j.world.scene.Relation;
import org.cir4j.world.scene.SceneObject;
import org.cir4j.world.scene.ShapeKind;
import org.cir4j.world.scene.ShapeScene;
import org.cir4j.world.scene.Size;
import org.cir4j.world.scene.Texture;
import org.cir4j.world.spec.ObjectSpec;
import org.cir4j.world.text.Words;

/**
 * The edits a shapes query can ask for, one method per kind. Each checks that it applies to the
 * current draft, changes the draft, and returns the clause that states the change; when it does not
 * apply it returns empty and leaves the draft as it was.
 *
 * <p>Conventions the captions rely on: a new object is described in full (plain pattern and upright
 * orientation are the unmarked defaults); "has two circles" adds copies of the circle that is there;
 * a replacement shape ("a heart instead of the star") keeps the colour, size and pattern of what it
 * replaces, stands upright, and the caption names its colour when that changes too.
 */
final class ShapeEdits {

    /** Edit kinds and the aspect each belongs to. */
    enum Kind {
        CARDINALITY(CircoAspect.CARDINALITY),
        ADDITION(CircoAspect.ADDITION),
        NEGATION(CircoAspect.NEGATION),
        COLOUR(CircoAspect.DIRECT_ADDRESSING),
        PATTERN(CircoAspect.DIRECT_ADDRESSING),
        ORIENTATION(CircoAspect.DIRECT_ADDRESSING),
        SHAPE_SWAP(CircoAspect.COMPARE_CHANGE),
        SIZE_COMPARATIVE(CircoAspect.COMPARATIVE_STATEMENT),
        BACKGROUND_COLOUR(CircoAspect.SPATIAL_RELATIONS_BACKGROUND),
        BACKGROUND_TEXTURE(CircoAspect.SPATIAL_RELATIONS_BACKGROUND),
        REGION(CircoAspect.SPATIAL_RELATIONS_BACKGROUND),
        RELATION(CircoAspect.SPATIAL_RELATIONS_BACKGROUND),
        MIRROR(CircoAspect.VIEWPOINT),
        ROTATE(CircoAspect.VIEWPOINT);

        final CircoAspect aspect;

        Kind(CircoAspect aspect) {
            this.aspect = aspect;
        }
    }

    private final ShapeSceneSampler sampler;

    ShapeEdits(ShapeSceneSampler sampler) {
        this.sampler = sampler;
    }

    /** A kind of the given aspect (conjunction excluded), drawn with fixed weights. */
    static Kind kindFor(CircoAspect aspect, SplittableRandom rng) {
        return switch (aspect) {
            case CARDINALITY -> Kind.CARDINALITY;
            case ADDITION -> Kind.ADDITION;
            case NEGATION -> Kind.NEGATION;
            case DIRECT_ADDRESSING -> List.of(Kind.COLOUR, Kind.PATTERN, Kind.ORIENTATION)
                    .get(Draw.weighted(rng, 0.45, 0.35, 0.2));
            case COMPARE_CHANGE -> Kind.SHAPE_SWAP;
            case COMPARATIVE_STATEMENT -> Kind.SIZE_COMPARATIVE;
            case SPATIAL_RELATIONS_BACKGROUND -> List.of(Kind.BACKGROUND_COLOUR, Kind.BACKGROUND_TEXTURE, Kind.REGION,
                    Kind.RELATION).get(Draw.weighted(rng, 0.3, 0.1, 0.3, 0.3));
            case VIEWPOINT -> rng.nextBoolean() ? Kind.MIRROR : Kind.ROTATE;
            case STATEMENT_WITH_CONJUNCTION -> throw new IllegalArgumentException("a conjunction is two edits, not one kind");
        };
    }

    /** Whether a kind may be one half of a conjunction (whole-image viewpoint edits may not). */
    static boolean combinable(Kind k) {
        return k.aspect != CircoAspect.VIEWPOINT;
    }

    Optional<Clause> apply(Kind kind, ShapeDraft d, SplittableRandom rng) {
        if (d.exclusive) {
            return Optional.empty();
        }
        return switch (kind) {
            case CARDINALITY -> cardinality(d, rng);
            case ADDITION -> addition(d, rng);
            case NEGATION -> negation(d, rng);
            case COLOUR -> colour(d, rng);
            case PATTERN -> pattern(d, rng);
            case ORIENTATION -> orientation(d, rng);
            case SHAPE_SWAP -> shapeSwap(d, rng);
            case SIZE_COMPARATIVE -> sizeComparative(d, rng);
            case BACKGROUND_COLOUR -> backgroundColour(d, rng);
            case BACKGROUND_TEXTURE -> backgroundTexture(d, rng);
            case REGION -> region(d, rng);
            case RELATION -> relation(d, rng);
            case MIRROR -> wholeImage(d, false);
            case ROTATE -> wholeImage(d, true);
        };
    }

    // ------------------------------------------------------------------ helpers

    /** A described group: the slots meant and their bare descriptor. */
    private record Described(List<Slot> slots, Set<Attr> attrs) {
        SceneObject basis() {
            return slots.get(0).basis;
        }

        String bare(boolean plural) {
            return Referring.phrase(basis(), attrs, plural);
        }

        /** "the red circle" / "the red circles" (by group size). */
        String the() {
            return "the " + bare(slots.size() > 1);
        }
    }

    private Optional<Described> describe(ShapeDraft d, List<Slot> group, Attr excluded, SplittableRandom rng) {
        return Referring.distinguishing(group.get(0).basis, d.specsExcept(group), excluded, rng)
                .map(a -> new Described(group, a));
    }

    /** A random describable single untouched object (optionally from the reference only). */
    private Optional<Described> single(ShapeDraft d, boolean fromRefOnly, Attr excluded, SplittableRandom rng) {
        List<Slot> cands = new ArrayList<>(d.untouchedSlots());
        Collections.shuffle(cands, new java.util.Random(rng.nextLong()));
        for (Slot s : cands) {
            if (fromRefOnly && !s.fromRef) {
                continue;
            }
            Optional<Described> ds = describe(d, List.of(s), excluded, rng);
            if (ds.isPresent()) {
                return ds;
            }
        }
        return Optional.empty();
    }

    private static Map<String, String> slots(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    private static <T> List<T> shuffled(List<T> in, SplittableRandom rng) {
        List<T> out = new ArrayList<>(in);
        Collections.shuffle(out, new java.util.Random(rng.nextLong()));
        return out;
    }

    // ------------------------------------------------------------------ edits

    private Optional<Clause> cardinality(ShapeDraft d, SplittableRandom rng) {
        for (List<Slot> g : shuffled(d.untouchedGroups(), rng)) {
            int c = g.size();
            List<Integer> counts = new ArrayList<>();
            for (int n = 1; n <= 3; n++) {
                int total = d.slots.size() - c + n;
                if (n != c && total <= ShapeScene.MAX_OBJECTS) {
                    counts.add(n);
                }
            }
            Optional<Described> ds = describe(d, g, null, rng);
            if (counts.isEmpty() || ds.isEmpty()) {
                continue;
            }
            int n = Draw.one(rng, counts);
            Described desc = ds.get();
            String things = desc.bare(n > 1);
            String os = desc.bare(true);
            for (Slot s : g) {
                s.touched = true;
            }
            if (n > c) {
                for (int k = c; k < n; k++) {
                    Slot copy = new Slot(g.get(0).spec, g.get(0).basis.withJitter(sampler.objectJitter(rng)), false, false);
                    copy.touched = true;
                    d.slots.add(copy);
                }
            } else {
                for (int k = n; k < c; k++) {
                    d.slots.remove(g.get(k));
                }
            }
            return Optional.of(Clause.of("shapes.cardinality", CircoAspect.CARDINALITY,
                    "number of " + os + ": " + c + " -> " + n,
                    slots("n", Numbers.word(n), "things", things, "os", os),
                    List.of(Numbers.word(n), desc.basis().shape().noun())));
        }
        return Optional.empty();
    }

    private Optional<Clause> addition(ShapeDraft d, SplittableRandom rng) {
        if (d.slots.size() >= ShapeScene.MAX_OBJECTS) {
            return Optional.empty();
        }
        SceneObject o = sampler.randomObject(rng, d.background());
        Slot s = new Slot(ObjectSpec.exactly(o), o, false, false);
        s.touched = true;
        String full = Referring.full(o);
        String loc = "";
        List<String> mentions = new ArrayList<>(List.of(o.size().word(), o.colour().word(), o.shape().noun()));
        d.slots.add(s);
        if (Draw.chance(rng, 0.3)) {
            Region r = Draw.one(rng, Region.values());
            d.placements.add(new Placement(s, null, null, r));
            loc = " " + r.locative();
            mentions.add(r.word());
        }
        return Optional.of(Clause.of("shapes.addition", CircoAspect.ADDITION, "add " + full + loc,
                slots("new", Words.a(full) + loc, "newbare", full + loc), mentions));
    }

    private Optional<Clause> negation(ShapeDraft d, SplittableRandom rng) {
        for (List<Slot> g : shuffled(d.untouchedGroups(), rng)) {
            if (d.slots.size() - g.size() < 1) {
                continue;
            }
            Optional<Described> ds = describe(d, g, null, rng);
            if (ds.isEmpty()) {
                continue;
            }
            Described desc = ds.get();
            d.slots.removeAll(g);
            return Optional.of(Clause.of("shapes.negation", CircoAspect.NEGATION, "remove " + desc.the(),
                    slots("the", desc.the(), "os", desc.bare(true)), List.of(desc.basis().shape().noun())));
        }
        return Optional.empty();
    }

    private Optional<Clause> colour(ShapeDraft d, SplittableRandom rng) {
        Optional<Described> ds = single(d, false, null, rng);
        if (ds.isEmpty()) {
            return Optional.empty();
        }
        Described desc = ds.get();
        Slot s = desc.slots().get(0);
        List<Colour> options = new ArrayList<>();
        for (Colour c : Colour.values()) {
            if (c != s.basis.colour() && c.contrastsWith(d.background())) {
                options.add(c);
            }
        }
        Colour c = Draw.one(rng, options);
        String the = desc.the();
        s.spec = s.spec.withColours(EnumSet.of(c));
        s.basis = s.basis.withColour(c);
        s.touched = true;
        return Optional.of(Clause.of("shapes.direct.colour", CircoAspect.DIRECT_ADDRESSING, the + " -> " + c,
                slots("the", the, "v", c.word()), List.of(c.word())));
    }

    private Optional<Clause> pattern(ShapeDraft d, SplittableRandom rng) {
        Optional<Described> ds = single(d, false, null, rng);
        if (ds.isEmpty()) {
            return Optional.empty();
        }
        Described desc = ds.get();
        Slot s = desc.slots().get(0);
        List<Pattern> options = new ArrayList<>(ShapeSceneSampler.SHAPE_PATTERNS);
        options.remove(s.basis.pattern());
        Pattern p = Draw.one(rng, options);
        String the = desc.the();
        s.spec = s.spec.withPatterns(EnumSet.of(p));
        s.basis = s.basis.withPattern(p);
        s.touched = true;
        return Optional.of(Clause.of("shapes.direct.pattern", CircoAspect.DIRECT_ADDRESSING, the + " -> " + p,
                slots("the", the, "v", p.word()), List.of(p.word())));
    }

    private Optional<Clause> orientation(ShapeDraft d, SplittableRandom rng) {
        for (Slot s : shuffled(d.untouchedSlots(), rng)) {
            if (!s.basis.shape().orientable()) {
                continue;
            }
            Optional<Described> ds = describe(d, List.of(s), null, rng);
            if (ds.isEmpty()) {
                continue;
            }
            String the = ds.get().the();
            Orientation o = s.basis.orientation().flipped();
            String v = o == Orientation.UPSIDE_DOWN ? "upside down" : "upright";
            s.spec = s.spec.withOrientations(EnumSet.of(o));
            s.basis = s.basis.withOrientation(o);
            s.touched = true;
            return Optional.of(Clause.of("shapes.direct.orientation", CircoAspect.DIRECT_ADDRESSING, the + " -> " + v,
                    slots("the", the, "v", v), List.of(v)));
        }
        return Optional.empty();
    }

    private Optional<Clause> shapeSwap(ShapeDraft d, SplittableRandom rng) {
        Optional<Described> ds = single(d, false, null, rng);
        if (ds.isEmpty()) {
            return Optional.empty();
        }
        Described desc = ds.get();
        Slot s = desc.slots().get(0);
        List<ShapeKind> options = new ArrayList<>(List.of(ShapeKind.values()));
        options.remove(s.basis.shape());
        ShapeKind k = Draw.one(rng, options);
        String the = desc.the();
        String what = k.noun();
        List<String> mentions = new ArrayList<>(List.of(k.noun()));
        SceneObject b = s.basis.withShape(k).withOrientation(Orientation.UPRIGHT);
        ObjectSpec spec = s.spec.withShapes(EnumSet.of(k)).withOrientations(EnumSet.of(Orientation.UPRIGHT));
        if (Draw.chance(rng, 0.3)) {
            List<Colour> cs = new ArrayList<>();
            for (Colour c : Colour.values()) {
                if (c != b.colour() && c.contrastsWith(d.background())) {
                    cs.add(c);
                }
            }
            Colour c = Draw.one(rng, cs);
            b = b.withColour(c);
            spec = spec.withColours(EnumSet.of(c));
            what = c.word() + " " + what;
            mentions.add(c.word());
        }
        s.spec = spec;
        s.basis = b;
        s.touched = true;
        return Optional.of(Clause.of("shapes.compare.shape", CircoAspect.COMPARE_CHANGE, the + " -> " + what,
                slots("the", the, "s", Words.a(what)), mentions));
    }

    private Optional<Clause> sizeComparative(ShapeDraft d, SplittableRandom rng) {
        Optional<Described> ds = single(d, false, Attr.SIZE, rng);
        if (ds.isEmpty()) {
            return Optional.empty();
        }
        Described desc = ds.get();
        Slot s = desc.slots().get(0);
        Size cur = s.basis.size();
        boolean bigger = cur == Size.SMALL || (cur != Size.LARGE && rng.nextBoolean());
        EnumSet<Size> allowed = EnumSet.noneOf(Size.class);
        for (Size z : Size.values()) {
            if (bigger ? z.compareTo(cur) > 0 : z.compareTo(cur) < 0) {
                allowed.add(z);
            }
        }
        String cmp = bigger ? (rng.nextBoolean() ? "bigger" : "larger") : "smaller";
        String the = desc.the();
        String o = desc.bare(false);
        s.spec = s.spec.withSizes(allowed);
        s.touched = true;
        return Optional.of(Clause.of("shapes.comparative.size", CircoAspect.COMPARATIVE_STATEMENT,
                the + " " + cmp + " (" + cur + " -> " + allowed + ")",
                slots("the", the, "o", o, "cmp", cmp), List.of(cmp)));
    }

    private Optional<Clause> backgroundColour(ShapeDraft d, SplittableRandom rng) {
        if (d.backgroundTouched) {
            return Optional.empty();
        }
        List<BackgroundColour> options = new ArrayList<>();
        for (BackgroundColour b : BackgroundColour.values()) {
            if (b == d.background()) {
                continue;
            }
            boolean ok = true;
            for (Slot s : d.slots) {
                ok &= s.basis.colour().contrastsWith(b);
            }
            if (ok) {
                options.add(b);
            }
        }
        if (options.isEmpty()) {
            return Optional.empty();
        }
        BackgroundColour b = Draw.one(rng, options);
        d.backgrounds = EnumSet.of(b);
        d.backgroundTouched = true;
        return Optional.of(Clause.of("shapes.background.colour", CircoAspect.SPATIAL_RELATIONS_BACKGROUND,
                "background -> " + b, slots("v", b.word()), List.of(b.word())));
    }

    private Optional<Clause> backgroundTexture(ShapeDraft d, SplittableRandom rng) {
        if (d.backgroundTouched) {
            return Optional.empty();
        }
        Texture t = d.textures.iterator().next() == Texture.PLAIN ? Texture.SPECKLED : Texture.PLAIN;
        d.textures = EnumSet.of(t);
        d.backgroundTouched = true;
        return Optional.of(Clause.of("shapes.background.texture", CircoAspect.SPATIAL_RELATIONS_BACKGROUND,
                "background texture -> " + t, slots("v", t.word()), List.of(t.word())));
    }

    private Optional<Clause> region(ShapeDraft d, SplittableRandom rng) {
        Optional<Described> ds = single(d, true, null, rng);
        if (ds.isEmpty()) {
            return Optional.empty();
        }
        Described desc = ds.get();
        Slot s = desc.slots().get(0);
        List<Region> options = new ArrayList<>(List.of(Region.values()));
        options.remove(s.basis.region());
        Region r = Draw.one(rng, options);
        s.touched = true;
        s.keepPosition = false;
        d.placements.add(new Placement(s, null, null, r));
        return Optional.of(Clause.of("shapes.spatial.region", CircoAspect.SPATIAL_RELATIONS_BACKGROUND,
                desc.the() + " -> " + r, slots("the", desc.the(), "loc", r.locative(), "dir", r.directional()),
                List.of(r.word())));
    }

    private Optional<Clause> relation(ShapeDraft d, SplittableRandom rng) {
        List<Slot> cands = new ArrayList<>();
        for (Slot s : d.untouchedSlots()) {
            if (s.fromRef) {
                cands.add(s);
            }
        }
        if (cands.size() < 2) {
            return Optional.empty();
        }
        cands = shuffled(cands, rng);
        for (int i = 0; i < cands.size(); i++) {
            for (int j = 0; j < cands.size(); j++) {
                if (i == j) {
                    continue;
                }
                Slot a = cands.get(i);
                Slot b = cands.get(j);
                Optional<Described> da = describe(d, List.of(a), null, rng);
                Optional<Described> db = describe(d, List.of(b), null, rng);
                if (da.isEmpty() || db.isEmpty()) {
                    continue;
                }
                List<Relation> rels = new ArrayList<>();
                for (Relation r : Relation.values()) {
                    if (!r.holds(a.basis, b.basis)) {
                        rels.add(r);
                    }
                }
                Relation r = Draw.one(rng, rels);
                a.touched = true;
                b.touched = true;
                a.keepPosition = false;
                d.placements.add(new Placement(a, r, b, null));
                return Optional.of(Clause.of("shapes.spatial.relation", CircoAspect.SPATIAL_RELATIONS_BACKGROUND,
                        da.get().the() + " " + r + " " + db.get().the(),
                        slots("the", da.get().the(), "rel", r.phrase(), "the2", db.get().the()), List.of(r.phrase())));
            }
        }
        return Optional.empty();
    }

    /**
     * Mirror (x → 1 − x) or rotate by 180 degrees (both axes, orientable shapes turned over). The
     * target states every region and relation that is clear in the transformed layout, so that any
     * ground truth really looks mirrored / rotated, while exact coordinates stay free.
     */
    private Optional<Clause> wholeImage(ShapeDraft d, boolean rotate) {
        if (!d.untouched()) {
            return Optional.empty();
        }
        for (Slot s : d.slots) {
            SceneObject b = s.basis;
            SceneObject moved = b.at(1 - b.x(), rotate ? 1 - b.y() : b.y());
            if (rotate && b.shape().orientable()) {
                moved = moved.withOrientation(b.orientation().flipped());
                s.spec = s.spec.withOrientations(EnumSet.of(moved.orientation()));
            }
            s.basis = moved;
            s.touched = true;
        }
        for (Slot s : d.slots) {
            Region r = s.basis.region();
            if (r.clearlyContains(s.basis.x(), s.basis.y())) {
                d.placements.add(new Placement(s, null, null, r));
            }
        }
        for (Slot a : d.slots) {
            for (Slot b : d.slots) {
                if (a == b) {
                    continue;
                }
                if (Relation.LEFT_OF.holds(a.basis, b.basis)) {
                    d.placements.add(new Placement(a, Relation.LEFT_OF, b, null));
                }
                if (Relation.ABOVE.holds(a.basis, b.basis)) {
                    d.placements.add(new Placement(a, Relation.ABOVE, b, null));
                }
            }
        }
        d.exclusive = true;
        String family = rotate ? "shapes.viewpoint.rotate" : "shapes.viewpoint.mirror";
        return Optional.of(Clause.of(family, CircoAspect.VIEWPOINT, rotate ? "rotated by 180 degrees" : "mirrored",
                Map.of(), List.of()));
    }
}
