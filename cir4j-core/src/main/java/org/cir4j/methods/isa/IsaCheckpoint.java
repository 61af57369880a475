package org.cir4j.methods.isa;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.cir4j.model.SafeTensors;
import org.cir4j.util.AtomicFiles;

/**
 * An ISA method directory: {@code config.json} ({@code "method": "isa"}, format version, the
 * {@link IsaConfig}, the base CLIP's {@link BaseModelIdentity}, the query-side preprocessing, and free
 * training metadata) and {@code isa.safetensors} (the query model's tensors). The same directory is
 * the device export: {@link org.cir4j.methods.isa.runtime.IsaQueryRuntime} reads it without DJL.
 */
public final class IsaCheckpoint {

    public static final int FORMAT_VERSION = 1;
    public static final String CONFIG = "config.json";
    public static final String WEIGHTS = "isa.safetensors";
    public static final String METHOD = "isa";
    /** CLIP's normalisation (every CLIP preprocessor uses it; the light encoder is trained with it too). */
    static final float[] MEAN = {0.48145466f, 0.4578275f, 0.40821073f};
    static final float[] STD = {0.26862954f, 0.26130258f, 0.27577711f};
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A loaded directory. */
    public record Loaded(IsaModel model, BaseModelIdentity base, ObjectNode json) {}

    private IsaCheckpoint() {}

    /** Writes {@code dir/config.json} and {@code dir/isa.safetensors}, each atomically. */
    public static void save(Path dir, IsaModel model, BaseModelIdentity base, ObjectNode training) throws IOException {
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".isa.", ".safetensors.tmp");
        try {
            SafeTensors.write(tmp, model.parameters(), Map.of("format", "pt", "method", METHOD));
            AtomicFiles.move(tmp, dir.resolve(WEIGHTS));
        } finally {
            Files.deleteIfExists(tmp);
        }
        ObjectNode root = JSON.createObjectNode();
        root.put("format_version", FORMAT_VERSION);
        root.put("method", METHOD);
        root.set("isa", model.config().toJson());
        root.set("base_model", base.toJson());
        ObjectNode pre = root.putObject("preprocess");
        pre.put("mode", "clip");
        pre.put("image_size", model.config().imageSize());
        pre.put("resample", "bicubic");
        var mean = pre.putArray("mean");
        var std = pre.putArray("std");
        for (int i = 0; i < 3; i++) {
            mean.add(MEAN[i]);
            std.add(STD[i]);
        }
        pre.put("layout", "NCHW float32, RGB");
        root.set("training", training == null ? JSON.createObjectNode() : training);
        AtomicFiles.writeString(dir.resolve(CONFIG), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root));
    }

    /** Reads the config of {@code dir}, checking format and method. */
    public static ObjectNode readConfig(Path dir) throws IOException {
        Path file = dir.resolve(CONFIG);
        if (!Files.isRegularFile(file)) {
            throw new IOException("not an ISA checkpoint: " + file + " is missing");
        }
        JsonNode node = JSON.readTree(file.toFile());
        if (!(node instanceof ObjectNode obj)) {
            throw new IOException(file + ": expected a JSON object");
        }
        if (!METHOD.equals(obj.path("method").asText())) {
            throw new IOException(file + ": expected \"method\": \"" + METHOD + "\", found " + obj.get("method"));
        }
        if (obj.path("format_version").asInt(-1) != FORMAT_VERSION) {
            throw new IOException(file + ": format_version " + obj.get("format_version") + " is not supported (expected "
                    + FORMAT_VERSION + ")");
        }
        return obj;
    }

    /** Loads a directory into a sub-manager of {@code parent}. */
    public static Loaded load(Path dir, NDManager parent) throws IOException {
        ObjectNode json = readConfig(dir);
        IsaConfig config = IsaConfig.parse(json.get("isa"));
        BaseModelIdentity base = BaseModelIdentity.parse(json.get("base_model"), dir.resolve(CONFIG).toString());
        Path weights = dir.resolve(WEIGHTS);
        if (!Files.isRegularFile(weights)) {
            throw new IOException("ISA checkpoint " + dir + " has no " + WEIGHTS);
        }
        NDManager m = parent.newSubManager();
        try {
            Map<String, NDArray> tensors = SafeTensors.read(weights, m);
            return new Loaded(IsaModel.of(config, tensors, m, weights.toString()), base, json);
        } catch (IOException | RuntimeException e) {
            m.close();
            throw e;
        }
    }
}
