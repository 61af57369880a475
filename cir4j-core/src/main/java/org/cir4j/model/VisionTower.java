package org.cir4j.model;

import ai.djl.ndarray.NDArray;

/** A CLIP vision tower on (B,3,S,S) float32 pixels (already resized, cropped and normalised). */
interface VisionTower {

    /** Pooled, projected image features (B,d), not normalised. */
    NDArray encode(NDArray pixels);

    /**
     * Spatial features: ViT — patch tokens after the last block, (B,N,W), or (B,N,d) after
     * {@code ln_post} and {@code proj} when {@code project}; ResNet — the final feature map before
     * the attention pool, (B,F,h,h) ({@code project} not applicable).
     */
    NDArray spatial(NDArray pixels, boolean project);

    /** Both results of one forward pass: {@code [encode, spatial]}. */
    NDArray[] encodeWithSpatial(NDArray pixels, boolean project);
}
