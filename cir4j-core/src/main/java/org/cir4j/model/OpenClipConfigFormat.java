package org.cir4j.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.cir4j.model.ClipConfig.Activation;
import org.cir4j.model.ClipConfig.TextConfig;
import org.cir4j.model.ClipConfig.VisionConfig;
import org.cir4j.model.ClipConfig.VisionType;

import static org.cir4j.model.JsonFields.boolField;
import static org.cir4j.model.JsonFields.doubleField;
import static org.cir4j.model.JsonFields.intField;
import static org.cir4j.model.JsonFields.nullableIntField;

/**
 * open_clip model config ⇄ {@link ClipConfig}.
 *
 * <p>Accepts the bare model config ({@code embed_dim}, {@code vision_cfg}, {@code text_cfg},
 * {@code quick_gelu}, as in open_clip's {@code model_configs/*.json}) or the hub file
 * {@code open_clip_config.json} that wraps it in {@code model_cfg}. Defaults are those of open_clip's
 * {@code CLIPVisionCfg}/{@code CLIPTextCfg}; heads follow open_clip ({@code width / head_width} for a
 * ViT, {@code width·32 / head_width} for the ResNet attention pool), MLP widths are
 * {@code int(width · mlp_ratio)}, and the activation is exact GELU unless {@code quick_gelu} is true.
 * Text features are pooled at {@code argmax(ids)} (open_clip's {@code pool_type='argmax'}).
 *
 * <p>open_clip has many architecture switches that the plain CLIP architecture does not have
 * (layer scale, attentional pooler, timm/HF towers, …). Any such switch set to a non-default value,
 * and any key not known here, is rejected with its name, so an unsupported model never loads
 * silently wrong.
 *
 * <p>Written configs carry an extra top-level object {@code "cir4j"} (ignored by open_clip) with the
 * format version and the text special-token ids, which open_clip's config has no place for.
 */
final class OpenClipConfigFormat {

    private static final double DEFAULT_MLP_RATIO = 4.0;

    /** Keys whose value does not change the forward pass of an evaluation-mode model. */
    private static final Set<String> VISION_INERT = Set.of("patch_dropout", "output_tokens",
            "timm_model_pretrained", "timm_pool", "timm_proj", "timm_proj_bias", "timm_drop", "timm_drop_path",
            "attn_pooler_queries", "attn_pooler_heads");
    private static final Set<String> TEXT_INERT = Set.of("hf_tokenizer_name", "tokenizer_kwargs", "output_tokens",
            "hf_model_pretrained", "hf_proj_type", "hf_pooler_type", "pad_id");
    private static final Set<String> ROOT_INERT = Set.of("cast_dtype", "init_logit_scale", "embed_dim",
            "vision_cfg", "text_cfg", "quick_gelu", "cir4j");

    /** Switches that plain CLIP supports only at the value given here (JSON null = must be absent/null). */
    private static final Map<String, Object> VISION_FIXED = fixed(
            "ls_init_value", null, "attentional_pool", false, "no_ln_pre", false, "pos_embed_type", "learnable",
            "final_ln_after_pool", false, "pool_type", "tok", "act_kwargs", null, "norm_kwargs", null,
            "timm_model_name", null, "eva_model_name", null, "global_average_pool", false, "input_patchnorm", false);
    private static final Map<String, Object> TEXT_FIXED = fixed(
            "ls_init_value", null, "embed_cls", false, "no_causal_mask", false, "final_ln_after_pool", false,
            "pool_type", "argmax", "proj_bias", false, "proj_type", "linear", "act_kwargs", null, "norm_kwargs", null,
            "hf_model_name", null, "ln_post_emb", false);
    private static final Map<String, Object> ROOT_FIXED = fixed("init_logit_bias", null, "custom_text", false);

    private static final Set<String> VISION_ARCH = Set.of("layers", "width", "head_width", "mlp_ratio", "patch_size",
            "image_size");
    private static final Set<String> TEXT_ARCH = Set.of("context_length", "vocab_size", "width", "heads", "layers",
            "mlp_ratio");

    private OpenClipConfigFormat() {}

