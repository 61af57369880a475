package org.cir4j.world;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cir4j.world.io.Json;
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
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int lineNo = 0;
            while ((line = reader.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                SceneRecord r;
                try {
                    r = Json.MAPPER.readValue(line, SceneRecord.class);
                } catch (IOException e) {
                    throw new IOException(file + " line " + lineNo + ": " + e.getMessage(), e);
                }
                if (r.split() == split) {
                    out.add(r);
                }
            }
        }
        return out;
    }
}
