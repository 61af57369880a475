package org.cir4j.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.cir4j.model.ClipConfig.Activation;
import org.cir4j.model.ClipConfig.TextConfig;
import org.cir4j.model.ClipConfig.VisionConfig;
import org.cir4j.model.ClipConfig.VisionType;

import static org.cir4j.model.JsonFields.doubleField;
import static org.cir4j.model.JsonFields.intField;
import static org.cir4j.model.JsonFields.nullableIntField;
import static org.cir4j.model.JsonFields.textField;

/**
 * Hugging Face {@code CLIPModel} {@code config.json} ⇄ {@link ClipConfig}.
 *
 * <p>Missing fields take the defaults of transformers' {@code CLIPTextConfig}/{@code CLIPVisionConfig}
 * (those of openai/clip-vit-base-patch32), and the legacy {@code text_config_dict}/
 * {@code vision_config_dict} entries override {@code text_config}/{@code vision_config} as in
 * transformers. End-token pooling follows transformers exactly: {@code eos_token_id == 2} is the
 * legacy marker of old conversions and selects OpenAI's argmax rule ({@link TextConfig#eosTokenId()}
 * {@code null}); any other id is pooled at its first occurrence. Writing reverses this, so a config
 * with the argmax rule is written with {@code eos_token_id: 2}, and an end token that really is id 2
 * cannot be written (transformers would pool it with the argmax rule).
 */
final class HfClipConfigFormat {

    /** Key under which cir4j records its format version in an HF {@code config.json}. */
    static final String VERSION_KEY = "cir4j_format_version";

    /** transformers' legacy end-token id that means "pool at argmax(input_ids)". */
    static final int LEGACY_EOS_ID = 2;

    private HfClipConfigFormat() {}

    static ClipConfig parse(JsonNode root) {
        String modelType = textField(root, "model_type", "clip", "config");
        if (!modelType.equals("clip")) {
            throw new IllegalArgumentException("Hugging Face config: model_type '" + modelType
                    + "' is not supported (only 'clip', i.e. CLIPModel)");
        }
        int version = intField(root, VERSION_KEY, ClipConfig.FORMAT_VERSION, "config");
        JsonNode text = merged(root, "text_config");
        JsonNode vision = merged(root, "vision_config");

        Activation textAct = activation(text, "text_config");
        Activation visionAct = activation(vision, "vision_config");
        if (textAct != visionAct) {
            throw new IllegalArgumentException("Hugging Face config: text hidden_act " + textAct.jsonName()
                    + " differs from vision hidden_act " + visionAct.jsonName() + "; cir4j needs one activation");
        }
        double textEps = doubleField(text, "layer_norm_eps", 1e-5, "text_config");
        double visionEps = doubleField(vision, "layer_norm_eps", 1e-5, "vision_config");
        if (textEps != visionEps) {
            throw new IllegalArgumentException("Hugging Face config: text layer_norm_eps " + textEps
                    + " differs from vision layer_norm_eps " + visionEps + "; cir4j needs one epsilon");
        }
        int channels = intField(vision, "num_channels", 3, "vision_config");
        if (channels != 3) {
            throw new IllegalArgumentException("Hugging Face config: vision_config.num_channels must be 3, found "
                    + channels);
        }

        int eos = intField(text, "eos_token_id", 49407, "text_config");
        TextConfig textConfig = new TextConfig(
                intField(text, "vocab_size", 49408, "text_config"),
                intField(text, "max_position_embeddings", 77, "text_config"),
                intField(text, "hidden_size", 512, "text_config"),
                intField(text, "num_attention_heads", 8, "text_config"),
                intField(text, "num_hidden_layers", 12, "text_config"),
                intField(text, "intermediate_size", 2048, "text_config"),
                eos == LEGACY_EOS_ID ? null : eos,
                nullableIntField(text, "bos_token_id", 49406, "text_config"),
                intField(text, "pad_token_id", 1, "text_config"));
        VisionConfig visionConfig = new VisionConfig(VisionType.VIT,
                intField(vision, "image_size", 224, "vision_config"),
                intField(vision, "patch_size", 32, "vision_config"),
                intField(vision, "hidden_size", 768, "vision_config"),
                List.of(intField(vision, "num_hidden_layers", 12, "vision_config")),
                intField(vision, "num_attention_heads", 12, "vision_config"),
                intField(vision, "intermediate_size", 3072, "vision_config"));
        return new ClipConfig(version, intField(root, "projection_dim", 512, "config"), textAct, textEps,
                doubleField(root, "logit_scale_init_value", 2.6592, "config"), visionConfig, textConfig);
    }

