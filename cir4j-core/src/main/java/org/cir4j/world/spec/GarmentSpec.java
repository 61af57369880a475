package org.cir4j.world.spec;

import java.util.EnumSet;
import java.util.Set;
import java.util.SortedSet;
import org.cir4j.world.scene.Colour;
import org.cir4j.world.scene.Garment;
import org.cir4j.world.scene.GarmentCategory;
import org.cir4j.world.scene.GarmentLength;
import org.cir4j.world.scene.Neckline;
import org.cir4j.world.scene.Pattern;
import org.cir4j.world.scene.PrintMotif;
import org.cir4j.world.scene.SleeveLength;

/** Allowed attribute values of the target garment. */
public record GarmentSpec(Set<GarmentCategory> categories, Set<Colour> colours, Set<SleeveLength> sleeves,
                          Set<Neckline> necklines, Set<GarmentLength> lengths, Set<Pattern> patterns,
                          Set<PrintMotif> prints, SortedSet<Integer> printCounts) {

    public GarmentSpec {
        categories = EnumSets.copy(categories, GarmentCategory.class, "categories");
        colours = EnumSets.copy(colours, Colour.class, "colours");
        sleeves = EnumSets.copy(sleeves, SleeveLength.class, "sleeves");
        necklines = EnumSets.copy(necklines, Neckline.class, "necklines");
        lengths = EnumSets.copy(lengths, GarmentLength.class, "lengths");
        patterns = EnumSets.copy(patterns, Pattern.class, "patterns");
        prints = EnumSets.copy(prints, PrintMotif.class, "prints");
        printCounts = EnumSets.copyInts(printCounts, "printCounts");
    }

    public static GarmentSpec exactly(Garment g) {
        return new GarmentSpec(EnumSet.of(g.category()), EnumSet.of(g.colour()), EnumSet.of(g.sleeves()),
                EnumSet.of(g.neckline()), EnumSet.of(g.length()), EnumSet.of(g.pattern()), EnumSet.of(g.print()),
                new java.util.TreeSet<>(Set.of(g.printCount())));
    }

    public boolean matches(Garment g) {
        return categories.contains(g.category()) && colours.contains(g.colour()) && sleeves.contains(g.sleeves())
                && necklines.contains(g.neckline()) && lengths.contains(g.length()) && patterns.contains(g.pattern())
                && prints.contains(g.print()) && printCounts.contains(g.printCount());
    }
}
