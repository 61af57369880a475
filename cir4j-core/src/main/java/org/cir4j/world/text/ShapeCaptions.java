package org.cir4j.world.text;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.cir4j.world.sample.Draw;
import org.cir4j.world.scene.Background;
import org.cir4j.world.scene.Numbers;
import org.cir4j.world.scene.Orientation;
import org.cir4j.world.scene.Pattern;
import org.cir4j.world.scene.Region;
import org.cir4j.world.scene.Relation;
import org.cir4j.world.scene.SceneObject;
import org.cir4j.world.scene.SceneObject.ObjectKey;
import org.cir4j.world.scene.ShapeKind;
import org.cir4j.world.scene.ShapeScene;
import org.cir4j.world.scene.Texture;

/**
 * Absolute captions of shapes scenes, for mini-CLIP pretraining: several paraphrase families, each
 * true of the scene. Full and partial descriptions (web captions rarely mention everything), counts,
 * relations, regions, negatives ("no triangles") and clause forms ("a star that is red and striped"),
 * so that the zero-shot prompt "a photo of $ that {caption}" is in distribution.
 */
public final class ShapeCaptions {
    private static final String[] PREFIXES = {"", "a photo of ", "a picture of ", "an image of ", "a drawing of "};
    private static final String[] WITH = {"a picture with ", "an image with ", "a photo with ", ""};

    private ShapeCaptions() {}