    static ObjectNode write(ClipConfig config) {
        VisionConfig v = config.vision();
        if (v.type() != VisionType.VIT) {
            throw new IllegalArgumentException("a Hugging Face CLIPModel config can only describe a ViT vision tower, "
                    + "this model has a " + v.type() + " tower (save it in the open_clip layout instead)");
        }
        TextConfig t = config.text();
        if (t.eosTokenId() != null && t.eosTokenId() == LEGACY_EOS_ID) {
            throw new IllegalArgumentException("end token id 2 cannot be written to a Hugging Face CLIP config: "
                    + "transformers reads eos_token_id 2 as the legacy argmax pooling rule; use another end id");
        }
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        root.putArray("architectures").add("CLIPModel");
        root.put("model_type", "clip");
        root.put(VERSION_KEY, config.formatVersion());
        root.put("projection_dim", config.embedDim());
        root.put("logit_scale_init_value", config.logitScaleInit());
        root.put("torch_dtype", "float32");

        ObjectNode text = root.putObject("text_config");
        text.put("model_type", "clip_text_model");
        text.put("vocab_size", t.vocabSize());
        text.put("hidden_size", t.width());
        text.put("intermediate_size", t.mlpWidth());
        text.put("num_hidden_layers", t.layers());
        text.put("num_attention_heads", t.heads());
        text.put("max_position_embeddings", t.contextLength());
        text.put("hidden_act", config.activation().jsonName());
        text.put("layer_norm_eps", config.layerNormEps());
        if (t.bosTokenId() == null) {
            text.putNull("bos_token_id");
        } else {
            text.put("bos_token_id", t.bosTokenId());
        }
        text.put("eos_token_id", t.eosTokenId() == null ? LEGACY_EOS_ID : t.eosTokenId());
        text.put("pad_token_id", t.padTokenId());
        text.put("projection_dim", config.embedDim());

        ObjectNode vision = root.putObject("vision_config");
        vision.put("model_type", "clip_vision_model");
        vision.put("hidden_size", v.width());
        vision.put("intermediate_size", v.mlpWidth());
        vision.put("num_hidden_layers", v.vitLayers());
        vision.put("num_attention_heads", v.heads());
        vision.put("image_size", v.imageSize());
        vision.put("patch_size", v.patchSize());
        vision.put("num_channels", 3);
        vision.put("hidden_act", config.activation().jsonName());
        vision.put("layer_norm_eps", config.layerNormEps());
        vision.put("projection_dim", config.embedDim());
        return root;
    }

    /** {@code key} with transformers' legacy {@code key + "_dict"} values laid over it. */
    private static JsonNode merged(JsonNode root, String key) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        JsonNode base = root.get(key);
        if (base != null && base.isObject()) {
            out.setAll((ObjectNode) base);
        }
        JsonNode legacy = root.get(key + "_dict");
        if (legacy != null && legacy.isObject()) {
            out.setAll((ObjectNode) legacy);
        }
        return out;
    }

    private static Activation activation(JsonNode tower, String where) {
        String act = textField(tower, "hidden_act", "quick_gelu", where);
        try {
            return Activation.fromJson(act);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Hugging Face config: " + where + ".hidden_act '" + act
                    + "' is not supported (quick_gelu or gelu)", e);
        }
    }
}
