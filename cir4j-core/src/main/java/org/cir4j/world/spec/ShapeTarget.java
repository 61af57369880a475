package org.cir4j.world.spec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.cir4j.world.scene.BackgroundColour;
import org.cir4j.world.scene.Scene;
import org.cir4j.world.scene.SceneObject;
import org.cir4j.world.scene.ShapeScene;
import org.cir4j.world.scene.Texture;

/**
 * Target of a shapes query. The scene must have exactly one object per spec in {@link #objects()}
 * under some one-to-one matching, and that same matching must make every {@link Constraint} hold
 * (so "the circle is left of the square" is checked on the circle and square that were matched).
 */
public record ShapeTarget(Set<BackgroundColour> backgrounds, Set<Texture> textures, List<ObjectSpec> objects,
                          List<Constraint> constraints) implements TargetSpec {

    public ShapeTarget {
        backgrounds = EnumSets.copy(backgrounds, BackgroundColour.class, "backgrounds");
        textures = EnumSets.copy(textures, Texture.class, "textures");
        objects = List.copyOf(Objects.requireNonNull(objects, "objects"));
        constraints = List.copyOf(Objects.requireNonNull(constraints, "constraints"));
        if (objects.isEmpty() || objects.size() > ShapeScene.MAX_OBJECTS) {
            throw new IllegalArgumentException("a shapes target needs 1.." + ShapeScene.MAX_OBJECTS + " objects, found "
                    + objects.size());
        }
        for (Constraint c : constraints) {
            if (c.maxIndex() >= objects.size()) {
                throw new IllegalArgumentException("constraint " + c + " refers to object " + c.maxIndex()
                        + " but the target has " + objects.size() + " objects");
            }
        }
    }

    /** The spec satisfied only by scenes with the same background and objects as {@code scene}. */
    public static ShapeTarget exactly(ShapeScene scene) {
        List<ObjectSpec> specs = new ArrayList<>();
        for (SceneObject o : scene.objects()) {
            specs.add(ObjectSpec.exactly(o));
        }
        return new ShapeTarget(EnumSet.of(scene.background().colour()), EnumSet.of(scene.background().texture()),
                specs, List.of());
    }

    @Override
    public boolean isSatisfiedBy(Scene scene) {
        if (!(scene instanceof ShapeScene s)) {
            return false;
        }
        if (!backgrounds.contains(s.background().colour()) || !textures.contains(s.background().texture())) {
            return false;
        }
        if (s.objects().size() != objects.size()) {
            return false;
        }
        SceneObject[] assigned = new SceneObject[objects.size()];
        return assign(0, s.objects(), new boolean[objects.size()], assigned);
    }

    /** Backtracking over matchings (at most 4! = 24), pruning on attributes and on decided constraints. */
    private boolean assign(int spec, List<SceneObject> sceneObjects, boolean[] used, SceneObject[] assigned) {
        if (spec == objects.size()) {
            return true;
        }
        ObjectSpec want = objects.get(spec);
        List<SceneObject> view = Arrays.asList(assigned);
        for (int j = 0; j < sceneObjects.size(); j++) {
            if (used[j] || !want.matches(sceneObjects.get(j))) {
                continue;
            }
            used[j] = true;
            assigned[spec] = sceneObjects.get(j);
            if (constraintsHold(spec, view) && assign(spec + 1, sceneObjects, used, assigned)) {
                return true;
            }
            assigned[spec] = null;
            used[j] = false;
        }
        return false;
    }

    private boolean constraintsHold(int justAssigned, List<SceneObject> view) {
        for (Constraint c : constraints) {
            if (c.maxIndex() == justAssigned && c.decidable(view) && !c.holds(view)) {
                return false;
            }
        }
        return true;
    }
}
