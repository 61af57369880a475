package org.cir4j.image;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.IndexColorModel;
import java.awt.image.PackedColorModel;
import java.awt.image.Raster;

/**
 * Turns a decoded {@link BufferedImage} into a {@link DecodedImage} by reading raw samples, the way
 * Pillow does: no colour management (an embedded ICC profile is ignored), 16-bit samples keep their
 * most significant byte, palettes are expanded. Only colour models that are neither gray, RGB nor
 * indexed go through Java 2D's sRGB conversion ({@link SourceMode#OTHER}).
 */
final class RasterConverter {

    private RasterConverter() {}

    /**
     * @param image the decoded image
     * @param hint the source mode known from the file header, or null to derive it from the
     *     colour model
     */
    static DecodedImage convert(BufferedImage image, SourceMode hint) {
        ColorModel cm = image.getColorModel();
        Raster raster = image.getRaster();
        if (cm instanceof IndexColorModel icm && raster.getNumBands() == 1) {
            return indexed(raster, icm, hint);
        }
        int csType = cm.getColorSpace().getType();
        boolean directSamples = (cm instanceof ComponentColorModel || cm instanceof PackedColorModel)
                && raster.getTransferType() != DataBuffer.TYPE_FLOAT
                && raster.getTransferType() != DataBuffer.TYPE_DOUBLE;
        if (directSamples && csType == ColorSpace.TYPE_GRAY) {
            return gray(raster, cm.hasAlpha() && hint != SourceMode.GRAY, cm);
        }
        if (directSamples && csType == ColorSpace.TYPE_RGB) {
            return rgb(raster, cm.hasAlpha() && hint != SourceMode.RGB, cm);
        }
        return viaSrgb(image);
    }

    private static DecodedImage indexed(Raster raster, IndexColorModel icm, SourceMode hint) {
        int w = raster.getWidth();
        int h = raster.getHeight();
        int size = icm.getMapSize();
        byte[] r = new byte[size];
        byte[] g = new byte[size];
        byte[] b = new byte[size];
        byte[] a = new byte[size];
        icm.getReds(r);
        icm.getGreens(g);
        icm.getBlues(b);
        icm.getAlphas(a);
        SourceMode source = hint != null ? hint : (icm.hasAlpha() ? SourceMode.PALETTE_ALPHA : SourceMode.PALETTE);
        int[] row = new int[w];
        if (source == SourceMode.GRAY || source == SourceMode.BILEVEL) {
            // Low-bit-depth gray PNGs arrive as an indexed gray ramp; keep them single-channel.
            byte[] out = new byte[w * h];
            for (int y = 0; y < h; y++) {
                raster.getSamples(0, y, w, 1, 0, row);
                for (int x = 0; x < w; x++) {
                    out[y * w + x] = r[paletteIndex(row[x], size)];
                }
            }
            return new DecodedImage(w, h, PixelMode.L, source, out);
        }
        boolean alpha = icm.hasAlpha() && source != SourceMode.PALETTE && source != SourceMode.GRAY;
        PixelMode mode = alpha ? PixelMode.RGBA : PixelMode.RGB;
        int nc = mode.channels();
        byte[] out = new byte[w * h * nc];
        for (int y = 0; y < h; y++) {
            raster.getSamples(0, y, w, 1, 0, row);
            int o = y * w * nc;
            for (int x = 0; x < w; x++, o += nc) {
                int i = paletteIndex(row[x], size);
                out[o] = r[i];
                out[o + 1] = g[i];
                out[o + 2] = b[i];
                if (alpha) {
                    out[o + 3] = a[i];
                }
            }
        }
        return new DecodedImage(w, h, mode, source, out);
    }

    /** Out-of-range indices (possible in corrupt GIFs) map to entry 0, as a palette lookup must not fail. */
    private static int paletteIndex(int index, int size) {
        return index < size ? index : 0;
    }

    private static DecodedImage gray(Raster raster, boolean keepAlpha, ColorModel cm) {
        int w = raster.getWidth();
        int h = raster.getHeight();
        int bands = raster.getNumBands();
        int[] shift = eightBitScale(cm, bands);
        PixelMode mode = keepAlpha ? PixelMode.RGBA : PixelMode.L;
        byte[] out = new byte[w * h * mode.channels()];
        int[] row = new int[w * bands];
        for (int y = 0; y < h; y++) {
            raster.getPixels(0, y, w, 1, row);
            for (int x = 0; x < w; x++) {
                int v = to8(row[x * bands], shift[0]);
                if (keepAlpha) {
                    int o = (y * w + x) * 4;
                    byte g = (byte) v;
                    out[o] = g;
                    out[o + 1] = g;
                    out[o + 2] = g;
                    out[o + 3] = (byte) to8(row[x * bands + bands - 1], shift[bands - 1]);
                } else {
                    out[y * w + x] = (byte) v;
                }
            }
        }
        return new DecodedImage(w, h, mode, keepAlpha ? SourceMode.GRAY_ALPHA : SourceMode.GRAY, out);
    }

