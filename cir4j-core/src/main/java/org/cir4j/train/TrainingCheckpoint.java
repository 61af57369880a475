package org.cir4j.train;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.cir4j.util.AtomicFiles;

/**
 * Resumable training state on disk: {@code DIR/step-NNNNNNNN/} holds {@code params.safetensors},
 * {@code optimizer.safetensors} and {@code state.json}; {@code DIR/latest} names the newest complete one.
 *
 * <p>A checkpoint directory is written under a temporary name and renamed when complete, and {@code latest}
 * is replaced atomically afterwards, so a run killed at any moment resumes from the last complete
 * checkpoint. Older checkpoints beyond {@code keep} are deleted.
 */
public final class TrainingCheckpoint {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a resumed run gets back. */
    public record Loaded(Path dir, long step, NDList params, NDList optimizer, ObjectNode state) {}

    private TrainingCheckpoint() {}

    public static Path save(Path root, long step, NDList params, NDList optimizer, ObjectNode state, int keep)
            throws IOException {
        Files.createDirectories(root);
        String name = String.format("step-%08d", step);
        Path tmp = root.resolve("." + name + ".tmp");
        AtomicFiles.deleteTree(tmp);
        Files.createDirectories(tmp);
        try (var out = Files.newOutputStream(tmp.resolve("params.safetensors"))) {
            params.encode(out, NDList.Encoding.SAFETENSORS);
        }
        try (var out = Files.newOutputStream(tmp.resolve("optimizer.safetensors"))) {
            optimizer.encode(out, NDList.Encoding.SAFETENSORS);
        }
        ObjectNode s = state.deepCopy();
        s.put("step", step);
        Files.writeString(tmp.resolve("state.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(s));
        Path target = root.resolve(name);
        AtomicFiles.deleteTree(target);
        AtomicFiles.move(tmp, target);
        AtomicFiles.writeString(root.resolve("latest"), name + "\n");
        prune(root, keep);
        return target;
    }

    /** The newest complete checkpoint under {@code root}, if any. */
    public static Optional<Loaded> latest(Path root, NDManager manager) throws IOException {
        Path pointer = root.resolve("latest");
        if (!Files.exists(pointer)) {
            return Optional.empty();
        }
        Path dir = root.resolve(Files.readString(pointer, StandardCharsets.UTF_8).trim());
        for (String f : List.of("params.safetensors", "optimizer.safetensors", "state.json")) {
            if (!Files.isRegularFile(dir.resolve(f))) {
                throw new IOException("checkpoint " + dir + " is incomplete: missing " + f);
            }
        }
        JsonNode state = JSON.readTree(dir.resolve("state.json").toFile());
        if (!(state instanceof ObjectNode obj) || !state.has("step")) {
            throw new IOException("checkpoint " + dir + ": state.json has no 'step'");
        }
        return Optional.of(new Loaded(dir, obj.get("step").asLong(), read(dir.resolve("params.safetensors"), manager),
                read(dir.resolve("optimizer.safetensors"), manager), obj));
    }

    private static NDList read(Path file, NDManager manager) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return NDList.decode(manager, in);
        } catch (RuntimeException e) {
            throw new IOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static void prune(Path root, int keep) throws IOException {
        List<Path> dirs = new ArrayList<>();
        try (Stream<Path> s = Files.list(root)) {
            s.filter(p -> p.getFileName().toString().startsWith("step-") && Files.isDirectory(p)).sorted().forEach(dirs::add);
        }
        for (int i = 0; i < dirs.size() - keep; i++) {
            AtomicFiles.deleteTree(dirs.get(i));
        }
    }
}
