package org.cir4j.world.render;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import org.cir4j.world.scene.Orientation;
import org.cir4j.world.scene.SceneObject;
import org.cir4j.world.scene.ShapeScene;

/** Draws a {@link ShapeScene} on a square canvas. Pure function of the scene and the side length. */
final class ShapeSceneRenderer {
    private ShapeSceneRenderer() {}

    static BufferedImage render(ShapeScene scene, int side) {
        BufferedImage img = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = Canvas.graphics(img);
        try {
            BackgroundPainter.paint(g, img, scene.background());
            for (SceneObject o : scene.objects()) {
                drawObject(g, o, side);
            }
        } finally {
            g.dispose();
        }
        return img;
    }

    static void drawObject(Graphics2D g, SceneObject o, int side) {
        double d = o.size().diameter() * o.jitter().scale() * side;
        AffineTransform t = new AffineTransform();
        t.translate(o.x() * side, o.y() * side);
        double turn = o.orientation() == Orientation.UPSIDE_DOWN ? Math.PI : 0.0;
        t.rotate(Math.toRadians(o.jitter().rotation()) + turn);
        t.scale(d, d);
        Shape outline = t.createTransformedShape(ShapePaths.unit(o.shape()));
        Color fill = o.colour().shaded(o.jitter().shade());
        g.setColor(fill);
        g.fill(outline);
        // Period: at least 5 px, else a fifth of the diameter, so even small objects show 4+ stripes.
        double period = Math.max(5.0 * side / 96.0, d / 5.0);
        PatternPainter.paint(g, outline, t, o.pattern(), Inks.contrast(fill), Math.max(5.0, period), true);
        g.setStroke(new BasicStroke((float) Math.max(1.0, side / 96.0)));
        g.setColor(Inks.outline(fill));
        g.draw(outline);
    }
}
