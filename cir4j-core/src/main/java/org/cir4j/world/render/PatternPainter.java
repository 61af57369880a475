package org.cir4j.world.render;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import org.cir4j.world.scene.Pattern;

/**
 * Paints a surface pattern inside an outline. The pattern period is given in pixels, not relative to
 * the object, because what limits legibility is the pixel grid: below ~5 px stripes and dots blur
 * into a flat tint at 96 px.
 */
final class PatternPainter {
    private PatternPainter() {}

    /**
     * @param outline the filled area, in device coordinates
     * @param local   transform from the pattern's own frame to device space (so the pattern turns with the object)
     * @param period  pattern period in pixels
     * @param diagonal whether stripes run at 45 degrees (shapes) or horizontally (garments)
     */
    static void paint(Graphics2D g, Shape outline, AffineTransform local, Pattern pattern, Color ink,
                      double period, boolean diagonal) {
        if (pattern == Pattern.PLAIN) {
            return;
        }
        Shape oldClip = g.getClip();
        AffineTransform oldTx = g.getTransform();
        g.clip(outline);
        Rectangle2D b = outline.getBounds2D();
        double cx = b.getCenterX();
        double cy = b.getCenterY();
        double reach = Math.hypot(b.getWidth(), b.getHeight()) / 2 + period;
        AffineTransform t = new AffineTransform(oldTx);
        t.translate(cx, cy);
        // Keep only the rotation of the local frame: the period is in pixels.
        double angle = Math.atan2(local.getShearY(), local.getScaleX());
        t.rotate(angle + (diagonal ? Math.PI / 4 : 0));
        g.setTransform(t);
        g.setColor(ink);
        switch (pattern) {
            case STRIPED -> {
                double w = period * 0.48;
                for (double y = -reach; y <= reach; y += period) {
                    g.fill(new Rectangle2D.Double(-reach, y, 2 * reach, w));
                }
            }
            case DOTTED -> {
                double r = period * 0.27;
                int row = 0;
                for (double y = -reach; y <= reach; y += period * 0.87, row++) {
                    double shift = (row % 2) * period / 2;
                    for (double x = -reach + shift; x <= reach; x += period) {
                        g.fill(new Ellipse2D.Double(x - r, y - r, 2 * r, 2 * r));
                    }
                }
            }
            case CHECKED -> {
                g.setStroke(new BasicStroke((float) (period * 0.3)));
                for (double v = -reach; v <= reach; v += period) {
                    g.draw(new Line2D.Double(-reach, v, reach, v));
                    g.draw(new Line2D.Double(v, -reach, v, reach));
                }
            }
            default -> throw new IllegalStateException("unhandled pattern " + pattern);
        }
        g.setTransform(oldTx);
        g.setClip(oldClip);
    }
}
