package org.cir4j.world.render;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import org.cir4j.world.scene.Garment;
import org.cir4j.world.scene.GarmentScene;
import org.cir4j.world.scene.GarmentView;
import org.cir4j.world.scene.PrintMotif;

/** Draws a {@link GarmentScene}: a flat garment centred on a canvas of the scene's frame. */
final class GarmentSceneRenderer {
    /** Fraction of the canvas the fitted garment box fills in the standard view. */
    private static final double FILL = 0.88;
    private static final double ZOOMED_OUT = 0.6;
    private static final double TILT_DEGREES = 20.0;

    private GarmentSceneRenderer() {}

    static BufferedImage render(GarmentScene scene, int shortSide) {
        int w = scene.frame().width(shortSide);
        int h = scene.frame().height(shortSide);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = Canvas.graphics(img);
        try {
            BackgroundPainter.paint(g, img, scene.background());
            drawGarment(g, scene, w, h, shortSide);
        } finally {
            g.dispose();
        }
        return img;
    }

    private static void drawGarment(Graphics2D g, GarmentScene scene, int w, int h, int shortSide) {
        Garment garment = scene.garment();
        GarmentGeometry geo = GarmentGeometry.of(garment);
        double top = -0.06;
        double height = Math.max(geo.bottom - top, GarmentGeometry.FIT_MIN_HEIGHT);
        double scale = FILL * Math.min(w / GarmentGeometry.FIT_WIDTH, h / height) * scene.jitter().scale();
        double rotation = scene.jitter().rotation();
        if (scene.view() == GarmentView.ZOOMED_OUT) {
            scale *= ZOOMED_OUT;
        } else if (scene.view() == GarmentView.TILTED) {
            // A tilted view turns ~20 degrees; its direction is nuisance (the sign of the jitter).
            rotation += Math.copySign(TILT_DEGREES, rotation == 0 ? 1 : rotation);
            scale *= 0.85;
        }
        AffineTransform t = new AffineTransform();
        t.translate(w * (0.5 + scene.offsetX()), h * (0.5 + scene.offsetY()));
        t.rotate(Math.toRadians(rotation));
        t.scale(scale, scale);
        t.translate(0, -(top + geo.bottom) / 2);

        Color fill = garment.colour().shaded(scene.jitter().shade());
        Color ink = Inks.contrast(fill);
        Color edge = Inks.outline(fill);
        Shape fabric = t.createTransformedShape(geo.fabric);
        g.setColor(fill);
        g.fill(fabric);
        double period = Math.max(5.0 * shortSide / 96.0, scale * 0.075);
        PatternPainter.paint(g, fabric, t, garment.pattern(), withAlpha(ink, 200), Math.max(5.0, period), false);

        float px = (float) Math.max(1.0, shortSide / 96.0);
        g.setStroke(new BasicStroke(px));
        g.setColor(edge);
        for (Shape s : geo.detailLines) {
            g.draw(t.createTransformedShape(s));
        }
        for (Shape s : geo.detailFills) {
            g.fill(t.createTransformedShape(s));
        }
        for (Shape s : geo.collar) {
            Shape c = t.createTransformedShape(s);
            g.setColor(fill);
            g.fill(c);
            g.setColor(edge);
            g.draw(c);
        }
        g.setColor(edge);
        g.draw(fabric);
        if (garment.print() != PrintMotif.NONE) {
            drawPrints(g, geo, t, garment, fill, px);
        }
    }

    private static void drawPrints(Graphics2D g, GarmentGeometry geo, AffineTransform t, Garment garment, Color fill,
                                   float px) {
        int n = garment.printCount();
        double size = Math.min(0.15, geo.printWidth / (n + 0.3));
        double step = size * 1.08;
        double x0 = -(n - 1) * step / 2;
        Color ink = garment.colour().luminance() > 0.55 ? new Color(30, 30, 30) : new Color(250, 250, 250);
        Color halo = Inks.luminance(ink) > 0.5 ? new Color(20, 20, 20) : new Color(255, 255, 255);
        for (int i = 0; i < n; i++) {
            AffineTransform m = new AffineTransform(t);
            m.translate(x0 + i * step, geo.printY);
            m.scale(size, size);
            Shape motif = m.createTransformedShape(MotifPaths.unit(garment.print()));
            // A halo keeps the motif readable on stripes, dots and checks.
            g.setStroke(new BasicStroke(px * 1.6f));
            g.setColor(halo);
            g.draw(motif);
            g.setColor(ink);
            g.fill(motif);
        }
    }

    private static Color withAlpha(Color c, int alpha) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), alpha);
    }
}
