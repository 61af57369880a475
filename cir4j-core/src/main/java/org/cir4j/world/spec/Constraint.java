package org.cir4j.world.spec;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;
import org.cir4j.world.scene.SceneObject;

/**
 * A placement statement a relative caption made ("the circle is in the top left corner", "the star
 * is above the heart"). Object indices refer to {@link ShapeTarget#objects()}; the predicate checks
 * them on the scene objects matched to those specs.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = InRegion.class, name = "in_region"),
    @JsonSubTypes.Type(value = Related.class, name = "related")
})
public sealed interface Constraint permits InRegion, Related {

    /** Largest object index mentioned. */
    int maxIndex();

    /** Whether it holds when spec {@code i} is matched to {@code assigned.get(i)} (null: not yet assigned). */
    boolean holds(List<SceneObject> assigned);

    /** Whether every index it mentions is assigned. */
    boolean decidable(List<SceneObject> assigned);
}
