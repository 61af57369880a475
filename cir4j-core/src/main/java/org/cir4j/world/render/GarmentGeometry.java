package org.cir4j.world.render;

import java.awt.Shape;
import java.awt.geom.Area;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import org.cir4j.world.scene.Garment;
import org.cir4j.world.scene.GarmentCategory;
import org.cir4j.world.scene.GarmentLength;
import org.cir4j.world.scene.Neckline;
import org.cir4j.world.scene.SleeveLength;

/**
 * A garment's flat silhouette in garment units: x across (the widest garment, with long sleeves,
 * spans about −0.5..0.5), y down from the neckline (0) to the hem (up to 1.22). Each attribute changes
 * the outline in a way that survives 96 px: length moves the hem, sleeves add arms, the neckline cuts
 * a distinct notch, shirts get a button placket, coats lapels and two button rows, dresses a waist and
 * a flared skirt.
 */
final class GarmentGeometry {
    /** The garment area (body + sleeves, neckline cut out): what pattern and colour fill. */
    final Shape fabric;
    /** Details drawn over the fabric in outline ink (lapels, plackets, seams). */
    final List<Shape> detailLines = new ArrayList<>();
    /** Small filled details (buttons) in outline ink. */
    final List<Shape> detailFills = new ArrayList<>();
    /** Collar flaps, filled with the fabric colour and outlined (drawn after the pattern). */
    final List<Shape> collar = new ArrayList<>();
    /** Centre of the print row and the room it has. */
    final double printY;
    final double printWidth;
    final double bottom;

    private GarmentGeometry(Shape fabric, double printY, double printWidth, double bottom) {
        this.fabric = fabric;
        this.printY = printY;
        this.printWidth = printWidth;
        this.bottom = bottom;
    }

    /** Horizontal extent used to scale every garment alike, so that sleeves and proportions read. */
    static final double FIT_WIDTH = 1.02;
    /** Minimum height used for fitting, so that cropped tops are not blown up beyond recognition. */
    static final double FIT_MIN_HEIGHT = 0.8;

    private record Key(GarmentCategory category, SleeveLength sleeves, Neckline neckline, GarmentLength length) {}

    /** Geometry depends on four attributes only (144 combinations); built once each, never mutated after. */
    private static final java.util.concurrent.ConcurrentHashMap<Key, GarmentGeometry> CACHE =
            new java.util.concurrent.ConcurrentHashMap<>();

    static GarmentGeometry of(Garment g) {
        return CACHE.computeIfAbsent(new Key(g.category(), g.sleeves(), g.neckline(), g.length()),
                k -> build(k.category(), k.sleeves(), k.neckline(), k.length()));
    }

