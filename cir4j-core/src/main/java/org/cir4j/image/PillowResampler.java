package org.cir4j.image;

import java.util.Objects;

/**
 * A port of Pillow's {@code Image.resize} for 8-bit images: libImaging/Resample.c
 * ({@code ImagingResample}) for the convolution filters and the affine nearest-neighbour scaler of
 * Geometry.c ({@code ImagingScaleAffine}) for {@link ResampleFilter#NEAREST}. Results are
 * identical to Pillow's, sample for sample.
 *
 * <p>What is reproduced: antialiasing (the kernel is widened by the downscale factor), coefficient
 * normalisation and conversion to fixed point with {@code PRECISION_BITS = 22}, the horizontal pass
 * first into an 8-bit intermediate restricted to the rows the vertical pass reads, rounding and
 * clipping, skipping a pass whose dimension does not change, returning a copy when no dimension
 * changes, and for {@link PixelMode#RGBA} the premultiplied-alpha round trip of {@code
 * Image.resize} (RGBA → "RGBa" → resize → RGBA with Convert.c's integer formulas; not for NEAREST).
 *
 * <p>{@link #resizeCropped} additionally fuses a crop into the resize: each output pixel depends
 * only on its own position, so computing just the cropped window gives the same values as resizing
 * everything and cropping, at a fraction of the cost (CLIP's center crop keeps ~2/3 of a 3:2 photo;
 * for extreme aspect ratios the full resized image would not even fit in memory).
 */
public final class PillowResampler {

    private static final int HALF = 1 << (ResampleCoefficients.PRECISION_BITS - 1);

    private PillowResampler() {}

    /** Pillow's {@code image.resize((width, height), filter)}. */
    public static DecodedImage resize(DecodedImage image, int width, int height, ResampleFilter filter) {
        return resizeCropped(image, width, height, filter, 0, 0, width, height);
    }

