package org.cir4j.model;

import ai.djl.ndarray.types.Shape;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.cir4j.model.ClipConfig.TextConfig;
import org.cir4j.model.ClipConfig.VisionConfig;
import org.cir4j.model.ClipConfig.VisionType;

/**
 * Every tensor a {@link ClipConfig} implies, in OpenAI/open_clip state-dict naming, with its shape.
 *
 * <p>Notation: V vocabulary, C context length, w text width, m text MLP width, d embedding size;
 * vision ViT: W width, M MLP width, p patch, g = S/p grid; ResNet: W stem width, F = 32·W feature
 * width, h = S/32. Text: {@code token_embedding.weight} (V,w), {@code positional_embedding} (C,w),
 * {@code transformer.resblocks.i.*}, {@code ln_final.*} (w), {@code text_projection} (w,d) applied as
 * {@code x @ P}, {@code logit_scale} () a scalar. Each residual block: {@code ln_1.*} (w),
 * {@code attn.in_proj_weight} (3w,w) packed q;k;v, {@code attn.in_proj_bias} (3w),
 * {@code attn.out_proj.weight} (w,w), {@code .bias} (w), {@code ln_2.*} (w), {@code mlp.c_fc.weight}
 * (m,w), {@code .bias} (m), {@code mlp.c_proj.weight} (w,m), {@code .bias} (w). ViT:
 * {@code visual.conv1.weight} (W,3,p,p), {@code visual.class_embedding} (W),
 * {@code visual.positional_embedding} (g²+1,W), {@code visual.ln_pre.*}, blocks under
 * {@code visual.transformer.resblocks.i}, {@code visual.ln_post.*}, {@code visual.proj} (W,d).
 * ResNet: stem {@code visual.conv1..3} + {@code visual.bn1..3}, bottlenecks
 * {@code visual.layerL.b.{conv1,bn1,conv2,bn2,conv3,bn3,downsample.0,downsample.1}}, and
 * {@code visual.attnpool.{positional_embedding (h²+1,F), q_proj, k_proj, v_proj (F,F), c_proj (d,F)}}.
 *
 * <p>Batch-norm {@code running_mean}/{@code running_var} are {@linkplain #isBuffer buffers}: state,
 * never trained. {@code num_batches_tracked} is not part of the layout (it does not influence an
 * evaluation-mode forward pass); loaders skip it.
 */
public final class ClipStateLayout {

    private final Map<String, Shape> shapes;

    private ClipStateLayout(Map<String, Shape> shapes) {
        this.shapes = Collections.unmodifiableMap(shapes);
    }

    /** The layout of {@code config}. */
    public static ClipStateLayout of(ClipConfig config) {
        Map<String, Shape> s = new LinkedHashMap<>();
        TextConfig t = config.text();
        int d = config.embedDim();
        s.put("token_embedding.weight", new Shape(t.vocabSize(), t.width()));
        s.put("positional_embedding", new Shape(t.contextLength(), t.width()));
        for (int i = 0; i < t.layers(); i++) {
            block(s, "transformer.resblocks." + i + ".", t.width(), t.mlpWidth());
        }
        layerNorm(s, "ln_final", t.width());
        s.put("text_projection", new Shape(t.width(), d));
        s.put("logit_scale", new Shape());

        VisionConfig v = config.vision();
        if (v.type() == VisionType.VIT) {
            int w = v.width();
            int g = v.gridSize();
            s.put("visual.class_embedding", new Shape(w));
            s.put("visual.positional_embedding", new Shape((long) g * g + 1, w));
            s.put("visual.conv1.weight", new Shape(w, 3, v.patchSize(), v.patchSize()));
            layerNorm(s, "visual.ln_pre", w);
            for (int i = 0; i < v.vitLayers(); i++) {
                block(s, "visual.transformer.resblocks." + i + ".", w, v.mlpWidth());
            }
            layerNorm(s, "visual.ln_post", w);
            s.put("visual.proj", new Shape(w, d));
        } else {
            resnet(s, v, d);
        }
        return new ClipStateLayout(s);
    }

    /** Ordered canonical name → expected shape. */
    public Map<String, Shape> shapes() {
        return shapes;
    }

    public Set<String> names() {
        return shapes.keySet();
    }

    public Shape shape(String name) {
        return shapes.get(name);
    }

    public boolean contains(String name) {
        return shapes.containsKey(name);
    }

