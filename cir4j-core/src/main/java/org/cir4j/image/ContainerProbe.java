package org.cir4j.image;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads the few header facts {@link ImageDecoder} needs straight from the bytes: JPEG markers,
 * PNG chunks and WebP (RIFF) chunks. Tolerant by design: a malformed header ends the scan and
 * leaves the remaining fields unknown, and ImageIO then reports the actual decoding error.
 */
final class ContainerProbe {

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final byte[] EXIF_PREFIX = {'E', 'x', 'i', 'f', 0, 0};

    private ContainerProbe() {}

    static ContainerInfo probe(byte[] b) {
        if (b.length >= 3 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8 && (b[2] & 0xFF) == 0xFF) {
            return jpeg(b);
        }
        if (startsWith(b, 0, PNG_SIGNATURE)) {
            return png(b);
        }
        if (b.length >= 12 && ascii(b, 0, 4).equals("RIFF") && ascii(b, 8, 4).equals("WEBP")) {
            return webp(b);
        }
        if (b.length >= 6 && (ascii(b, 0, 6).equals("GIF87a") || ascii(b, 0, 6).equals("GIF89a"))) {
            return ContainerInfo.unknown(ContainerInfo.Format.GIF);
        }
        if (b.length >= 2 && b[0] == 'B' && b[1] == 'M') {
            return ContainerInfo.unknown(ContainerInfo.Format.BMP);
        }
        return ContainerInfo.unknown(ContainerInfo.Format.UNKNOWN);
    }

    private static ContainerInfo jpeg(byte[] b) {
        byte[] exif = null;
        int components = -1;
        int[] ids = new int[0];
        boolean lossless = false;
        boolean jfif = false;
        int adobe = -1;
        // Cut short if the headers run off the end before the first scan starts.
        boolean truncated = true;
        int pos = 2;
        while (pos + 4 <= b.length) {
            if ((b[pos] & 0xFF) != 0xFF) {
                truncated = false;
                break; // not at a marker: malformed, let ImageIO judge
            }
            int marker = b[pos + 1] & 0xFF;
            if (marker == 0xFF) {
                pos++; // fill byte
                continue;
            }
            if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                pos += 2; // standalone markers
                continue;
            }
            if (marker == 0xD9 || marker == 0xDA) {
                truncated = false;
                break; // end of image, or start of entropy-coded data: all headers seen
            }
            int length = u16be(b, pos + 2);
            int start = pos + 4;
            int end = pos + 2 + length;
            if (length < 2) {
                truncated = false;
                break;
            }
            if (end > b.length) {
                break;
            }
            if (marker == 0xE0 && startsWith(b, start, "JFIF\0".getBytes(StandardCharsets.US_ASCII))) {
                jfif = true;
            } else if (marker == 0xE1 && exif == null && startsWith(b, start, EXIF_PREFIX)) {
                exif = Arrays.copyOfRange(b, start + EXIF_PREFIX.length, end);
            } else if (marker == 0xEE && end - start >= 12
                    && startsWith(b, start, "Adobe".getBytes(StandardCharsets.US_ASCII))) {
                adobe = b[start + 11] & 0xFF;
            } else if (isStartOfFrame(marker) && end - start >= 6 && components < 0) {
                components = b[start + 5] & 0xFF;
                lossless = marker == 0xC3;
                ids = new int[Math.max(0, Math.min(components, (end - start - 6) / 3))];
                for (int i = 0; i < ids.length; i++) {
                    ids[i] = b[start + 6 + 3 * i] & 0xFF;
                }
            }
            pos = end;
        }
        return new ContainerInfo(
                ContainerInfo.Format.JPEG, exif, components, ids, lossless, jfif, adobe, -1, -1, truncated);
    }

    private static boolean isStartOfFrame(int marker) {
        return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    }

    private static ContainerInfo png(byte[] b) {
        byte[] exif = null;
        int colorType = -1;
        int bitDepth = -1;
        boolean truncated = false;
        int pos = PNG_SIGNATURE.length;
        while (pos < b.length) {
            if (pos + 8 > b.length) {
                truncated = true; // a partial chunk header
                break;
            }
            long length = u32be(b, pos);
            String type = ascii(b, pos + 4, 4);
            long end = pos + 8 + length;
            if (end + 4 > b.length) {
                truncated = true; // the chunk's data or CRC is cut off
                break;
            }
            if (type.equals("IEND")) {
                break; // a missing IEND alone is tolerated, as Pillow does
            }
            int start = pos + 8;
            if (type.equals("IHDR") && length >= 13) {
                bitDepth = b[start + 8] & 0xFF;
                colorType = b[start + 9] & 0xFF;
            } else if (type.equals("eXIf") && exif == null) {
                exif = stripExifPrefix(Arrays.copyOfRange(b, start, (int) end));
            }
            pos = (int) end + 4; // skip the CRC
        }
        return new ContainerInfo(
                ContainerInfo.Format.PNG, exif, -1, new int[0], false, false, -1, colorType, bitDepth, truncated);
    }

    private static ContainerInfo webp(byte[] b) {
        byte[] exif = null;
        boolean truncated = u32le(b, 4) + 8 > b.length;
        int pos = 12;
        while (pos + 8 <= b.length) {
            String fourcc = ascii(b, pos, 4);
            long size = u32le(b, pos + 4);
            long end = pos + 8 + size;
            if (end > b.length) {
                break;
            }
            if (fourcc.equals("EXIF") && exif == null) {
                exif = stripExifPrefix(Arrays.copyOfRange(b, pos + 8, (int) end));
            }
            pos = (int) (end + (size & 1)); // chunks are padded to an even size
        }
        return new ContainerInfo(ContainerInfo.Format.WEBP, exif, -1, new int[0], false, false, -1, -1, -1, truncated);
    }

    /** Some writers keep JPEG's "Exif\0\0" prefix inside PNG/WebP chunks; Pillow accepts both. */
    private static byte[] stripExifPrefix(byte[] exif) {
        return startsWith(exif, 0, EXIF_PREFIX) ? Arrays.copyOfRange(exif, EXIF_PREFIX.length, exif.length) : exif;
    }

    private static boolean startsWith(byte[] b, int offset, byte[] prefix) {
        if (offset < 0 || offset + prefix.length > b.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b[offset + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static String ascii(byte[] b, int offset, int length) {
        if (offset + length > b.length) {
            return "";
        }
        return new String(b, offset, length, StandardCharsets.ISO_8859_1);
    }

    private static int u16be(byte[] b, int p) {
        return ((b[p] & 0xFF) << 8) | (b[p + 1] & 0xFF);
    }

    private static long u32be(byte[] b, int p) {
        return ((long) (b[p] & 0xFF) << 24) | ((b[p + 1] & 0xFF) << 16) | ((b[p + 2] & 0xFF) << 8) | (b[p + 3] & 0xFF);
    }

    private static long u32le(byte[] b, int p) {
        return ((long) (b[p + 3] & 0xFF) << 24) | ((b[p + 2] & 0xFF) << 16) | ((b[p + 1] & 0xFF) << 8) | (b[p] & 0xFF);
    }
}
