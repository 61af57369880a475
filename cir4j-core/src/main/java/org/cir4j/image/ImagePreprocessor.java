package org.cir4j.image;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * CLIP's image preprocessing, reproduced bit for bit: what {@code clip.load(...)}'s transform and
 * CLIP4Cir's {@code targetpad_transform} compute with Pillow 9 and torchvision 0.14.
 *
 * <ol>
 *   <li>Optional padding ({@link Mode#TARGET_PAD}, {@link Mode#SQUARE_PAD}).
 *   <li>{@code Resize(size, BICUBIC)}: the shorter side becomes {@code size}, the longer one
 *       {@code int(size · long / short)}, resampled by {@link PillowResampler}.
 *   <li>{@code CenterCrop(size)} with torchvision's offsets {@code int(round((h − size) / 2))}
 *       (Python rounds halves to even). Resize and crop are fused: only the crop is computed.
 *   <li>{@code convert("RGB")} (after the resize, as in the reference: alpha is resized
 *       premultiplied, then dropped).
 *   <li>{@code ToTensor()} and {@code Normalize(mean, std)} in float32, channel-major (CHW).
 * </ol>
 *
 * <p>Palette and bilevel sources are resized with nearest-neighbour by default, as Pillow does
 * ({@link PaletteResampling}). One deviation: padding is black in every mode, whereas torchvision
 * pads a palette ("P") image with palette index 0, whatever colour that is.
 *
 * <p>Immutable and thread-safe; configure with the factories and {@code with...} methods.
 */
public final class ImagePreprocessor {

    /** CLIP's normalisation mean (OpenAI CLIP, also used by CLIP4Cir and SEARLE). */
    private static final float[] CLIP_MEAN = {0.48145466f, 0.4578275f, 0.40821073f};
    /** CLIP's normalisation standard deviation. */
    private static final float[] CLIP_STD = {0.26862954f, 0.26130258f, 0.27577711f};
    /** CLIP4Cir's default target ratio. */
    public static final double DEFAULT_TARGET_RATIO = 1.25;

    /** How the image is brought to a square before the resize and center crop. */
    public enum Mode {
        /** CLIP's own transform: resize the shorter side, center crop. */
        STANDARD,
        /**
         * CLIP4Cir's target pad (Algorithm 1): pad with black to the target ratio when the aspect
         * ratio exceeds it, then {@link #STANDARD}. Keeps most of elongated images (e.g. FashionIQ
         * dresses) inside the crop.
         */
        TARGET_PAD,
        /** CLIP4Cir's square pad (an ablation baseline): pad to a square with black, then {@link #STANDARD}. */
        SQUARE_PAD
    }

    /** Which filter resizes palette and bilevel sources. */
    public enum PaletteResampling {
        /**
         * Nearest-neighbour, as Pillow's {@code Image.resize} does for modes "P" and "1" whatever
         * filter is requested; the reference pipelines, which resize before {@code
         * convert("RGB")}, thus sample palette PNGs and GIFs with nearest-neighbour.
         */
        NEAREST_LIKE_PILLOW,
        /** The configured filter, as if the palette had been expanded to RGB before resizing. */
        CONFIGURED_FILTER
    }

    private final int size;
    private final Mode mode;
    private final double targetRatio;
    private final float[] mean;
    private final float[] std;
    private final ResampleFilter filter;
    private final PaletteResampling paletteResampling;
    /** Per channel, the normalised value of each 8-bit sample: ((v / 255f) − mean) / std in float32. */
    private final float[][] lut;

    private ImagePreprocessor(
            int size, Mode mode, double targetRatio, float[] mean, float[] std,
            ResampleFilter filter, PaletteResampling paletteResampling) {
        if (size < 1) {
            throw new IllegalArgumentException("size must be positive, found " + size);
        }
        if (!(targetRatio >= 1.0) || Double.isInfinite(targetRatio)) {
            throw new IllegalArgumentException("target ratio must be a finite number >= 1, found " + targetRatio);
        }
        if (mean.length != 3 || std.length != 3) {
            throw new IllegalArgumentException(
                    "mean and std need 3 values (R, G, B), found " + mean.length + " and " + std.length);
        }
        for (int c = 0; c < 3; c++) {
            if (!(std[c] > 0) || !Float.isFinite(mean[c]) || Float.isInfinite(std[c])) {
                throw new IllegalArgumentException(String.format(
                        "channel %d: mean must be finite and std positive and finite, found mean=%s std=%s",
                        c, mean[c], std[c]));
            }
        }
        this.size = size;
        this.mode = Objects.requireNonNull(mode, "mode");
        this.targetRatio = targetRatio;
        this.mean = mean.clone();
        this.std = std.clone();
        this.filter = Objects.requireNonNull(filter, "filter");
        this.paletteResampling = Objects.requireNonNull(paletteResampling, "paletteResampling");
        this.lut = new float[3][256];
        for (int c = 0; c < 3; c++) {
            for (int v = 0; v < 256; v++) {
                // Same float32 operations as torchvision: img.float().div(255), then sub_(mean).div_(std).
                lut[c][v] = ((float) v / 255f - this.mean[c]) / this.std[c];
            }
        }
    }

    /** CLIP's standard transform at {@code size} (224 for ViT-B/32, 288 for RN50x4, ...). */
    public static ImagePreprocessor clip(int size) {
        return new ImagePreprocessor(size, Mode.STANDARD, DEFAULT_TARGET_RATIO, CLIP_MEAN, CLIP_STD,
                ResampleFilter.BICUBIC, PaletteResampling.NEAREST_LIKE_PILLOW);
    }

    /** CLIP4Cir's target-pad transform with ratio 1.25. */
    public static ImagePreprocessor targetPad(int size) {
        return targetPad(size, DEFAULT_TARGET_RATIO);
    }

    /** CLIP4Cir's target-pad transform with the given ratio (≥ 1). */
    public static ImagePreprocessor targetPad(int size, double targetRatio) {
        return clip(size).withMode(Mode.TARGET_PAD, targetRatio);
    }

    /** CLIP4Cir's square-pad transform. */
    public static ImagePreprocessor squarePad(int size) {
        return clip(size).withMode(Mode.SQUARE_PAD, DEFAULT_TARGET_RATIO);
    }

    /** A copy with another padding mode ({@code targetRatio} is used by {@link Mode#TARGET_PAD} only). */
    public ImagePreprocessor withMode(Mode newMode, double newTargetRatio) {
        return new ImagePreprocessor(size, newMode, newTargetRatio, mean, std, filter, paletteResampling);
    }

    /** A copy producing {@code newSize × newSize} tensors. */
    public ImagePreprocessor withSize(int newSize) {
        return new ImagePreprocessor(newSize, mode, targetRatio, mean, std, filter, paletteResampling);
    }

    /** A copy with another per-channel (R, G, B) normalisation. */
    public ImagePreprocessor withNormalization(float[] newMean, float[] newStd) {
        return new ImagePreprocessor(size, mode, targetRatio, newMean, newStd, filter, paletteResampling);
    }

    /** A copy resizing with another Pillow filter (the reference is {@link ResampleFilter#BICUBIC}). */
    public ImagePreprocessor withFilter(ResampleFilter newFilter) {
        return new ImagePreprocessor(size, mode, targetRatio, mean, std, newFilter, paletteResampling);
    }

    /** A copy with another policy for palette sources. */
    public ImagePreprocessor withPaletteResampling(PaletteResampling policy) {
        return new ImagePreprocessor(size, mode, targetRatio, mean, std, filter, policy);
    }

    public int size() {
        return size;
    }

    public Mode mode() {
        return mode;
    }

    public double targetRatio() {
        return targetRatio;
    }

    public float[] mean() {
        return mean.clone();
    }

    public float[] std() {
        return std.clone();
    }

    public ResampleFilter filter() {
        return filter;
    }

    public PaletteResampling paletteResampling() {
        return paletteResampling;
    }

    /** Number of floats of one preprocessed image: {@code 3 · size · size}. */
    public int tensorLength() {
        return 3 * size * size;
    }

    /**
     * The {@code size × size} RGB image that gets normalised: padding, resize, center crop and
     * conversion to RGB (8-bit, before {@code ToTensor}).
     */
    public DecodedImage crop(DecodedImage image) {
        Objects.requireNonNull(image, "image");
        DecodedImage padded = switch (mode) {
            case STANDARD -> image;
            case TARGET_PAD -> Padding.targetPad(image, targetRatio);
            case SQUARE_PAD -> Padding.squarePad(image);
        };
        int w = padded.width();
        int h = padded.height();
        // torchvision _compute_resized_output_size: int(size * long / short) with true division.
        int shortSide = Math.min(w, h);
        int longSide = Math.max(w, h);
        double newLong = (double) ((long) size * longSide) / shortSide;
        if (newLong >= Integer.MAX_VALUE) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "a %d x %d image resized to a shorter side of %d would have a longer side of %.0f pixels; "
                            + "the aspect ratio is too extreme", w, h, size, newLong));
        }
        int newW = w <= h ? size : (int) newLong;
        int newH = w <= h ? (int) newLong : size;
        // torchvision center_crop: int(round((h - size) / 2.0)), Python's round-half-to-even.
        int top = (int) Math.rint((newH - size) / 2.0);
        int left = (int) Math.rint((newW - size) / 2.0);
        ResampleFilter f = paletteResampling == PaletteResampling.NEAREST_LIKE_PILLOW
                        && padded.sourceMode().resizesWithNearest()
                ? ResampleFilter.NEAREST
                : filter;
        return PillowResampler.resizeCropped(padded, newW, newH, f, left, top, size, size).toRgb();
    }

    /** The normalised CHW tensor of one image, {@link #tensorLength()} floats. */
    public float[] apply(DecodedImage image) {
        float[] out = new float[tensorLength()];
        normalizeInto(crop(image), out, 0);
        return out;
    }

    /**
     * Preprocesses a batch into one {@code (N, 3, size, size)} float32 array. Every image is written
     * straight into a native buffer that the engine takes over, so pixels cross from Java to native
     * memory once.
     */
    public NDArray batch(NDManager manager, List<DecodedImage> images) {
        Objects.requireNonNull(manager, "manager");
        if (images.isEmpty()) {
            throw new IllegalArgumentException("cannot build a batch from an empty list of images");
        }
        int per = tensorLength();
        ByteBuffer buffer = manager.allocateDirect(batchBytes(images.size(), per));
        FloatBuffer floats = buffer.asFloatBuffer();
        float[] scratch = new float[per];
        for (DecodedImage image : images) {
            normalizeInto(crop(image), scratch, 0);
            floats.put(scratch);
        }
        return manager.create(buffer, new Shape(images.size(), 3, size, size), DataType.FLOAT32);
    }

    /**
     * Stacks already preprocessed tensors (each {@code 3 · size · size} floats, CHW) into one
     * {@code (N, 3, size, size)} float32 array with a single copy into native memory.
     */
    public static NDArray stack(NDManager manager, List<float[]> tensors, int size) {
        Objects.requireNonNull(manager, "manager");
        if (tensors.isEmpty()) {
            throw new IllegalArgumentException("cannot stack an empty list of image tensors");
        }
        int per = 3 * size * size;
        for (int i = 0; i < tensors.size(); i++) {
            if (tensors.get(i).length != per) {
                throw new IllegalArgumentException(String.format(
                        "tensor %d has %d floats, expected 3 x %d x %d = %d", i, tensors.get(i).length, size, size, per));
            }
        }
        ByteBuffer buffer = manager.allocateDirect(batchBytes(tensors.size(), per));
        FloatBuffer floats = buffer.asFloatBuffer();
        for (float[] t : tensors) {
            floats.put(t);
        }
        return manager.create(buffer, new Shape(tensors.size(), 3, size, size), DataType.FLOAT32);
    }

    private static int batchBytes(int n, int per) {
        long bytes = (long) n * per * Float.BYTES;
        if (bytes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(String.format(
                    "a batch of %d images of %d floats needs %d bytes, more than one buffer can hold; split it",
                    n, per, bytes));
        }
        return (int) bytes;
    }

    /** ToTensor + Normalize of an RGB {@code size × size} image into {@code out} at {@code offset}, CHW. */
    private void normalizeInto(DecodedImage rgb, float[] out, int offset) {
        byte[] d = rgb.data;
        int plane = size * size;
        for (int c = 0; c < 3; c++) {
            float[] table = lut[c];
            int o = offset + c * plane;
            for (int i = 0, p = c; i < plane; i++, p += 3) {
                out[o + i] = table[d[p] & 0xFF];
            }
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "ImagePreprocessor[size=%d, mode=%s%s, filter=%s, palette=%s, mean=%s, std=%s]",
                size, mode, mode == Mode.TARGET_PAD ? "(" + targetRatio + ")" : "", filter, paletteResampling,
                java.util.Arrays.toString(mean), java.util.Arrays.toString(std));
    }
}
