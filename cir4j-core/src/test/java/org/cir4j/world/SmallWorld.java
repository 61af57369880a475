package org.cir4j.world;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.cir4j.world.io.Json;

/**
 * The {@code small} world, generated once per test JVM (several test classes read it) into a temporary
 * folder that is deleted at exit.
 */
final class SmallWorld {
    static final long SEED = 20240611L;
    private static Path root;
    private static WorldManifest manifest;

    private SmallWorld() {}

    static synchronized Path root() {
        if (root == null) {
            try {
                Path dir = Files.createTempDirectory("cir4j-small-world");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
                manifest = WorldGenerator.generate(dir, WorldConfig.small(SEED), ProgressListener.NONE);
                root = dir;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return root;
    }

    static synchronized WorldManifest manifest() {
        root();
        return manifest;
    }

    static Path domain(Domain d) {
        return root().resolve(d.id());
    }

    static List<QueryRecord> queries(Domain d) throws IOException {
        List<QueryRecord> out = new ArrayList<>();
        for (String line : Files.readAllLines(domain(d).resolve("queries.jsonl"))) {
            out.add(Json.MAPPER.readValue(line, QueryRecord.class));
        }
        return out;
    }

    static Map<String, SceneRecord> scenes(Domain d) throws IOException {
        Map<String, SceneRecord> out = new LinkedHashMap<>();
        for (String line : Files.readAllLines(domain(d).resolve("scenes.jsonl"))) {
            SceneRecord r = Json.MAPPER.readValue(line, SceneRecord.class);
            out.put(r.name(), r);
        }
        return out;
    }

    static JsonNode tree(Path file) throws IOException {
        return new ObjectMapper().readTree(file.toFile());
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete test world " + dir, e);
        }
    }
}
