package org.cir4j.train.clip;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.cir4j.world.Domain;
import org.cir4j.world.SceneRecord;
import org.cir4j.world.Split;
import org.cir4j.world.scene.GarmentScene;
import org.cir4j.world.scene.Scene;
import org.cir4j.world.scene.ShapeScene;

/**
 * Groups of pretraining images that the cheapest features cannot tell apart: same domain, same background
 * colour and same main colour (a shapes scene's first object, a garment's colour). A batch that holds many
 * members of one group can only be solved contrastively through shape, size, pattern, count, sleeves,
 * neckline … — the attributes a small CLIP otherwise ignores for thousands of steps because colour and
 * background already single out most captions in a uniformly drawn batch (docs/mini-clip-diagnosis.md).
 *
 * <p>The groups come from the world's scene descriptions ({@code <domain>/scenes.jsonl}), matched to the
 * pairs by image path; only the sampler uses them, never the model.
 */
public final class ConfusableGroups {
    private ConfusableGroups() {}

    /** The group key of a scene: domain, background colour, main colour. */
    static String key(Scene scene) {
        if (scene instanceof ShapeScene s) {
            if (s.objects().isEmpty()) {
                return "shapes|" + s.background().colour() + "|none";
            }
            return "shapes|" + s.background().colour() + "|" + s.objects().get(0).colour();
        }
        GarmentScene g = (GarmentScene) scene;
        return "garments|" + g.background().colour() + "|" + g.garment().colour();
    }

    /**
     * Group id (0..groups-1) of every pair of {@code pairs}, whose names are {@code domain/image path}.
     *
     * @throws IOException if a domain's scenes.jsonl is missing or malformed, or names no scene for a pair
     */
    public static int[] of(Path world, PretrainPairs pairs) throws IOException {
        Map<String, String> keyByName = new HashMap<>();
        for (Domain domain : Domain.values()) {
            Path scenes = world.resolve(domain.id()).resolve(SceneRecord.FILE);
            if (Files.isRegularFile(scenes)) {
                for (SceneRecord r : SceneRecord.read(scenes, Split.PRETRAIN)) {
                    keyByName.put(domain.id() + "/" + r.image(), key(r.scene()));
                }
            }
        }
        Map<String, Integer> ids = new HashMap<>();
        int[] out = new int[pairs.size()];
        for (int i = 0; i < out.length; i++) {
            String key = keyByName.get(pairs.name(i));
            if (key == null) {
                throw new IOException("no scene in " + world + "/<domain>/scenes.jsonl for pretraining image "
                        + pairs.name(i) + "; hard-negative batches need the world's scene descriptions");
            }
            out[i] = ids.computeIfAbsent(key, k -> ids.size());
        }
        return out;
    }
}
