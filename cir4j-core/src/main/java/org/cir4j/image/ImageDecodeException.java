package org.cir4j.image;

import java.io.IOException;
import java.util.Objects;

/**
 * An image could not be turned into pixels: the file is missing or unreadable, empty, not an image,
 * truncated or corrupt, or larger than the configured pixel limit.
 *
 * <p>Every failure of {@link ImageDecoder} is reported with this one type so that callers (gallery
 * indexing, dataset readers) can skip or report a bad file with a single {@code catch}; {@link
 * #reason()} tells the cases apart and the message always names the file.
 */
public final class ImageDecodeException extends IOException {

    private static final long serialVersionUID = 1L;

    /** Why decoding failed. */
    public enum Reason {
        /** The file could not be read from disk (missing, permissions, I/O error). */
        UNREADABLE,
        /** The input has zero bytes. */
        EMPTY,
        /** No installed ImageIO reader recognises the content. */
        NOT_AN_IMAGE,
        /** The data ends before the image is complete (Pillow: "image file is truncated"). */
        TRUNCATED,
        /** The header or the compressed data is invalid. */
        CORRUPT,
        /** Width × height exceeds the decoder's pixel limit (a possible decompression bomb). */
        TOO_LARGE
    }

    private final Reason reason;
    private final String source;
    private final long width;
    private final long height;
    private final long pixelLimit;

    private ImageDecodeException(
            Reason reason, String source, String detail, long width, long height, long pixelLimit, Throwable cause) {
        super(source + ": " + detail, cause);
        this.reason = Objects.requireNonNull(reason);
        this.source = source;
        this.width = width;
        this.height = height;
        this.pixelLimit = pixelLimit;
    }

    static ImageDecodeException of(Reason reason, String source, String detail) {
        return new ImageDecodeException(reason, source, detail, -1, -1, -1, null);
    }

    static ImageDecodeException of(Reason reason, String source, String detail, Throwable cause) {
        return new ImageDecodeException(reason, source, detail, -1, -1, -1, cause);
    }

    static ImageDecodeException tooLarge(String source, long width, long height, long limit) {
        String detail = String.format(
                "image is %d x %d = %d pixels, more than the limit of %d pixels (possible decompression bomb; "
                        + "raise ImageDecoder's maxPixels if the file is trusted)",
                width, height, width * height, limit);
        return new ImageDecodeException(Reason.TOO_LARGE, source, detail, width, height, limit, null);
    }

    public Reason reason() {
        return reason;
    }

    /** The file name or the caller-supplied name of the bytes. */
    public String source() {
        return source;
    }

    /** Width found in the header, or -1 where the failure happened before it was known. */
    public long width() {
        return width;
    }

    /** Height found in the header, or -1 where the failure happened before it was known. */
    public long height() {
        return height;
    }

    /** The pixel limit in force for {@link Reason#TOO_LARGE}, otherwise -1. */
    public long pixelLimit() {
        return pixelLimit;
    }
}
