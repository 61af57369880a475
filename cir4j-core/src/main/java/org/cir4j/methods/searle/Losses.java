package org.cir4j.methods.searle;

import ai.djl.ndarray.NDArray;
import org.cir4j.model.Scalars;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.cir4j.model.ClipModel;

/** The losses of OTI and φ training, as NDArray expressions (differentiable). */
public final class Losses {
    private Losses() {}

    /** mean_i (1 − cos(a_i, b_i)) (PyTorch's CosineEmbeddingLoss with target 1), or the MSE for {@link ContentLoss#L2}. */
    public static NDArray distance(NDArray a, NDArray b, ContentLoss form) {
        return switch (form) {
            case COSINE -> Nd.rowCosine(a, b).neg().add(1f).mean();
            case L2 -> a.sub(b).square().mean();
        };
    }

    /** L_pen = mean_i ||v_i||² (Eq. 5). */
    public static NDArray penalty(NDArray v) {
        return v.square().sum(new int[] {1}).mean();
    }

    /**
     * The symmetric contrastive distillation loss of Eq. 4, as the reference {@code contrastive_loss}
     * (from PALAVRA) computes it: with z = [v̄; v] (2B rows, L2-normalised), every row's positive is its
     * partner in the other half and its negatives are all other 2B − 2 rows; the loss is the mean over the
     * 2B anchors of −log(e^{c⁺/τ} / Σ_{k≠anchor} e^{c_k/τ}). The paper writes the same terms with a
     * 1/B in front of the two directions' sum; the reference code averages over 2B, i.e. half of that,
     * and is followed here.
     *
     * @param target v̄* (B,w), the OTI tokens
     * @param predicted v* = φ(x) (B,w)
     */
    public static NDArray contrastiveDistillation(NDArray target, NDArray predicted, float tau) {
        long b = target.getShape().get(0);
        NDArray z = ClipModel.l2Normalize(NDArrays.concat(new ai.djl.ndarray.NDList(target, predicted), 0));
        NDArray sim = Scalars.mul(z.matMul(z.transpose()), 1f / tau);
        NDManager m = sim.getManager();
        // Exclude each anchor from its own denominator (the reference subtracts the diagonal of exp(sim)).
        NDArray eye = m.eye((int) (2 * b));
        NDArray masked = sim.sub(eye.mul(1e4f));
        NDArray logDen = masked.exp().sum(new int[] {1}).log();
        long[] partner = new long[(int) (2 * b)];
        for (int i = 0; i < b; i++) {
            partner[i] = i + b;
            partner[(int) (i + b)] = i;
        }
        NDArray pick = Nd.longs(m, partner, new Shape(2 * b, 1));
        NDArray pos = sim.gather(pick, 1).reshape(2 * b);
        return logDen.sub(pos).mean();
    }

    /** "cos distil" ablation: mean_i (1 − cos(v̄_i, v_i)). */
    public static NDArray cosineDistillation(NDArray target, NDArray predicted) {
        return distance(target, predicted, ContentLoss.COSINE);
    }

    /**
     * The cycle contrastive loss of PALAVRA that the "w/o distil" ablation uses instead of L_distil: the
     * image features x_i and the text features t_i = ψT("a photo of $_i") of the predicted tokens form
     * positive pairs; a symmetric InfoNCE over the batch (image→text and text→image cross-entropy on
     * cosine similarities divided by τ, averaged).
     */
    public static NDArray cycleContrastive(NDArray image, NDArray text, float tau) {
        long b = image.getShape().get(0);
        NDArray logits = Scalars.mul(ClipModel.l2Normalize(image).matMul(ClipModel.l2Normalize(text).transpose()), 1f / tau);
        NDManager m = logits.getManager();
        long[] diag = new long[(int) b];
        for (int i = 0; i < b; i++) {
            diag[i] = i;
        }
        NDArray pick = Nd.longs(m, diag, new Shape(b, 1));
        NDArray rowLse = logits.exp().sum(new int[] {1}).log();
        NDArray colLse = logits.exp().sum(new int[] {0}).log();
        NDArray pos = logits.gather(pick, 1).reshape(b);
        return Scalars.mul(rowLse.sub(pos).mean().add(colLse.sub(pos).mean()), 0.5f);
    }
}
