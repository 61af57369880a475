package org.cir4j.methods.isa;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Shape of an ISA query model: where its feature map comes from (the light CNN, or — symmetric
 * variant — the large CLIP vision tower), the light encoder's width/depth, and the mapping from the
 * feature map to M pseudo-word tokens (token learner, or the MLP of the paper's Table 5 ablation).
 *
 * @param formatVersion   {@link #FORMAT_VERSION}
 * @param source          {@code light} (asymmetric ISA) or {@code large} (symmetric: CLIP spatial features)
 * @param imageSize       square input side of the light encoder (for {@code large}: the CLIP image size)
 * @param widthMultiplier MobileNetV2's α: every channel count is scaled by it and rounded to a multiple of 8
 * @param stemChannels    channels of the stride-2 3×3 stem convolution (before α)
 * @param stages          inverted-residual stages (MobileNetV2's t, c, n, s table; fewer rows = shallower)
 * @param featureChannels channels of the final 1×1 convolution (the feature map the learner reads, before α)
 * @param groups          GroupNorm groups (clamped to a divisor of each layer's channel count)
 * @param inputChannels   for {@code source = large}: the CLIP vision width W; ignored for {@code light}
 * @param inputGrid       for {@code source = large}: the CLIP patch grid side; ignored for {@code light}
 * @param mapper          {@code token-learner} or {@code mlp}
 * @param tokens          M, the number of pseudo-word tokens
 * @param tokenDim        D, the learner's internal width (also the MLP mapper's hidden width / 4)
 * @param refineLayers    L, cross-attention refinement layers after attention pooling
 * @param heads           attention heads of the refinement layers (must divide D)
 * @param wordWidth       w, CLIP's token-embedding width the tokens are projected to
 */
public record IsaConfig(
        @JsonProperty("format_version") int formatVersion,
        @JsonProperty("source") String source,
        @JsonProperty("image_size") int imageSize,
        @JsonProperty("width_multiplier") double widthMultiplier,
        @JsonProperty("stem_channels") int stemChannels,
        @JsonProperty("stages") List<Stage> stages,
        @JsonProperty("feature_channels") int featureChannels,
        @JsonProperty("groups") int groups,
        @JsonProperty("input_channels") int inputChannels,
        @JsonProperty("input_grid") int inputGrid,
        @JsonProperty("mapper") String mapper,
        @JsonProperty("tokens") int tokens,
        @JsonProperty("token_dim") int tokenDim,
        @JsonProperty("refine_layers") int refineLayers,
        @JsonProperty("heads") int heads,
        @JsonProperty("word_width") int wordWidth) {

    public static final int FORMAT_VERSION = 1;
    public static final String LIGHT = "light";
    public static final String LARGE = "large";
    public static final String TOKEN_LEARNER = "token-learner";
    public static final String MLP = "mlp";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One row of MobileNetV2's table: expansion t, output channels c (before α), repeats n, first stride s. */
    public record Stage(@JsonProperty("t") int expansion, @JsonProperty("c") int channels,
                        @JsonProperty("n") int repeats, @JsonProperty("s") int stride) {
        public Stage {
            if (expansion < 1 || channels < 1 || repeats < 1 || (stride != 1 && stride != 2)) {
                throw new IllegalArgumentException("IsaConfig stage: expected t>=1, c>=1, n>=1, s in {1,2}, found t="
                        + expansion + " c=" + channels + " n=" + repeats + " s=" + stride);
            }
        }
    }

    public IsaConfig {
        if (formatVersion != FORMAT_VERSION) {
            throw new IllegalArgumentException("IsaConfig: format_version " + formatVersion + " is not supported (expected "
                    + FORMAT_VERSION + ")");
        }
        if (!LIGHT.equals(source) && !LARGE.equals(source)) {
            throw new IllegalArgumentException("IsaConfig: source must be '" + LIGHT + "' or '" + LARGE + "', found '" + source + "'");
        }
        if (!TOKEN_LEARNER.equals(mapper) && !MLP.equals(mapper)) {
            throw new IllegalArgumentException("IsaConfig: mapper must be '" + TOKEN_LEARNER + "' or '" + MLP + "', found '" + mapper + "'");
        }
        stages = stages == null ? List.of() : List.copyOf(stages);
        positive("image_size", imageSize);
        positive("tokens", tokens);
        positive("token_dim", tokenDim);
        positive("heads", heads);
        positive("word_width", wordWidth);
        positive("groups", groups);
        if (refineLayers < 0) {
            throw new IllegalArgumentException("IsaConfig: refine_layers must be >= 0, found " + refineLayers);
        }
        if (tokenDim % heads != 0) {
            throw new IllegalArgumentException("IsaConfig: heads (" + heads + ") must divide token_dim (" + tokenDim + ")");
        }
        if (LIGHT.equals(source)) {
            if (!(widthMultiplier > 0)) {
                throw new IllegalArgumentException("IsaConfig: width_multiplier must be > 0, found " + widthMultiplier);
            }
            positive("stem_channels", stemChannels);
            positive("feature_channels", featureChannels);
            if (stages.isEmpty()) {
                throw new IllegalArgumentException("IsaConfig: a light encoder needs at least one stage");
            }
        } else {
            positive("input_channels", inputChannels);
            positive("input_grid", inputGrid);
        }
    }

    private static void positive(String what, int v) {
        if (v <= 0) {
            throw new IllegalArgumentException("IsaConfig: " + what + " must be > 0, found " + v);
        }
    }

    /**
     * The default asymmetric model: a MobileNetV2-style CNN (stem 16, five stages ending at 96 channels,
     * head 128) — total stride 16 — and a token learner with M = 4, D = 64, L = 2, 2 heads.
     */
    public static IsaConfig light(int imageSize, int wordWidth) {
        return new IsaConfig(FORMAT_VERSION, LIGHT, imageSize, 1.0, 16,
                List.of(new Stage(1, 16, 1, 1), new Stage(6, 24, 2, 2), new Stage(6, 32, 2, 2),
                        new Stage(6, 64, 2, 2), new Stage(6, 96, 1, 1)),
                128, 8, 0, 0, TOKEN_LEARNER, 4, 64, 2, 2, wordWidth);
    }

    /** The symmetric variant: the token learner reads the large CLIP's patch tokens (width {@code visionWidth}). */
    public static IsaConfig symmetric(int imageSize, int visionWidth, int visionGrid, int wordWidth) {
        return new IsaConfig(FORMAT_VERSION, LARGE, imageSize, 1.0, 0, List.of(), 0, 8, visionWidth, visionGrid, TOKEN_LEARNER,
                4, 64, 2, 2, wordWidth);
    }

    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isLight() {
        return LIGHT.equals(source);
    }

    public boolean usesTokenLearner() {
        return TOKEN_LEARNER.equals(mapper);
    }

    public IsaConfig withTokens(int m) {
        return new IsaConfig(formatVersion, source, imageSize, widthMultiplier, stemChannels, stages, featureChannels,
                groups, inputChannels, inputGrid, mapper, m, tokenDim, refineLayers, heads, wordWidth);
    }

    public IsaConfig withMapper(String newMapper) {
        return new IsaConfig(formatVersion, source, imageSize, widthMultiplier, stemChannels, stages, featureChannels,
                groups, inputChannels, inputGrid, newMapper, tokens, tokenDim, refineLayers, heads, wordWidth);
    }

    public IsaConfig withWidthMultiplier(double alpha) {
        return new IsaConfig(formatVersion, source, imageSize, alpha, stemChannels, stages, featureChannels,
                groups, inputChannels, inputGrid, mapper, tokens, tokenDim, refineLayers, heads, wordWidth);
    }

    public IsaConfig withLearner(int dim, int layers, int nHeads) {
        return new IsaConfig(formatVersion, source, imageSize, widthMultiplier, stemChannels, stages, featureChannels,
                groups, inputChannels, inputGrid, mapper, tokens, dim, layers, nHeads, wordWidth);
    }

    /** MobileNetV2's {@code _make_divisible(c·α, 8)}: round to the nearest multiple of 8, never below 90 %. */
    public int scaled(int channels) {
        double v = channels * widthMultiplier;
        int r = Math.max(8, (int) (v + 4) / 8 * 8);
        if (r < 0.9 * v) {
            r += 8;
        }
        return r;
    }

    /** Channels of the feature map the mapper reads. */
    public int mapChannels() {
        return isLight() ? scaled(featureChannels) : inputChannels;
    }

    /** Side of the feature map the mapper reads. */
    public int mapGrid() {
        return isLight() ? lightGrid() : inputGrid;
    }

    /** Side of the feature map for a light encoder (stem stride 2 times the stages' strides). */
    public int lightGrid() {
        int side = (imageSize + 1) / 2;
        for (Stage s : stages) {
            if (s.stride() == 2) {
                side = (side + 1) / 2;
            }
        }
        return side;
    }

    public ObjectNode toJson() {
        return JSON.valueToTree(this);
    }

    public static IsaConfig parse(JsonNode node) {
        try {
            return JSON.treeToValue(node, IsaConfig.class);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("invalid ISA config: " + e.getMessage(), e);
        }
    }
}
