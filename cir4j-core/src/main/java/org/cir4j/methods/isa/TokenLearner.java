package org.cir4j.methods.isa;

import ai.djl.ndarray.NDArray;
import org.cir4j.model.Scalars;
import java.util.Map;

/**
 * ISA's adaptive token learner: maps a spatial feature map to M pseudo-word tokens in CLIP's
 * word-embedding space.
 *
 * <ol>
 *   <li>Input projection: the feature map (B,C,h,w) as N = h·w positions, a 1×1 convolution (a linear
 *       layer per position) to width D, LayerNorm, plus a learned positional embedding (N,D) — without
 *       it attention pooling would be blind to where a pattern is (the world's spatial captions need
 *       it).</li>
 *   <li>Attention pooling: M learned queries (M,D); A = softmax over positions of q·fᵀ/√D, (B,M,N);
 *       token m starts as Σ_n A[m,n]·f_n. A is returned: it is each token's attention map, used by the
 *       local alignment regulariser and shown in the docs.</li>
 *   <li>L refinement layers (pre-LN): tokens ← tokens + CrossAttention(LN(tokens), LN(features)) with
 *       H heads; tokens ← tokens + MLP(LN(tokens)) (D → 4D, GELU, → D).</li>
 *   <li>Output: LayerNorm, linear D → w.</li>
 * </ol>
 */
final class TokenLearner {

    private TokenLearner() {}

    static void declare(IsaConfig c, IsaParams p) {
        int d = c.tokenDim();
        int n = c.mapGrid() * c.mapGrid();
        p.add("learner.in.weight", IsaParams.Init.LINEAR, d, c.mapChannels());
        p.add("learner.in.bias", IsaParams.Init.ZEROS, d);
        ln(p, "learner.in_ln", d);
        p.add("learner.pos", IsaParams.Init.NORMAL_002, n, d);
        p.add("learner.queries", IsaParams.Init.NORMAL_002, c.tokens(), d);
        for (int l = 0; l < c.refineLayers(); l++) {
            String pre = "learner.layers." + l + ".";
            ln(p, pre + "ln_q", d);
            ln(p, pre + "ln_kv", d);
            for (String proj : new String[] {"q", "k", "v", "o"}) {
                p.add(pre + proj + ".weight", IsaParams.Init.LINEAR, d, d);
                p.add(pre + proj + ".bias", IsaParams.Init.ZEROS, d);
            }
            ln(p, pre + "ln_mlp", d);
            p.add(pre + "fc1.weight", IsaParams.Init.LINEAR, 4L * d, d);
            p.add(pre + "fc1.bias", IsaParams.Init.ZEROS, 4L * d);
            p.add(pre + "fc2.weight", IsaParams.Init.LINEAR, d, 4L * d);
            p.add(pre + "fc2.bias", IsaParams.Init.ZEROS, d);
        }
        ln(p, "learner.ln_out", d);
        p.add("learner.proj.weight", IsaParams.Init.LINEAR, c.wordWidth(), d);
        p.add("learner.proj.bias", IsaParams.Init.ZEROS, c.wordWidth());
    }

    private static void ln(IsaParams p, String prefix, int d) {
        p.add(prefix + ".weight", IsaParams.Init.ONES, d);
        p.add(prefix + ".bias", IsaParams.Init.ZEROS, d);
    }

    /** Feature map (B,C,h,w) → tokens (B,M,w) and pooling attention (B,M,N). */
    static NDArray[] forward(IsaConfig c, Map<String, NDArray> w, NDArray fmap) {
        long b = fmap.getShape().get(0);
        long ch = fmap.getShape().get(1);
        long n = fmap.getShape().get(2) * fmap.getShape().get(3);
        NDArray f = fmap.reshape(b, ch, n).transpose(0, 2, 1);
        f = IsaOps.linear(f, w.get("learner.in.weight"), w.get("learner.in.bias"));
        f = IsaOps.layerNorm(f, w.get("learner.in_ln.weight"), w.get("learner.in_ln.bias"));
        f = f.add(w.get("learner.pos").expandDims(0));
        int d = c.tokenDim();
        NDArray scores = Scalars.mul(w.get("learner.queries").expandDims(0).matMul(f.transpose(0, 2, 1)), 1 / Math.sqrt(d));
        NDArray attention = scores.softmax(-1);
        NDArray t = attention.matMul(f);
        for (int l = 0; l < c.refineLayers(); l++) {
            String pre = "learner.layers." + l + ".";
            NDArray qn = IsaOps.layerNorm(t, w.get(pre + "ln_q.weight"), w.get(pre + "ln_q.bias"));
            NDArray kv = IsaOps.layerNorm(f, w.get(pre + "ln_kv.weight"), w.get(pre + "ln_kv.bias"));
            NDArray ctx = IsaOps.attention(IsaOps.linear(qn, w.get(pre + "q.weight"), w.get(pre + "q.bias")),
                    IsaOps.linear(kv, w.get(pre + "k.weight"), w.get(pre + "k.bias")),
                    IsaOps.linear(kv, w.get(pre + "v.weight"), w.get(pre + "v.bias")), c.heads());
            t = t.add(IsaOps.linear(ctx, w.get(pre + "o.weight"), w.get(pre + "o.bias")));
            NDArray m = IsaOps.layerNorm(t, w.get(pre + "ln_mlp.weight"), w.get(pre + "ln_mlp.bias"));
            m = IsaOps.gelu(IsaOps.linear(m, w.get(pre + "fc1.weight"), w.get(pre + "fc1.bias")));
            t = t.add(IsaOps.linear(m, w.get(pre + "fc2.weight"), w.get(pre + "fc2.bias")));
        }
        t = IsaOps.layerNorm(t, w.get("learner.ln_out.weight"), w.get("learner.ln_out.bias"));
        NDArray tokens = IsaOps.linear(t, w.get("learner.proj.weight"), w.get("learner.proj.bias"));
        return new NDArray[] {tokens, attention};
    }
}
