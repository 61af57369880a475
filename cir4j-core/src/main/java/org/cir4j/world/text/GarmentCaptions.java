package org.cir4j.world.text;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.SplittableRandom;
import org.cir4j.world.sample.Draw;
import org.cir4j.world.scene.Garment;
import org.cir4j.world.scene.GarmentScene;
import org.cir4j.world.scene.GarmentView;
import org.cir4j.world.scene.Pattern;
import org.cir4j.world.scene.PrintMotif;
import org.cir4j.world.scene.SleeveLength;

/**
 * Absolute captions of garment scenes, for mini-CLIP pretraining: full and partial descriptions,
 * clause forms ("a dress that has long sleeves"), negatives ("a top with no print") and context
 * (background, view). Every caption is true of the scene.
 */
public final class GarmentCaptions {
    private static final String[] PREFIXES = {"", "a photo of ", "a picture of ", "an image of ", "a product photo of "};

    /** Garment attributes a description may mention besides the category noun. */
    public enum Attr { COLOUR, PATTERN, LENGTH, SLEEVES, NECKLINE, PRINT }

    private GarmentCaptions() {}

    public static List<String> captions(GarmentScene s, int count, SplittableRandom rng) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (int t = 0; t < count * 8 && out.size() < count; t++) {
            String c = switch (rng.nextInt(5)) {
                case 0 -> full(s, rng);
                case 1 -> partial(s, rng);
                case 2 -> viewPrefix(s, rng) + Words.a(s.garment().category().noun()) + " that "
                        + clauseAbout(s, EnumSet.noneOf(Attr.class), rng);
                case 3 -> negative(s, rng);
                default -> context(s, rng);
            };
            if (c != null) {
                out.add(Words.fixArticles(c));
            }
        }
        return new ArrayList<>(out);
    }

    /** "is red and striped", "has long sleeves", … true of the garment, avoiding {@code known} attributes. */
    public static String clauseAbout(GarmentScene s, EnumSet<Attr> known, SplittableRandom rng) {
        Garment g = s.garment();
        List<String> options = new ArrayList<>();
        List<String> adjs = new ArrayList<>();
        if (!known.contains(Attr.COLOUR)) adjs.add(g.colour().word());
        if (!known.contains(Attr.PATTERN)) adjs.add(g.pattern().word());
        if (!known.contains(Attr.LENGTH)) adjs.add(g.length().word(g.category()));
        if (!known.contains(Attr.SLEEVES) && g.sleeves() == SleeveLength.SLEEVELESS) adjs.add("sleeveless");
        if (!adjs.isEmpty()) {
            options.add("is " + Words.list(ShapeCaptions.pickSome(adjs, 1 + rng.nextInt(Math.min(2, adjs.size())), rng)));
        }
        if (!known.contains(Attr.SLEEVES)) options.add("has " + g.sleeves().nounPhrase());
        if (!known.contains(Attr.NECKLINE)) options.add("has " + g.neckline().nounPhrase());
        if (!known.contains(Attr.PRINT)) {
            options.add(g.print() == PrintMotif.NONE ? "has no print" : "has " + print(g) + " on it");
        }
        options.add("is on a " + ShapeCaptions.background(s.background()) + " background");
        if (s.view() != GarmentView.STANDARD) {
            options.add("is " + s.view().word());
        }
        return Words.list(ShapeCaptions.pickSome(options, Draw.chance(rng, 0.4) ? 2 : 1, rng));
    }

    private static String full(GarmentScene s, SplittableRandom rng) {
        Garment g = s.garment();
        List<String> with = new ArrayList<>();
        if (g.sleeves() != SleeveLength.SLEEVELESS) with.add(g.sleeves().nounPhrase());
        with.add(g.neckline().nounPhrase());
        if (g.print() != PrintMotif.NONE) with.add(print(g));
        String c = viewPrefix(s, rng) + Words.a(np(g, EnumSet.of(Attr.COLOUR, Attr.PATTERN, Attr.LENGTH, Attr.SLEEVES)))
                + " with " + Words.list(with);
        return Draw.chance(rng, 0.4) ? c + " on a " + ShapeCaptions.background(s.background()) + " background" : c;
    }

    private static String partial(GarmentScene s, SplittableRandom rng) {
        Garment g = s.garment();
        EnumSet<Attr> attrs = EnumSet.noneOf(Attr.class);
        if (Draw.chance(rng, 0.7)) attrs.add(Attr.COLOUR);
        if (Draw.chance(rng, 0.4)) attrs.add(Attr.PATTERN);
        if (Draw.chance(rng, 0.4)) attrs.add(Attr.LENGTH);
        if (Draw.chance(rng, 0.3)) attrs.add(Attr.SLEEVES);
        String c = Draw.one(rng, PREFIXES) + Words.a(np(g, attrs));
        if (Draw.chance(rng, 0.5)) {
            List<String> with = new ArrayList<>();
            if (!attrs.contains(Attr.SLEEVES) && g.sleeves() != SleeveLength.SLEEVELESS) with.add(g.sleeves().nounPhrase());
            with.add(g.neckline().nounPhrase());
            if (g.print() != PrintMotif.NONE) with.add(print(g));
            c += " with " + Draw.one(rng, with);
        }
        return c;
    }

    private static String negative(GarmentScene s, SplittableRandom rng) {
        Garment g = s.garment();
        List<String> options = new ArrayList<>();
        String noun = g.category().noun();
        if (g.print() == PrintMotif.NONE) options.add(Words.a(g.colour().word() + " " + noun) + " with no print");
        if (g.pattern() == Pattern.PLAIN) options.add(Words.a("plain " + noun) + " with no pattern");
        if (g.sleeves() == SleeveLength.SLEEVELESS) options.add(Words.a(noun) + " without sleeves");
        if (g.print() != PrintMotif.NONE) {
            for (PrintMotif m : PrintMotif.values()) {
                if (m != PrintMotif.NONE && m != g.print()) {
                    options.add(Words.a(noun) + " with " + g.print().plural() + " and no " + m.plural());
                }
            }
        }
        return options.isEmpty() ? null : Draw.one(rng, PREFIXES) + Draw.one(rng, options);
    }

    private static String context(GarmentScene s, SplittableRandom rng) {
        Garment g = s.garment();
        String item = Words.a(g.colour().word() + " " + g.category().noun());
        if (s.view() != GarmentView.STANDARD && rng.nextBoolean()) {
            return viewPrefix(s, rng) + item;
        }
        return Draw.one(rng, PREFIXES) + item + " on a " + ShapeCaptions.background(s.background()) + " background";
    }

    /** "a tilted photo of " / "a zoomed out photo of " / a plain prefix for the standard view. */
    private static String viewPrefix(GarmentScene s, SplittableRandom rng) {
        if (s.view() == GarmentView.STANDARD) {
            return Draw.one(rng, PREFIXES);
        }
        return Words.a(s.view().word() + " photo of ");
    }

    static String np(Garment g, EnumSet<Attr> attrs) {
        List<String> w = new ArrayList<>();
        if (attrs.contains(Attr.LENGTH)) w.add(g.length().word(g.category()));
        if (attrs.contains(Attr.SLEEVES) && g.sleeves() == SleeveLength.SLEEVELESS) w.add("sleeveless");
        if (attrs.contains(Attr.COLOUR)) w.add(g.colour().word());
        if (attrs.contains(Attr.PATTERN) && g.pattern() != Pattern.PLAIN) w.add(g.pattern().word());
        w.add(g.category().noun());
        return String.join(" ", w);
    }

    /** "a star print", "two hearts". */
    static String print(Garment g) {
        return g.printCount() == 1 ? Words.a(g.print().noun() + " print") : g.print().counted(g.printCount());
    }
}
