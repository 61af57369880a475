package org.cir4j.methods.isa;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * ISA's lightweight query-side visual encoder: a MobileNetV2-style CNN trained from scratch.
 *
 * <p>Stem: 3×3 convolution, stride 2 → GroupNorm → ReLU6. Then inverted residual blocks (Sandler et
 * al. 2018): expand 1×1 (skipped when t = 1) → GroupNorm → ReLU6, depthwise 3×3 (stride s on the
 * stage's first block) → GroupNorm → ReLU6, project 1×1 → GroupNorm (linear bottleneck, no
 * activation), plus the identity when stride 1 and channels unchanged. Head: 1×1 convolution to the
 * feature channels → GroupNorm → ReLU6. Output: the spatial feature map (B,C,h,w), not pooled — the
 * token learner attends over it.
 *
 * <p><b>GroupNorm, not BatchNorm.</b> The query side runs at batch 1 on a device and training batches
 * here are small (tens of images on two cores): GroupNorm's statistics are per sample, so training and
 * inference compute the same function, there are no running statistics to carry into the export, and
 * the minimal runtime needs no train/eval switch. The price is a little speed (statistics at inference
 * are not folded into the convolutions), which the efficiency table includes.
 */
final class LightEncoder {

    private LightEncoder() {}

    /** One inverted residual block's wiring. */
    record Block(String prefix, int in, int hidden, int out, int stride, boolean expand, boolean residual) {}

    static List<Block> blocks(IsaConfig c) {
        List<Block> blocks = new ArrayList<>();
        int in = c.scaled(c.stemChannels());
        int index = 0;
        for (IsaConfig.Stage s : c.stages()) {
            int out = c.scaled(s.channels());
            for (int r = 0; r < s.repeats(); r++) {
                int stride = r == 0 ? s.stride() : 1;
                int hidden = in * s.expansion();
                blocks.add(new Block("encoder.blocks." + index + ".", in, hidden, out, stride, s.expansion() != 1,
                        stride == 1 && in == out));
                in = out;
                index++;
            }
        }
        return blocks;
    }

    /** GroupNorm groups for {@code channels}: the largest divisor of it not above the configured count. */
    static int groups(IsaConfig c, int channels) {
        for (int g = Math.min(c.groups(), channels); g > 1; g--) {
            if (channels % g == 0) {
                return g;
            }
        }
        return 1;
    }

    static void declare(IsaConfig c, IsaParams p) {
        int stem = c.scaled(c.stemChannels());
        p.add("encoder.stem.conv.weight", IsaParams.Init.KAIMING_CONV, stem, 3, 3, 3);
        norm(p, "encoder.stem.gn", stem);
        int last = stem;
        for (Block b : blocks(c)) {
            if (b.expand()) {
                p.add(b.prefix() + "expand.weight", IsaParams.Init.KAIMING_CONV, b.hidden(), b.in(), 1, 1);
                norm(p, b.prefix() + "expand_gn", b.hidden());
            }
            p.add(b.prefix() + "dw.weight", IsaParams.Init.KAIMING_CONV, b.hidden(), 1, 3, 3);
            norm(p, b.prefix() + "dw_gn", b.hidden());
            p.add(b.prefix() + "project.weight", IsaParams.Init.KAIMING_CONV, b.out(), b.hidden(), 1, 1);
            norm(p, b.prefix() + "project_gn", b.out());
            last = b.out();
        }
        int feat = c.mapChannels();
        p.add("encoder.head.conv.weight", IsaParams.Init.KAIMING_CONV, feat, last, 1, 1);
        norm(p, "encoder.head.gn", feat);
    }

    private static void norm(IsaParams p, String prefix, int channels) {
        p.add(prefix + ".weight", IsaParams.Init.ONES, channels);
        p.add(prefix + ".bias", IsaParams.Init.ZEROS, channels);
    }

    /** Pixels (B,3,S,S), normalised → feature map (B,C,h,w). */
    static NDArray forward(IsaConfig c, Map<String, NDArray> w, NDArray pixels) {
        NDArray x = IsaOps.conv2d(pixels, w.get("encoder.stem.conv.weight"), 2, 1);
        x = IsaOps.relu6(gn(c, w, "encoder.stem.gn", x));
        for (Block b : blocks(c)) {
            NDArray h = x;
            if (b.expand()) {
                h = IsaOps.relu6(gn(c, w, b.prefix() + "expand_gn", IsaOps.conv2d(h, w.get(b.prefix() + "expand.weight"), 1, 1)));
            }
            h = IsaOps.conv2d(h, w.get(b.prefix() + "dw.weight"), b.stride(), b.hidden());
            h = IsaOps.relu6(gn(c, w, b.prefix() + "dw_gn", h));
            h = gn(c, w, b.prefix() + "project_gn", IsaOps.conv2d(h, w.get(b.prefix() + "project.weight"), 1, 1));
            x = b.residual() ? x.add(h) : h;
        }
        x = IsaOps.conv2d(x, w.get("encoder.head.conv.weight"), 1, 1);
        return IsaOps.relu6(gn(c, w, "encoder.head.gn", x));
    }

    private static NDArray gn(IsaConfig c, Map<String, NDArray> w, String prefix, NDArray x) {
        int channels = (int) x.getShape().get(1);
        return IsaOps.groupNorm(x, groups(c, channels), w.get(prefix + ".weight"), w.get(prefix + ".bias"));
    }
}
