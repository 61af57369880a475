package org.cir4j.methods.clip4cir;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.cir4j.model.ClipModel;
import org.cir4j.model.SafeTensors;
import org.cir4j.util.AtomicFiles;

/**
 * A trained CLIP4Cir method on disk (what {@code --checkpoint DIR} of the {@code combiner} composer reads):
 *
 * <pre>
 * DIR/config.json            {"format_version":1, "method":"combiner", "combiner":{…},
 *                             "base_model":{"fingerprint":…, "embed_dim":…, "file_sha256":…, "path":…},
 *                             "gallery_model": "clip" | null, "training":{…}}
 * DIR/combiner.safetensors   the Combiner's tensors (reference state-dict names; absent for variant "sum")
 * DIR/clip/                  only after stage-1 fine-tuning: the fine-tuned CLIP (HF layout + tokenizer)
 * </pre>
 *
 * {@code base_model} is the CLIP whose features the Combiner was trained on. When it is a fine-tuned CLIP,
 * {@code gallery_model} names the sub-directory holding it: queries AND the gallery must be encoded with
 * that model, and the composer refuses any other.
 */
public final class CombinerCheckpoint {

    public static final int FORMAT_VERSION = 1;
    public static final String METHOD = "combiner";
    public static final String CONFIG_FILE = "config.json";
    public static final String WEIGHTS_FILE = "combiner.safetensors";
    public static final String CLIP_DIR = "clip";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The base-model identity recorded in a checkpoint. */
    public record BaseModel(String fingerprint, int embedDim, String fileSha256, String path) {
        ObjectNode toJson() {
            ObjectNode n = JSON.createObjectNode();
            n.put("fingerprint", fingerprint);
            n.put("embed_dim", embedDim);
            if (fileSha256 != null) {
                n.put("file_sha256", fileSha256);
            }
            if (path != null) {
                n.put("path", path);
            }
            return n;
        }

        static BaseModel fromJson(JsonNode n, Path where) {
            if (n == null || !n.hasNonNull("fingerprint") || !n.has("embed_dim")) {
                throw new IllegalArgumentException(where + ": base_model needs 'fingerprint' and 'embed_dim'");
            }
            return new BaseModel(n.get("fingerprint").asText(), n.get("embed_dim").asInt(),
                    n.hasNonNull("file_sha256") ? n.get("file_sha256").asText() : null,
                    n.hasNonNull("path") ? n.get("path").asText() : null);
        }

        /** Identity of a loaded CLIP ({@code modelPath} may be null when unknown). */
        public static BaseModel of(ClipModel model, Path modelPath) throws IOException {
            String file = modelPath == null ? null : ClipFingerprint.fileSha256(modelPath);
            return new BaseModel(ClipFingerprint.of(model), model.config().embedDim(), file,
                    modelPath == null ? null : modelPath.toString());
        }
    }

    /** What {@link #read} returns: the Combiner's config, its tensors' file, and the identities. */
    public record Info(Path dir, CombinerConfig config, BaseModel baseModel, String galleryModel, ObjectNode json) {
        /** The fine-tuned CLIP the gallery must be encoded with, or null when the base CLIP was frozen. */
        public Path galleryModelDir() {
            return galleryModel == null ? null : dir.resolve(galleryModel);
        }
    }

    private CombinerCheckpoint() {}

    /**
     * Writes {@code combiner} and its description into {@code dir} (weights first, config last, each atomically,
     * so a directory with a config is complete).
     */
    public static void write(Path dir, Combiner combiner, BaseModel base, String galleryModel, ObjectNode training)
            throws IOException {
        Files.createDirectories(dir);
        if (!combiner.parameters().isEmpty()) {
            Path tmp = Files.createTempFile(dir, WEIGHTS_FILE, ".tmp");
            try {
                SafeTensors.write(tmp, combiner.parameters());
                AtomicFiles.move(tmp, dir.resolve(WEIGHTS_FILE));
            } finally {
                Files.deleteIfExists(tmp);
            }
        } else {
            Files.deleteIfExists(dir.resolve(WEIGHTS_FILE));
        }
        ObjectNode n = JSON.createObjectNode();
        n.put("format_version", FORMAT_VERSION);
        n.put("method", METHOD);
        n.set("combiner", combiner.config().toJson());
        n.set("base_model", base.toJson());
        if (galleryModel != null) {
            n.put("gallery_model", galleryModel);
        } else {
            n.putNull("gallery_model");
        }
        if (training != null) {
            n.set("training", training);
        }
        AtomicFiles.writeString(dir.resolve(CONFIG_FILE), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(n));
    }

