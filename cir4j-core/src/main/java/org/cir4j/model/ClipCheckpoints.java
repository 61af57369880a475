package org.cir4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Loads and saves {@link ClipModel}s.
 *
 * <p><b>Load</b> ({@link #load(Path, NDManager)}) accepts
 * <ul>
 *   <li>a Hugging Face {@code CLIPModel} directory: {@code config.json} + {@code model.safetensors}
 *       (or a sharded {@code model.safetensors.index.json});
 *   <li>an open_clip directory: {@code open_clip_config.json} + {@code open_clip_model.safetensors}
 *       (or the directory's only {@code .safetensors} file);
 *   <li>a {@code .safetensors} file with OpenAI/open_clip names and {@code open_clip_config.json}
 *       (else {@code config.json}) beside it, or with a config given to
 *       {@link #load(Path, ClipConfig, NDManager)}.
 * </ul>
 * The naming (HF or canonical) is detected from the tensor names, so either layout works with either
 * config. Before any tensor data is read, every tensor is checked against the shapes the config
 * implies ({@link ClipStateLayout}); an unknown, missing or mis-shaped tensor fails with its name,
 * expected and found shape, and the file. HF's {@code position_ids} buffers, batch-norm
 * {@code num_batches_tracked} and OpenAI's JIT scalars are accepted and ignored. Float16/bfloat16/
 * float64 weights are converted to float32. PyTorch pickles ({@code pytorch_model.bin}, {@code .pt})
 * are refused with a request to convert them to safetensors (unpickling is arbitrary code).
 *
 * <p><b>Save</b> ({@link #save}) writes a ViT model in the HF {@code CLIPModel} layout
 * ({@code config.json} + {@code model.safetensors}) and a ModifiedResNet model, which HF cannot
 * express, in the open_clip layout ({@code open_clip_config.json} + {@code open_clip_model.safetensors}).
 * Each file is written to a temporary file in the target directory and moved into place, weights
 * first, so a reader never sees a partially written file.
 */
public final class ClipCheckpoints {

    static final String HF_CONFIG = "config.json";
    static final String HF_WEIGHTS = "model.safetensors";
    static final String HF_INDEX = "model.safetensors.index.json";
    static final String OPEN_CLIP_CONFIG = "open_clip_config.json";
    static final String OPEN_CLIP_WEIGHTS = "open_clip_model.safetensors";

    private static final ObjectMapper JSON = new ObjectMapper();

    private ClipCheckpoints() {}

    /** Loads a checkpoint (see class doc) into a new base manager that the model owns. */
    public static ClipModel load(Path path) throws IOException {
        Source src = resolve(path);
        return read(src.files, src.config, NDManager.newBaseManager());
    }

    /** Loads a checkpoint (see class doc); the model's manager is a sub-manager of {@code parent}. */
    public static ClipModel load(Path path, NDManager parent) throws IOException {
        Source src = resolve(path);
        return read(src.files, src.config, parent.newSubManager());
    }

    /** Loads a safetensors file (HF or OpenAI/open_clip names) with the given config. */
    public static ClipModel load(Path weights, ClipConfig config, NDManager parent) throws IOException {
        refusePickle(weights);
        if (!Files.isRegularFile(weights)) {
            throw new CheckpointFormatException(weights, "no such safetensors file");
        }
        return read(List.of(weights), config, parent.newSubManager());
    }

    /**
     * Writes {@code model} into {@code dir} (created if needed): HF layout for ViT models, open_clip
     * layout for ModifiedResNet models (see class doc). Existing files of the same names are replaced.
     *
     * @return the weights file written
     */
    public static Path save(ClipModel model, Path dir) throws IOException {
        Files.createDirectories(dir);
        ClipConfig config = model.config();
        boolean hf = config.vision().type() == ClipConfig.VisionType.VIT;
        Path weights = dir.resolve(hf ? HF_WEIGHTS : OPEN_CLIP_WEIGHTS);
        Path configFile = dir.resolve(hf ? HF_CONFIG : OPEN_CLIP_CONFIG);
        JsonNode configJson = hf ? config.toHuggingFace() : config.toOpenClip();
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            Map<String, NDArray> tensors = hf ? toHuggingFace(model) : model.stateDict();
            writeAtomically(weights, tmp -> SafeTensors.write(tmp, tensors));
        }
        writeAtomically(configFile, tmp -> JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), configJson));
        return weights;
    }

    /** The HF {@code CLIPModel} state dict of a ViT model (views/splits of the model's arrays). */
    static Map<String, NDArray> toHuggingFace(ClipModel model) {
        Map<String, NDArray> out = new LinkedHashMap<>();
        for (Map.Entry<String, NDArray> e : model.stateDict().entrySet()) {
            HfClipNames.Mapping m = HfClipNames.forCanonical(e.getKey());
            NDArray a = e.getValue();
            switch (m.kind()) {
                case SAME -> out.put(m.hfNames().get(0), a);
                case TRANSPOSE -> out.put(m.hfNames().get(0), a.transpose());
                case QKV -> {
                    NDList parts = a.split(3, 0);
                    for (int i = 0; i < 3; i++) {
                        out.put(m.hfNames().get(i), parts.get(i));
                    }
                }
                default -> throw new IllegalStateException(m.kind().toString());
            }
        }
        return out;
    }

    /**
     * What a checkpoint holds, from its config and safetensors headers only.
     *
     * @param files weight files (one, or the shards of a sharded HF checkpoint)
     * @param configFile the config the architecture was read from
     * @param config the architecture
     * @param tensors every tensor entry of every file, by source name
     * @param huggingFaceNames whether the tensors use HF {@code CLIPModel} names (else OpenAI/open_clip)
     */
    record Inspection(List<Path> files, Path configFile, ClipConfig config, Map<String, SafeTensors.Entry> tensors,
            boolean huggingFaceNames) {}

    /**
     * Resolves a checkpoint as {@link #load(Path)} does and checks every tensor's name, shape and dtype
     * against the config, without reading tensor data (cheap even for large checkpoints).
     *
     * @throws CheckpointFormatException naming the file if it is not a loadable CLIP checkpoint
     */
    static Inspection inspect(Path path) throws IOException {
        Source src = resolve(path);
        Map<String, SafeTensors.Entry> entries = new LinkedHashMap<>();
        Map<String, Path> fileOf = new LinkedHashMap<>();
        for (Path f : src.files()) {
            for (Map.Entry<String, SafeTensors.Entry> e : SafeTensors.readHeader(f).tensors().entrySet()) {
                entries.put(e.getKey(), e.getValue());
                fileOf.put(e.getKey(), f);
            }
        }
        Path where = src.files().size() == 1 ? src.files().get(0) : src.files().get(0).getParent();
        boolean hf = HfClipNames.looksLikeHuggingFace(entries.keySet());
        validate(entries, expectedSources(src.config(), hf, where), fileOf, where, hf);
        return new Inspection(src.files(), src.configFile(), src.config(), entries, hf);
    }

    // ---------------------------------------------------------------- loading

    private record Source(List<Path> files, ClipConfig config, Path configFile) {}

    /** Where one expected source tensor comes from and what it must look like. */
    private record Expected(String canonical, Shape shape) {}

    private static Source resolve(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            Path hfConfig = path.resolve(HF_CONFIG);
            Path ocConfig = path.resolve(OPEN_CLIP_CONFIG);
            if (Files.isRegularFile(hfConfig)) {
                Path weights = path.resolve(HF_WEIGHTS);
                Path index = path.resolve(HF_INDEX);
                if (Files.isRegularFile(weights)) {
                    return new Source(List.of(weights), readConfig(hfConfig), hfConfig);
                }
                if (Files.isRegularFile(index)) {
                    return new Source(shards(index), readConfig(hfConfig), hfConfig);
                }
                refusePicklesIn(path);
                throw new CheckpointFormatException(path, "Hugging Face directory without " + HF_WEIGHTS + " or "
                        + HF_INDEX);
            }
            if (Files.isRegularFile(ocConfig)) {
                Path weights = path.resolve(OPEN_CLIP_WEIGHTS);
                if (!Files.isRegularFile(weights)) {
                    List<Path> candidates = listSafetensors(path);
                    if (candidates.size() != 1) {
                        refusePicklesIn(path);
                        throw new CheckpointFormatException(path, "open_clip directory needs " + OPEN_CLIP_WEIGHTS
                                + " or exactly one .safetensors file, found " + candidates);
                    }
                    weights = candidates.get(0);
                }
                return new Source(List.of(weights), readConfig(ocConfig), ocConfig);
            }
            refusePicklesIn(path);
            throw new CheckpointFormatException(path, "not a CLIP checkpoint directory: expected " + HF_CONFIG
                    + " + " + HF_WEIGHTS + " (Hugging Face) or " + OPEN_CLIP_CONFIG + " + a .safetensors file (open_clip)");
        }
        if (!Files.isRegularFile(path)) {
            throw new CheckpointFormatException(path, "no such file or directory");
        }
        refusePickle(path);
        if (!path.getFileName().toString().endsWith(".safetensors")) {
            throw new CheckpointFormatException(path, "expected a .safetensors file or a checkpoint directory");
        }
        Path dir = path.toAbsolutePath().getParent();
        for (String name : new String[] {OPEN_CLIP_CONFIG, HF_CONFIG}) {
            Path c = dir.resolve(name);
            if (Files.isRegularFile(c)) {
                return new Source(List.of(path), readConfig(c), c);
            }
        }
        throw new CheckpointFormatException(path, "no " + OPEN_CLIP_CONFIG + " or " + HF_CONFIG
                + " beside the weights; pass a ClipConfig to load(weights, config, manager)");
    }

    private static ClipConfig readConfig(Path file) throws IOException {
        try {
            return ClipConfig.read(file);
        } catch (IllegalArgumentException e) {
            throw new CheckpointFormatException(file, e.getMessage(), e);
        }
    }

    private static List<Path> shards(Path index) throws IOException {
        JsonNode map = JSON.readTree(index.toFile()).path("weight_map");
        if (!map.isObject()) {
            throw new CheckpointFormatException(index, "no weight_map object");
        }
        List<Path> files = new ArrayList<>();
        for (Iterator<JsonNode> it = map.elements(); it.hasNext();) {
            Path shard = index.resolveSibling(it.next().asText());
            if (!files.contains(shard)) {
                if (!Files.isRegularFile(shard)) {
                    throw new CheckpointFormatException(index, "shard " + shard.getFileName() + " does not exist");
                }
                files.add(shard);
            }
        }
        return files;
    }

    private static List<Path> listSafetensors(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".safetensors")).sorted().toList();
        }
    }

    private static void refusePicklesIn(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                refusePickle(p);
            }
        }
    }

    private static void refusePickle(Path file) throws CheckpointFormatException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".bin") || name.endsWith(".pt") || name.endsWith(".pth") || name.endsWith(".ckpt")) {
            throw new CheckpointFormatException(file, "PyTorch pickle checkpoints are not loaded (unpickling runs "
                    + "arbitrary code and needs Python); convert it to safetensors, e.g. "
                    + "safetensors.torch.save_file(torch.load(f, map_location='cpu'), 'model.safetensors') "
                    + "or transformers' save_pretrained(..., safe_serialization=True)");
        }
    }

    private static ClipModel read(List<Path> files, ClipConfig config, NDManager modelManager) throws IOException {
        try {
            Map<String, SafeTensors.Entry> entries = new LinkedHashMap<>();
            Map<String, Path> fileOf = new LinkedHashMap<>();
            for (Path f : files) {
                for (Map.Entry<String, SafeTensors.Entry> e : SafeTensors.readHeader(f).tensors().entrySet()) {
                    entries.put(e.getKey(), e.getValue());
                    fileOf.put(e.getKey(), f);
                }
            }
            Path where = files.size() == 1 ? files.get(0) : files.get(0).getParent();
            boolean hf = HfClipNames.looksLikeHuggingFace(entries.keySet());
            Map<String, Expected> expected = expectedSources(config, hf, where);
            validate(entries, expected, fileOf, where, hf);
            ClipModel model;
            try (NDManager tmp = modelManager.newSubManager()) {
                Map<String, NDArray> source = new LinkedHashMap<>();
                for (Path f : files) {
                    source.putAll(SafeTensors.read(f, tmp, expected::containsKey));
                }
                Map<String, NDArray> canonical = hf ? fromHuggingFace(config, source) : fromCanonical(config, source);
                model = new ClipModel(config, canonical, modelManager);
            }
            return model;
        } catch (IOException | RuntimeException e) {
            modelManager.close();
            throw e;
        }
    }

    /** Source tensor name → the canonical tensor it feeds and the source shape it must have. */
    private static Map<String, Expected> expectedSources(ClipConfig config, boolean hf, Path where)
            throws CheckpointFormatException {
        Map<String, Expected> out = new LinkedHashMap<>();
        for (Map.Entry<String, Shape> e : ClipStateLayout.of(config).shapes().entrySet()) {
            String name = e.getKey();
            Shape shape = e.getValue();
            if (!hf) {
                out.put(name, new Expected(name, shape));
                continue;
            }
            HfClipNames.Mapping m;
            try {
                m = HfClipNames.forCanonical(name);
            } catch (IllegalArgumentException ex) {
                throw new CheckpointFormatException(where, "Hugging Face names, but the config describes a "
                        + config.vision().type() + " vision tower that HF CLIPModel cannot hold (" + ex.getMessage()
                        + ")");
            }
            switch (m.kind()) {
                case SAME -> out.put(m.hfNames().get(0), new Expected(name, shape));
                case TRANSPOSE -> out.put(m.hfNames().get(0), new Expected(name, new Shape(shape.get(1), shape.get(0))));
                case QKV -> {
                    long[] dims = shape.getShape().clone();
                    dims[0] /= 3;
                    for (String part : m.hfNames()) {
                        out.put(part, new Expected(name, new Shape(dims)));
                    }
                }
                default -> throw new IllegalStateException(m.kind().toString());
            }
        }
        return out;
    }

    private static void validate(Map<String, SafeTensors.Entry> entries, Map<String, Expected> expected,
            Map<String, Path> fileOf, Path where, boolean hf) throws CheckpointFormatException {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Expected> e : expected.entrySet()) {
            SafeTensors.Entry found = entries.get(e.getKey());
            String what = describe(e.getKey(), e.getValue(), hf);
            if (found == null) {
                problems.add("missing tensor " + what + ", expected shape " + e.getValue().shape());
                continue;
            }
            Shape shape = found.djlShape();
            boolean scalarAsVector = e.getValue().shape().dimension() == 0 && shape.equals(new Shape(1));
            if (!shape.equals(e.getValue().shape()) && !scalarAsVector) {
                problems.add("tensor " + what + " in " + fileOf.get(e.getKey()).getFileName() + ": expected shape "
                        + e.getValue().shape() + ", found " + shape);
            }
            if (!List.of("F32", "F16", "BF16", "F64").contains(found.dtype())) {
                problems.add("tensor " + what + ": expected a float dtype, found " + found.dtype());
            }
        }
        for (Map.Entry<String, SafeTensors.Entry> e : entries.entrySet()) {
            if (!expected.containsKey(e.getKey()) && !ClipStateLayout.isIgnorable(e.getKey())) {
                problems.add("unexpected tensor '" + e.getKey() + "' " + e.getValue().djlShape() + " in "
                        + fileOf.get(e.getKey()).getFileName() + " (not part of this config's "
                        + (hf ? "Hugging Face CLIPModel" : "OpenAI/open_clip") + " layout)");
            }
        }
        if (!problems.isEmpty()) {
            int shown = Math.min(problems.size(), 20);
            StringBuilder sb = new StringBuilder(problems.size() == 1 ? "" : problems.size() + " problems: ");
            sb.append(String.join("; ", problems.subList(0, shown)));
            if (shown < problems.size()) {
                sb.append("; … and ").append(problems.size() - shown).append(" more");
            }
            throw new CheckpointFormatException(where, sb.toString());
        }
    }

    private static String describe(String source, Expected e, boolean hf) {
        return hf && !source.equals(e.canonical()) ? "'" + source + "' (for '" + e.canonical() + "')"
                : "'" + source + "'";
    }

    private static Map<String, NDArray> fromCanonical(ClipConfig config, Map<String, NDArray> source) {
        Map<String, NDArray> out = new LinkedHashMap<>();
        for (Map.Entry<String, Shape> e : ClipStateLayout.of(config).shapes().entrySet()) {
            out.put(e.getKey(), fit(source.get(e.getKey()), e.getValue()));
        }
        return out;
    }

    private static Map<String, NDArray> fromHuggingFace(ClipConfig config, Map<String, NDArray> source) {
        Map<String, NDArray> out = new LinkedHashMap<>();
        for (Map.Entry<String, Shape> e : ClipStateLayout.of(config).shapes().entrySet()) {
            HfClipNames.Mapping m = HfClipNames.forCanonical(e.getKey());
            NDArray a = switch (m.kind()) {
                case SAME -> source.get(m.hfNames().get(0));
                case TRANSPOSE -> float32(source.get(m.hfNames().get(0))).transpose();
                case QKV -> NDArrays.concat(new NDList(float32(source.get(m.hfNames().get(0))),
                        float32(source.get(m.hfNames().get(1))), float32(source.get(m.hfNames().get(2)))), 0);
                default -> throw new IllegalStateException(m.kind().toString());
            };
            out.put(e.getKey(), fit(a, e.getValue()));
        }
        return out;
    }

    /** float32, and OpenAI-style (1,)-shaped scalars reshaped to (). */
    private static NDArray fit(NDArray a, Shape shape) {
        NDArray f = float32(a);
        return f.getShape().equals(shape) ? f : f.reshape(shape);
    }

    private static NDArray float32(NDArray a) {
        return a.getDataType() == DataType.FLOAT32 ? a : a.toType(DataType.FLOAT32, false);
    }

    // ---------------------------------------------------------------- writing

    private interface FileWriter {
        void write(Path tmp) throws IOException;
    }

    private static void writeAtomically(Path target, FileWriter writer) throws IOException {
        Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
        try {
            writer.write(tmp);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
