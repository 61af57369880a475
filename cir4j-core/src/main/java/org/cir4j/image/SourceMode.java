package org.cir4j.image;

/**
 * How the file stored its pixels, before {@link ImageDecoder} expanded them to a {@link PixelMode}.
 *
 * <p>It matters for fidelity with Pillow-based reference pipelines: Pillow keeps palette ("P") and
 * bilevel ("1") images in their own mode and {@code Image.resize} then always uses nearest-neighbour
 * sampling, whatever filter was asked for; see {@link #resizesWithNearest()}.
 */
public enum SourceMode {
    /** 8-bit (or 16-bit, reduced to 8) gray; decoded to {@link PixelMode#L}. */
    GRAY,
    /** Gray with alpha (Pillow "LA"); decoded to {@link PixelMode#RGBA} with the gray replicated. */
    GRAY_ALPHA,
    /** 1-bit black and white (Pillow "1"); decoded to {@link PixelMode#L} with values 0 and 255. */
    BILEVEL,
    /** RGB, or YCbCr JPEG; decoded to {@link PixelMode#RGB}. */
    RGB,
    /** RGB with alpha; decoded to {@link PixelMode#RGBA}. */
    RGBA,
    /** CMYK JPEG; converted to {@link PixelMode#RGB} with Pillow's formula. */
    CMYK,
    /** Adobe YCCK JPEG; converted to CMYK as libjpeg does, then to {@link PixelMode#RGB}. */
    YCCK,
    /** Palette without transparency (Pillow "P"); expanded to {@link PixelMode#RGB}. */
    PALETTE,
    /** Palette with transparent entries; expanded to {@link PixelMode#RGBA}. */
    PALETTE_ALPHA,
    /** Any other colour model, converted to sRGB by Java 2D. */
    OTHER;

    /**
     * Whether Pillow's {@code Image.resize} would resample this source with nearest-neighbour
     * whatever filter is requested (it does so for modes "P" and "1").
     */
    public boolean resizesWithNearest() {
        return this == PALETTE || this == PALETTE_ALPHA || this == BILEVEL;
    }
}
