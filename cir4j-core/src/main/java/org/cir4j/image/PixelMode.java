package org.cir4j.image;

/**
 * How a {@link DecodedImage} lays out its 8-bit samples, named after Pillow's modes. Samples are
 * interleaved per pixel, rows top to bottom.
 */
public enum PixelMode {
    /** One gray sample per pixel (Pillow "L"). */
    L(1),
    /** Red, green, blue (Pillow "RGB"). */
    RGB(3),
    /** Red, green, blue, straight (not premultiplied) alpha (Pillow "RGBA"). */
    RGBA(4);

    private final int channels;

    PixelMode(int channels) {
        this.channels = channels;
    }

    /** Samples per pixel. */
    public int channels() {
        return channels;
    }
}
