package org.cir4j.world.query;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.cir4j.world.query.GarmentDraft.Attr;
import org.cir4j.world.sample.Draw;
import org.cir4j.world.scene.BackgroundColour;
import org.cir4j.world.scene.Colour;
import org.cir4j.world.scene.Garment;
import org.cir4j.world.scene.GarmentCategory;
import org.cir4j.world.scene.GarmentLength;
import org.cir4j.world.scene.GarmentView;
import org.cir4j.world.scene.Neckline;
import org.cir4j.world.scene.Numbers;
import org.cir4j.world.scene.Pattern;
import org.cir4j.world.scene.PrintMotif;
import org.cir4j.world.scene.SleeveLength;
import org.cir4j.world.scene.Texture;
import org.cir4j.world.text.Words;

/**
 * The edits a garments query can ask for. Each touches one attribute of the single garment (or the
 * background, or the view); "is not red" and comparatives ("is longer") leave several values allowed,
 * which is where multiple ground truths come from in this domain.
 */
final class GarmentEdits {

    enum Kind {
        PRINT_COUNT(CircoAspect.CARDINALITY, Attr.PRINT),
        ADD_PRINT(CircoAspect.ADDITION, Attr.PRINT),
        ADD_SLEEVES(CircoAspect.ADDITION, Attr.SLEEVES),
        REMOVE_PRINT(CircoAspect.NEGATION, Attr.PRINT),
        NOT_COLOUR(CircoAspect.NEGATION, Attr.COLOUR),
        NOT_PATTERN(CircoAspect.NEGATION, Attr.PATTERN),
        NO_SLEEVES(CircoAspect.NEGATION, Attr.SLEEVES),
        COLOUR(CircoAspect.DIRECT_ADDRESSING, Attr.COLOUR),
        PATTERN(CircoAspect.DIRECT_ADDRESSING, Attr.PATTERN),
        NECKLINE(CircoAspect.DIRECT_ADDRESSING, Attr.NECKLINE),
        SLEEVES(CircoAspect.DIRECT_ADDRESSING, Attr.SLEEVES),
        CATEGORY_SWAP(CircoAspect.COMPARE_CHANGE, Attr.CATEGORY),
        MOTIF_SWAP(CircoAspect.COMPARE_CHANGE, Attr.PRINT),
        COLOUR_SWAP(CircoAspect.COMPARE_CHANGE, Attr.COLOUR),
        LONGER_SHORTER(CircoAspect.COMPARATIVE_STATEMENT, Attr.LENGTH),
        SLEEVE_COMPARATIVE(CircoAspect.COMPARATIVE_STATEMENT, Attr.SLEEVES),
        MORE_FEWER_PRINTS(CircoAspect.COMPARATIVE_STATEMENT, Attr.PRINT),
        BACKGROUND_COLOUR(CircoAspect.SPATIAL_RELATIONS_BACKGROUND, Attr.BACKGROUND),
        BACKGROUND_TEXTURE(CircoAspect.SPATIAL_RELATIONS_BACKGROUND, Attr.BACKGROUND),
        VIEW(CircoAspect.VIEWPOINT, Attr.VIEW);

        final CircoAspect aspect;
        final Attr attr;

        Kind(CircoAspect aspect, Attr attr) {
            this.aspect = aspect;
            this.attr = attr;
        }
    }

