package org.cir4j.methods.isa;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.cir4j.model.SafeTensors;
import org.cir4j.util.AtomicFiles;

/**
 * Writes the query side of an asymmetric ISA model for a device: {@code query_model.safetensors} (the
 * light CNN and the mapper, float32, PyTorch-style names) and {@code query_model.json} (the
 * architecture, the exact preprocessing, the prompt and the base CLIP's identity). A separate runtime
 * with no DJL and no dependency on {@link IsaModel} reads it:
 * {@link org.cir4j.methods.isa.runtime.IsaQueryRuntime}.
 */
public final class IsaExport {

    public static final String CONFIG = "query_model.json";
    public static final String WEIGHTS = "query_model.safetensors";
    public static final String FORMAT = "cir4j-isa-query-model";
    public static final int FORMAT_VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    private IsaExport() {}

    public static void write(IsaModel model, BaseModelIdentity base, Path dir) throws IOException {
        if (!model.config().isLight()) {
            throw new IllegalArgumentException("only an asymmetric ISA model (light CNN) can be exported for a device; "
                    + "the symmetric variant needs the large CLIP on the query side");
        }
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".query_model.", ".tmp");
        try {
            SafeTensors.write(tmp, model.parameters(), Map.of("format", "pt", "method", "isa-query"));
            AtomicFiles.move(tmp, dir.resolve(WEIGHTS));
        } finally {
            Files.deleteIfExists(tmp);
        }
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("format_version", FORMAT_VERSION);
        root.set("isa", model.config().toJson());
        root.set("base_model", base.toJson());
        ObjectNode pre = root.putObject("preprocess");
        pre.put("description", "RGB; resize the short side to image_size (bicubic, Pillow), centre crop, /255, "
                + "(x - mean) / std per channel; CHW float32");
        pre.put("image_size", model.config().imageSize());
        var mean = pre.putArray("mean");
        var std = pre.putArray("std");
        for (int i = 0; i < 3; i++) {
            mean.add(IsaCheckpoint.MEAN[i]);
            std.add(IsaCheckpoint.STD[i]);
        }
        ObjectNode ops = root.putObject("ops");
        ops.put("group_norm_eps", IsaOps.GN_EPS);
        ops.put("layer_norm_eps", IsaOps.LN_EPS);
        ops.put("activation_cnn", "relu6");
        ops.put("activation_mlp", "gelu (erf)");
        ops.put("group_norm_groups", "largest divisor of the channel count not above isa.groups");
        root.put("prompt", IsaPrompts.query(model.config().tokens(), "{caption}"));
        root.put("output", "tokens (M, word_width): replace the M placeholders '$' of the prompt in the CLIP token embeddings");
        AtomicFiles.writeString(dir.resolve(CONFIG), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root));
    }

    /** Exports an ISA method directory ({@link IsaCheckpoint}) to {@code out}. */
    public static void fromCheckpoint(Path checkpoint, Path out, ai.djl.ndarray.NDManager manager) throws IOException {
        IsaCheckpoint.Loaded loaded = IsaCheckpoint.load(checkpoint, manager);
        try (IsaModel model = loaded.model()) {
            write(model, loaded.base(), out);
        }
    }
}
