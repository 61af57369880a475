package org.cir4j.world;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cir4j.world.io.Json;
import org.cir4j.world.io.JsonLines;
import org.cir4j.world.scene.Scene;

/**
 * One line of {@code <domain>/scenes.jsonl}: every image of the world with its split and scene.
 *
 * @param image path of the stored PNG relative to the domain folder
 */
public record SceneRecord(@JsonProperty("name") String name, @JsonProperty("split") Split split,
                          @JsonProperty("image") String image, @JsonProperty("scene") Scene scene) {

    /** File name of a domain's scene descriptions. */
    public static final String FILE = "scenes.jsonl";

    /**
     * The records of {@code split} in a {@code scenes.jsonl} file, in file order (blank lines skipped).
     *
     * @throws IOException if the file cannot be read or a line is not a scene record (naming file and line)
     */
    public static List<SceneRecord> read(Path file, Split split) throws IOException {
        List<SceneRecord> out = new ArrayList<>();
        JsonLines.read(file, Json.MAPPER, SceneRecord.class, (r, line) -> {
            if (r.split() == split) {
                out.add(r);
            }
        });
        return out;
    }
}