    static Kind kindFor(CircoAspect aspect, SplittableRandom rng) {
        return switch (aspect) {
            case CARDINALITY -> Kind.PRINT_COUNT;
            case ADDITION -> Draw.chance(rng, 0.6) ? Kind.ADD_PRINT : Kind.ADD_SLEEVES;
            case NEGATION -> List.of(Kind.REMOVE_PRINT, Kind.NOT_COLOUR, Kind.NOT_PATTERN, Kind.NO_SLEEVES)
                    .get(Draw.weighted(rng, 0.3, 0.2, 0.25, 0.25));
            case DIRECT_ADDRESSING -> Draw.one(rng, List.of(Kind.COLOUR, Kind.PATTERN, Kind.NECKLINE, Kind.SLEEVES));
            case COMPARE_CHANGE -> Draw.one(rng, List.of(Kind.CATEGORY_SWAP, Kind.MOTIF_SWAP, Kind.COLOUR_SWAP));
            case COMPARATIVE_STATEMENT -> List.of(Kind.LONGER_SHORTER, Kind.SLEEVE_COMPARATIVE, Kind.MORE_FEWER_PRINTS)
                    .get(Draw.weighted(rng, 0.45, 0.3, 0.25));
            case SPATIAL_RELATIONS_BACKGROUND -> Draw.chance(rng, 0.75) ? Kind.BACKGROUND_COLOUR : Kind.BACKGROUND_TEXTURE;
            case VIEWPOINT -> Kind.VIEW;
            case STATEMENT_WITH_CONJUNCTION -> throw new IllegalArgumentException("a conjunction is two edits, not one kind");
        };
    }

    Optional<Clause> apply(Kind kind, GarmentDraft d, SplittableRandom rng) {
        if (d.touched.contains(kind.attr)) {
            return Optional.empty();
        }
        Optional<Clause> c = switch (kind) {
            case PRINT_COUNT -> printCount(d, rng);
            case ADD_PRINT -> addPrint(d, rng);
            case ADD_SLEEVES -> addSleeves(d, rng);
            case REMOVE_PRINT -> removePrint(d);
            case NOT_COLOUR -> notColour(d, rng);
            case NOT_PATTERN -> notPattern(d);
            case NO_SLEEVES -> noSleeves(d);
            case COLOUR -> colour(d, rng, false);
            case COLOUR_SWAP -> colour(d, rng, true);
            case PATTERN -> pattern(d, rng);
            case NECKLINE -> neckline(d, rng);
            case SLEEVES -> sleeves(d, rng);
            case CATEGORY_SWAP -> category(d, rng);
            case MOTIF_SWAP -> motif(d, rng);
            case LONGER_SHORTER -> length(d, rng);
            case SLEEVE_COMPARATIVE -> sleeveComparative(d);
            case MORE_FEWER_PRINTS -> moreFewer(d, rng);
            case BACKGROUND_COLOUR -> backgroundColour(d, rng);
            case BACKGROUND_TEXTURE -> backgroundTexture(d);
            case VIEW -> view(d, rng);
        };
        c.ifPresent(x -> d.touched.add(kind.attr));
        return c;
    }

