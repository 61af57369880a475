package org.cir4j.methods.isa;

import org.cir4j.model.ClipConfig;

/**
 * Analytic multiply-accumulate counts (MACs; FLOPs ≈ 2·MACs) for one image / one text at batch 1.
 * Counted: convolutions, linear layers, attention products (q·kᵀ and A·v). Not counted: norms,
 * activations, softmax, additions — a few percent, the same convention as the usual profilers
 * (fvcore, thop) use.
 */
public final class IsaCost {

    private IsaCost() {}

    /** The light CNN. */
    public static long lightEncoderMacs(IsaConfig c) {
        if (!c.isLight()) {
            return 0;
        }
        long side = (c.imageSize() + 1) / 2;
        int stem = c.scaled(c.stemChannels());
        long macs = side * side * stem * 3L * 9;
        for (LightEncoder.Block b : LightEncoder.blocks(c)) {
            long in = side * side;
            if (b.expand()) {
                macs += in * b.in() * (long) b.hidden();
            }
            if (b.stride() == 2) {
                side = (side + 1) / 2;
            }
            long out = side * side;
            macs += out * b.hidden() * 9L;
            macs += out * b.hidden() * (long) b.out();
        }
        int last = LightEncoder.blocks(c).isEmpty() ? stem : LightEncoder.blocks(c).get(LightEncoder.blocks(c).size() - 1).out();
        macs += side * side * (long) last * c.mapChannels();
        return macs;
    }

    /** The token learner or MLP mapper. */
    public static long mapperMacs(IsaConfig c) {
        long n = (long) c.mapGrid() * c.mapGrid();
        long m = c.tokens();
        long d = c.tokenDim();
        if (!c.usesTokenLearner()) {
            return c.mapChannels() * 4L * d + 4L * d * m * c.wordWidth();
        }
        long macs = n * c.mapChannels() * d; // input projection
        macs += 2 * m * n * d; // attention pooling
        for (int l = 0; l < c.refineLayers(); l++) {
            macs += m * d * d * 2; // q, o
            macs += 2 * n * d * d; // k, v
            macs += 2 * m * n * d; // scores, context
            macs += 8 * m * d * d; // MLP
        }
        return macs + m * d * c.wordWidth();
    }

    /** A ViT image tower (patch embedding, blocks, projection). */
    public static long vitImageMacs(ClipConfig c) {
        ClipConfig.VisionConfig v = c.vision();
        if (v.type() != ClipConfig.VisionType.VIT) {
            throw new IllegalArgumentException("vitImageMacs needs a ViT, found " + v.type());
        }
        long g = v.imageSize() / v.patchSize();
        long n = g * g;
        long l = n + 1;
        long w = v.width();
        long macs = n * 3L * v.patchSize() * v.patchSize() * w;
        long perLayer = 4 * l * w * w + 2 * l * l * w + 2 * l * w * v.mlpWidth();
        return macs + v.vitLayers() * perLayer + w * c.embedDim();
    }

    /** Spatial features of a ViT (no pooled projection): what the symmetric variant needs. */
    public static long vitSpatialMacs(ClipConfig c) {
        return vitImageMacs(c) - (long) c.vision().width() * c.embedDim();
    }

    /** The text tower on a sequence of {@code length} tokens. */
    public static long textMacs(ClipConfig c, int length) {
        ClipConfig.TextConfig t = c.text();
        long w = t.width();
        long l = length;
        long perLayer = 4 * l * w * w + 2 * l * l * w + 2 * l * w * t.mlpWidth();
        return t.layers() * perLayer + w * c.embedDim();
    }
}
