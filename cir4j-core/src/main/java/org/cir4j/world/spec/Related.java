package org.cir4j.world.spec;

import java.util.List;
import java.util.Objects;
import org.cir4j.world.scene.Relation;
import org.cir4j.world.scene.SceneObject;

/** Object {@code subject} stands in {@code relation} to object {@code object}. */
public record Related(int subject, Relation relation, int object) implements Constraint {
    public Related {
        Objects.requireNonNull(relation, "relation");
        if (subject < 0 || object < 0 || subject == object) {
            throw new IllegalArgumentException("relation needs two distinct object indices >= 0, found "
                    + subject + " and " + object);
        }
    }

    @Override
    public int maxIndex() {
        return Math.max(subject, object);
    }

    @Override
    public boolean holds(List<SceneObject> assigned) {
        return relation.holds(assigned.get(subject), assigned.get(object));
    }

    @Override
    public boolean decidable(List<SceneObject> assigned) {
        return assigned.get(subject) != null && assigned.get(object) != null;
    }
}