    private static GarmentGeometry build(GarmentCategory cat, SleeveLength sleeves, Neckline neckline,
                                         GarmentLength length) {
        double shoulder = switch (cat) {
            case COAT -> 0.23;
            case DRESS -> 0.19;
            default -> 0.21;
        };
        if (sleeves == SleeveLength.SLEEVELESS) {
            shoulder -= 0.05; // armholes cut in: narrow shoulders read as "sleeveless"
        }
        double armpitY = 0.22;
        double chestHalf = cat == GarmentCategory.COAT ? 0.23 : cat == GarmentCategory.DRESS ? 0.19 : 0.21;
        double hem = hem(cat, length);

        Path2D.Double body = new Path2D.Double();
        body.moveTo(-0.09, -0.02);
        body.lineTo(-shoulder, 0.0);
        body.lineTo(-chestHalf, armpitY);
        double bottom;
        if (cat == GarmentCategory.DRESS) {
            double waistY = 0.42;
            double flare = 0.2 + 0.14 * (hem - waistY);
            body.lineTo(-0.16, waistY);
            body.lineTo(-flare, hem);
            body.quadTo(0, hem + 0.04, flare, hem);
            body.lineTo(0.16, waistY);
        } else {
            double hemHalf = chestHalf + (cat == GarmentCategory.COAT ? 0.03 : 0.01);
            body.lineTo(-hemHalf, hem);
            if (cat == GarmentCategory.SHIRT) {
                body.quadTo(0, hem + 0.06, hemHalf, hem); // shirt tail
            } else {
                body.lineTo(hemHalf, hem);
            }
        }
        body.lineTo(chestHalf, armpitY);
        body.lineTo(shoulder, 0.0);
        body.lineTo(0.09, -0.02);
        body.closePath();
        bottom = hem + 0.06;

        Area fabric = new Area(body);
        if (sleeves != SleeveLength.SLEEVELESS) {
            fabric.add(new Area(sleeve(-1, shoulder, chestHalf, armpitY, sleeves)));
            fabric.add(new Area(sleeve(1, shoulder, chestHalf, armpitY, sleeves)));
        }
        fabric.subtract(new Area(neckCut(neckline)));

        double printY = neckline == Neckline.V_NECK ? 0.3 : 0.27;
        double printWidth = 2 * (cat == GarmentCategory.DRESS ? 0.17 : chestHalf - 0.02);
        GarmentGeometry geo = new GarmentGeometry(new Path2D.Double(fabric), printY, printWidth, bottom);

        if (neckline == Neckline.COLLAR) {
            geo.collar.add(collarFlap(-1));
            geo.collar.add(collarFlap(1));
        }
        if (cat == GarmentCategory.DRESS) {
            geo.detailLines.add(new Line2D.Double(-0.16, 0.42, 0.16, 0.42)); // waist seam
        } else if (cat == GarmentCategory.SHIRT) {
            double top = neckDepth(neckline);
            geo.detailLines.add(new Line2D.Double(0.0, top, 0.0, hem));
            for (double y = top + 0.08; y < hem - 0.03; y += 0.11) {
                geo.detailFills.add(new Ellipse2D.Double(-0.022, y - 0.022, 0.044, 0.044));
            }
        } else if (cat == GarmentCategory.COAT) {
            double top = neckDepth(neckline);
            geo.detailLines.add(new Line2D.Double(-0.09, -0.01, 0.0, top + 0.22)); // lapels
            geo.detailLines.add(new Line2D.Double(0.09, -0.01, 0.0, top + 0.22));
            geo.detailLines.add(new Line2D.Double(0.0, top + 0.22, 0.0, hem));
            for (double y = top + 0.32; y < hem - 0.05; y += 0.15) {
                geo.detailFills.add(new Ellipse2D.Double(-0.085, y - 0.025, 0.05, 0.05));
                geo.detailFills.add(new Ellipse2D.Double(0.035, y - 0.025, 0.05, 0.05));
            }
        } else {
            geo.detailLines.add(new Line2D.Double(-0.2, hem - 0.05, 0.2, hem - 0.05)); // hem band of a tee
        }
        return geo;
    }

    private static double hem(GarmentCategory cat, GarmentLength length) {
        if (cat == GarmentCategory.DRESS || cat == GarmentCategory.COAT) {
            return switch (length) {
                case SHORT -> 0.68;
                case MEDIUM -> 0.92;
                case LONG -> 1.18;
            };
        }
        return switch (length) {
            case SHORT -> 0.40;
            case MEDIUM -> 0.60;
            case LONG -> 0.82;
        };
    }

    private static Shape sleeve(int side, double shoulder, double chestHalf, double armpitY, SleeveLength len) {
        Path2D.Double p = new Path2D.Double();
        double sx = side * shoulder;
        double ax = side * chestHalf;
        p.moveTo(sx - side * 0.02, 0.0);
        if (len == SleeveLength.SHORT) {
            p.lineTo(side * (shoulder + 0.15), 0.12);
            p.lineTo(side * (chestHalf + 0.09), armpitY + 0.06);
        } else {
            p.lineTo(side * (shoulder + 0.28), 0.62);
            p.lineTo(side * (shoulder + 0.16), 0.66);
        }
        p.lineTo(ax - side * 0.005, armpitY);
        p.closePath();
        return p;
    }

    private static Shape neckCut(Neckline n) {
        return switch (n) {
            case ROUND -> new Ellipse2D.Double(-0.095, -0.1, 0.19, 0.19);
            case V_NECK -> {
                Path2D.Double p = new Path2D.Double();
                p.moveTo(-0.1, -0.05);
                p.lineTo(0.1, -0.05);
                p.lineTo(0.0, 0.2);
                p.closePath();
                yield p;
            }
            case SQUARE -> new Rectangle2D.Double(-0.095, -0.05, 0.19, 0.14);
            case COLLAR -> new Ellipse2D.Double(-0.08, -0.08, 0.16, 0.13);
        };
    }

    private static double neckDepth(Neckline n) {
        return switch (n) {
            case ROUND -> 0.09;
            case V_NECK -> 0.2;
            case SQUARE -> 0.09;
            case COLLAR -> 0.05;
        };
    }

    private static Shape collarFlap(int side) {
        Path2D.Double p = new Path2D.Double();
        p.moveTo(side * 0.085, -0.035);
        p.lineTo(side * 0.005, 0.05);
        p.lineTo(side * 0.12, 0.13);
        p.lineTo(side * 0.15, 0.0);
        p.closePath();
        return p;
    }
}
