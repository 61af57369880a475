package org.cir4j.train.clip;

import ai.djl.ndarray.NDArray;
import org.cir4j.model.Scalars;
import ai.djl.ndarray.NDManager;

/**
 * CLIP's symmetric InfoNCE loss (Radford et al. 2021, Fig. 3): with L2-normalised image features I and
 * text features T of B matching pairs, {@code logits = exp(t) · I Tᵀ} and
 * {@code loss = (CE(logits, arange(B)) + CE(logitsᵀ, arange(B))) / 2}, where {@code t} is the learnable
 * log temperature ({@code logit_scale}).
 *
 * <p>The normalisation divides by {@code max(||x||, eps)} (torch's {@code F.normalize}) rather than
 * by the bare norm as CLIP's inference code does: a feature that collapses to zero during training then
 * gives a finite gradient instead of NaN.
 */
public final class ContrastiveLoss {

    /** {@code F.normalize}'s default epsilon. */
    static final float NORM_EPS = 1e-12f;

    private ContrastiveLoss() {}

    /**
     * The scalar loss.
     *
     * @param imageFeatures (B,d) unnormalised
     * @param textFeatures (B,d) unnormalised, row i describes image i
     * @param logitScale the scalar log temperature
     */
    public static NDArray of(NDArray imageFeatures, NDArray textFeatures, NDArray logitScale) {
        long b = imageFeatures.getShape().get(0);
        if (imageFeatures.getShape().dimension() != 2 || !imageFeatures.getShape().equals(textFeatures.getShape())) {
            throw new IllegalArgumentException("contrastive loss: image features " + imageFeatures.getShape()
                    + " and text features " + textFeatures.getShape() + " must both be (B, d)");
        }
        if (b < 2) {
            throw new IllegalArgumentException("contrastive loss needs a batch of at least 2 pairs, found " + b);
        }
        NDManager m = imageFeatures.getManager();
        NDArray logits = normalize(imageFeatures).matMul(normalize(textFeatures).transpose()).mul(logitScale.exp());
        NDArray eye = m.eye((int) b);
        NDArray perImage = Scalars.div(logits.logSoftmax(1).mul(eye).sum(), b);
        NDArray perText = Scalars.div(logits.logSoftmax(0).mul(eye).sum(), b);
        return Scalars.div(perImage.add(perText), -2);
    }

    /** {@code x / max(||x||, eps)} along the last axis. */
    static NDArray normalize(NDArray x) {
        return x.div(x.norm(new int[] {-1}, true).maximum(NORM_EPS));
    }
}
