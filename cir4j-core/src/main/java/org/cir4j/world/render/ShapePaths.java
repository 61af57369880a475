package org.cir4j.world.render;

import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.util.EnumMap;
import java.util.Map;
import org.cir4j.world.scene.ShapeKind;

/**
 * Outlines of the nine shapes for a unit diameter, centred at the origin, upright (y down), each
 * inside a disc of radius 0.55 (see {@code SceneObject.radius()}). Built once; {@link Shape}s of
 * {@link Path2D} are immutable once handed out since callers only transform copies.
 */
final class ShapePaths {
    private static final Map<ShapeKind, Shape> UNIT = new EnumMap<>(ShapeKind.class);

    static {
        UNIT.put(ShapeKind.CIRCLE, new Ellipse2D.Double(-0.5, -0.5, 1, 1));
        UNIT.put(ShapeKind.SQUARE, new Rectangle2D.Double(-0.38, -0.38, 0.76, 0.76));
        UNIT.put(ShapeKind.TRIANGLE, triangle());
        UNIT.put(ShapeKind.STAR, star(5, 0.55, 0.23));
        UNIT.put(ShapeKind.HEART, heart());
        UNIT.put(ShapeKind.HEXAGON, polygon(6, 0.52, 0.0));
        UNIT.put(ShapeKind.CROSS, cross());
        UNIT.put(ShapeKind.DIAMOND, diamond());
        UNIT.put(ShapeKind.PENTAGON, polygon(5, 0.53, -Math.PI / 2));
    }

    private ShapePaths() {}

    static Shape unit(ShapeKind kind) {
        return UNIT.get(kind);
    }

    private static Shape triangle() {
        // Equilateral, pointing up, centred on its centroid; the base sits lower so the outline fills the disc.
        Path2D.Double p = new Path2D.Double();
        double r = 0.55;
        for (int i = 0; i < 3; i++) {
            double a = -Math.PI / 2 + i * 2 * Math.PI / 3;
            double x = r * Math.cos(a);
            double y = r * Math.sin(a) + 0.06;
            if (i == 0) {
                p.moveTo(x, y);
            } else {
                p.lineTo(x, y);
            }
        }
        p.closePath();
        return p;
    }

    private static Shape star(int points, double outer, double inner) {
        Path2D.Double p = new Path2D.Double();
        for (int i = 0; i < points * 2; i++) {
            double r = i % 2 == 0 ? outer : inner;
            double a = -Math.PI / 2 + i * Math.PI / points;
            double x = r * Math.cos(a);
            double y = r * Math.sin(a) + 0.04;
            if (i == 0) {
                p.moveTo(x, y);
            } else {
                p.lineTo(x, y);
            }
        }
        p.closePath();
        return p;
    }

    private static Shape polygon(int n, double r, double start) {
        Path2D.Double p = new Path2D.Double();
        for (int i = 0; i < n; i++) {
            double a = start + i * 2 * Math.PI / n;
            double x = r * Math.cos(a);
            double y = r * Math.sin(a);
            if (i == 0) {
                p.moveTo(x, y);
            } else {
                p.lineTo(x, y);
            }
        }
        p.closePath();
        return p;
    }

    private static Shape heart() {
        Path2D.Double p = new Path2D.Double();
        p.moveTo(0, 0.48);
        p.curveTo(-0.18, 0.32, -0.52, 0.12, -0.5, -0.14);
        p.curveTo(-0.48, -0.42, -0.1, -0.5, 0, -0.22);
        p.curveTo(0.1, -0.5, 0.48, -0.42, 0.5, -0.14);
        p.curveTo(0.52, 0.12, 0.18, 0.32, 0, 0.48);
        p.closePath();
        return p;
    }

    private static Shape cross() {
        double a = 0.17;
        double e = 0.5;
        Path2D.Double p = new Path2D.Double();
        p.moveTo(-a, -e);
        p.lineTo(a, -e);
        p.lineTo(a, -a);
        p.lineTo(e, -a);
        p.lineTo(e, a);
        p.lineTo(a, a);
        p.lineTo(a, e);
        p.lineTo(-a, e);
        p.lineTo(-a, a);
        p.lineTo(-e, a);
        p.lineTo(-e, -a);
        p.lineTo(-a, -a);
        p.closePath();
        return p;
    }

    private static Shape diamond() {
        Path2D.Double p = new Path2D.Double();
        p.moveTo(0, -0.55);
        p.lineTo(0.36, 0);
        p.lineTo(0, 0.55);
        p.lineTo(-0.36, 0);
        p.closePath();
        return p;
    }
}
