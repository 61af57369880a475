package org.cir4j.image;

/**
 * What {@link ContainerProbe} learnt from the file's own headers, independently of ImageIO: the
 * format, the EXIF block, and the colour facts ImageIO hides (JPEG colour transform, PNG colour
 * type). Fields that do not apply to the format are -1, false or null.
 *
 * @param format detected container format
 * @param exif TIFF-structured EXIF payload (without the "Exif\0\0" prefix), or null
 * @param jpegComponents number of components in the JPEG frame header (SOFn)
 * @param jpegComponentIds component identifiers from the frame header
 * @param jpegLossless whether the frame is lossless (SOF3), decoded by a separate path
 * @param jpegJfif whether a JFIF APP0 marker is present
 * @param jpegAdobeTransform the transform byte of an Adobe APP14 marker, or -1 without one
 * @param pngColorType PNG IHDR colour type (0 gray, 2 RGB, 3 palette, 4 gray+alpha, 6 RGBA)
 * @param pngBitDepth PNG IHDR bit depth
 * @param truncated whether the container structure (JPEG headers before the first scan, PNG
 *     chunks, RIFF size) runs past the end of the data, i.e. the file was cut short
 */
record ContainerInfo(
        Format format,
        byte[] exif,
        int jpegComponents,
        int[] jpegComponentIds,
        boolean jpegLossless,
        boolean jpegJfif,
        int jpegAdobeTransform,
        int pngColorType,
        int pngBitDepth,
        boolean truncated) {

    enum Format { JPEG, PNG, WEBP, GIF, BMP, UNKNOWN }

    static ContainerInfo unknown(Format format) {
        return new ContainerInfo(format, null, -1, new int[0], false, false, -1, -1, -1, false);
    }

    /**
     * The colour space libjpeg assumes for the frame (jdapimin.c {@code default_decompress_parms}),
     * which is what Pillow decodes with.
     */
    JpegColorSpace jpegColorSpace() {
        int[] ids = jpegComponentIds;
        switch (jpegComponents) {
            case 1:
                return JpegColorSpace.GRAY;
            case 3:
                if (jpegJfif) {
                    return JpegColorSpace.YCBCR;
                }
                if (jpegAdobeTransform >= 0) {
                    return jpegAdobeTransform == 0 ? JpegColorSpace.RGB : JpegColorSpace.YCBCR;
                }
                if (ids.length == 3 && ids[0] == 'R' && ids[1] == 'G' && ids[2] == 'B') {
                    return JpegColorSpace.RGB;
                }
                return JpegColorSpace.YCBCR;
            case 4:
                if (jpegAdobeTransform >= 0) {
                    return jpegAdobeTransform == 0 ? JpegColorSpace.CMYK : JpegColorSpace.YCCK;
                }
                return JpegColorSpace.CMYK;
            default:
                return JpegColorSpace.UNSUPPORTED;
        }
    }

    enum JpegColorSpace { GRAY, YCBCR, RGB, CMYK, YCCK, UNSUPPORTED }
}