    private static DecodedImage rgb(Raster raster, boolean keepAlpha, ColorModel cm) {
        int w = raster.getWidth();
        int h = raster.getHeight();
        int bands = raster.getNumBands();
        PixelMode mode = keepAlpha ? PixelMode.RGBA : PixelMode.RGB;
        SourceMode source = keepAlpha ? SourceMode.RGBA : SourceMode.RGB;
        int nc = mode.channels();
        byte[] out = new byte[w * h * nc];
        if (copyInterleavedBytes(raster, nc, out)) {
            return new DecodedImage(w, h, mode, source, out);
        }
        int[] shift = eightBitScale(cm, bands);
        int[] row = new int[w * bands];
        for (int y = 0; y < h; y++) {
            raster.getPixels(0, y, w, 1, row);
            for (int x = 0, o = y * w * nc; x < w; x++, o += nc) {
                for (int c = 0; c < nc; c++) {
                    out[o + c] = (byte) to8(row[x * bands + c], shift[c]);
                }
            }
        }
        return new DecodedImage(w, h, mode, source, out);
    }

    /**
     * Fast path for the common case of 8-bit samples in one byte array (JPEG, 8-bit PNG, WebP):
     * copies the first {@code nc} bands of each pixel without per-pixel virtual calls.
     */
    static boolean copyInterleavedBytes(Raster raster, int nc, byte[] out) {
        if (!(raster.getDataBuffer() instanceof DataBufferByte buffer)
                || !(raster.getSampleModel() instanceof ComponentSampleModel sm)
                || buffer.getNumBanks() != 1
                || raster.getNumBands() < nc) {
            return false;
        }
        int[] bandOffsets = sm.getBandOffsets();
        int[] banks = sm.getBankIndices();
        for (int c = 0; c < nc; c++) {
            if (banks[c] != 0) {
                return false;
            }
        }
        byte[] in = buffer.getData();
        int w = raster.getWidth();
        int h = raster.getHeight();
        int pixelStride = sm.getPixelStride();
        int scanline = sm.getScanlineStride();
        int base = buffer.getOffset()
                - raster.getSampleModelTranslateY() * scanline
                - raster.getSampleModelTranslateX() * pixelStride;
        boolean packed = pixelStride == nc;
        for (int c = 0; c < nc && packed; c++) {
            packed = bandOffsets[c] == c;
        }
        if (packed) {
            // Samples already in output order: one block copy per row.
            for (int y = 0; y < h; y++) {
                System.arraycopy(in, base + y * scanline, out, y * w * nc, w * nc);
            }
            return true;
        }
        for (int y = 0; y < h; y++) {
            int p = base + y * scanline;
            int o = y * w * nc;
            for (int x = 0; x < w; x++, p += pixelStride, o += nc) {
                for (int c = 0; c < nc; c++) {
                    out[o + c] = in[p + bandOffsets[c]];
                }
            }
        }
        return true;
    }

    /** Per band: how to bring a sample to 8 bits (≥ 0: right shift, < 0: rescale from -bits). */
    private static int[] eightBitScale(ColorModel cm, int bands) {
        int[] scale = new int[bands];
        for (int b = 0; b < bands; b++) {
            int bits = cm.getComponentSize(Math.min(b, cm.getNumComponents() - 1));
            // Pillow keeps the most significant byte of 16-bit samples ("RGB;16B" raw modes).
            scale[b] = bits >= 8 ? bits - 8 : -bits;
        }
        return scale;
    }

    private static int to8(int sample, int scale) {
        if (scale >= 0) {
            return sample >>> scale;
        }
        int max = (1 << -scale) - 1;
        return (sample * 255 + max / 2) / max;
    }

    private static DecodedImage viaSrgb(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        boolean alpha = image.getColorModel().hasAlpha();
        PixelMode mode = alpha ? PixelMode.RGBA : PixelMode.RGB;
        int nc = mode.channels();
        byte[] out = new byte[w * h * nc];
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0, o = y * w * nc; x < w; x++, o += nc) {
                int argb = row[x];
                out[o] = (byte) (argb >>> 16);
                out[o + 1] = (byte) (argb >>> 8);
                out[o + 2] = (byte) argb;
                if (alpha) {
                    out[o + 3] = (byte) (argb >>> 24);
                }
            }
        }
        return new DecodedImage(w, h, mode, SourceMode.OTHER, out);
    }
}
