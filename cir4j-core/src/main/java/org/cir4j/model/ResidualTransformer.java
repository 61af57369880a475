package org.cir4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A stack of CLIP's pre-LN residual attention blocks, reading its weights from a canonical state
 * dict under {@code prefix + "resblocks.i."}.
 *
 * <p>Per block, on x (B,L,w): {@code x += out_proj(MHA(ln_1(x)))}, then
 * {@code x += c_proj(act(c_fc(ln_2(x))))}. The attention is PyTorch's {@code nn.MultiheadAttention}
 * with packed {@code in_proj} (q, k, v in that order), scale 1/sqrt(w/H), optional additive mask.
 * Sequences are batch-first here (OpenAI permutes to length-first for {@code nn.MultiheadAttention};
 * the arithmetic is the same).
 */
final class ResidualTransformer {

    private record Block(NDArray ln1W, NDArray ln1B, NDArray inW, NDArray inB, NDArray outW, NDArray outB,
            NDArray ln2W, NDArray ln2B, NDArray fcW, NDArray fcB, NDArray projW, NDArray projB) {}

    private final List<Block> blocks;
    private final int heads;
    private final ClipConfig.Activation activation;
    private final float eps;

    ResidualTransformer(Map<String, NDArray> state, String prefix, int layers, int heads,
            ClipConfig.Activation activation, float eps) {
        this.heads = heads;
        this.activation = activation;
        this.eps = eps;
        List<Block> list = new ArrayList<>(layers);
        for (int i = 0; i < layers; i++) {
            String p = prefix + "resblocks." + i + ".";
            list.add(new Block(state.get(p + "ln_1.weight"), state.get(p + "ln_1.bias"),
                    state.get(p + "attn.in_proj_weight"), state.get(p + "attn.in_proj_bias"),
                    state.get(p + "attn.out_proj.weight"), state.get(p + "attn.out_proj.bias"),
                    state.get(p + "ln_2.weight"), state.get(p + "ln_2.bias"),
                    state.get(p + "mlp.c_fc.weight"), state.get(p + "mlp.c_fc.bias"),
                    state.get(p + "mlp.c_proj.weight"), state.get(p + "mlp.c_proj.bias")));
        }
        this.blocks = List.copyOf(list);
    }

    /**
     * Runs all blocks.
     *
     * @param x (B,L,w)
     * @param additiveMask (L,L) or null for full attention
     * @return (B,L,w)
     */
    NDArray forward(NDArray x, NDArray additiveMask) {
        if (JniUtils.isGradMode()) {
            // Training: autograd needs the intermediates anyway; the caller's scope frees the handles.
            NDArray h = x;
            for (Block b : blocks) {
                h = block(h, b, additiveMask);
            }
            return h;
        }
        // Inference: free each block's intermediates (and the previous block's output) as soon as the block
        // is done. Otherwise they live until the caller's scope ends — 12 blocks of activations, ~1 GB for a
        // ViT-B/32 batch of 64 — and every block writes to fresh, cold memory instead of reusing the
        // allocator's warm buffers, which made large batches slower than small ones.
        NDArray h = x;
        for (Block b : blocks) {
            NDArray next;
            try (NDScope scope = new NDScope()) {
                next = block(h, b, additiveMask);
                NDScope.unregister(next);
            }
            NDScope.register(next);
            if (h != x) {
                h.close();
            }
            h = next;
        }
        return h;
    }

    private NDArray block(NDArray h, Block b, NDArray additiveMask) {
        NDArray r = h.add(selfAttention(ClipOps.layerNorm(h, b.ln1W, b.ln1B, eps), b, additiveMask));
        NDArray m = ClipOps.linear(ClipOps.layerNorm(r, b.ln2W, b.ln2B, eps), b.fcW, b.fcB);
        return r.add(ClipOps.linear(ClipOps.activation(m, activation), b.projW, b.projB));
    }

    private NDArray selfAttention(NDArray x, Block b, NDArray mask) {
        Shape s = x.getShape();
        long hd = s.get(2) / heads;
        // Packed projection, then one reshape/permute to (3,B,H,L,hd): q, k, v are views, no copies.
        NDArray qkv = ClipOps.linear(x, b.inW, b.inB).reshape(s.get(0), s.get(1), 3, heads, hd)
                .transpose(2, 0, 3, 1, 4);
        NDArray ctx = ClipOps.headAttention(qkv.get(0), qkv.get(1), qkv.get(2), mask);
        return ClipOps.linear(ctx, b.outW, b.outB);
    }
}
