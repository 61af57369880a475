package org.cir4j.methods.isa;

import ai.djl.ndarray.NDArray;
import org.cir4j.model.Scalars;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * ISA's training objectives (the paper states their names, not their exact forms; these are ours —
 * docs/isa.md explains the choices).
 *
 * <ul>
 *   <li><b>GCD</b>, global contrastive distillation: t_i = normalise(ψT("a photo of $1 … $M" with the
 *       image's tokens)), x_i = normalise(ψI_large(I_i)); logits = t·xᵀ/τ; symmetric InfoNCE
 *       ½(CE(logits, diag) + CE(logitsᵀ, diag)).</li>
 *   <li><b>LAR-word</b>, keep tokens on the word-embedding manifold: for each token, 1 − its cosine to
 *       the nearest real word embedding (special tokens excluded), averaged. The max is a hard nearest
 *       neighbour (the gradient pulls towards that one word).</li>
 *   <li><b>LAR-local</b>, tie each token to the image region it attends: the token's pooling
 *       attention, resampled to the large encoder's patch grid, weights the large model's projected
 *       patch features (MaskCLIP-style dense features, in the joint space) into a region feature z_m;
 *       the token alone in "a photo of $" is encoded and pulled to z_m by 1 − cos.</li>
 * </ul>
 */
final class IsaLosses {

    private IsaLosses() {}

    /** Symmetric InfoNCE over the batch; both inputs (B,d) already normalised. */
    static NDArray infoNce(NDArray text, NDArray image, float temperature) {
        NDArray logits = Scalars.div(text.matMul(image.transpose()), temperature);
        long b = logits.getShape().get(0);
        NDArray eye = logits.getManager().eye((int) b);
        NDArray t2i = Scalars.div(logits.logSoftmax(1).mul(eye).sum().neg(), b);
        NDArray i2t = Scalars.div(logits.logSoftmax(0).mul(eye).sum().neg(), b);
        return Scalars.div(t2i.add(i2t), 2);
    }

    /** Mean over tokens of 1 − max cosine to the allowed word embeddings; tokens (B,M,w), wordsT (w,V') normalised columns. */
    static NDArray wordManifold(NDArray tokens, NDArray wordsNormalisedT) {
        long w = tokens.getShape().get(2);
        NDArray t = IsaOps.l2Normalize(tokens.reshape(-1, w));
        NDArray best = t.matMul(wordsNormalisedT).max(new int[] {1});
        return best.neg().add(1f).mean();
    }

    /** Mean of 1 − cos(a_i, b_i) over rows; a, b (n,d). */
    static NDArray cosineDistance(NDArray a, NDArray b) {
        return IsaOps.l2Normalize(a).mul(IsaOps.l2Normalize(b)).sum(new int[] {1}).neg().add(1f).mean();
    }

    /**
     * Area-overlap resampling from a g1×g1 grid to a g2×g2 grid, (g1², g2²): row i holds the fraction of
     * cell i covered by each target cell (rows sum to 1), so attention maps stay distributions.
     */
    static NDArray resampling(NDManager m, int from, int to) {
        float[] axis = new float[from * to];
        for (int i = 0; i < from; i++) {
            double a0 = (double) i / from;
            double a1 = (double) (i + 1) / from;
            for (int j = 0; j < to; j++) {
                double b0 = (double) j / to;
                double b1 = (double) (j + 1) / to;
                double overlap = Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));
                axis[i * to + j] = (float) (overlap * from);
            }
        }
        float[] r = new float[from * from * to * to];
        int cols = to * to;
        for (int iy = 0; iy < from; iy++) {
            for (int ix = 0; ix < from; ix++) {
                for (int jy = 0; jy < to; jy++) {
                    for (int jx = 0; jx < to; jx++) {
                        r[(iy * from + ix) * cols + jy * to + jx] = axis[iy * to + jy] * axis[ix * to + jx];
                    }
                }
            }
        }
        NDArray blob = m.create(r, new Shape((long) from * from, cols));
        NDArray owned = blob.duplicate();
        blob.close();
        return owned;
    }
}
