package org.cir4j.world.query;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.cir4j.world.sample.Draw;
import org.cir4j.world.sample.GarmentSceneSampler;
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
import org.cir4j.world.scene.SleeveLength;
import org.cir4j.world.scene.Texture;
import org.cir4j.world.spec.GarmentSpec;
import org.cir4j.world.spec.GarmentTarget;

/** A garments target under construction: allowed values per attribute plus the concrete basis garment. */
final class GarmentDraft {
    /** Attributes an edit can touch; a conjunction never touches one twice. */
    enum Attr { CATEGORY, COLOUR, SLEEVES, NECKLINE, LENGTH, PATTERN, PRINT, BACKGROUND, VIEW }

    final GarmentScene ref;
    Set<BackgroundColour> backgrounds;
    Set<Texture> textures;
    Set<GarmentView> views;
    Set<GarmentCategory> categories;
    Set<Colour> colours;
    Set<SleeveLength> sleeves;
    Set<Neckline> necklines;
    Set<GarmentLength> lengths;
    Set<Pattern> patterns;
    Set<PrintMotif> prints;
    SortedSet<Integer> printCounts;
    Garment basis;
    final EnumSet<Attr> touched = EnumSet.noneOf(Attr.class);

    private GarmentDraft(GarmentScene ref) {
        this.ref = ref;
    }

    static GarmentDraft of(GarmentScene ref) {
        GarmentDraft d = new GarmentDraft(ref);
        Garment g = ref.garment();
        d.backgrounds = EnumSet.of(ref.background().colour());
        d.textures = EnumSet.of(ref.background().texture());
        d.views = EnumSet.of(ref.view());
        d.categories = EnumSet.of(g.category());
        d.colours = EnumSet.of(g.colour());
        d.sleeves = EnumSet.of(g.sleeves());
        d.necklines = EnumSet.of(g.neckline());
        d.lengths = EnumSet.of(g.length());
        d.patterns = EnumSet.of(g.pattern());
        d.prints = EnumSet.of(g.print());
        d.printCounts = new TreeSet<>(Set.of(g.printCount()));
        d.basis = g;
        return d;
    }

    GarmentDraft copy() {
        GarmentDraft d = new GarmentDraft(ref);
        d.backgrounds = EnumSet.copyOf(backgrounds);
        d.textures = EnumSet.copyOf(textures);
        d.views = EnumSet.copyOf(views);
        d.categories = EnumSet.copyOf(categories);
        d.colours = EnumSet.copyOf(colours);
        d.sleeves = EnumSet.copyOf(sleeves);
        d.necklines = EnumSet.copyOf(necklines);
        d.lengths = EnumSet.copyOf(lengths);
        d.patterns = EnumSet.copyOf(patterns);
        d.prints = EnumSet.copyOf(prints);
        d.printCounts = new TreeSet<>(printCounts);
        d.basis = basis;
        d.touched.addAll(touched);
        return d;
    }

    BackgroundColour background() {
        return backgrounds.iterator().next();
    }

    GarmentTarget toSpec() {
        return new GarmentTarget(backgrounds, textures, views,
                new GarmentSpec(categories, colours, sleeves, necklines, lengths, patterns, prints, printCounts));
    }

    /**
     * A concrete scene satisfying the draft: with {@code nearReference} the basis values where allowed,
     * otherwise values drawn freely; nuisance (frame, jitter, offsets) is always fresh.
     */
    Optional<GarmentScene> realise(GarmentSceneSampler sampler, boolean nearReference, SplittableRandom rng) {
        BackgroundColour bgc = pick(backgrounds, ref.background().colour(), nearReference, rng);
        Texture tex = pick(textures, ref.background().texture(), nearReference, rng);
        List<Colour> okColours = new ArrayList<>();
        for (Colour c : colours) {
            if (c.contrastsWith(bgc)) {
                okColours.add(c);
            }
        }
        if (okColours.isEmpty()) {
            return Optional.empty();
        }
        Colour colour = nearReference && okColours.contains(basis.colour()) ? basis.colour() : Draw.one(rng, okColours);
        PrintMotif motif = pick(prints, basis.print(), nearReference, rng);
        List<Integer> counts = new ArrayList<>();
        for (int c : printCounts) {
            if ((c == 0) == (motif == PrintMotif.NONE)) {
                counts.add(c);
            }
        }
        if (counts.isEmpty()) {
            return Optional.empty();
        }
        int count = nearReference && counts.contains(basis.printCount()) ? basis.printCount() : Draw.one(rng, counts);
        Garment g = new Garment(pick(categories, basis.category(), nearReference, rng), colour,
                pick(sleeves, basis.sleeves(), nearReference, rng), pick(necklines, basis.neckline(), nearReference, rng),
                pick(lengths, basis.length(), nearReference, rng), pick(patterns, basis.pattern(), nearReference, rng),
                motif, count);
        GarmentView view = pick(views, ref.view(), nearReference, rng);
        GarmentScene fresh = sampler.rejitter(rng, ref);
        return Optional.of(new GarmentScene(sampler.background(rng, bgc, tex), fresh.frame(), view, g, fresh.jitter(),
                fresh.offsetX(), fresh.offsetY()));
    }

    private static <T> T pick(Set<T> allowed, T preferred, boolean nearReference, SplittableRandom rng) {
        return nearReference && allowed.contains(preferred) ? preferred : Draw.one(rng, allowed);
    }
}
