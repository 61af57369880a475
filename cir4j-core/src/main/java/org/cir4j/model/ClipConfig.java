package org.cir4j.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Architecture of one CLIP: a vision tower (ViT or ModifiedResNet), a causal text transformer, and
 * the joint embedding size both towers project to.
 *
 * <p>This is the single description every other class reads: {@link ClipStateLayout} derives the
 * expected tensor names and shapes from it, {@link ClipModel} its forward passes. It is parsed from
 * the two configuration formats real checkpoints ship with — Hugging Face {@code config.json}
 * ({@link HfClipConfigFormat}) and open_clip's model config ({@link OpenClipConfigFormat}) — and has
 * its own JSON form (the record components, snake_case, with {@code format_version}) for artifacts
 * that embed a model description. {@link #parse(JsonNode)} accepts all three.
 *
 * @param formatVersion version of the cir4j JSON form; {@link #FORMAT_VERSION} when written by this code
 * @param embedDim joint embedding size d (both {@code text_projection} and the vision output map to it)
 * @param activation MLP activation of both transformers (QuickGELU for OpenAI weights, exact GELU for
 *     most open_clip trainings)
 * @param layerNormEps epsilon of every LayerNorm (1e-5 in CLIP)
 * @param logitScaleInit initial value of the learnable log temperature {@code logit_scale} used by
 *     {@link ClipModel#randomInit}; ln(1/0.07) in CLIP
 * @param vision vision tower
 * @param text text tower
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClipConfig(
        @JsonProperty("format_version") int formatVersion,
        @JsonProperty("embed_dim") int embedDim,
        @JsonProperty("activation") Activation activation,
        @JsonProperty("layer_norm_eps") double layerNormEps,
        @JsonProperty("logit_scale_init") double logitScaleInit,
        @JsonProperty("vision") VisionConfig vision,
        @JsonProperty("text") TextConfig text) {

    /** Version of the cir4j JSON form written by {@link #toJson()}. */
    public static final int FORMAT_VERSION = 1;

    /** ln(1/0.07), CLIP's initial logit scale (temperature 0.07). */
    public static final double DEFAULT_LOGIT_SCALE_INIT = Math.log(1 / 0.07);

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Validates the fields; every violation names the field and the value found. */
    public ClipConfig {
        if (formatVersion < 1 || formatVersion > FORMAT_VERSION) {
            throw new IllegalArgumentException("ClipConfig format_version " + formatVersion
                    + " is not supported (this build reads 1.." + FORMAT_VERSION + ")");
        }
        requirePositive("embed_dim", embedDim);
        if (activation == null) {
            throw new IllegalArgumentException("ClipConfig: activation is missing");
        }
        if (!(layerNormEps > 0)) {
            throw new IllegalArgumentException("ClipConfig: layer_norm_eps must be > 0, found " + layerNormEps);
        }
        if (!Double.isFinite(logitScaleInit)) {
            throw new IllegalArgumentException("ClipConfig: logit_scale_init must be finite, found " + logitScaleInit);
        }
        if (vision == null || text == null) {
            throw new IllegalArgumentException("ClipConfig: both 'vision' and 'text' are required");
        }
    }

    /**
     * Reads a configuration file in any of the accepted formats (see {@link #parse(JsonNode)}).
     *
     * @throws IOException if the file cannot be read or is not JSON
     * @throws IllegalArgumentException naming the file if its content is not a supported CLIP config
     */
    public static ClipConfig read(Path file) throws IOException {
        JsonNode node;
        try {
            node = JSON.readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new IOException("cannot read CLIP config " + file + ": " + e.getMessage(), e);
        }
        try {
            return parse(node);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Parses a configuration, detecting its format: Hugging Face {@code CLIPModel} (has
     * {@code text_config}/{@code vision_config}), open_clip (has {@code vision_cfg}, possibly wrapped
     * in {@code model_cfg}) or the cir4j form (has {@code format_version} and {@code vision}).
     */
    public static ClipConfig parse(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("a CLIP config must be a JSON object");
        }
        if (node.has("text_config") || node.has("vision_config") || node.has("text_config_dict")) {
            return HfClipConfigFormat.parse(node);
        }
        if (node.has("vision_cfg") || node.has("model_cfg")) {
            return OpenClipConfigFormat.parse(node);
        }
        if (node.has("format_version") && node.has("vision")) {
            try {
                return JSON.treeToValue(node, ClipConfig.class);
            } catch (IOException e) {
                throw new IllegalArgumentException("invalid cir4j CLIP config: " + e.getMessage(), e);
            }
        }
        throw new IllegalArgumentException("not a CLIP config: expected Hugging Face (text_config/vision_config), "
                + "open_clip (vision_cfg/text_cfg) or cir4j (format_version/vision) keys, found " + fieldNames(node));
    }

    /** The cir4j JSON form of this config. */
    public ObjectNode toJson() {
        return JSON.valueToTree(this);
    }

    /** Hugging Face {@code CLIPModel} {@code config.json}; only for ViT vision towers (HF has no ResNet CLIP). */
    public ObjectNode toHuggingFace() {
        return HfClipConfigFormat.write(this);
    }

    /** open_clip model config ({@code {"model_cfg": {...}}}, as in {@code open_clip_config.json}). */
    public ObjectNode toOpenClip() {
        return OpenClipConfigFormat.write(this);
    }

    /** Returns a copy with another text tower (e.g. a different vocabulary for a new tokenizer). */
    public ClipConfig withText(TextConfig newText) {
        return new ClipConfig(formatVersion, embedDim, activation, layerNormEps, logitScaleInit, vision, newText);
    }

    /** Returns a copy with another vision tower. */
    public ClipConfig withVision(VisionConfig newVision) {
        return new ClipConfig(formatVersion, embedDim, activation, layerNormEps, logitScaleInit, newVision, text);
    }

    static void requirePositive(String what, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException("ClipConfig: " + what + " must be > 0, found " + value);
        }
    }

    static String fieldNames(JsonNode node) {
        StringBuilder sb = new StringBuilder("[");
        node.fieldNames().forEachRemaining(n -> sb.append(sb.length() > 1 ? ", " : "").append(n));
        return sb.append(']').toString();
    }

    /** MLP activation inside the residual attention blocks. */
    public enum Activation {
        /** {@code x * sigmoid(1.702 x)}, what OpenAI trained CLIP with. */
        QUICK_GELU("quick_gelu"),
        /** Exact (erf) GELU, PyTorch's {@code nn.GELU()}. */
        GELU("gelu");

        private final String jsonName;

        Activation(String jsonName) {
            this.jsonName = jsonName;
        }

        /** The name used in JSON configs. */
        @JsonValue
        public String jsonName() {
            return jsonName;
        }

        /** Parses a JSON name (case-insensitive). */
        @com.fasterxml.jackson.annotation.JsonCreator
        public static Activation fromJson(String name) {
            for (Activation a : values()) {
                if (a.jsonName.equals(name.toLowerCase(Locale.ROOT))) {
                    return a;
                }
            }
            throw new IllegalArgumentException("unsupported activation '" + name + "' (supported: quick_gelu, gelu)");
        }
    }

    /** Kind of vision tower. */
    public enum VisionType {
        /** Vision transformer: patchify conv, class token, pre-LN transformer, CLS pooling. */
        VIT("vit"),
        /** OpenAI's ModifiedResNet: 3-conv stem, anti-aliased bottlenecks, attention pooling. */
        RESNET("resnet");

        private final String jsonName;

        VisionType(String jsonName) {
            this.jsonName = jsonName;
        }

        /** The name used in JSON configs. */
        @JsonValue
        public String jsonName() {
            return jsonName;
        }

        /** Parses a JSON name (case-insensitive). */
        @com.fasterxml.jackson.annotation.JsonCreator
        public static VisionType fromJson(String name) {
            for (VisionType t : values()) {
                if (t.jsonName.equals(name.toLowerCase(Locale.ROOT))) {
                    return t;
                }
            }
            throw new IllegalArgumentException("unsupported vision type '" + name + "' (supported: vit, resnet)");
        }
    }

    /**
     * Vision tower.
     *
     * @param type ViT or ModifiedResNet
     * @param imageSize input side length S (square); positional embeddings are sized for it
     * @param patchSize ViT patch side p (S must be a multiple); {@code null} for ResNet
     * @param width ViT: token width; ResNet: stem width (the final feature map has 32·width channels)
     * @param layers ViT: one entry, the number of blocks; ResNet: four entries, the bottleneck counts
     * @param heads ViT: attention heads per block; ResNet: heads of the attention pool
     * @param mlpWidth ViT: hidden size of the block MLP (4·width in CLIP); {@code null} for ResNet
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record VisionConfig(
            @JsonProperty("type") VisionType type,
            @JsonProperty("image_size") int imageSize,
            @JsonProperty("patch_size") Integer patchSize,
            @JsonProperty("width") int width,
            @JsonProperty("layers") List<Integer> layers,
            @JsonProperty("heads") int heads,
            @JsonProperty("mlp_width") Integer mlpWidth) {

        /** Validates the tower against its type's constraints (divisibility, layer counts). */
        public VisionConfig {
            if (type == null) {
                throw new IllegalArgumentException("vision: type is missing");
            }
            requirePositive("vision image_size", imageSize);
            requirePositive("vision width", width);
            requirePositive("vision heads", heads);
            if (layers == null || layers.isEmpty()) {
                throw new IllegalArgumentException("vision: layers is missing");
            }
            layers = List.copyOf(layers);
            for (int l : layers) {
                requirePositive("vision layers entry", l);
            }
            if (type == VisionType.VIT) {
                if (layers.size() != 1) {
                    throw new IllegalArgumentException("vision: a ViT has one layer count, found " + layers);
                }
                if (patchSize == null || patchSize <= 0) {
                    throw new IllegalArgumentException("vision: a ViT needs patch_size > 0, found " + patchSize);
                }
                if (imageSize % patchSize != 0) {
                    throw new IllegalArgumentException("vision: image_size " + imageSize
                            + " is not a multiple of patch_size " + patchSize);
                }
                if (width % heads != 0) {
                    throw new IllegalArgumentException("vision: width " + width + " is not divisible by heads " + heads);
                }
                if (mlpWidth == null || mlpWidth <= 0) {
                    throw new IllegalArgumentException("vision: a ViT needs mlp_width > 0, found " + mlpWidth);
                }
            } else {
                if (layers.size() != 4) {
                    throw new IllegalArgumentException("vision: a ModifiedResNet has 4 layer counts, found " + layers);
                }
                if (imageSize % 32 != 0) {
                    throw new IllegalArgumentException("vision: ModifiedResNet image_size must be a multiple of 32, found "
                            + imageSize);
                }
                if (width % 2 != 0) {
                    throw new IllegalArgumentException("vision: ModifiedResNet width must be even, found " + width);
                }
                if ((width * 32) % heads != 0) {
                    throw new IllegalArgumentException("vision: attention-pool width " + width * 32
                            + " is not divisible by heads " + heads);
                }
                if (patchSize != null || mlpWidth != null) {
                    throw new IllegalArgumentException("vision: patch_size and mlp_width do not apply to a ModifiedResNet");
                }
            }
        }

        /** A ViT tower with CLIP's MLP ratio 4. */
        public static VisionConfig vit(int imageSize, int patchSize, int width, int layers, int heads) {
            return new VisionConfig(VisionType.VIT, imageSize, patchSize, width, List.of(layers), heads, 4 * width);
        }

        /** A ModifiedResNet tower with OpenAI's head count rule {@code width·32/64}. */
        public static VisionConfig resnet(int imageSize, int width, int l1, int l2, int l3, int l4) {
            return new VisionConfig(VisionType.RESNET, imageSize, null, width, List.of(l1, l2, l3, l4),
                    Math.max(1, width * 32 / 64), null);
        }

        /** ViT: number of transformer blocks. */
        @JsonIgnore
        public int vitLayers() {
            requireType(VisionType.VIT);
            return layers.get(0);
        }

        /** ViT: patches per side, S/p. */
        @JsonIgnore
        public int gridSize() {
            requireType(VisionType.VIT);
            return imageSize / patchSize;
        }

        /** ResNet: channels of the final feature map (32·width), the attention pool's width. */
        @JsonIgnore
        public int resnetFeatureWidth() {
            requireType(VisionType.RESNET);
            return width * 32;
        }

        /** ResNet: side of the final feature map, S/32. */
        @JsonIgnore
        public int resnetGridSize() {
            requireType(VisionType.RESNET);
            return imageSize / 32;
        }

        private void requireType(VisionType expected) {
            if (type != expected) {
                throw new IllegalStateException("vision tower is " + type + ", not " + expected);
            }
        }
    }

    /**
     * Causal text transformer.
     *
     * @param vocabSize rows of the token embedding table
     * @param contextLength maximum sequence length (rows of the positional embedding)
     * @param width token width w
     * @param heads attention heads per block
     * @param layers number of blocks
     * @param mlpWidth hidden size of the block MLP (4·width in CLIP)
     * @param eosTokenId end-of-text id the features are pooled at (first occurrence, Hugging Face's
     *     rule); {@code null} selects OpenAI's rule, the position of the largest id in each row, which
     *     is the same position when the end token is the largest id of the vocabulary
     * @param bosTokenId start-of-text id, informational ({@code null} if unknown)
     * @param padTokenId id used after the end token, informational (a causal tower never attends to it)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TextConfig(
            @JsonProperty("vocab_size") int vocabSize,
            @JsonProperty("context_length") int contextLength,
            @JsonProperty("width") int width,
            @JsonProperty("heads") int heads,
            @JsonProperty("layers") int layers,
            @JsonProperty("mlp_width") int mlpWidth,
            @JsonProperty("eos_token_id") Integer eosTokenId,
            @JsonProperty("bos_token_id") Integer bosTokenId,
            @JsonProperty("pad_token_id") int padTokenId) {

        /** Validates the tower (positive sizes, heads divide width, end id inside the vocabulary). */
        public TextConfig {
            requirePositive("text vocab_size", vocabSize);
            requirePositive("text context_length", contextLength);
            requirePositive("text width", width);
            requirePositive("text heads", heads);
            requirePositive("text layers", layers);
            requirePositive("text mlp_width", mlpWidth);
            if (width % heads != 0) {
                throw new IllegalArgumentException("text: width " + width + " is not divisible by heads " + heads);
            }
            if (eosTokenId != null && (eosTokenId < 0 || eosTokenId >= vocabSize)) {
                throw new IllegalArgumentException("text: eos_token_id " + eosTokenId + " outside vocabulary of "
                        + vocabSize);
            }
        }

        /** A text tower with CLIP's MLP ratio 4. */
        public static TextConfig of(int vocabSize, int contextLength, int width, int heads, int layers,
                Integer eosTokenId, Integer bosTokenId, int padTokenId) {
            return new TextConfig(vocabSize, contextLength, width, heads, layers, 4 * width, eosTokenId, bosTokenId,
                    padTokenId);
        }
    }
}