    /** Batch-norm running statistics: part of the state, not learnable. */
    public static boolean isBuffer(String name) {
        return name.endsWith(".running_mean") || name.endsWith(".running_var");
    }

    /**
     * Tensors that real checkpoints carry but that are not model state here and are skipped on load:
     * batch-norm {@code num_batches_tracked}, Hugging Face {@code position_ids} buffers, and the
     * {@code input_resolution}/{@code context_length}/{@code vocab_size} scalars of OpenAI's JIT
     * archives (OpenAI's own {@code build_model} deletes them too).
     */
    public static boolean isIgnorable(String name) {
        return name.endsWith("num_batches_tracked") || name.endsWith("position_ids")
                || name.equals("input_resolution") || name.equals("context_length") || name.equals("vocab_size");
    }

    private static void block(Map<String, Shape> s, String p, int w, int m) {
        layerNorm(s, p + "ln_1", w);
        s.put(p + "attn.in_proj_weight", new Shape(3L * w, w));
        s.put(p + "attn.in_proj_bias", new Shape(3L * w));
        s.put(p + "attn.out_proj.weight", new Shape(w, w));
        s.put(p + "attn.out_proj.bias", new Shape(w));
        layerNorm(s, p + "ln_2", w);
        s.put(p + "mlp.c_fc.weight", new Shape(m, w));
        s.put(p + "mlp.c_fc.bias", new Shape(m));
        s.put(p + "mlp.c_proj.weight", new Shape(w, m));
        s.put(p + "mlp.c_proj.bias", new Shape(w));
    }

    private static void layerNorm(Map<String, Shape> s, String p, int w) {
        s.put(p + ".weight", new Shape(w));
        s.put(p + ".bias", new Shape(w));
    }

    private static void batchNorm(Map<String, Shape> s, String p, int c) {
        s.put(p + ".weight", new Shape(c));
        s.put(p + ".bias", new Shape(c));
        s.put(p + ".running_mean", new Shape(c));
        s.put(p + ".running_var", new Shape(c));
    }

    private static void conv(Map<String, Shape> s, String p, int out, int in, int k) {
        s.put(p + ".weight", new Shape(out, in, k, k));
    }

    private static void resnet(Map<String, Shape> s, VisionConfig v, int d) {
        int w = v.width();
        conv(s, "visual.conv1", w / 2, 3, 3);
        batchNorm(s, "visual.bn1", w / 2);
        conv(s, "visual.conv2", w / 2, w / 2, 3);
        batchNorm(s, "visual.bn2", w / 2);
        conv(s, "visual.conv3", w, w / 2, 3);
        batchNorm(s, "visual.bn3", w);
        int inplanes = w;
        for (int layer = 1; layer <= 4; layer++) {
            int planes = w << (layer - 1);
            int stride = layer == 1 ? 1 : 2;
            for (int b = 0; b < v.layers().get(layer - 1); b++) {
                String p = "visual.layer" + layer + "." + b + ".";
                conv(s, p + "conv1", planes, inplanes, 1);
                batchNorm(s, p + "bn1", planes);
                conv(s, p + "conv2", planes, planes, 3);
                batchNorm(s, p + "bn2", planes);
                conv(s, p + "conv3", planes * 4, planes, 1);
                batchNorm(s, p + "bn3", planes * 4);
                if (hasDownsample(b, stride, inplanes, planes)) {
                    conv(s, p + "downsample.0", planes * 4, inplanes, 1);
                    batchNorm(s, p + "downsample.1", planes * 4);
                }
                inplanes = planes * 4;
            }
        }
        int f = v.resnetFeatureWidth();
        int h = v.resnetGridSize();
        s.put("visual.attnpool.positional_embedding", new Shape((long) h * h + 1, f));
        for (String proj : new String[] {"q_proj", "k_proj", "v_proj"}) {
            s.put("visual.attnpool." + proj + ".weight", new Shape(f, f));
            s.put("visual.attnpool." + proj + ".bias", new Shape(f));
        }
        s.put("visual.attnpool.c_proj.weight", new Shape(d, f));
        s.put("visual.attnpool.c_proj.bias", new Shape(d));
    }

    /** OpenAI's Bottleneck: a projection shortcut when the block strides or changes the width. */
    static boolean hasDownsample(int blockIndex, int layerStride, int inplanes, int planes) {
        int stride = blockIndex == 0 ? layerStride : 1;
        return stride > 1 || inplanes != planes * 4;
    }
}
