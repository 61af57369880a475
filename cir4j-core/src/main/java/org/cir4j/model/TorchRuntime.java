package org.cir4j.model;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Process-wide settings of the PyTorch engine that the model code depends on.
 *
 * <p><b>Threads.</b> PyTorch's intra-op pool (the threads one matrix multiply or convolution uses)
 * defaults to the number of cores. Set it at start-up with the system property
 * {@code -Dai.djl.pytorch.num_threads=N} (read by DJL when the engine starts; likewise
 * {@code ai.djl.pytorch.num_interop_threads}) or at run time with {@link #setIntraOpThreads(int)}.
 * On a machine shared with other work, or when several JVM threads encode in parallel, fewer
 * threads per operation are usually faster.
 *
 * <p><b>Gradient mode.</b> PyTorch's grad mode is per thread. DJL switches it off on the thread that
 * starts the engine and on for the duration of a {@code GradientCollector}; other threads start with
 * it on. {@link #withoutGradients} makes inference code independent of that.
 */
public final class TorchRuntime {

    private TorchRuntime() {}

    /** Starts the PyTorch engine if needed. */
    public static Engine engine() {
        return Engine.getEngine("PyTorch");
    }

    /** Sets the number of threads PyTorch uses inside one operation (process-wide). */
    public static void setIntraOpThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("intra-op threads must be >= 1, found " + threads);
        }
        engine();
        JniUtils.setNumThreads(threads);
    }

    /** The number of threads PyTorch uses inside one operation. */
    public static int intraOpThreads() {
        engine();
        return JniUtils.getNumThreads();
    }

    /** Work that may throw a checked exception. */
    @FunctionalInterface
    public interface Work<T, E extends Exception> {
        T run() throws E;
    }

    /**
     * Runs {@code work} with PyTorch's grad mode off on this thread (no autograd graph is recorded,
     * even for arrays that require gradients), restoring the previous mode afterwards.
     */
    public static <T, E extends Exception> T withoutGradients(Work<T, E> work) throws E {
        engine();
        boolean previous = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try {
            return work.run();
        } finally {
            JniUtils.setGradMode(previous);
        }
    }
}