    static ClipConfig parse(JsonNode file) {
        JsonNode root = file.has("model_cfg") ? file.get("model_cfg") : file;
        if (!root.isObject()) {
            throw new IllegalArgumentException("open_clip config: model_cfg must be an object");
        }
        checkKeys(root, "open_clip config", ROOT_INERT, ROOT_FIXED, Set.of());
        JsonNode vision = root.path("vision_cfg");
        JsonNode text = root.path("text_cfg");
        if (!vision.isObject() || !text.isObject()) {
            throw new IllegalArgumentException("open_clip config: vision_cfg and text_cfg objects are required");
        }
        checkKeys(vision, "vision_cfg", VISION_INERT, VISION_FIXED, VISION_ARCH);
        checkKeys(text, "text_cfg", TEXT_INERT, TEXT_FIXED, TEXT_ARCH);
        JsonNode cir4j = file.has("cir4j") ? file.get("cir4j") : root.path("cir4j");

        int width = intField(vision, "width", 768, "vision_cfg");
        int headWidth = intField(vision, "head_width", 64, "vision_cfg");
        int imageSize = square(vision, "image_size", 224);
        JsonNode layersNode = vision.get("layers");
        VisionConfig visionConfig;
        if (layersNode != null && layersNode.isArray()) {
            List<Integer> layers = new ArrayList<>();
            layersNode.forEach(n -> layers.add(n.asInt()));
            visionConfig = new VisionConfig(VisionType.RESNET, imageSize, null, width, layers,
                    width * 32 / headWidth, null);
        } else {
            int layers = intField(vision, "layers", 12, "vision_cfg");
            double ratio = doubleField(vision, "mlp_ratio", DEFAULT_MLP_RATIO, "vision_cfg");
            visionConfig = new VisionConfig(VisionType.VIT, imageSize, square(vision, "patch_size", 16), width,
                    List.of(layers), width / headWidth, mlpWidth(width, ratio));
        }

        int textWidth = intField(text, "width", 512, "text_cfg");
        TextConfig textConfig = new TextConfig(
                intField(text, "vocab_size", 49408, "text_cfg"),
                intField(text, "context_length", 77, "text_cfg"),
                textWidth,
                intField(text, "heads", 8, "text_cfg"),
                intField(text, "layers", 12, "text_cfg"),
                mlpWidth(textWidth, doubleField(text, "mlp_ratio", DEFAULT_MLP_RATIO, "text_cfg")),
                nullableIntField(cir4j, "text_eos_token_id", null, "cir4j"),
                nullableIntField(cir4j, "text_bos_token_id", null, "cir4j"),
                intField(text, "pad_id", 0, "text_cfg"));
        Activation act = boolField(root, "quick_gelu", false, "open_clip config") ? Activation.QUICK_GELU
                : Activation.GELU;
        return new ClipConfig(intField(cir4j, "format_version", ClipConfig.FORMAT_VERSION, "cir4j"),
                intField(root, "embed_dim", 512, "open_clip config"), act, 1e-5,
                doubleField(root, "init_logit_scale", ClipConfig.DEFAULT_LOGIT_SCALE_INIT, "open_clip config"),
                visionConfig, textConfig);
    }

    static ObjectNode write(ClipConfig config) {
        if (config.layerNormEps() != 1e-5) {
            throw new IllegalArgumentException("open_clip configs cannot express layer_norm_eps "
                    + config.layerNormEps() + " (open_clip uses 1e-5)");
        }
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode file = f.objectNode();
        ObjectNode root = file.putObject("model_cfg");
        root.put("embed_dim", config.embedDim());
        root.put("quick_gelu", config.activation() == Activation.QUICK_GELU);
        if (config.logitScaleInit() != ClipConfig.DEFAULT_LOGIT_SCALE_INIT) {
            root.put("init_logit_scale", config.logitScaleInit());
        }
        VisionConfig v = config.vision();
        ObjectNode vision = root.putObject("vision_cfg");
        vision.put("image_size", v.imageSize());
        vision.put("width", v.width());
        if (v.type() == VisionType.VIT) {
            vision.put("layers", v.vitLayers());
            vision.put("patch_size", v.patchSize());
            vision.put("head_width", v.width() / v.heads());
            vision.put("mlp_ratio", v.mlpWidth() / (double) v.width());
        } else {
            v.layers().forEach(vision.putArray("layers")::add);
            if ((v.width() * 32) % v.heads() != 0) {
                throw new IllegalArgumentException("attention-pool heads " + v.heads() + " do not divide "
                        + v.width() * 32);
            }
            vision.put("head_width", v.width() * 32 / v.heads());
        }
        TextConfig t = config.text();
        ObjectNode text = root.putObject("text_cfg");
        text.put("context_length", t.contextLength());
        text.put("vocab_size", t.vocabSize());
        text.put("width", t.width());
        text.put("heads", t.heads());
        text.put("layers", t.layers());
        text.put("mlp_ratio", t.mlpWidth() / (double) t.width());
        text.put("pad_id", t.padTokenId());
        ObjectNode cir4j = file.putObject("cir4j");
        cir4j.put("format_version", config.formatVersion());
        if (t.eosTokenId() != null) {
            cir4j.put("text_eos_token_id", t.eosTokenId());
        }
        if (t.bosTokenId() != null) {
            cir4j.put("text_bos_token_id", t.bosTokenId());
        }
        return file;
    }

    /**
     * open_clip's {@code int(width * mlp_ratio)}, except that a product within 1e-6 of an integer is
     * rounded: ratios written as {@code mlpWidth / width} must give {@code mlpWidth} back.
     */
    static int mlpWidth(int width, double ratio) {
        double product = width * ratio;
        double rounded = Math.rint(product);
        return (int) (Math.abs(product - rounded) < 1e-6 ? rounded : Math.floor(product));
    }

    private static int square(JsonNode vision, String key, int dflt) {
        JsonNode n = vision.get(key);
        if (n != null && n.isArray()) {
            if (n.size() != 2 || n.get(0).asInt() != n.get(1).asInt()) {
                throw new IllegalArgumentException("vision_cfg." + key + " must be square, found " + n);
            }
            return n.get(0).asInt();
        }
        return intField(vision, key, dflt, "vision_cfg");
    }

    private static void checkKeys(JsonNode obj, String where, Set<String> inert, Map<String, Object> fixed,
            Set<String> arch) {
        obj.fieldNames().forEachRemaining(key -> {
            if (arch.contains(key) || inert.contains(key)) {
                return;
            }
            if (!fixed.containsKey(key)) {
                throw new IllegalArgumentException(where + "." + key + " is not a known open_clip option for the "
                        + "plain CLIP architecture (supported: " + arch + ", " + fixed.keySet() + ")");
            }
            Object required = fixed.get(key);
            JsonNode n = obj.get(key);
            Object found = n.isNull() ? null : n.isBoolean() ? n.asBoolean() : n.isTextual() ? n.asText() : n;
            if (!Objects.equals(required, found)) {
                throw new IllegalArgumentException(where + "." + key + " = " + n
                        + " is not supported (cir4j implements plain CLIP, which needs " + required + ")");
            }
        });
    }

    private static Map<String, Object> fixed(Object... kv) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
