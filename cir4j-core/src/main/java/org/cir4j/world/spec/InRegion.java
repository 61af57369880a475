package org.cir4j.world.spec;

import java.util.List;
import java.util.Objects;
import org.cir4j.world.scene.Region;
import org.cir4j.world.scene.SceneObject;

/** Object {@code object} has its centre in {@code region}. */
public record InRegion(int object, Region region) implements Constraint {
    public InRegion {
        Objects.requireNonNull(region, "region");
        if (object < 0) {
            throw new IllegalArgumentException("object index must be >= 0, found " + object);
        }
    }

    @Override
    public int maxIndex() {
        return object;
    }

    @Override
    public boolean holds(List<SceneObject> assigned) {
        SceneObject o = assigned.get(object);
        return region.contains(o.x(), o.y());
    }

    @Override
    public boolean decidable(List<SceneObject> assigned) {
        return assigned.get(object) != null;
    }
}
