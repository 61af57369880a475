package org.cir4j.image;

/**
 * The EXIF Orientation tag (0x0112) and the transpose that puts the image upright, as Pillow's
 * {@code ImageOps.exif_transpose} does it (orientation 2 → FLIP_LEFT_RIGHT, 3 → ROTATE_180,
 * 4 → FLIP_TOP_BOTTOM, 5 → TRANSPOSE, 6 → ROTATE_270, 7 → TRANSVERSE, 8 → ROTATE_90).
 */
public enum ExifOrientation {
    /** 1: stored upright. */
    NORMAL(1),
    /** 2: mirrored left to right. */
    MIRROR_HORIZONTAL(2),
    /** 3: upside down. */
    ROTATE_180(3),
    /** 4: mirrored top to bottom. */
    MIRROR_VERTICAL(4),
    /** 5: mirrored along the main diagonal (Pillow TRANSPOSE). */
    TRANSPOSE(5),
    /** 6: needs a 90° clockwise turn to be upright (Pillow ROTATE_270). */
    ROTATE_90_CW(6),
    /** 7: mirrored along the anti-diagonal (Pillow TRANSVERSE). */
    TRANSVERSE(7),
    /** 8: needs a 90° counter-clockwise turn to be upright (Pillow ROTATE_90). */
    ROTATE_90_CCW(8);

    private static final int TAG_ORIENTATION = 0x0112;

    private final int tagValue;

    ExifOrientation(int tagValue) {
        this.tagValue = tagValue;
    }

    /** The value stored in the EXIF tag (1..8). */
    public int tagValue() {
        return tagValue;
    }

    /** The orientation for a tag value; values outside 1..8 mean "leave as is", like Pillow. */
    public static ExifOrientation fromTag(int value) {
        return value >= 1 && value <= 8 ? values()[value - 1] : NORMAL;
    }

    /** Whether the upright image has width and height swapped. */
    public boolean swapsAxes() {
        return tagValue >= 5;
    }

    /**
     * The orientation stored in a TIFF-structured EXIF block (the bytes after JPEG's
     * "Exif\0\0"), or {@link #NORMAL} when the block has no valid Orientation in IFD0.
     */
    public static ExifOrientation fromExif(byte[] tiff) {
        if (tiff == null || tiff.length < 8) {
            return NORMAL;
        }
        boolean little;
        if (tiff[0] == 'I' && tiff[1] == 'I') {
            little = true;
        } else if (tiff[0] == 'M' && tiff[1] == 'M') {
            little = false;
        } else {
            return NORMAL;
        }
        if (u16(tiff, 2, little) != 42) {
            return NORMAL;
        }
        long ifd = u32(tiff, 4, little);
        if (ifd < 8 || ifd + 2 > tiff.length) {
            return NORMAL;
        }
        int count = u16(tiff, (int) ifd, little);
        for (int i = 0; i < count; i++) {
            int entry = (int) ifd + 2 + 12 * i;
            if (entry + 12 > tiff.length) {
                return NORMAL;
            }
            if (u16(tiff, entry, little) != TAG_ORIENTATION) {
                continue;
            }
            int type = u16(tiff, entry + 2, little);
            int value = switch (type) {
                case 1, 7 -> tiff[entry + 8] & 0xFF; // BYTE, UNDEFINED
                case 3, 8 -> u16(tiff, entry + 8, little); // SHORT (the standard type), SSHORT
                case 4, 9 -> (int) u32(tiff, entry + 8, little); // LONG, SLONG
                default -> 1;
            };
            return fromTag(value);
        }
        return NORMAL;
    }

    /** The image turned upright. {@link #NORMAL} returns {@code image} itself. */
    public DecodedImage apply(DecodedImage image) {
        if (this == NORMAL) {
            return image;
        }
        int w = image.width();
        int h = image.height();
        int nc = image.channels();
        int outW = swapsAxes() ? h : w;
        int outH = swapsAxes() ? w : h;
        byte[] in = image.data;
        byte[] out = new byte[in.length];
        // The stored pixel (sx, sy) that lands on upright pixel (x, y) moves by (dx, dy) per step in x.
        int dx = switch (this) {
            case MIRROR_HORIZONTAL, ROTATE_180 -> -1;
            case MIRROR_VERTICAL -> 1;
            default -> 0;
        };
        int dy = switch (this) {
            case TRANSPOSE, ROTATE_90_CCW -> 1;
            case ROTATE_90_CW, TRANSVERSE -> -1;
            default -> 0;
        };
        int step = (dy * w + dx) * nc;
        for (int y = 0; y < outH; y++) {
            int sx;
            int sy;
            switch (this) { // source of the row's first pixel (x = 0)
                case MIRROR_HORIZONTAL -> { sx = w - 1; sy = y; }
                case ROTATE_180 -> { sx = w - 1; sy = h - 1 - y; }
                case MIRROR_VERTICAL -> { sx = 0; sy = h - 1 - y; }
                case TRANSPOSE -> { sx = y; sy = 0; }
                case ROTATE_90_CW -> { sx = y; sy = h - 1; }
                case TRANSVERSE -> { sx = w - 1 - y; sy = h - 1; }
                case ROTATE_90_CCW -> { sx = w - 1 - y; sy = 0; }
                default -> throw new AssertionError(this);
            }
            int p = (sy * w + sx) * nc;
            int o = y * outW * nc;
            for (int x = 0; x < outW; x++, p += step) {
                for (int c = 0; c < nc; c++) {
                    out[o++] = in[p + c];
                }
            }
        }
        return new DecodedImage(outW, outH, image.mode(), image.sourceMode(), out);
    }

    private static int u16(byte[] b, int p, boolean little) {
        return little ? (b[p] & 0xFF) | ((b[p + 1] & 0xFF) << 8) : ((b[p] & 0xFF) << 8) | (b[p + 1] & 0xFF);
    }

    private static long u32(byte[] b, int p, boolean little) {
        long b0 = b[p] & 0xFF, b1 = b[p + 1] & 0xFF, b2 = b[p + 2] & 0xFF, b3 = b[p + 3] & 0xFF;
        return little ? b0 | (b1 << 8) | (b2 << 16) | (b3 << 24) : (b0 << 24) | (b1 << 16) | (b2 << 8) | b3;
    }
}
