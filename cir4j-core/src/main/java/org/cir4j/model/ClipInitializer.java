package org.cir4j.model;

import ai.djl.ndarray.types.Shape;
import java.util.Random;
import java.util.regex.Pattern;

/**
 * OpenAI's CLIP initialisation, reproduced per tensor: {@code CLIP.initialize_parameters} for the
 * text side and the ResNet attention pool, the {@code VisionTransformer}/{@code AttentionPool2d}
 * constructors' {@code scale * randn} terms, and PyTorch's module defaults for everything those leave
 * alone (as the reference does).
 *
 * <p>With w text width, L text layers, m text MLP width, W/M vision width/MLP width, F ResNet
 * feature width: token embedding N(0, 0.02²); text positional embedding N(0, 0.01²); text blocks
 * {@code in_proj_weight} N(0, w⁻¹), {@code out_proj.weight} and {@code c_proj.weight}
 * N(0, w⁻¹·(2L)⁻¹), {@code c_fc.weight} N(0, (2w)⁻¹); {@code text_projection} N(0, w⁻¹);
 * {@code logit_scale} = {@link ClipConfig#logitScaleInit()}. ViT class and positional embeddings and
 * {@code proj} N(0, W⁻¹). ResNet attention pool q/k/v/c_proj weights N(0, F⁻¹), its positional
 * embedding N(0, F⁻¹), bottleneck {@code bn3.weight} zero. PyTorch defaults elsewhere: LayerNorm and
 * BatchNorm weight 1, bias 0, running mean 0, variance 1; {@code in_proj_weight} of vision blocks
 * Xavier-uniform; packed-attention biases 0; other Linear/Conv weights and Linear biases
 * U(±1/sqrt(fan_in)).
 *
 * <p>Each tensor draws from its own {@link Random} seeded from the model seed and the tensor's name,
 * so a tensor's values depend only on (seed, name, shape), not on how many tensors precede it.
 */
final class ClipInitializer {

    private static final Pattern TEXT_BLOCK = Pattern.compile("transformer\\.resblocks\\.\\d+\\..+");
    private static final Pattern BOTTLENECK_BN3 = Pattern.compile("visual\\.layer\\d+\\.\\d+\\.bn3\\.weight");

    private final ClipConfig config;
    private final ClipStateLayout layout;
    private final long seed;

    ClipInitializer(ClipConfig config, long seed) {
        this.config = config;
        this.layout = ClipStateLayout.of(config);
        this.seed = seed;
    }

    /** Initial values of tensor {@code name} (row-major). */
    float[] values(String name, Shape shape) {
        int n = Math.toIntExact(shape.size());
        Random rnd = new Random(mix(seed, name));
        ClipConfig.TextConfig t = config.text();
        int w = t.width();

        if (name.equals("logit_scale")) {
            return fill(n, (float) config.logitScaleInit());
        }
        if (name.endsWith("running_var")) {
            return fill(n, 1f);
        }
        if (name.endsWith("running_mean")) {
            return new float[n];
        }
        if (BOTTLENECK_BN3.matcher(name).matches()) {
            return new float[n];
        }
        if (isNormWeight(name)) {
            return fill(n, 1f);
        }
        if (isNormBias(name)) {
            return new float[n];
        }
        switch (name) {
            case "token_embedding.weight":
                return normal(rnd, n, 0.02);
            case "positional_embedding":
                return normal(rnd, n, 0.01);
            case "text_projection":
                return normal(rnd, n, Math.pow(w, -0.5));
            case "visual.class_embedding":
            case "visual.positional_embedding":
            case "visual.proj":
                return normal(rnd, n, Math.pow(config.vision().width(), -0.5));
            default:
                break;
        }
        if (name.endsWith("attn.in_proj_bias") || name.endsWith("attn.out_proj.bias")) {
            // nn.MultiheadAttention._reset_parameters zeroes both.
            return new float[n];
        }
        if (TEXT_BLOCK.matcher(name).matches()) {
            double projStd = Math.pow(w, -0.5) * Math.pow(2.0 * t.layers(), -0.5);
            if (name.endsWith("attn.in_proj_weight")) {
                return normal(rnd, n, Math.pow(w, -0.5));
            }
            if (name.endsWith("attn.out_proj.weight") || name.endsWith("mlp.c_proj.weight")) {
                return normal(rnd, n, projStd);
            }
            if (name.endsWith("mlp.c_fc.weight")) {
                return normal(rnd, n, Math.pow(2.0 * w, -0.5));
            }
        }
        if (name.startsWith("visual.attnpool.")) {
            int f = config.vision().resnetFeatureWidth();
            if (name.endsWith(".weight") || name.endsWith("positional_embedding")) {
                return normal(rnd, n, Math.pow(f, -0.5));
            }
            return uniform(rnd, n, Math.pow(f, -0.5));
        }
        if (name.endsWith("attn.in_proj_weight")) {
            // Xavier-uniform over the packed (3W, W) matrix: bound sqrt(6 / (fan_in + fan_out)).
            return uniform(rnd, n, Math.sqrt(6.0 / (shape.get(0) + shape.get(1))));
        }
        // PyTorch's default Linear/Conv init: kaiming_uniform(a=sqrt(5)) = U(±1/sqrt(fan_in)), same for biases.
        if (name.endsWith(".weight") && shape.dimension() >= 2) {
            long fanIn = shape.size() / shape.get(0);
            return uniform(rnd, n, 1.0 / Math.sqrt(fanIn));
        }
        if (name.endsWith(".bias")) {
            return uniform(rnd, n, 1.0 / Math.sqrt(fanInOfBias(name)));
        }
        throw new IllegalStateException("no initialisation rule for tensor '" + name + "' " + shape);
    }

    private long fanInOfBias(String biasName) {
        String weight = biasName.substring(0, biasName.length() - "bias".length()) + "weight";
        Shape ws = layout.shape(weight);
        if (ws == null) {
            throw new IllegalStateException("bias '" + biasName + "' has no weight '" + weight + "'");
        }
        return ws.size() / ws.get(0);
    }

    private static boolean isNormWeight(String name) {
        return name.matches(".*(ln_\\d|ln_pre|ln_post|ln_final|bn\\d|downsample\\.1)\\.weight");
    }

    private static boolean isNormBias(String name) {
        return name.matches(".*(ln_\\d|ln_pre|ln_post|ln_final|bn\\d|downsample\\.1)\\.bias");
    }

    private static float[] fill(int n, float v) {
        float[] a = new float[n];
        java.util.Arrays.fill(a, v);
        return a;
    }

    private static float[] normal(Random rnd, int n, double std) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (rnd.nextGaussian() * std);
        }
        return a;
    }

    private static float[] uniform(Random rnd, int n, double bound) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) ((rnd.nextDouble() * 2 - 1) * bound);
        }
        return a;
    }

    /** SplitMix64 finaliser over (seed, name): decorrelated per-tensor seeds. */
    private static long mix(long seed, String name) {
        long z = seed + 0x9E3779B97F4A7C15L * (name.hashCode() + 1L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