    private static Map<String, String> slots(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    private static Optional<Clause> clause(String family, CircoAspect aspect, String summary, Map<String, String> slots,
                                           String... mentions) {
        return Optional.of(Clause.of(family, aspect, summary, slots, List.of(mentions)));
    }

    private Optional<Clause> printCount(GarmentDraft d, SplittableRandom rng) {
        Garment g = d.basis;
        if (g.print() == PrintMotif.NONE) {
            return Optional.empty();
        }
        List<Integer> options = new ArrayList<>();
        for (int n = 1; n <= Garment.MAX_PRINTS; n++) {
            if (n != g.printCount()) {
                options.add(n);
            }
        }
        int n = Draw.one(rng, options);
        d.printCounts = new TreeSet<>(List.of(n));
        d.basis = g.withPrint(g.print(), n);
        return clause("garments.cardinality", CircoAspect.CARDINALITY, g.printCount() + " -> " + n + " " + g.print(),
                slots("things", g.print().counted(n)), Numbers.word(n), g.print().noun());
    }

    private Optional<Clause> addPrint(GarmentDraft d, SplittableRandom rng) {
        Garment g = d.basis;
        if (g.print() != PrintMotif.NONE) {
            return Optional.empty();
        }
        PrintMotif m = PrintMotif.values()[1 + rng.nextInt(PrintMotif.values().length - 1)];
        int n = 1 + rng.nextInt(Garment.MAX_PRINTS);
        d.prints = EnumSet.of(m);
        d.printCounts = new TreeSet<>(List.of(n));
        d.basis = g.withPrint(m, n);
        String print = n == 1 ? Words.a(m.noun() + " print") : m.counted(n);
        return clause("garments.addition", CircoAspect.ADDITION, "add " + print, slots("print", print), m.noun());
    }

    /** "add long sleeves" to a sleeveless garment. */
    private Optional<Clause> addSleeves(GarmentDraft d, SplittableRandom rng) {
        if (d.basis.sleeves() != SleeveLength.SLEEVELESS) {
            return Optional.empty();
        }
        SleeveLength s = rng.nextBoolean() ? SleeveLength.SHORT : SleeveLength.LONG;
        d.sleeves = EnumSet.of(s);
        d.basis = d.basis.withSleeves(s);
        return clause("garments.addition.sleeves", CircoAspect.ADDITION, "add " + s.nounPhrase(),
                slots("v", s.nounPhrase()), s.id());
    }

    private Optional<Clause> removePrint(GarmentDraft d) {
        Garment g = d.basis;
        if (g.print() == PrintMotif.NONE) {
            return Optional.empty();
        }
        d.prints = EnumSet.of(PrintMotif.NONE);
        d.printCounts = new TreeSet<>(List.of(0));
        d.basis = g.withPrint(PrintMotif.NONE, 0);
        return clause("garments.negation.print", CircoAspect.NEGATION, "remove the " + g.print().plural(),
                slots("ms", g.printCount() == 1 ? g.print().noun() : g.print().plural()));
    }

    private Optional<Clause> notColour(GarmentDraft d, SplittableRandom rng) {
        Colour old = d.basis.colour();
        EnumSet<Colour> allowed = EnumSet.noneOf(Colour.class);
        for (Colour c : Colour.values()) {
            if (c != old && c.contrastsWith(d.background())) {
                allowed.add(c);
            }
        }
        d.colours = allowed;
        d.basis = d.basis.withColour(Draw.one(rng, allowed));
        return clause("garments.negation.colour", CircoAspect.NEGATION, "not " + old, slots("v", old.word()), old.word());
    }

    private Optional<Clause> notPattern(GarmentDraft d) {
        Pattern old = d.basis.pattern();
        if (old == Pattern.PLAIN) {
            return Optional.empty();
        }
        EnumSet<Pattern> allowed = EnumSet.allOf(Pattern.class);
        allowed.remove(old);
        d.patterns = allowed;
        d.basis = d.basis.withPattern(Pattern.PLAIN);
        return clause("garments.negation.pattern", CircoAspect.NEGATION, "not " + old,
                slots("v", old.word(), "vn", old.noun()));
    }

    private Optional<Clause> noSleeves(GarmentDraft d) {
        if (d.basis.sleeves() == SleeveLength.SLEEVELESS) {
            return Optional.empty();
        }
        d.sleeves = EnumSet.of(SleeveLength.SLEEVELESS);
        d.basis = d.basis.withSleeves(SleeveLength.SLEEVELESS);
        return clause("garments.negation.sleeves", CircoAspect.NEGATION, "sleeveless", slots(), "sleeve");
    }

    private Optional<Clause> colour(GarmentDraft d, SplittableRandom rng, boolean compare) {
        Colour old = d.basis.colour();
        List<Colour> options = new ArrayList<>();
        for (Colour c : Colour.values()) {
            if (c != old && c.contrastsWith(d.background())) {
                options.add(c);
            }
        }
        Colour c = Draw.one(rng, options);
        d.colours = EnumSet.of(c);
        d.basis = d.basis.withColour(c);
        if (compare) {
            return clause("garments.compare.colour", CircoAspect.COMPARE_CHANGE, old + " -> " + c,
                    slots("v", c.word(), "old", old.word()), c.word(), old.word());
        }
        return clause("garments.direct.colour", CircoAspect.DIRECT_ADDRESSING, old + " -> " + c, slots("v", c.word()),
                c.word());
    }

    private Optional<Clause> pattern(GarmentDraft d, SplittableRandom rng) {
        Pattern old = d.basis.pattern();
        List<Pattern> options = new ArrayList<>(List.of(Pattern.values()));
        options.remove(old);
        Pattern p = Draw.one(rng, options);
        d.patterns = EnumSet.of(p);
        d.basis = d.basis.withPattern(p);
        return clause("garments.direct.pattern", CircoAspect.DIRECT_ADDRESSING, old + " -> " + p,
                slots("v", p.word(), "vn", p.noun()));
    }

    private Optional<Clause> neckline(GarmentDraft d, SplittableRandom rng) {
        Neckline old = d.basis.neckline();
        List<Neckline> options = new ArrayList<>(List.of(Neckline.values()));
        options.remove(old);
        Neckline n = Draw.one(rng, options);
        d.necklines = EnumSet.of(n);
        d.basis = d.basis.withNeckline(n);
        return clause("garments.direct.neckline", CircoAspect.DIRECT_ADDRESSING, old + " -> " + n,
                slots("v", n.nounPhrase()), n.bare());
    }

    private Optional<Clause> sleeves(GarmentDraft d, SplittableRandom rng) {
        SleeveLength old = d.basis.sleeves();
        List<SleeveLength> options = new ArrayList<>(List.of(SleeveLength.SHORT, SleeveLength.LONG));
        options.remove(old);
        SleeveLength s = Draw.one(rng, options);
        d.sleeves = EnumSet.of(s);
        d.basis = d.basis.withSleeves(s);
        return clause("garments.direct.sleeves", CircoAspect.DIRECT_ADDRESSING, old + " -> " + s,
                slots("v", s.nounPhrase(), "adj", s.adjective(), "w", s.id()), s.id());
    }

    private Optional<Clause> category(GarmentDraft d, SplittableRandom rng) {
        GarmentCategory old = d.basis.category();
        List<GarmentCategory> options = new ArrayList<>(List.of(GarmentCategory.values()));
        options.remove(old);
        GarmentCategory c = Draw.one(rng, options);
        d.categories = EnumSet.of(c);
        d.basis = d.basis.withCategory(c);
        return clause("garments.compare.category", CircoAspect.COMPARE_CHANGE, old + " -> " + c,
                slots("c", Words.a(c.noun()), "old", Words.a(old.noun()), "oldn", old.noun()), c.noun());
    }

    private Optional<Clause> motif(GarmentDraft d, SplittableRandom rng) {
        Garment g = d.basis;
        if (g.print() == PrintMotif.NONE) {
            return Optional.empty();
        }
        List<PrintMotif> options = new ArrayList<>(List.of(PrintMotif.STAR, PrintMotif.HEART, PrintMotif.FLOWER));
        options.remove(g.print());
        PrintMotif m = Draw.one(rng, options);
        d.prints = EnumSet.of(m);
        d.basis = g.withPrint(m, g.printCount());
        boolean one = g.printCount() == 1;
        return clause("garments.compare.motif", CircoAspect.COMPARE_CHANGE, g.print() + " -> " + m,
                slots("new", one ? Words.a(m.noun()) : m.plural(), "old", one ? g.print().noun() : g.print().plural()),
                m.noun());
    }

    private Optional<Clause> length(GarmentDraft d, SplittableRandom rng) {
        GarmentLength cur = d.basis.length();
        boolean longer = cur == GarmentLength.SHORT || (cur != GarmentLength.LONG && rng.nextBoolean());
        EnumSet<GarmentLength> allowed = EnumSet.noneOf(GarmentLength.class);
        for (GarmentLength l : GarmentLength.values()) {
            if (longer ? l.compareTo(cur) > 0 : l.compareTo(cur) < 0) {
                allowed.add(l);
            }
        }
        d.lengths = allowed;
        d.basis = d.basis.withLength(allowed.iterator().next());
        String cmp = longer ? "longer" : "shorter";
        return clause("garments.comparative.length", CircoAspect.COMPARATIVE_STATEMENT, cur + " -> " + allowed,
                slots("cmp", cmp), cmp);
    }

    /** "Longer/shorter sleeves" presupposes sleeves, so only short ↔ long. */
    private Optional<Clause> sleeveComparative(GarmentDraft d) {
        SleeveLength cur = d.basis.sleeves();
        if (cur == SleeveLength.SLEEVELESS) {
            return Optional.empty();
        }
        SleeveLength to = cur == SleeveLength.SHORT ? SleeveLength.LONG : SleeveLength.SHORT;
        d.sleeves = EnumSet.of(to);
        d.basis = d.basis.withSleeves(to);
        String cmp = to == SleeveLength.LONG ? "longer" : "shorter";
        return clause("garments.comparative.sleeves", CircoAspect.COMPARATIVE_STATEMENT, "sleeves " + cur + " -> " + to,
                slots("cmp", cmp), cmp, "sleeve");
    }

    private Optional<Clause> moreFewer(GarmentDraft d, SplittableRandom rng) {
        Garment g = d.basis;
        if (g.print() == PrintMotif.NONE) {
            return Optional.empty();
        }
        int n = g.printCount();
        boolean more = n == 1 || (n < Garment.MAX_PRINTS && rng.nextBoolean());
        TreeSet<Integer> allowed = new TreeSet<>();
        for (int k = 1; k <= Garment.MAX_PRINTS; k++) {
            if (more ? k > n : k < n) {
                allowed.add(k);
            }
        }
        d.printCounts = allowed;
        d.basis = g.withPrint(g.print(), allowed.first());
        String cmp = more ? "more" : "fewer";
        return clause("garments.comparative.prints", CircoAspect.COMPARATIVE_STATEMENT, cmp + " " + g.print().plural()
                + " (" + n + " -> " + allowed + ")", slots("cmp", cmp, "ms", g.print().plural()), cmp,
                g.print().noun());
    }

    private Optional<Clause> backgroundColour(GarmentDraft d, SplittableRandom rng) {
        List<BackgroundColour> options = new ArrayList<>();
        for (BackgroundColour b : BackgroundColour.values()) {
            if (b != d.background() && d.basis.colour().contrastsWith(b)) {
                options.add(b);
            }
        }
        if (options.isEmpty()) {
            return Optional.empty();
        }
        BackgroundColour b = Draw.one(rng, options);
        d.backgrounds = EnumSet.of(b);
        return clause("garments.background.colour", CircoAspect.SPATIAL_RELATIONS_BACKGROUND, "background -> " + b,
                slots("v", b.word()), b.word());
    }

    private Optional<Clause> backgroundTexture(GarmentDraft d) {
        Texture t = d.textures.iterator().next() == Texture.PLAIN ? Texture.SPECKLED : Texture.PLAIN;
        d.textures = EnumSet.of(t);
        return clause("garments.background.texture", CircoAspect.SPATIAL_RELATIONS_BACKGROUND, "texture -> " + t,
                slots("v", t.word()), t.word());
    }

    private Optional<Clause> view(GarmentDraft d, SplittableRandom rng) {
        GarmentView cur = d.views.iterator().next();
        GarmentView to;
        String family;
        switch (cur) {
            case STANDARD -> {
                to = rng.nextBoolean() ? GarmentView.TILTED : GarmentView.ZOOMED_OUT;
                family = to == GarmentView.TILTED ? "garments.viewpoint.tilt" : "garments.viewpoint.zoom_out";
            }
            case TILTED -> {
                to = GarmentView.STANDARD;
                family = "garments.viewpoint.straighten";
            }
            default -> {
                to = GarmentView.STANDARD;
                family = "garments.viewpoint.zoom_in";
            }
        }
        d.views = EnumSet.of(to);
        return clause(family, CircoAspect.VIEWPOINT, cur + " -> " + to, slots());
    }
}
