package org.cir4j.image;

/**
 * Pillow's conversions between straight ("RGBA") and premultiplied ("RGBa") alpha, which {@code
 * Image.resize} wraps around resampling so that transparent pixels do not bleed their colour into
 * visible ones. Integer formulas of libImaging/Convert.c.
 */
final class PremultipliedAlpha {

    private PremultipliedAlpha() {}

    /** Convert.c {@code rgbA2rgba}: {@code c' = MULDIV255(c, a)}. */
    static DecodedImage premultiply(DecodedImage image) {
        byte[] in = image.data;
        byte[] out = new byte[in.length];
        for (int p = 0; p < in.length; p += 4) {
            int a = in[p + 3] & 0xFF;
            out[p] = (byte) JpegColor.mulDiv255(in[p] & 0xFF, a);
            out[p + 1] = (byte) JpegColor.mulDiv255(in[p + 1] & 0xFF, a);
            out[p + 2] = (byte) JpegColor.mulDiv255(in[p + 2] & 0xFF, a);
            out[p + 3] = (byte) a;
        }
        return new DecodedImage(image.width(), image.height(), PixelMode.RGBA, image.sourceMode(), out);
    }

    /**
     * Convert.c {@code rgba2rgbA}: {@code c = CLIP8(255 · c' / a)} with integer division; fully
     * opaque and fully transparent pixels are left as they are. In place: the input is a
     * resampler's private output.
     */
    static DecodedImage unpremultiply(DecodedImage image) {
        byte[] d = image.data;
        for (int p = 0; p < d.length; p += 4) {
            int a = d[p + 3] & 0xFF;
            if (a != 255 && a != 0) {
                d[p] = (byte) Math.min(255, (255 * (d[p] & 0xFF)) / a);
                d[p + 1] = (byte) Math.min(255, (255 * (d[p + 1] & 0xFF)) / a);
                d[p + 2] = (byte) Math.min(255, (255 * (d[p + 2] & 0xFF)) / a);
            }
        }
        return image;
    }
}
