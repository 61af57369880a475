package org.cir4j.world;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cir4j.world.scene.BackgroundColour;
import org.cir4j.world.scene.GarmentCategory;
import org.cir4j.world.scene.GarmentScene;
import org.cir4j.world.scene.Scene;
import org.cir4j.world.scene.ShapeScene;
import org.cir4j.world.spec.GarmentTarget;
import org.cir4j.world.spec.ShapeTarget;
import org.cir4j.world.spec.TargetSpec;

/**
 * Finds every gallery image that satisfies a target spec. Images are bucketed by a coarse key that
 * every satisfying scene must share (background and object count for shapes, category for garments),
 * so only a bucket is scanned with the full predicate.
 */
final class GroundTruthIndex {
    private final Map<String, List<Integer>> buckets = new HashMap<>();
    private final List<Scene> scenes;

    GroundTruthIndex(List<Scene> scenes) {
        this.scenes = scenes;
        for (int i = 0; i < scenes.size(); i++) {
            buckets.computeIfAbsent(key(scenes.get(i)), k -> new ArrayList<>()).add(i);
        }
    }

    /** Indices (ascending) of the scenes satisfying {@code spec}. */
    List<Integer> matches(TargetSpec spec) {
        List<Integer> out = new ArrayList<>();
        for (String k : keys(spec)) {
            for (int i : buckets.getOrDefault(k, List.of())) {
                if (spec.isSatisfiedBy(scenes.get(i))) {
                    out.add(i);
                }
            }
        }
        out.sort(null);
        return out;
    }

    private static String key(Scene s) {
        if (s instanceof ShapeScene sh) {
            return "s/" + sh.background().colour() + "/" + sh.objects().size();
        }
        return "g/" + ((GarmentScene) s).garment().category();
    }

    private static List<String> keys(TargetSpec spec) {
        List<String> out = new ArrayList<>();
        if (spec instanceof ShapeTarget st) {
            for (BackgroundColour b : st.backgrounds()) {
                out.add("s/" + b + "/" + st.objects().size());
            }
        } else {
            for (GarmentCategory c : ((GarmentTarget) spec).garment().categories()) {
                out.add("g/" + c);
            }
        }
        return out;
    }
}
