package org.cir4j.world.render;

import java.awt.Shape;
import java.awt.geom.Area;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import org.cir4j.world.scene.PrintMotif;

/** Print motifs for a unit size, centred at the origin. */
final class MotifPaths {
    private MotifPaths() {}

    static Shape unit(PrintMotif m) {
        return switch (m) {
            case STAR -> ShapePaths.unit(org.cir4j.world.scene.ShapeKind.STAR);
            case HEART -> ShapePaths.unit(org.cir4j.world.scene.ShapeKind.HEART);
            case FLOWER -> flower();
            case NONE -> throw new IllegalArgumentException("no outline for print 'none'");
        };
    }

    private static Shape flower() {
        // Four round petals around a hole: at small sizes this reads as a clover/flower, not a star or heart.
        Area a = new Area();
        double r = 0.2;
        for (int i = 0; i < 4; i++) {
            double ang = i * Math.PI / 2 + Math.PI / 4;
            double cx = 0.26 * Math.cos(ang);
            double cy = 0.26 * Math.sin(ang);
            a.add(new Area(new Ellipse2D.Double(cx - r, cy - r, 2 * r, 2 * r)));
        }
        a.subtract(new Area(new Ellipse2D.Double(-0.08, -0.08, 0.16, 0.16)));
        return new Path2D.Double(a);
    }
}
