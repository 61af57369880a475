package org.cir4j.world.scene;

import java.util.Objects;

/**
 * One object of a shapes scene. Semantic attributes: shape, colour, size, pattern, orientation.
 * Placement: centre {@code (x, y)} as canvas fractions (y down). Nuisance: {@link Jitter}.
 *
 * <p>Orientation is normalised to {@link Orientation#UPRIGHT} for shapes that look the same upside
 * down, so that attribute equality is equality of what can be seen.
 */
public record SceneObject(ShapeKind shape, Colour colour, Size size, Pattern pattern, Orientation orientation,
                          double x, double y, Jitter jitter) {

    public SceneObject {
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(colour, "colour");
        Objects.requireNonNull(size, "size");
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(orientation, "orientation");
        Objects.requireNonNull(jitter, "jitter");
        if (!shape.orientable()) {
            orientation = Orientation.UPRIGHT;
        }
        x = Jitter.round(x);
        y = Jitter.round(y);
    }

    /** Radius of the disc that contains the rendered shape, as a canvas fraction (used for overlap tests). */
    public double radius() {
        return radiusOf(size, jitter.scale());
    }

    public static double radiusOf(Size size, double scale) {
        // Shapes are drawn inside a disc of 0.55 × diameter (the square's corners reach furthest).
        return size.diameter() * scale * 0.55;
    }

    /** The semantic attributes only, for multiset comparisons. */
    public ObjectKey key() {
        return new ObjectKey(shape, colour, size, pattern, orientation);
    }

    public Region region() {
        return Region.of(x, y);
    }

    public SceneObject withShape(ShapeKind s) {
        return new SceneObject(s, colour, size, pattern, orientation, x, y, jitter);
    }

    public SceneObject withColour(Colour c) {
        return new SceneObject(shape, c, size, pattern, orientation, x, y, jitter);
    }

    public SceneObject withSize(Size s) {
        return new SceneObject(shape, colour, s, pattern, orientation, x, y, jitter);
    }

    public SceneObject withPattern(Pattern p) {
        return new SceneObject(shape, colour, size, p, orientation, x, y, jitter);
    }

    public SceneObject withOrientation(Orientation o) {
        return new SceneObject(shape, colour, size, pattern, o, x, y, jitter);
    }

    public SceneObject at(double nx, double ny) {
        return new SceneObject(shape, colour, size, pattern, orientation, nx, ny, jitter);
    }

    public SceneObject withJitter(Jitter j) {
        return new SceneObject(shape, colour, size, pattern, orientation, x, y, j);
    }

    /** The semantic attributes of an object; equal keys mean indistinguishable objects. */
    public record ObjectKey(ShapeKind shape, Colour colour, Size size, Pattern pattern, Orientation orientation)
            implements Comparable<ObjectKey> {
        @Override
        public int compareTo(ObjectKey o) {
            int c = shape.compareTo(o.shape);
            if (c == 0) c = colour.compareTo(o.colour);
            if (c == 0) c = size.compareTo(o.size);
            if (c == 0) c = pattern.compareTo(o.pattern);
            if (c == 0) c = orientation.compareTo(o.orientation);
            return c;
        }
    }
}
