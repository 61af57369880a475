package org.cir4j.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.cir4j.text.Tokenizer;
import org.cir4j.text.Tokenizers;

/**
 * A description of a CLIP checkpoint on disk, made from its config and safetensors headers only (no
 * tensor data is read, so it is instant even for a ViT-L/14): naming format, architecture of both
 * towers, parameter counts per tower as stored in the files, the stored dtypes, and the tokenizer beside
 * the weights. {@link #of(Path)} validates the checkpoint exactly as {@link ClipCheckpoints#load(Path)}
 * would (every tensor's name, shape and dtype against the config), so a checkpoint that {@code info}
 * accepts also loads.
 *
 * @param path the checkpoint as given
 * @param format tensor naming: {@code huggingface} ({@code CLIPModel}) or {@code open_clip} (OpenAI/open_clip)
 * @param configFile the config the architecture comes from
 * @param weightFiles the safetensors files (several for a sharded checkpoint)
 * @param weightBytes total size of the weight files
 * @param config the architecture
 * @param visionParameters learnable values of the vision tower (incl. its projection)
 * @param textParameters learnable values of the text tower (token and positional embeddings, projection)
 * @param otherParameters learnable values outside both towers ({@code logit_scale})
 * @param buffers non-learnable state values (batch-norm running statistics of a ResNet tower)
 * @param dtypes stored dtype → number of tensors (the loader converts all to float32)
 * @param tokenizer the tokenizer found beside the weights, or {@code null}
 * @param tokenizerProblem why no tokenizer was found, or {@code null} when one was
 */
