package org.cir4j.model;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * OpenAI's ModifiedResNet. Stem: three 3×3 convs (stride 2, 1, 1; widths W/2, W/2, W), each with
 * batch norm and ReLU, then a 2×2 average pool. Four stages of Bottleneck blocks (planes W, 2W, 4W,
 * 8W; expansion 4): 1×1 conv, 3×3 conv, a k×k average pool when the block strides (anti-aliased
 * striding instead of a strided conv), 1×1 conv; the shortcut is avgpool + 1×1 conv + BN when the
 * block strides or changes width. The final map (B,F=32W,h,h), h = S/32, goes through AttentionPool2d:
 * tokens (B,h²,F), their mean prepended (B,h²+1,F), {@code positional_embedding} added, one
 * multi-head attention whose only query is the mean token, and {@code c_proj} (d,F) as the output
 * projection. Batch norm always uses the running statistics (evaluation mode), eps 1e-5, as in
 * CLIP4Cir's and OpenAI's fine-tuning code where batch-norm layers stay frozen.
 *
 * <p>OpenAI computes the attention for all h²+1 queries and keeps the first; computing only that
 * query gives the same values with less work.
 */
final class ModifiedResNetTower implements VisionTower {

    /** PyTorch's BatchNorm2d default epsilon, which CLIP's ResNets use. */
    private static final float BN_EPS = 1e-5f;

    private record Norm(NDArray weight, NDArray bias, NDArray mean, NDArray var) {
        NDArray apply(NDArray x) {
            return ClipOps.batchNorm(x, weight, bias, mean, var, BN_EPS);
        }
    }

    private record Bottleneck(int stride, NDArray conv1, Norm bn1, NDArray conv2, Norm bn2, NDArray conv3, Norm bn3,
            NDArray downConv, Norm downBn) {}

    private final NDArray conv1;
    private final NDArray conv2;
    private final NDArray conv3;
    private final Norm bn1;
    private final Norm bn2;
    private final Norm bn3;
    private final List<Bottleneck> blocks;
    private final NDArray poolPos;
    private final NDArray qW;
    private final NDArray qB;
    private final NDArray kW;
    private final NDArray kB;
    private final NDArray vW;
    private final NDArray vB;
    private final NDArray cW;
    private final NDArray cB;
    private final int heads;

    ModifiedResNetTower(ClipConfig config, Map<String, NDArray> state) {
        ClipConfig.VisionConfig v = config.vision();
        this.heads = v.heads();
        this.conv1 = state.get("visual.conv1.weight");
        this.conv2 = state.get("visual.conv2.weight");
        this.conv3 = state.get("visual.conv3.weight");
        this.bn1 = norm(state, "visual.bn1");
        this.bn2 = norm(state, "visual.bn2");
        this.bn3 = norm(state, "visual.bn3");
        List<Bottleneck> list = new ArrayList<>();
        int inplanes = v.width();
        for (int layer = 1; layer <= 4; layer++) {
            int planes = v.width() << (layer - 1);
            int layerStride = layer == 1 ? 1 : 2;
            for (int b = 0; b < v.layers().get(layer - 1); b++) {
                String p = "visual.layer" + layer + "." + b + ".";
                boolean down = ClipStateLayout.hasDownsample(b, layerStride, inplanes, planes);
                list.add(new Bottleneck(b == 0 ? layerStride : 1,
                        state.get(p + "conv1.weight"), norm(state, p + "bn1"),
                        state.get(p + "conv2.weight"), norm(state, p + "bn2"),
                        state.get(p + "conv3.weight"), norm(state, p + "bn3"),
                        down ? state.get(p + "downsample.0.weight") : null,
                        down ? norm(state, p + "downsample.1") : null));
                inplanes = planes * 4;
            }
        }
        this.blocks = List.copyOf(list);
        this.poolPos = state.get("visual.attnpool.positional_embedding");
        this.qW = state.get("visual.attnpool.q_proj.weight");
        this.qB = state.get("visual.attnpool.q_proj.bias");
        this.kW = state.get("visual.attnpool.k_proj.weight");
        this.kB = state.get("visual.attnpool.k_proj.bias");
        this.vW = state.get("visual.attnpool.v_proj.weight");
        this.vB = state.get("visual.attnpool.v_proj.bias");
        this.cW = state.get("visual.attnpool.c_proj.weight");
        this.cB = state.get("visual.attnpool.c_proj.bias");
    }

    private static Norm norm(Map<String, NDArray> state, String p) {
        return new Norm(state.get(p + ".weight"), state.get(p + ".bias"), state.get(p + ".running_mean"),
                state.get(p + ".running_var"));
    }

    /** The final feature map (B,F,h,h). */
    private NDArray featureMap(NDArray pixels) {
        NDArray x = ClipOps.relu(bn1.apply(ClipOps.conv2d(pixels, conv1, 2, 1)));
        x = ClipOps.relu(bn2.apply(ClipOps.conv2d(x, conv2, 1, 1)));
        x = ClipOps.relu(bn3.apply(ClipOps.conv2d(x, conv3, 1, 1)));
        x = ClipOps.avgPool(x, 2);
        for (Bottleneck b : blocks) {
            x = bottleneck(x, b);
        }
        return x;
    }

    private static NDArray bottleneck(NDArray x, Bottleneck b) {
        NDArray out = ClipOps.relu(b.bn1.apply(ClipOps.conv2d(x, b.conv1, 1, 0)));
        out = ClipOps.relu(b.bn2.apply(ClipOps.conv2d(out, b.conv2, 1, 1)));
        if (b.stride > 1) {
            out = ClipOps.avgPool(out, b.stride);
        }
        out = b.bn3.apply(ClipOps.conv2d(out, b.conv3, 1, 0));
        NDArray identity = x;
        if (b.downConv != null) {
            NDArray pooled = b.stride > 1 ? ClipOps.avgPool(x, b.stride) : x;
            identity = b.downBn.apply(ClipOps.conv2d(pooled, b.downConv, 1, 0));
        }
        return ClipOps.relu(out.add(identity));
    }

    private NDArray attentionPool(NDArray map) {
        long b = map.getShape().get(0);
        long f = map.getShape().get(1);
        NDArray tokens = map.reshape(b, f, -1).transpose(0, 2, 1);
        NDArray x = ClipOps.concat(1, tokens.mean(new int[] {1}, true), tokens).add(poolPos);
        NDArray q = ClipOps.linear(x.get(":, 0:1, :"), qW, qB);
        NDArray k = ClipOps.linear(x, kW, kB);
        NDArray v = ClipOps.linear(x, vW, vB);
        NDArray pooled = ClipOps.attention(q, k, v, heads, null);
        return ClipOps.linear(pooled, cW, cB).reshape(b, -1);
    }

    @Override
    public NDArray encode(NDArray pixels) {
        return attentionPool(featureMap(pixels));
    }

    @Override
    public NDArray spatial(NDArray pixels, boolean project) {
        requireNoProjection(project);
        return featureMap(pixels);
    }

    @Override
    public NDArray[] encodeWithSpatial(NDArray pixels, boolean project) {
        requireNoProjection(project);
        NDArray map = featureMap(pixels);
        return new NDArray[] {attentionPool(map), map};
    }

    private static void requireNoProjection(boolean project) {
        if (project) {
            throw new UnsupportedOperationException("projected spatial features exist only for ViT towers; "
                    + "a ModifiedResNet's feature map has no per-location projection (its attention pool mixes "
                    + "all locations)");
        }
    }
}
