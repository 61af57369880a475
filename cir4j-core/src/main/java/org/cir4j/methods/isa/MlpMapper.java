package org.cir4j.methods.isa;

import ai.djl.ndarray.NDArray;
import java.util.Map;

/**
 * The ablation of the paper's Table 5: instead of the token learner, a plain MLP maps the globally
 * average-pooled feature map to all M tokens at once — Linear(C, 4D) → GELU → Linear(4D, M·w),
 * reshaped to (B,M,w). No attention, so no per-token spatial selection (and no local alignment term).
 */
final class MlpMapper {

    private MlpMapper() {}

    static void declare(IsaConfig c, IsaParams p) {
        long hidden = 4L * c.tokenDim();
        p.add("mapper.fc1.weight", IsaParams.Init.LINEAR, hidden, c.mapChannels());
        p.add("mapper.fc1.bias", IsaParams.Init.ZEROS, hidden);
        p.add("mapper.fc2.weight", IsaParams.Init.LINEAR, (long) c.tokens() * c.wordWidth(), hidden);
        p.add("mapper.fc2.bias", IsaParams.Init.ZEROS, (long) c.tokens() * c.wordWidth());
    }

    /** Feature map (B,C,h,w) → tokens (B,M,w). */
    static NDArray forward(IsaConfig c, Map<String, NDArray> w, NDArray fmap) {
        long b = fmap.getShape().get(0);
        NDArray pooled = fmap.reshape(b, fmap.getShape().get(1), -1).mean(new int[] {2});
        NDArray h = IsaOps.gelu(IsaOps.linear(pooled, w.get("mapper.fc1.weight"), w.get("mapper.fc1.bias")));
        return IsaOps.linear(h, w.get("mapper.fc2.weight"), w.get("mapper.fc2.bias")).reshape(b, c.tokens(), c.wordWidth());
    }
}
