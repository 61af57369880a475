package org.cir4j.model;

import ai.djl.ndarray.NDArray;
import java.util.Map;

/**
 * CLIP's VisionTransformer. On pixels (B,3,S,S): {@code conv1} (W,3,p,p) with stride p and no bias
 * gives (B,W,g,g), flattened to N = g² tokens (B,N,W); the class embedding is prepended (B,N+1,W),
 * {@code positional_embedding} (N+1,W) added, {@code ln_pre} applied, the transformer run without a
 * mask, and the class token through {@code ln_post} and {@code @ proj} (W,d) is the image feature.
 */
final class VitTower implements VisionTower {

    private final NDArray conv1;
    private final NDArray classEmbedding;
    private final NDArray positionalEmbedding;
    private final NDArray lnPreW;
    private final NDArray lnPreB;
    private final NDArray lnPostW;
    private final NDArray lnPostB;
    private final NDArray proj;
    private final ResidualTransformer transformer;
    private final int patch;
    private final float eps;

    VitTower(ClipConfig config, Map<String, NDArray> state) {
        ClipConfig.VisionConfig v = config.vision();
        this.patch = v.patchSize();
        this.eps = (float) config.layerNormEps();
        this.conv1 = state.get("visual.conv1.weight");
        this.classEmbedding = state.get("visual.class_embedding");
        this.positionalEmbedding = state.get("visual.positional_embedding");
        this.lnPreW = state.get("visual.ln_pre.weight");
        this.lnPreB = state.get("visual.ln_pre.bias");
        this.lnPostW = state.get("visual.ln_post.weight");
        this.lnPostB = state.get("visual.ln_post.bias");
        this.proj = state.get("visual.proj");
        this.transformer = new ResidualTransformer(state, "visual.transformer.", v.vitLayers(), v.heads(),
                config.activation(), eps);
    }

    /** All tokens after the last block, (B,N+1,W); token 0 is the class token. */
    private NDArray tokens(NDArray pixels) {
        NDArray x = ClipOps.conv2d(pixels, conv1, patch, 0);
        long b = x.getShape().get(0);
        long w = x.getShape().get(1);
        x = x.reshape(b, w, -1).transpose(0, 2, 1);
        NDArray cls = classEmbedding.reshape(1, 1, w).broadcast(b, 1, w);
        x = ClipOps.concat(1, cls, x).add(positionalEmbedding);
        x = ClipOps.layerNorm(x, lnPreW, lnPreB, eps);
        return transformer.forward(x, null);
    }

    private NDArray pool(NDArray tokens) {
        return ClipOps.layerNorm(tokens.get(":, 0, :"), lnPostW, lnPostB, eps).matMul(proj);
    }

    private NDArray patches(NDArray tokens, boolean project) {
        NDArray p = tokens.get(":, 1:, :");
        return project ? ClipOps.layerNorm(p, lnPostW, lnPostB, eps).matMul(proj) : p;
    }

    @Override
    public NDArray encode(NDArray pixels) {
        return pool(tokens(pixels));
    }

    @Override
    public NDArray spatial(NDArray pixels, boolean project) {
        return patches(tokens(pixels), project);
    }

    @Override
    public NDArray[] encodeWithSpatial(NDArray pixels, boolean project) {
        NDArray t = tokens(pixels);
        return new NDArray[] {pool(t), patches(t, project)};
    }
}