    /**
     * Pillow's {@code image.resize((width, height), filter).crop((cropX, cropY, cropX + cropWidth,
     * cropY + cropHeight))}, computing only the cropped pixels. The crop must lie inside the resized
     * image.
     */
    public static DecodedImage resizeCropped(
            DecodedImage image, int width, int height, ResampleFilter filter,
            int cropX, int cropY, int cropWidth, int cropHeight) {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(filter, "filter");
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("target size must be positive, found " + width + " x " + height);
        }
        if (cropWidth < 1 || cropHeight < 1 || cropX < 0 || cropY < 0
                || (long) cropX + cropWidth > width || (long) cropY + cropHeight > height) {
            throw new IllegalArgumentException(String.format(
                    "crop box (%d, %d, %d x %d) does not lie inside the %d x %d resized image",
                    cropX, cropY, cropWidth, cropHeight, width, height));
        }
        if ((long) cropWidth * cropHeight * image.channels() > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(
                    "output of " + cropWidth + " x " + cropHeight + " pixels is too large for one array");
        }
        if (width == image.width() && height == image.height()) {
            return crop(image, cropX, cropY, cropWidth, cropHeight); // Image.resize returns a copy
        }
        if (filter == ResampleFilter.NEAREST) {
            return nearest(image, width, height, cropX, cropY, cropWidth, cropHeight);
        }
        if (image.mode() == PixelMode.RGBA) {
            DecodedImage premultiplied = PremultipliedAlpha.premultiply(image);
            DecodedImage resized = convolve(premultiplied, width, height, filter, cropX, cropY, cropWidth, cropHeight);
            return PremultipliedAlpha.unpremultiply(resized);
        }
        return convolve(image, width, height, filter, cropX, cropY, cropWidth, cropHeight);
    }

    /** {@code ImagingResampleInner}, restricted to the crop window. */
    private static DecodedImage convolve(
            DecodedImage image, int width, int height, ResampleFilter filter,
            int cropX, int cropY, int cropWidth, int cropHeight) {
        int inW = image.width();
        int inH = image.height();
        int nc = image.channels();
        boolean needHorizontal = width != inW;
        boolean needVertical = height != inH;
        ResampleCoefficients vertical = ResampleCoefficients.compute(inH, height, filter, cropY, cropHeight);

        if (!needHorizontal) {
            // Only the vertical pass, reading the source columns of the crop window directly.
            byte[] out = new byte[cropWidth * cropHeight * nc];
            verticalPass(image.data, inW * nc, cropX * nc, cropWidth * nc, vertical, 0, out);
            return new DecodedImage(cropWidth, cropHeight, image.mode(), image.sourceMode(), out);
        }
        ResampleCoefficients horizontal = ResampleCoefficients.compute(inW, width, filter, cropX, cropWidth);
        // Rows the vertical pass will read (Pillow's ybox_first / ybox_last), or the crop rows
        // when there is no vertical pass.
        int rowFirst;
        int rowEnd;
        if (needVertical) {
            rowFirst = vertical.min[0];
            rowEnd = vertical.min[cropHeight - 1] + vertical.size[cropHeight - 1];
        } else {
            rowFirst = cropY;
            rowEnd = cropY + cropHeight;
        }
        byte[] temp = new byte[(rowEnd - rowFirst) * cropWidth * nc];
        horizontalPass(image.data, inW, nc, rowFirst, rowEnd - rowFirst, horizontal, temp);
        if (!needVertical) {
            return new DecodedImage(cropWidth, cropHeight, image.mode(), image.sourceMode(), temp);
        }
        byte[] out = new byte[cropWidth * cropHeight * nc];
        verticalPass(temp, cropWidth * nc, 0, cropWidth * nc, vertical, rowFirst, out);
        return new DecodedImage(cropWidth, cropHeight, image.mode(), image.sourceMode(), out);
    }

    /**
     * {@code ImagingResampleHorizontal_8bpc} for rows {@code rowFirst .. rowFirst + rows - 1}. Like
     * Pillow, all channels of a pixel are accumulated in one sweep over the taps.
     */
    private static void horizontalPass(
            byte[] in, int inW, int nc, int rowFirst, int rows, ResampleCoefficients cx, byte[] out) {
        int outW = cx.min.length;
        int ksize = cx.ksize;
        int[] taps = cx.taps;
        int[] xmins = cx.min;
        int[] sizes = cx.size;
        for (int yy = 0; yy < rows; yy++) {
            int rowIn = (rowFirst + yy) * inW * nc;
            int o = yy * outW * nc;
            for (int xx = 0; xx < outW; xx++) {
                int xmax = sizes[xx];
                int k = xx * ksize;
                int p = rowIn + xmins[xx] * nc;
                switch (nc) {
                    case 1 -> {
                        int ss0 = HALF;
                        for (int x = 0; x < xmax; x++) {
                            ss0 += (in[p + x] & 0xFF) * taps[k + x];
                        }
                        out[o++] = clip8(ss0);
                    }
                    case 3 -> {
                        int ss0 = HALF;
                        int ss1 = HALF;
                        int ss2 = HALF;
                        for (int x = 0; x < xmax; x++, p += 3) {
                            int t = taps[k + x];
                            ss0 += (in[p] & 0xFF) * t;
                            ss1 += (in[p + 1] & 0xFF) * t;
                            ss2 += (in[p + 2] & 0xFF) * t;
                        }
                        out[o++] = clip8(ss0);
                        out[o++] = clip8(ss1);
                        out[o++] = clip8(ss2);
                    }
                    case 4 -> {
                        int ss0 = HALF;
                        int ss1 = HALF;
                        int ss2 = HALF;
                        int ss3 = HALF;
                        for (int x = 0; x < xmax; x++, p += 4) {
                            int t = taps[k + x];
                            ss0 += (in[p] & 0xFF) * t;
                            ss1 += (in[p + 1] & 0xFF) * t;
                            ss2 += (in[p + 2] & 0xFF) * t;
                            ss3 += (in[p + 3] & 0xFF) * t;
                        }
                        out[o++] = clip8(ss0);
                        out[o++] = clip8(ss1);
                        out[o++] = clip8(ss2);
                        out[o++] = clip8(ss3);
                    }
                    default -> throw new IllegalStateException("unsupported channel count " + nc);
                }
            }
        }
    }

    /**
     * {@code ImagingResampleVertical_8bpc}: each output row is a weighted sum of source rows.
     * Summing whole rows into an accumulator keeps memory access sequential; the integer sums are
     * the same as Pillow's per-pixel loop.
     *
     * @param rowBytes bytes per source row
     * @param colOffset first byte of the window in each source row
     * @param windowBytes bytes per output row
     * @param rowShift row index of {@code in}'s first row in source coordinates
     */
    private static void verticalPass(
            byte[] in, int rowBytes, int colOffset, int windowBytes, ResampleCoefficients cy, int rowShift, byte[] out) {
        int outH = cy.min.length;
        int ksize = cy.ksize;
        int[] taps = cy.taps;
        int[] acc = new int[windowBytes];
        for (int yy = 0; yy < outH; yy++) {
            java.util.Arrays.fill(acc, HALF);
            int ymin = cy.min[yy] - rowShift;
            int ymax = cy.size[yy];
            int k = yy * ksize;
            for (int y = 0; y < ymax; y++) {
                int tap = taps[k + y];
                int p = (ymin + y) * rowBytes + colOffset;
                for (int j = 0; j < windowBytes; j++) {
                    acc[j] += (in[p + j] & 0xFF) * tap;
                }
            }
            int o = yy * windowBytes;
            for (int j = 0; j < windowBytes; j++) {
                out[o + j] = clip8(acc[j]);
            }
        }
    }

    /** Resample.c {@code clip8}: drop the fraction bits and clamp to 0..255. */
    private static byte clip8(int ss) {
        int v = ss >> ResampleCoefficients.PRECISION_BITS;
        return (byte) (v < 0 ? 0 : Math.min(v, 255));
    }

    /**
     * Geometry.c {@code ImagingScaleAffine} as {@code _resize} calls it for NEAREST: source
     * positions advance by repeated addition of the scale (not multiplication), as in C, so the
     * rounding of the running position is the same.
     */
    private static DecodedImage nearest(
            DecodedImage image, int width, int height, int cropX, int cropY, int cropWidth, int cropHeight) {
        int inW = image.width();
        int inH = image.height();
        int nc = image.channels();
        double a0 = (double) inW / width;
        double a4 = (double) inH / height;
        // Source column per output column; columns outside [xmin, xmax) stay 0 (fill).
        int[] xintab = new int[cropWidth];
        int xmin = cropX + cropWidth;
        int xmax = cropX;
        double xo = a0 * 0.5;
        for (int x = 0; x < cropX + cropWidth; x++) {
            int xin = coord(xo);
            if (x >= cropX && xin >= 0 && xin < inW) {
                xmax = x + 1;
                if (x < xmin) {
                    xmin = x;
                }
                xintab[x - cropX] = xin;
            }
            xo += a0;
        }
        byte[] in = image.data;
        byte[] out = new byte[cropWidth * cropHeight * nc];
        double yo = a4 * 0.5;
        for (int y = 0; y < cropY + cropHeight; y++) {
            int yi = coord(yo);
            if (y >= cropY && yi >= 0 && yi < inH) {
                int rowIn = yi * inW * nc;
                int rowOut = (y - cropY) * cropWidth * nc;
                for (int x = xmin; x < xmax; x++) {
                    System.arraycopy(in, rowIn + xintab[x - cropX] * nc, out, rowOut + (x - cropX) * nc, nc);
                }
            }
            yo += a4;
        }
        return new DecodedImage(cropWidth, cropHeight, image.mode(), image.sourceMode(), out);
    }

    /** Geometry.c {@code COORD}: −1 for negative positions, else truncation. */
    private static int coord(double v) {
        return v < 0.0 ? -1 : (int) v;
    }

    /** Pillow's {@code crop} of an image whose size does not change (a plain copy of the window). */
    static DecodedImage crop(DecodedImage image, int x0, int y0, int w, int h) {
        int nc = image.channels();
        if (x0 == 0 && y0 == 0 && w == image.width() && h == image.height()) {
            return image; // immutable, so the "copy" can be the image itself
        }
        byte[] out = new byte[w * h * nc];
        for (int y = 0; y < h; y++) {
            System.arraycopy(image.data, ((y0 + y) * image.width() + x0) * nc, out, y * w * nc, w * nc);
        }
        return new DecodedImage(w, h, image.mode(), image.sourceMode(), out);
    }
}
