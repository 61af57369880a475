package org.cir4j.world.spec;

import java.util.EnumSet;
import java.util.Set;
import org.cir4j.world.scene.Colour;
import org.cir4j.world.scene.Orientation;
import org.cir4j.world.scene.Pattern;
import org.cir4j.world.scene.SceneObject;
import org.cir4j.world.scene.ShapeKind;
import org.cir4j.world.scene.Size;

/**
 * The allowed attribute values of one target object. Mostly singletons; a set with several values
 * comes from a caption that leaves a choice ("the star is bigger" from small: medium or large).
 * Orientation is compared only for orientable shapes (others are always stored upright).
 */
public record ObjectSpec(Set<ShapeKind> shapes, Set<Colour> colours, Set<Size> sizes, Set<Pattern> patterns,
                         Set<Orientation> orientations) {

    public ObjectSpec {
        shapes = EnumSets.copy(shapes, ShapeKind.class, "shapes");
        colours = EnumSets.copy(colours, Colour.class, "colours");
        sizes = EnumSets.copy(sizes, Size.class, "sizes");
        patterns = EnumSets.copy(patterns, Pattern.class, "patterns");
        orientations = EnumSets.copy(orientations, Orientation.class, "orientations");
    }

    /** The spec that only {@code o}'s own attributes satisfy. */
    public static ObjectSpec exactly(SceneObject o) {
        return new ObjectSpec(EnumSet.of(o.shape()), EnumSet.of(o.colour()), EnumSet.of(o.size()),
                EnumSet.of(o.pattern()), EnumSet.of(o.orientation()));
    }

    public boolean matches(SceneObject o) {
        return shapes.contains(o.shape()) && colours.contains(o.colour()) && sizes.contains(o.size())
                && patterns.contains(o.pattern())
                && (!o.shape().orientable() || orientations.contains(o.orientation()));
    }

    public ObjectSpec withShapes(Set<ShapeKind> v) {
        return new ObjectSpec(v, colours, sizes, patterns, orientations);
    }

    public ObjectSpec withColours(Set<Colour> v) {
        return new ObjectSpec(shapes, v, sizes, patterns, orientations);
    }

    public ObjectSpec withSizes(Set<Size> v) {
        return new ObjectSpec(shapes, colours, v, patterns, orientations);
    }

    public ObjectSpec withPatterns(Set<Pattern> v) {
        return new ObjectSpec(shapes, colours, sizes, v, orientations);
    }

    public ObjectSpec withOrientations(Set<Orientation> v) {
        return new ObjectSpec(shapes, colours, sizes, patterns, v);
    }
}
