package org.cir4j.world.scene;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/** A shapes-domain scene: a background and one to four non-overlapping objects on a square canvas. */
public record ShapeScene(Background background, List<SceneObject> objects) implements Scene {

    public static final int MAX_OBJECTS = 4;

    public ShapeScene {
        Objects.requireNonNull(background, "background");
        objects = List.copyOf(objects);
        if (objects.isEmpty() || objects.size() > MAX_OBJECTS) {
            throw new IllegalArgumentException("a shapes scene holds 1.." + MAX_OBJECTS + " objects, found " + objects.size());
        }
    }

    @Override
    public Frame frame() {
        return Frame.SQUARE;
    }

    /** Sorted semantic keys: equal lists mean the same multiset of objects. */
    public List<SceneObject.ObjectKey> keys() {
        List<SceneObject.ObjectKey> keys = new ArrayList<>(objects.size());
        for (SceneObject o : objects) {
            keys.add(o.key());
        }
        Collections.sort(keys);
        return keys;
    }

    public ShapeScene withObjects(List<SceneObject> objs) {
        return new ShapeScene(background, objs);
    }

    public ShapeScene withBackground(Background b) {
        return new ShapeScene(b, objects);
    }
}
