package org.cir4j.world.spec;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import org.cir4j.world.scene.Scene;

/**
 * What a composed query asks for: the ground-truth predicate. An image is a ground truth of the query
 * exactly when its scene satisfies the spec: the same multiset of objects with their attributes (each
 * within its allowed values), the same background, and every placement the caption states; exact
 * coordinates and rendering nuisance are free.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "domain")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ShapeTarget.class, name = "shapes"),
    @JsonSubTypes.Type(value = GarmentTarget.class, name = "garments")
})
public sealed interface TargetSpec permits ShapeTarget, GarmentTarget {

    /** The ground-truth predicate. A scene of the other domain never satisfies it. */
    boolean isSatisfiedBy(Scene scene);
}
