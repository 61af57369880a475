package org.cir4j.image;

import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.Objects;

/**
 * An 8-bit raster: {@code width × height} pixels of {@link PixelMode#channels()} interleaved
 * samples each, rows top to bottom, plus the {@link SourceMode} the file stored them in.
 *
 * <p>Instances are immutable: factories copy their input and accessors never expose the backing
 * array, so one image can be shared between threads (e.g. preprocessed at several sizes).
 */
public final class DecodedImage {

    private final int width;
    private final int height;
    private final PixelMode mode;
    private final SourceMode sourceMode;
    /** Interleaved samples; owned by this instance and never handed out. */
    final byte[] data;

    /** Takes ownership of {@code data}; callers in this package must not touch it afterwards. */
    DecodedImage(int width, int height, PixelMode mode, SourceMode sourceMode, byte[] data) {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("image size must be positive, found " + width + " x " + height);
        }
        this.mode = Objects.requireNonNull(mode, "mode");
        this.sourceMode = Objects.requireNonNull(sourceMode, "sourceMode");
        long expected = (long) width * height * mode.channels();
        if (data.length != expected) {
            throw new IllegalArgumentException(String.format(
                    "pixel array for a %d x %d %s image must hold %d bytes, found %d",
                    width, height, mode, expected, data.length));
        }
        this.width = width;
        this.height = height;
        this.data = data;
    }

    /**
     * An image from interleaved samples (copied). {@code sourceMode} is derived from {@code mode}
     * ({@link SourceMode#GRAY}, {@link SourceMode#RGB} or {@link SourceMode#RGBA}).
     */
    public static DecodedImage of(int width, int height, PixelMode mode, byte[] samples) {
        SourceMode source = switch (mode) {
            case L -> SourceMode.GRAY;
            case RGB -> SourceMode.RGB;
            case RGBA -> SourceMode.RGBA;
        };
        return new DecodedImage(width, height, mode, source, samples.clone());
    }

    /**
     * The samples of an in-memory image (e.g. one rendered with Java 2D), read the same way
     * {@link ImageDecoder} reads decoded files: raw samples, no colour management.
     */
    public static DecodedImage fromBufferedImage(BufferedImage image) {
        return RasterConverter.convert(image, null);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public PixelMode mode() {
        return mode;
    }

    public SourceMode sourceMode() {
        return sourceMode;
    }

    public int channels() {
        return mode.channels();
    }

    /** Sample {@code channel} of pixel ({@code x}, {@code y}), 0..255. */
    public int sample(int x, int y, int channel) {
        Objects.checkIndex(x, width);
        Objects.checkIndex(y, height);
        Objects.checkIndex(channel, mode.channels());
        return data[(y * width + x) * mode.channels() + channel] & 0xFF;
    }

    /** A copy of the interleaved samples. */
    public byte[] copySamples() {
        return data.clone();
    }

    /**
     * Pillow's {@code convert("RGB")}: gray is replicated, alpha is dropped (not composited over a
     * background), RGB is returned as is.
     */
    public DecodedImage toRgb() {
        if (mode == PixelMode.RGB) {
            return this;
        }
        int n = width * height;
        byte[] out = new byte[n * 3];
        if (mode == PixelMode.L) {
            for (int i = 0, o = 0; i < n; i++, o += 3) {
                byte v = data[i];
                out[o] = v;
                out[o + 1] = v;
                out[o + 2] = v;
            }
        } else {
            for (int i = 0, p = 0, o = 0; i < n; i++, p += 4, o += 3) {
                out[o] = data[p];
                out[o + 1] = data[p + 1];
                out[o + 2] = data[p + 2];
            }
        }
        return new DecodedImage(width, height, PixelMode.RGB, sourceMode, out);
    }

    /** The same pixels tagged with another source mode (package use: decoders and transforms). */
    DecodedImage withSourceMode(SourceMode source) {
        return source == sourceMode ? this : new DecodedImage(width, height, mode, source, data);
    }

    @Override
    public String toString() {
        return "DecodedImage[" + width + "x" + height + " " + mode + " from " + sourceMode + "]";
    }

    /** Whether both images have the same size, mode and samples (the source mode is ignored). */
    public boolean sameSamples(DecodedImage other) {
        return width == other.width && height == other.height && mode == other.mode
                && Arrays.equals(data, other.data);
    }
}
