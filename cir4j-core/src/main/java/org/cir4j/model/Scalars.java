package org.cir4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Arithmetic with a Java scalar that is safe under autograd. DJL's {@code x.mul(s)} / {@code x.div(s)} on the
 * PyTorch engine wrap {@code s} with {@code from_blob} over a Java direct buffer and close it right after the op;
 * autograd keeps that tensor for the backward pass (d(x·s)/dx = s), which then reads memory the Java side may
 * already have freed — rare, non-deterministic NaN or garbage gradients. Here the scalar is copied into memory
 * PyTorch owns, kept alive by autograd's own reference. Use these in every differentiable path (losses, logit
 * scales, attention scaling); inference-only code may keep DJL's scalar overloads.
 */
public final class Scalars {
    private Scalars() {}

    /** {@code x · s}. */
    public static NDArray mul(NDArray x, double s) {
        return x.mul(scalar(x, s));
    }

    /** {@code x / s}. */
    public static NDArray div(NDArray x, double s) {
        return x.div(scalar(x, s));
    }

    private static NDArray scalar(NDArray x, double s) {
        return ClipOps.ownedFloats(x.getManager(), new float[] {(float) s}, new Shape());
    }
}
