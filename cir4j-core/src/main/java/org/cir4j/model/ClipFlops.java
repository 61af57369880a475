package org.cir4j.model;

import org.cir4j.model.ClipConfig.TextConfig;
import org.cir4j.model.ClipConfig.VisionConfig;

/**
 * Analytic floating-point operation counts of one forward pass of each CLIP tower, per input.
 *
 * <p>Convention (the usual one for transformer FLOP budgets, and the one behind "≈ 8.8 GFLOP per ViT-B/32
 * image"): 2 FLOPs per multiply-accumulate of every matrix product and convolution — projections, MLPs,
 * attention scores {@code QKᵀ} and the weighted sum {@code AV}, patch embedding, ResNet convolutions —
 * and nothing for element-wise work (LayerNorm, softmax, activations, residual adds, pooling, batch norm),
 * which is memory-bound and below 1 % of the total for these shapes. These are therefore the FLOPs a
 * perfect matmul engine must execute; dividing by a measured matmul rate gives the FLOP-limited
 * throughput.
 *
 * <p>Per transformer block with n tokens, width w, MLP width m: {@code 2·(3nw² + nw² + 2n²w + 2nwm)}
 * (QKV, output projection, scores + weighted sum, two MLP matrices). ViT: n = (S/p)² + 1 tokens, plus the
 * patch convolution {@code 2·(S/p)²·w·3p²} and the projection {@code 2·w·d}. Text: n = L tokens (cir4j
 * runs a batch only to its longest end token; OpenAI's code always runs the full context), plus the
 * projection {@code 2·w·d} of the pooled token. ModifiedResNet: every convolution at its output
 * resolution, and the attention pool with one query (the mean token), as OpenAI's {@code AttentionPool2d}.
 */
public final class ClipFlops {

    private ClipFlops() {}

    /** FLOPs to encode one image with {@code config}'s vision tower. */
    public static double image(ClipConfig config) {
        VisionConfig v = config.vision();
        return v.type() == ClipConfig.VisionType.VIT ? vit(v, config.embedDim()) : resnet(v, config.embedDim());
    }

    /** FLOPs to encode one text of {@code tokens} positions (start … end) with {@code config}'s text tower. */
    public static double text(ClipConfig config, int tokens) {
        TextConfig t = config.text();
        if (tokens < 1 || tokens > t.contextLength()) {
            throw new IllegalArgumentException("text length must be in 1.." + t.contextLength() + ", found " + tokens);
        }
        return t.layers() * block(tokens, t.width(), t.mlpWidth()) + 2.0 * t.width() * config.embedDim();
    }

    /** FLOPs of one pre-LN residual attention block over {@code n} tokens. */
    public static double block(long n, long w, long m) {
        double macs = 3.0 * n * w * w // Q, K, V projections
                + (double) n * w * w // output projection
                + 2.0 * n * n * w // QKᵀ and A·V over all heads (heads split w, they do not change the count)
                + 2.0 * n * w * m; // c_fc and c_proj
        return 2 * macs;
    }

    private static double vit(VisionConfig v, int d) {
        long g = v.gridSize();
        long patches = g * g;
        long w = v.width();
        double patchEmbed = 2.0 * patches * w * 3 * v.patchSize() * v.patchSize();
        return patchEmbed + v.vitLayers() * block(patches + 1, w, v.mlpWidth()) + 2.0 * w * d;
    }

    private static double conv(long outSide, long inCh, long outCh, int k) {
        return 2.0 * outSide * outSide * inCh * outCh * k * k;
    }

    private static double resnet(VisionConfig v, int d) {
        long w = v.width();
        long side = v.imageSize() / 2;
        double f = conv(side, 3, w / 2, 3) + conv(side, w / 2, w / 2, 3) + conv(side, w / 2, w, 3);
        side /= 2; // stem average pool
        long inplanes = w;
        for (int stage = 0; stage < 4; stage++) {
            long planes = w << stage;
            for (int b = 0; b < v.layers().get(stage); b++) {
                int stride = stage > 0 && b == 0 ? 2 : 1;
                long outSide = side / stride;
                f += conv(side, inplanes, planes, 1) + conv(side, planes, planes, 3) + conv(outSide, planes, planes * 4, 1);
                if (stride > 1 || inplanes != planes * 4) {
                    f += conv(outSide, inplanes, planes * 4, 1);
                }
                inplanes = planes * 4;
                side = outSide;
            }
        }
        long feat = v.resnetFeatureWidth();
        long tokens = side * side + 1;
        // Attention pool: K and V for every token, Q for the mean token only, one query row of scores and AV.
        f += 2.0 * (2 * tokens * feat * feat + feat * feat + 2 * tokens * feat);
        return f + 2.0 * feat * d;
    }
}
