package org.cir4j.world.scene;

import java.util.Objects;

/**
 * The semantic attributes of one garment. {@code printCount} is 0 exactly when {@code print} is
 * {@link PrintMotif#NONE}, otherwise 1 to {@link #MAX_PRINTS}.
 */
public record Garment(GarmentCategory category, Colour colour, SleeveLength sleeves, Neckline neckline,
                      GarmentLength length, Pattern pattern, PrintMotif print, int printCount) {

    public static final int MAX_PRINTS = 3;

    public Garment {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(colour, "colour");
        Objects.requireNonNull(sleeves, "sleeves");
        Objects.requireNonNull(neckline, "neckline");
        Objects.requireNonNull(length, "length");
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(print, "print");
        if (print == PrintMotif.NONE ? printCount != 0 : printCount < 1 || printCount > MAX_PRINTS) {
            throw new IllegalArgumentException("print " + print + " needs printCount "
                    + (print == PrintMotif.NONE ? "0" : "1.." + MAX_PRINTS) + ", found " + printCount);
        }
    }

    public Garment withCategory(GarmentCategory c) {
        return new Garment(c, colour, sleeves, neckline, length, pattern, print, printCount);
    }

    public Garment withColour(Colour c) {
        return new Garment(category, c, sleeves, neckline, length, pattern, print, printCount);
    }

    public Garment withSleeves(SleeveLength s) {
        return new Garment(category, colour, s, neckline, length, pattern, print, printCount);
    }

    public Garment withNeckline(Neckline n) {
        return new Garment(category, colour, sleeves, n, length, pattern, print, printCount);
    }

    public Garment withLength(GarmentLength l) {
        return new Garment(category, colour, sleeves, neckline, l, pattern, print, printCount);
    }

    public Garment withPattern(Pattern p) {
        return new Garment(category, colour, sleeves, neckline, length, p, print, printCount);
    }

    public Garment withPrint(PrintMotif motif, int count) {
        return new Garment(category, colour, sleeves, neckline, length, pattern, motif, count);
    }
}
