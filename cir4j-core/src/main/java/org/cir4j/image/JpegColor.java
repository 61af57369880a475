package org.cir4j.image;

import java.awt.image.Raster;

/**
 * Converts the raw component samples of a JPEG frame (as {@code ImageReader.readRaster} returns
 * them, already upsampled but not colour-converted) to RGB exactly as Pillow gets them: libjpeg's
 * fixed-point YCbCr→RGB and YCCK→CMYK (jdcolor.c), Pillow's inverted reading of every
 * four-component JPEG ("CMYK;I", JpegImagePlugin) and Pillow's CMYK→RGB (Convert.c
 * {@code cmyk2rgb}). Doing this here rather than in ImageIO also keeps embedded ICC profiles out,
 * as Pillow does.
 */
final class JpegColor {

    private static final int SCALEBITS = 16;
    private static final int ONE_HALF = 1 << (SCALEBITS - 1);
    private static final int[] CR_R = new int[256];
    private static final int[] CB_B = new int[256];
    private static final int[] CR_G = new int[256];
    private static final int[] CB_G = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int x = i - 128;
            CR_R[i] = (fix(1.40200) * x + ONE_HALF) >> SCALEBITS;
            CB_B[i] = (fix(1.77200) * x + ONE_HALF) >> SCALEBITS;
            CR_G[i] = -fix(0.71414) * x;
            CB_G[i] = -fix(0.34414) * x + ONE_HALF;
        }
    }

    private JpegColor() {}

    private static int fix(double x) {
        return (int) (x * (1L << SCALEBITS) + 0.5);
    }

    static DecodedImage toImage(Raster raster, ContainerInfo.JpegColorSpace space) {
        int w = raster.getWidth();
        int h = raster.getHeight();
        int bands = raster.getNumBands();
        int expectedBands = switch (space) {
            case GRAY -> 1;
            case YCBCR, RGB -> 3;
            case CMYK, YCCK -> 4;
            case UNSUPPORTED -> throw new IllegalStateException("unsupported JPEG colour space");
        };
        if (bands != expectedBands) {
            throw new IllegalStateException(
                    "JPEG frame is " + space + " (" + expectedBands + " components) but the decoder returned " + bands + " bands");
        }
        byte[] raw = new byte[w * h * bands];
        if (!RasterConverter.copyInterleavedBytes(raster, bands, raw)) {
            int[] row = new int[w * bands];
            for (int y = 0; y < h; y++) {
                raster.getPixels(0, y, w, 1, row);
                for (int i = 0; i < row.length; i++) {
                    raw[y * w * bands + i] = (byte) row[i];
                }
            }
        }
        return switch (space) {
            case GRAY -> new DecodedImage(w, h, PixelMode.L, SourceMode.GRAY, raw);
            case RGB -> new DecodedImage(w, h, PixelMode.RGB, SourceMode.RGB, raw);
            case YCBCR -> new DecodedImage(w, h, PixelMode.RGB, SourceMode.RGB, ycbcrToRgb(raw));
            case CMYK -> new DecodedImage(w, h, PixelMode.RGB, SourceMode.CMYK, cmykToRgb(raw, false));
            case YCCK -> new DecodedImage(w, h, PixelMode.RGB, SourceMode.YCCK, cmykToRgb(raw, true));
            case UNSUPPORTED -> throw new AssertionError();
        };
    }

    /** libjpeg {@code ycc_rgb_convert}, in place. */
    static byte[] ycbcrToRgb(byte[] ycc) {
        for (int p = 0; p < ycc.length; p += 3) {
            int y = ycc[p] & 0xFF;
            int cb = ycc[p + 1] & 0xFF;
            int cr = ycc[p + 2] & 0xFF;
            ycc[p] = clamp(y + CR_R[cr]);
            ycc[p + 1] = clamp(y + ((CB_G[cb] + CR_G[cr]) >> SCALEBITS));
            ycc[p + 2] = clamp(y + CB_B[cb]);
        }
        return ycc;
    }

    /**
     * Four raw components to RGB. For YCCK, libjpeg's {@code ycck_cmyk_convert} first gives
     * C = clamp(255 − R(Y,Cb,Cr)) etc. with K unchanged. Pillow then inverts all four ("CMYK;I") and
     * converts with {@code cmyk2rgb}: {@code nk = 255 − k; out = clip8(nk − MULDIV255(c, nk))}.
     */
    static byte[] cmykToRgb(byte[] raw, boolean ycck) {
        int n = raw.length / 4;
        byte[] out = new byte[n * 3];
        for (int i = 0, p = 0, o = 0; i < n; i++, p += 4, o += 3) {
            int c0 = raw[p] & 0xFF;
            int c1 = raw[p + 1] & 0xFF;
            int c2 = raw[p + 2] & 0xFF;
            if (ycck) {
                int y = c0;
                int cb = c1;
                int cr = c2;
                // What libjpeg hands to Pillow: C = 255 - R, M = 255 - G, Y = 255 - B (K as stored).
                c0 = clampInt(255 - (y + CR_R[cr]));
                c1 = clampInt(255 - (y + ((CB_G[cb] + CR_G[cr]) >> SCALEBITS)));
                c2 = clampInt(255 - (y + CB_B[cb]));
            }
            // Pillow's inverted read: stored value v becomes 255 - v for all four channels.
            int c = 255 - c0;
            int m = 255 - c1;
            int ye = 255 - c2;
            int k = 255 - (raw[p + 3] & 0xFF);
            int nk = 255 - k;
            out[o] = clamp(nk - mulDiv255(c, nk));
            out[o + 1] = clamp(nk - mulDiv255(m, nk));
            out[o + 2] = clamp(nk - mulDiv255(ye, nk));
        }
        return out;
    }

    /** Pillow's MULDIV255: a·b/255 rounded, with integer arithmetic. */
    static int mulDiv255(int a, int b) {
        int tmp = a * b + 128;
        return ((tmp >> 8) + tmp) >> 8;
    }

    private static int clampInt(int v) {
        return v < 0 ? 0 : Math.min(v, 255);
    }

    private static byte clamp(int v) {
        return (byte) clampInt(v);
    }
}