    /** Reads and validates {@code dir/config.json}. */
    public static Info read(Path dir) throws IOException {
        Path cfg = dir.resolve(CONFIG_FILE);
        if (!Files.isRegularFile(cfg)) {
            throw new IOException("not a Combiner checkpoint: " + cfg + " not found");
        }
        JsonNode n = JSON.readTree(cfg.toFile());
        if (!(n instanceof ObjectNode obj)) {
            throw new IOException(cfg + ": expected a JSON object");
        }
        int version = n.path("format_version").asInt(-1);
        if (version < 1 || version > FORMAT_VERSION) {
            throw new IOException(cfg + ": format_version " + n.get("format_version") + " is not supported (this build reads 1.."
                    + FORMAT_VERSION + ")");
        }
        String method = n.path("method").asText("");
        if (!METHOD.equals(method)) {
            throw new IOException(cfg + ": method is '" + method + "', expected '" + METHOD + "'");
        }
        CombinerConfig config = CombinerConfig.fromJson(n.get("combiner"), cfg.toString());
        BaseModel base = BaseModel.fromJson(n.get("base_model"), cfg);
        if (base.embedDim() != config.featureDim()) {
            throw new IOException(cfg + ": base_model.embed_dim " + base.embedDim() + " differs from the Combiner's feature_dim "
                    + config.featureDim());
        }
        String gallery = n.hasNonNull("gallery_model") ? n.get("gallery_model").asText() : null;
        if (gallery != null && !Files.isDirectory(dir.resolve(gallery))) {
            throw new IOException(cfg + ": gallery_model '" + gallery + "' names a missing directory " + dir.resolve(gallery));
        }
        return new Info(dir, config, base, gallery, obj);
    }

    /** Loads the Combiner of a checkpoint into a sub-manager of {@code parent}. */
    public static Combiner load(Info info, NDManager parent) throws IOException {
        Path weights = info.dir().resolve(WEIGHTS_FILE);
        if (!info.config().variant().isTrainable()) {
            return Combiner.of(info.config(), Map.of(), parent, weights.toString());
        }
        if (!Files.isRegularFile(weights)) {
            throw new IOException("Combiner checkpoint " + info.dir() + " has no " + WEIGHTS_FILE);
        }
        try (NDManager tmp = parent.newSubManager()) {
            Map<String, NDArray> tensors = SafeTensors.read(weights, tmp);
            return Combiner.of(info.config(), tensors, parent, weights.toString());
        }
    }

    /**
     * Fails loudly unless {@code model} is the CLIP this Combiner was trained on (both fingerprints in the message,
     * and, for a fine-tuned CLIP, the directory the user must pass as {@code --model}).
     */
    public static void requireBaseModel(Info info, ClipModel model) {
        if (model.config().embedDim() != info.baseModel().embedDim()) {
            throw new IllegalArgumentException("Combiner checkpoint " + info.dir() + " was trained on CLIP features of size "
                    + info.baseModel().embedDim() + ", but the given CLIP has embed_dim " + model.config().embedDim()
                    + hint(info));
        }
        String found = ClipFingerprint.of(model);
        if (!found.equals(info.baseModel().fingerprint())) {
            throw new IllegalArgumentException("Combiner checkpoint " + info.dir() + " was trained on the CLIP with weights fingerprint "
                    + info.baseModel().fingerprint() + (info.baseModel().path() == null ? "" : " (" + info.baseModel().path() + ")")
                    + ", but the given CLIP has fingerprint " + found + hint(info));
        }
    }

    /** How a run's images were preprocessed, as recorded in {@code training.preprocess}. */
    public static ObjectNode preprocessJson(org.cir4j.image.ImagePreprocessor pre) {
        ObjectNode n = JSON.createObjectNode();
        n.put("mode", pre.mode().name());
        n.put("target_ratio", pre.targetRatio());
        n.put("size", pre.size());
        return n;
    }

    /**
     * A warning (or null) when {@code pre} differs from the preprocessing the checkpoint was trained with: the
     * Combiner still works, but its features were learned on differently framed images.
     */
    public static String preprocessMismatch(Info info, org.cir4j.image.ImagePreprocessor pre) {
        com.fasterxml.jackson.databind.JsonNode t = info.json().path("training").path("preprocess");
        if (t.isMissingNode()) {
            return null;
        }
        ObjectNode now = preprocessJson(pre);
        if (t.path("mode").asText().equals(now.get("mode").asText()) && t.path("size").asInt() == pre.size()
                && (pre.mode() != org.cir4j.image.ImagePreprocessor.Mode.TARGET_PAD
                    || Math.abs(t.path("target_ratio").asDouble() - pre.targetRatio()) < 1e-9)) {
            return null;
        }
        return "combiner: checkpoint " + info.dir() + " was trained with preprocessing " + t + " but this run uses " + now;
    }

    private static String hint(Info info) {
        return info.galleryModel() == null ? ""
                : ". This Combiner sits on a FINE-TUNED CLIP: encode the gallery and the queries with --model "
                        + info.galleryModelDir() + " (not the base CLIP)";
    }
}