    /** {@code count} distinct captions (fewer only if the scene is too simple to phrase that many ways). */
    public static List<String> captions(ShapeScene s, int count, SplittableRandom rng) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (int t = 0; t < count * 8 && out.size() < count; t++) {
            String c = switch (rng.nextInt(7)) {
                case 0 -> full(s, rng);
                case 1 -> partial(s, rng);
                case 2 -> counting(s, rng);
                case 3 -> relation(s, rng);
                case 4 -> region(s, rng);
                case 5 -> negative(s, rng);
                default -> clause(s, rng);
            };
            if (c != null) {
                out.add(Words.fixArticles(c));
            }
        }
        return new ArrayList<>(out);
    }

    /** One caption of the clause family about {@code o}: "circle that is small and red" (no article). */
    public static String clauseAbout(ShapeScene s, SceneObject o, EnumSet<Attr> known, SplittableRandom rng) {
        List<String> parts = new ArrayList<>();
        List<String> adjs = adjectives(o, known);
        if (!adjs.isEmpty() && Draw.chance(rng, 0.6)) {
            parts.add("is " + Words.list(pickSome(adjs, 1 + rng.nextInt(Math.min(2, adjs.size())), rng)));
        }
        Region r = o.region();
        if (r.clearlyContains(o.x(), o.y()) && Draw.chance(rng, 0.4)) {
            parts.add("is " + r.locative());
        }
        List<String> rels = new ArrayList<>();
        for (SceneObject other : s.objects()) {
            if (other == o) {
                continue;
            }
            for (Relation rel : Relation.values()) {
                if (rel.holds(o, other)) {
                    rels.add("is " + rel.phrase() + " " + Words.a(np(other, someAttrs(other, rng), false)));
                }
            }
        }
        if (!rels.isEmpty() && Draw.chance(rng, 0.5)) {
            parts.add(Draw.one(rng, rels));
        }
        if (parts.isEmpty() || Draw.chance(rng, 0.25)) {
            parts.add("is on a " + background(s.background()) + " background");
        }
        if (parts.size() > 2) {
            parts = pickSome(parts, 2, rng);
        }
        return Words.list(parts);
    }

    /** Attributes a description may mention besides the noun. */
    public enum Attr { SIZE, ORIENTATION, COLOUR, PATTERN }

    // ------------------------------------------------------------------ families

    private static String full(ShapeScene s, SplittableRandom rng) {
        List<String> items = new ArrayList<>();
        for (Map.Entry<ObjectKey, Integer> e : groups(s).entrySet()) {
            items.add(counted(e.getKey(), e.getValue(), EnumSet.allOf(Attr.class)));
        }
        String c = Draw.one(rng, PREFIXES) + Words.list(items);
        return Draw.chance(rng, 0.6) ? c + " on a " + background(s.background()) + " background" : c;
    }

    private static String partial(ShapeScene s, SplittableRandom rng) {
        List<Map.Entry<ObjectKey, Integer>> gs = new ArrayList<>(groups(s).entrySet());
        List<Map.Entry<ObjectKey, Integer>> chosen = pickSome(gs, 1 + rng.nextInt(Math.min(2, gs.size())), rng);
        List<String> items = new ArrayList<>();
        for (Map.Entry<ObjectKey, Integer> e : chosen) {
            EnumSet<Attr> attrs = EnumSet.noneOf(Attr.class);
            if (Draw.chance(rng, 0.7)) attrs.add(Attr.COLOUR);
            if (Draw.chance(rng, 0.4)) attrs.add(Attr.SIZE);
            if (Draw.chance(rng, 0.5)) attrs.add(Attr.PATTERN);
            if (Draw.chance(rng, 0.5)) attrs.add(Attr.ORIENTATION);
            items.add(counted(e.getKey(), e.getValue(), attrs));
        }
        return Draw.one(rng, WITH) + Words.list(items);
    }

    private static String counting(ShapeScene s, SplittableRandom rng) {
        int n = s.objects().size();
        if (rng.nextBoolean()) {
            String noun = rng.nextBoolean() ? "shape" : "object";
            String what = n == 1 ? "a single " + noun : Numbers.word(n) + " " + noun + "s";
            String c = Draw.one(rng, PREFIXES) + what;
            return Draw.chance(rng, 0.5) ? c + " on a " + background(s.background()) + " background" : c;
        }
        Map<ShapeKind, Integer> byShape = new TreeMap<>();
        for (SceneObject o : s.objects()) {
            byShape.merge(o.shape(), 1, Integer::sum);
        }
        List<String> items = new ArrayList<>();
        for (Map.Entry<ShapeKind, Integer> e : byShape.entrySet()) {
            items.add(e.getValue() == 1 ? Words.a(e.getKey().noun()) : Numbers.word(e.getValue()) + " " + e.getKey().plural());
        }
        return Draw.one(rng, PREFIXES) + Words.list(items);
    }

    private static String relation(ShapeScene s, SplittableRandom rng) {
        List<String> options = new ArrayList<>();
        for (SceneObject a : s.objects()) {
            for (SceneObject b : s.objects()) {
                if (a == b) {
                    continue;
                }
                for (Relation r : Relation.values()) {
                    if (r.holds(a, b)) {
                        options.add(Words.a(np(a, someAttrs(a, rng), false)) + " " + r.phrase() + " "
                                + Words.a(np(b, someAttrs(b, rng), false)));
                    }
                }
            }
        }
        return options.isEmpty() ? null : Draw.one(rng, PREFIXES) + Draw.one(rng, options);
    }

    private static String region(ShapeScene s, SplittableRandom rng) {
        List<String> options = new ArrayList<>();
        for (SceneObject o : s.objects()) {
            Region r = o.region();
            if (r.clearlyContains(o.x(), o.y())) {
                options.add(Words.a(np(o, someAttrs(o, rng), false)) + " " + r.locative());
            }
        }
        return options.isEmpty() ? null : Draw.one(rng, PREFIXES) + Draw.one(rng, options);
    }

    private static String negative(ShapeScene s, SplittableRandom rng) {
        EnumSet<ShapeKind> absent = EnumSet.allOf(ShapeKind.class);
        for (SceneObject o : s.objects()) {
            absent.remove(o.shape());
        }
        String none = "no " + Draw.one(rng, absent).plural();
        return switch (rng.nextInt(3)) {
            case 0 -> {
                SceneObject o = Draw.one(rng, s.objects());
                yield Draw.one(rng, PREFIXES) + Words.a(np(o, someAttrs(o, rng), false)) + " and " + none;
            }
            case 1 -> Draw.one(rng, WITH).isEmpty() ? "a picture with " + none : Draw.one(rng, WITH) + none;
            default -> "there are " + none;
        };
    }

    private static String clause(ShapeScene s, SplittableRandom rng) {
        SceneObject o = Draw.one(rng, s.objects());
        String start = Draw.chance(rng, 0.5) ? "a photo of " : "";
        return start + Words.a(o.shape().noun()) + " that " + clauseAbout(s, o, EnumSet.noneOf(Attr.class), rng);
    }

    // ------------------------------------------------------------------ helpers

    private static Map<ObjectKey, Integer> groups(ShapeScene s) {
        Map<ObjectKey, Integer> g = new TreeMap<>();
        for (SceneObject o : s.objects()) {
            g.merge(o.key(), 1, Integer::sum);
        }
        return g;
    }

    private static String counted(ObjectKey k, int count, EnumSet<Attr> attrs) {
        String bare = np(k, attrs, count > 1);
        return count == 1 ? Words.a(bare) : Numbers.word(count) + " " + bare;
    }

    private static EnumSet<Attr> someAttrs(SceneObject o, SplittableRandom rng) {
        EnumSet<Attr> a = EnumSet.noneOf(Attr.class);
        if (Draw.chance(rng, 0.6)) a.add(Attr.COLOUR);
        if (Draw.chance(rng, 0.25)) a.add(Attr.SIZE);
        if (Draw.chance(rng, 0.3)) a.add(Attr.PATTERN);
        return a;
    }

    static String np(SceneObject o, EnumSet<Attr> attrs, boolean plural) {
        return np(o.key(), attrs, plural);
    }

    /** Noun phrase: plain pattern and upright orientation are never said (the unmarked defaults). */
    static String np(ObjectKey k, EnumSet<Attr> attrs, boolean plural) {
        List<String> w = new ArrayList<>();
        if (attrs.contains(Attr.SIZE)) w.add(k.size().word());
        if (attrs.contains(Attr.ORIENTATION) && k.orientation() == Orientation.UPSIDE_DOWN) w.add(k.orientation().word());
        if (attrs.contains(Attr.COLOUR)) w.add(k.colour().word());
        if (attrs.contains(Attr.PATTERN) && k.pattern() != Pattern.PLAIN) w.add(k.pattern().word());
        w.add(plural ? k.shape().plural() : k.shape().noun());
        return String.join(" ", w);
    }

    /** Adjectives true of {@code o} that a clause may state, except those in {@code known}. */
    static List<String> adjectives(SceneObject o, EnumSet<Attr> known) {
        List<String> adjs = new ArrayList<>();
        if (!known.contains(Attr.SIZE)) adjs.add(o.size().word());
        if (!known.contains(Attr.COLOUR)) adjs.add(o.colour().word());
        if (!known.contains(Attr.PATTERN)) adjs.add(o.pattern().word());
        if (!known.contains(Attr.ORIENTATION) && o.orientation() == Orientation.UPSIDE_DOWN) adjs.add("upside down");
        return adjs;
    }

    static String background(Background b) {
        return (b.texture() == Texture.SPECKLED ? "speckled " : "") + b.colour().word();
    }

    static <T> List<T> pickSome(List<T> items, int n, SplittableRandom rng) {
        List<T> copy = new ArrayList<>(items);
        List<T> out = new ArrayList<>();
        for (int i = 0; i < n && !copy.isEmpty(); i++) {
            out.add(copy.remove(rng.nextInt(copy.size())));
        }
        return out;
    }
}
