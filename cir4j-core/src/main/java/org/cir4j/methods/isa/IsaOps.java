package org.cir4j.methods.isa;

import ai.djl.ndarray.NDArray;
import org.cir4j.model.Scalars;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;

/** The few tensor operations the ISA query model needs, in PyTorch's conventions (NCHW, weight (out,in)). */
final class IsaOps {

    static final float GN_EPS = 1e-5f;
    static final float LN_EPS = 1e-5f;

    private IsaOps() {}

    /** {@code nn.Conv2d(k, stride, padding=k/2, groups, bias=False)}. */
    static NDArray conv2d(NDArray x, NDArray weight, int stride, int groups) {
        int k = (int) weight.getShape().get(2);
        return Conv2d.conv2d(x, weight, null, new Shape(stride, stride), new Shape(k / 2, k / 2), new Shape(1, 1),
                groups).singletonOrThrow();
    }

    /**
     * {@code nn.GroupNorm(groups, C)} over (B,C,H,W): statistics per sample and group (biased variance),
     * then a per-channel affine transform. Computed as one fused LayerNorm over each (sample, group)
     * row of C/G·H·W values — the same function, but one native kernel instead of a chain of
     * mean/subtract/square/mean/divide ops (the chain made the light CNN slower than the ViT on CPU).
     */
    static NDArray groupNorm(NDArray x, int groups, NDArray gamma, NDArray beta) {
        Shape s = x.getShape();
        long b = s.get(0);
        long c = s.get(1);
        long k = s.size() / (b * groups);
        NDManager m = x.getManager();
        NDArray ones = m.ones(new Shape(k));
        NDArray zeros = m.zeros(new Shape(k));
        NDArray normed = LayerNorm.layerNorm(x.reshape(b, groups, k), new Shape(k), ones, zeros, GN_EPS)
                .singletonOrThrow().reshape(s);
        return normed.mul(gamma.reshape(1, c, 1, 1)).add(beta.reshape(1, c, 1, 1));
    }

    /** {@code min(max(x, 0), 6)}, MobileNetV2's activation. */
    static NDArray relu6(NDArray x) {
        return x.clip(0f, 6f);
    }

    static NDArray linear(NDArray x, NDArray weight, NDArray bias) {
        return Linear.linear(x, weight, bias).singletonOrThrow();
    }

    static NDArray layerNorm(NDArray x, NDArray gamma, NDArray beta) {
        return LayerNorm.layerNorm(x, new Shape(gamma.getShape().get(0)), gamma, beta, LN_EPS).singletonOrThrow();
    }

    /** GELU, exact erf form ({@code torch.nn.functional.gelu}, approximate='none'). */
    static NDArray gelu(NDArray x) {
        return Activation.gelu(x);
    }

    /**
     * Multi-head attention of projected inputs: q (B,Lq,D), k and v (B,Lk,D) → (B,Lq,D).
     */
    static NDArray attention(NDArray q, NDArray k, NDArray v, int heads) {
        long b = q.getShape().get(0);
        long lq = q.getShape().get(1);
        long lk = k.getShape().get(1);
        long d = q.getShape().get(2);
        long hd = d / heads;
        NDArray qh = q.reshape(b, lq, heads, hd).transpose(0, 2, 1, 3);
        NDArray kh = k.reshape(b, lk, heads, hd).transpose(0, 2, 1, 3);
        NDArray vh = v.reshape(b, lk, heads, hd).transpose(0, 2, 1, 3);
        NDArray scores = Scalars.mul(qh, 1.0 / Math.sqrt(hd)).matMul(kh.transpose(0, 1, 3, 2));
        return scores.softmax(-1).matMul(vh).transpose(0, 2, 1, 3).reshape(b, lq, d);
    }

    static NDArray l2Normalize(NDArray x) {
        return x.div(x.norm(new int[] {-1}, true).add(1e-12f));
    }
}
