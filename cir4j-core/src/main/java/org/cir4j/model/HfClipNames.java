package org.cir4j.model;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one table that maps canonical (OpenAI/open_clip) tensor names to Hugging Face {@code CLIPModel}
 * names, and how the values relate.
 *
 * <p>Three relations occur: {@link Kind#SAME} (identical tensor), {@link Kind#TRANSPOSE}
 * ({@code text_projection} and {@code visual.proj} are applied as {@code x @ P} in OpenAI's code but
 * stored as {@code nn.Linear} weights, i.e. Pᵀ, by HF) and {@link Kind#QKV} (PyTorch's packed
 * {@code in_proj_weight}/{@code in_proj_bias} is HF's separate q, k, v projections concatenated in
 * that order along the first axis). Residual blocks are matched by index under
 * {@code transformer.resblocks.i} ⇄ {@code text_model.encoder.layers.i} and
 * {@code visual.transformer.resblocks.i} ⇄ {@code vision_model.encoder.layers.i}.
 */
final class HfClipNames {

    /** How the HF tensor(s) relate to the canonical tensor. */
    enum Kind { SAME, TRANSPOSE, QKV }

    /**
     * One canonical tensor's HF counterpart.
     *
     * @param kind relation
     * @param hfNames one name, or three (q, k, v) for {@link Kind#QKV}
     */
    record Mapping(Kind kind, List<String> hfNames) {}

    private record Rule(String canonical, String hf, Kind kind) {}

    private static final List<Rule> GLOBAL = List.of(
            new Rule("token_embedding.weight", "text_model.embeddings.token_embedding.weight", Kind.SAME),
            new Rule("positional_embedding", "text_model.embeddings.position_embedding.weight", Kind.SAME),
            new Rule("ln_final.weight", "text_model.final_layer_norm.weight", Kind.SAME),
            new Rule("ln_final.bias", "text_model.final_layer_norm.bias", Kind.SAME),
            new Rule("text_projection", "text_projection.weight", Kind.TRANSPOSE),
            new Rule("logit_scale", "logit_scale", Kind.SAME),
            new Rule("visual.class_embedding", "vision_model.embeddings.class_embedding", Kind.SAME),
            new Rule("visual.conv1.weight", "vision_model.embeddings.patch_embedding.weight", Kind.SAME),
            new Rule("visual.positional_embedding", "vision_model.embeddings.position_embedding.weight", Kind.SAME),
            new Rule("visual.ln_pre.weight", "vision_model.pre_layrnorm.weight", Kind.SAME),
            new Rule("visual.ln_pre.bias", "vision_model.pre_layrnorm.bias", Kind.SAME),
            new Rule("visual.ln_post.weight", "vision_model.post_layernorm.weight", Kind.SAME),
            new Rule("visual.ln_post.bias", "vision_model.post_layernorm.bias", Kind.SAME),
            new Rule("visual.proj", "visual_projection.weight", Kind.TRANSPOSE));

    /** Inside one residual block; for QKV the HF side has a {@code %s} for q/k/v. */
    private static final List<Rule> BLOCK = List.of(
            new Rule("ln_1.weight", "layer_norm1.weight", Kind.SAME),
            new Rule("ln_1.bias", "layer_norm1.bias", Kind.SAME),
            new Rule("attn.in_proj_weight", "self_attn.%s_proj.weight", Kind.QKV),
            new Rule("attn.in_proj_bias", "self_attn.%s_proj.bias", Kind.QKV),
            new Rule("attn.out_proj.weight", "self_attn.out_proj.weight", Kind.SAME),
            new Rule("attn.out_proj.bias", "self_attn.out_proj.bias", Kind.SAME),
            new Rule("ln_2.weight", "layer_norm2.weight", Kind.SAME),
            new Rule("ln_2.bias", "layer_norm2.bias", Kind.SAME),
            new Rule("mlp.c_fc.weight", "mlp.fc1.weight", Kind.SAME),
            new Rule("mlp.c_fc.bias", "mlp.fc1.bias", Kind.SAME),
            new Rule("mlp.c_proj.weight", "mlp.fc2.weight", Kind.SAME),
            new Rule("mlp.c_proj.bias", "mlp.fc2.bias", Kind.SAME));

    private static final Pattern TEXT_BLOCK = Pattern.compile("transformer\\.resblocks\\.(\\d+)\\.(.+)");
    private static final Pattern VISION_BLOCK = Pattern.compile("visual\\.transformer\\.resblocks\\.(\\d+)\\.(.+)");

    private HfClipNames() {}

    /**
     * The HF counterpart of a canonical name.
     *
     * @throws IllegalArgumentException if the name has none (e.g. a ModifiedResNet tensor: HF's
     *     {@code CLIPModel} has no ResNet tower)
     */
    static Mapping forCanonical(String canonical) {
        for (Rule r : GLOBAL) {
            if (r.canonical.equals(canonical)) {
                return new Mapping(r.kind, List.of(r.hf));
            }
        }
        Matcher vm = VISION_BLOCK.matcher(canonical);
        Matcher tm = TEXT_BLOCK.matcher(canonical);
        String hfPrefix;
        String suffix;
        if (vm.matches()) {
            hfPrefix = "vision_model.encoder.layers." + vm.group(1) + ".";
            suffix = vm.group(2);
        } else if (tm.matches()) {
            hfPrefix = "text_model.encoder.layers." + tm.group(1) + ".";
            suffix = tm.group(2);
        } else {
            throw new IllegalArgumentException("tensor '" + canonical + "' has no Hugging Face CLIPModel name");
        }
        for (Rule r : BLOCK) {
            if (r.canonical.equals(suffix)) {
                if (r.kind == Kind.QKV) {
                    return new Mapping(Kind.QKV, List.of(hfPrefix + r.hf.formatted("q"),
                            hfPrefix + r.hf.formatted("k"), hfPrefix + r.hf.formatted("v")));
                }
                return new Mapping(r.kind, List.of(hfPrefix + r.hf));
            }
        }
        throw new IllegalArgumentException("tensor '" + canonical + "' has no Hugging Face CLIPModel name");
    }

    /** True if the state dict uses Hugging Face names (its tensors live under text_model/vision_model). */
    static boolean looksLikeHuggingFace(Iterable<String> names) {
        for (String n : names) {
            if (n.startsWith("text_model.") || n.startsWith("vision_model.")) {
                return true;
            }
        }
        return false;
    }
}