public record CheckpointInfo(
        Path path,
        String format,
        Path configFile,
        List<Path> weightFiles,
        long weightBytes,
        ClipConfig config,
        long visionParameters,
        long textParameters,
        long otherParameters,
        long buffers,
        Map<String, Integer> dtypes,
        TokenizerInfo tokenizer,
        String tokenizerProblem) {

    /** The tokenizer beside a checkpoint: its class and vocabulary size. */
    public record TokenizerInfo(String type, int vocabSize) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Describes the checkpoint at {@code path} (a directory or a {@code .safetensors} file, as accepted by
     * {@link ClipCheckpoints#load(Path)}).
     *
     * @throws CheckpointFormatException naming the file if it is not a loadable CLIP checkpoint
     * @throws IOException if a file cannot be read
     */
    public static CheckpointInfo of(Path path) throws IOException {
        ClipCheckpoints.Inspection in = ClipCheckpoints.inspect(path);
        long vision = 0;
        long text = 0;
        long other = 0;
        long buffers = 0;
        Map<String, Integer> dtypes = new TreeMap<>();
        for (Map.Entry<String, SafeTensors.Entry> e : in.tensors().entrySet()) {
            String name = e.getKey();
            if (ClipStateLayout.isIgnorable(name)) {
                continue;
            }
            long n = 1;
            for (long d : e.getValue().shape()) {
                n *= d;
            }
            dtypes.merge(e.getValue().dtype(), 1, Integer::sum);
            if (ClipStateLayout.isBuffer(name)) {
                buffers += n;
            } else if (name.equals("logit_scale")) {
                other += n;
            } else if (isVision(name, in.huggingFaceNames())) {
                vision += n;
            } else {
                text += n;
            }
        }
        long bytes = 0;
        for (Path f : in.files()) {
            bytes += Files.size(f);
        }
        Path dir = Files.isDirectory(path) ? path : path.toAbsolutePath().getParent();
        TokenizerInfo tokenizer = null;
        String problem = null;
        try {
            Tokenizer t = Tokenizers.load(dir);
            tokenizer = new TokenizerInfo(t.getClass().getSimpleName(), t.vocabSize());
            if (t.vocabSize() > in.config().text().vocabSize()) {
                problem = "tokenizer vocabulary (" + t.vocabSize() + ") is larger than the text tower's ("
                        + in.config().text().vocabSize() + "): some ids have no embedding";
            }
        } catch (IllegalArgumentException e) {
            // Not an error for info: open_clip/OpenAI checkpoints ship without tokenizer files. Say why.
            problem = e.getMessage();
        }
        return new CheckpointInfo(path, in.huggingFaceNames() ? "huggingface" : "open_clip", in.configFile(),
                in.files(), bytes, in.config(), vision, text, other, buffers, Map.copyOf(dtypes), tokenizer, problem);
    }

    private static boolean isVision(String name, boolean hf) {
        return hf ? name.startsWith("vision_model.") || name.startsWith("visual_projection")
                : name.startsWith("visual.");
    }

    /** All learnable values. */
    public long totalParameters() {
        return visionParameters + textParameters + otherParameters;
    }

    /** The description as JSON (stable keys, snake_case). */
    public ObjectNode toJson() {
        ObjectNode o = JSON.createObjectNode();
        o.put("path", path.toString());
        o.put("format", format);
        o.put("config_file", configFile.toString());
        var files = o.putArray("weight_files");
        weightFiles.forEach(f -> files.add(f.toString()));
        o.put("weight_bytes", weightBytes);
        o.put("embed_dim", config.embedDim());
        o.put("activation", config.activation().jsonName());
        ClipConfig.VisionConfig v = config.vision();
        ObjectNode vo = o.putObject("vision");
        vo.put("type", v.type().jsonName());
        vo.put("image_size", v.imageSize());
        if (v.patchSize() != null) {
            vo.put("patch_size", v.patchSize());
        }
        vo.put("width", v.width());
        var layers = vo.putArray("layers");
        v.layers().forEach(layers::add);
        vo.put("heads", v.heads());
        if (v.mlpWidth() != null) {
            vo.put("mlp_width", v.mlpWidth());
        }
        vo.put("parameters", visionParameters);
        ClipConfig.TextConfig t = config.text();
        ObjectNode to = o.putObject("text");
        to.put("vocab_size", t.vocabSize());
        to.put("context_length", t.contextLength());
        to.put("width", t.width());
        to.put("layers", t.layers());
        to.put("heads", t.heads());
        to.put("mlp_width", t.mlpWidth());
        to.put("parameters", textParameters);
        o.put("other_parameters", otherParameters);
        o.put("total_parameters", totalParameters());
        o.put("buffers", buffers);
        ObjectNode dt = o.putObject("dtypes");
        new TreeMap<>(dtypes).forEach(dt::put);
        if (tokenizer != null) {
            ObjectNode tk = o.putObject("tokenizer");
            tk.put("type", tokenizer.type());
            tk.put("vocab_size", tokenizer.vocabSize());
        } else {
            o.putNull("tokenizer");
        }
        if (tokenizerProblem != null) {
            o.put("tokenizer_problem", tokenizerProblem);
        }
        return o;
    }

    /** A human-readable multi-line description. */
    public String toText() {
        StringBuilder sb = new StringBuilder();
        ClipConfig.VisionConfig v = config.vision();
        ClipConfig.TextConfig t = config.text();
        line(sb, "checkpoint", path.toString());
        line(sb, "format", format + " names, config " + configFile.getFileName());
        line(sb, "weights", weightFiles.size() == 1 ? weightFiles.get(0).getFileName().toString()
                : weightFiles.size() + " shards", "(" + human(weightBytes) + ", " + new TreeMap<>(dtypes) + ")");
        line(sb, "embedding", "d=" + config.embedDim() + ", activation " + config.activation().jsonName());
        if (v.type() == ClipConfig.VisionType.VIT) {
            line(sb, "vision", String.format("ViT %dpx, patch %d, width %d, %d layers, %d heads, mlp %d",
                    v.imageSize(), v.patchSize(), v.width(), v.vitLayers(), v.heads(), v.mlpWidth()));
        } else {
            line(sb, "vision", String.format("ModifiedResNet %dpx, width %d, layers %s, %d attention-pool heads",
                    v.imageSize(), v.width(), v.layers(), v.heads()));
        }
        line(sb, "text", String.format("context %d, vocab %d, width %d, %d layers, %d heads, mlp %d",
                t.contextLength(), t.vocabSize(), t.width(), t.layers(), t.heads(), t.mlpWidth()));
        line(sb, "parameters", String.format("%,d total: vision %,d, text %,d, other %,d%s", totalParameters(),
                visionParameters, textParameters, otherParameters,
                buffers > 0 ? String.format(" (+ %,d buffer values)", buffers) : ""));
        if (tokenizer != null) {
            line(sb, "tokenizer", tokenizer.type() + ", vocab " + tokenizer.vocabSize()
                    + (tokenizerProblem != null ? " — WARNING: " + tokenizerProblem : ""));
        } else {
            line(sb, "tokenizer", "none: " + tokenizerProblem);
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, String key, String... values) {
        sb.append(String.format("%-12s", key + ":")).append(String.join(" ", values)).append('\n');
    }

    private static String human(long bytes) {
        if (bytes < 1024 * 1024) {
            return String.format("%.1f KiB", bytes / 1024.0);
        }
        return String.format("%.1f MiB", bytes / (1024.0 * 1024));
    }
}
