package org.cir4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.nn.pooling.Pool;
import java.util.Arrays;

/**
 * The functional building blocks of CLIP, as plain NDArray operations with PyTorch semantics.
 * Shapes: B batch, L/Lq/Lk sequence lengths, w width, H heads, w/H head width. Public only for the
 * owned-array helpers ({@link #ownedFloats}, {@link #ownedLongs}) that other packages share.
 */
public final class ClipOps {

    private ClipOps() {}

    /** {@code x @ weightᵀ + bias}, PyTorch {@code nn.Linear}; weight (out,in), bias (out) or null. */
    static NDArray linear(NDArray x, NDArray weight, NDArray bias) {
        return Linear.linear(x, weight, bias).singletonOrThrow();
    }

    /** LayerNorm over the last axis. */
    static NDArray layerNorm(NDArray x, NDArray gamma, NDArray beta, float eps) {
        return LayerNorm.layerNorm(x, new Shape(gamma.getShape().get(0)), gamma, beta, eps).singletonOrThrow();
    }

    /** The block MLP's activation. */
    static NDArray activation(NDArray x, ClipConfig.Activation act) {
        return switch (act) {
            // OpenAI's QuickGELU: x * sigmoid(1.702 x).
            case QUICK_GELU -> x.mul(Activation.sigmoid(Scalars.mul(x, 1.702f)));
            // torch.nn.functional.gelu with approximate='none' (the erf form).
            case GELU -> Activation.gelu(x);
        };
    }

    /**
     * Scaled dot-product attention of already-projected inputs, split into heads:
     * {@code softmax(q kᵀ / sqrt(w/H) + mask) v}, heads merged back.
     *
     * @param q (B,Lq,w)
     * @param k (B,Lk,w)
     * @param v (B,Lk,w)
     * @param heads H
     * @param additiveMask (Lq,Lk) added to the scores (−∞ blocks), or null
     * @return (B,Lq,w)
     */
    static NDArray attention(NDArray q, NDArray k, NDArray v, int heads, NDArray additiveMask) {
        long b = q.getShape().get(0);
        long lq = q.getShape().get(1);
        long lk = k.getShape().get(1);
        long hd = q.getShape().get(2) / heads;
        return headAttention(q.reshape(b, lq, heads, hd).transpose(0, 2, 1, 3),
                k.reshape(b, lk, heads, hd).transpose(0, 2, 1, 3),
                v.reshape(b, lk, heads, hd).transpose(0, 2, 1, 3), additiveMask);
    }

    /**
     * Attention on head-split inputs.
     *
     * @param q (B,H,Lq,hd)
     * @param k (B,H,Lk,hd)
     * @param v (B,H,Lk,hd)
     * @param additiveMask (Lq,Lk) or null
     * @return (B,Lq,H·hd), heads merged
     */
    static NDArray headAttention(NDArray q, NDArray k, NDArray v, NDArray additiveMask) {
        Shape s = q.getShape();
        long hd = s.get(3);
        // PyTorch's MultiheadAttention scales q by 1/sqrt(head_dim) before q·kᵀ.
        NDArray scores = Scalars.mul(q, 1.0 / Math.sqrt(hd)).matMul(k.transpose(0, 1, 3, 2));
        if (additiveMask != null) {
            scores = scores.add(additiveMask);
        }
        NDArray ctx = scores.softmax(-1).matMul(v);
        return ctx.transpose(0, 2, 1, 3).reshape(s.get(0), s.get(2), s.get(1) * hd);
    }

    /** Additive causal mask (L,L): 0 on and below the diagonal, −∞ above (OpenAI's build_attention_mask). */
    static NDArray causalMask(NDManager manager, int length) {
        float[] m = new float[length * length];
        for (int i = 0; i < length; i++) {
            Arrays.fill(m, i * length + i + 1, (i + 1) * length, Float.NEGATIVE_INFINITY);
        }
        return ownedFloats(manager, m, new Shape(length, length));
    }

    /** Convolution without bias (every CLIP conv is bias-free). */
    static NDArray conv2d(NDArray x, NDArray weight, int stride, int padding) {
        return Conv2d.conv2d(x, weight, null, new Shape(stride, stride), new Shape(padding, padding),
                new Shape(1, 1), 1).singletonOrThrow();
    }

    /** Evaluation-mode batch norm over axis 1 with running statistics. */
    static NDArray batchNorm(NDArray x, NDArray weight, NDArray bias, NDArray mean, NDArray var, float eps) {
        return BatchNorm.batchNorm(x, mean, var, weight, bias, 1, 0.1f, eps, false).singletonOrThrow();
    }

    /** {@code nn.AvgPool2d(k)}: kernel = stride = k, no padding. */
    static NDArray avgPool(NDArray x, int k) {
        return Pool.avgPool2d(x, new Shape(k, k), new Shape(k, k), new Shape(0, 0), false, true);
    }

    static NDArray relu(NDArray x) {
        return Activation.relu(x);
    }

    /** Rows {@code x[b, positions[b]]} of a (B,L,w) array, as (B,w); differentiable. */
    static NDArray selectPositions(NDArray x, int[] positions, NDManager manager) {
        long b = x.getShape().get(0);
        long l = x.getShape().get(1);
        long w = x.getShape().get(2);
        long[] flat = new long[positions.length];
        for (int i = 0; i < positions.length; i++) {
            flat[i] = i * l + positions[i];
        }
        NDArray index = ownedLongs(manager, flat, new Shape(flat.length));
        return x.reshape(b * l, w).get(index);
    }

    /** L2 normalisation along the last axis: {@code x / ||x||}, as in CLIP's forward. */
    static NDArray l2Normalize(NDArray x) {
        return x.div(x.norm(new int[] {-1}, true));
    }

    /** Concatenation along an axis. */
    static NDArray concat(int axis, NDArray... parts) {
        return NDArrays.concat(new NDList(parts), axis);
    }

    /**
     * An array whose memory PyTorch owns. DJL's {@code NDManager.create(...)} on the PyTorch engine
     * wraps a Java direct buffer without copying ({@code from_blob}); views of such an array, and
     * tensors autograd saves for backward, dangle once that array is closed and its buffer collected.
     * Every array built from Java data that outlives the statement creating it therefore goes through
     * here: one native copy, then the blob is released. (DJL's {@code duplicate()} also detaches from
     * autograd, which is irrelevant for arrays made from Java data.)
     */
    static NDArray owned(NDArray blob) {
        NDArray copy = blob.duplicate();
        blob.close();
        return copy;
    }

    /** {@link #owned} of a new long array. */
    public static NDArray ownedLongs(NDManager manager, long[] data, Shape shape) {
        return owned(manager.create(data, shape));
    }

    /** {@link #owned} of a new float array. */
    public static NDArray ownedFloats(NDManager manager, float[] data, Shape shape) {
        return owned(manager.create(data, shape));
    }

    static NDArray ownedBooleans(NDManager manager, boolean[] data, Shape shape) {
        return owned(manager.create(data, shape));
    }

    static void requireFloat32(NDArray x, String what) {
        if (x.getDataType() != DataType.FLOAT32) {
            throw new IllegalArgumentException(what + " must be float32, found " + x.getDataType());
        }
    }
}
