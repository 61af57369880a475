package org.cir4j.image;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;

/** Builds small encoded images inside tests (PNG chunks, EXIF blocks, JPEG markers). */
final class TestImages {

    private TestImages() {}

    static byte[] encode(BufferedImage image, String format) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A PNG chunk with its length and CRC. */
    static byte[] pngChunk(String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        return ByteBuffer.allocate(12 + data.length)
                .putInt(data.length).put(typeBytes).put(data).putInt((int) crc.getValue()).array();
    }

    /** A PNG that only has a header: signature, IHDR claiming {@code w × h} RGB pixels, IEND. */
    static byte[] pngHeaderOnly(int w, int h) {
        byte[] ihdr = ByteBuffer.allocate(13).putInt(w).putInt(h).put((byte) 8).put((byte) 2)
                .put((byte) 0).put((byte) 0).put((byte) 0).array();
        return concat(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'},
                pngChunk("IHDR", ihdr), pngChunk("IEND", new byte[0]));
    }

    /** {@code png} with an eXIf chunk inserted right after IHDR. */
    static byte[] withPngExif(byte[] png, byte[] tiff) {
        int afterIhdr = 8 + 8 + 13 + 4;
        return concat(slice(png, 0, afterIhdr), pngChunk("eXIf", tiff), slice(png, afterIhdr, png.length));
    }

    /** {@code jpeg} with an EXIF APP1 segment right after SOI. */
    static byte[] withJpegExif(byte[] jpeg, byte[] tiff) {
        byte[] payload = concat("Exif\0\0".getBytes(StandardCharsets.US_ASCII), tiff);
        byte[] segment = ByteBuffer.allocate(4 + payload.length)
                .put((byte) 0xFF).put((byte) 0xE1).putShort((short) (payload.length + 2)).put(payload).array();
        return concat(slice(jpeg, 0, 2), segment, slice(jpeg, 2, jpeg.length));
    }

    /** A TIFF block whose IFD0 holds only the Orientation tag (SHORT), big- or little-endian. */
    static byte[] orientationTiff(int orientation, boolean littleEndian) {
        ByteBuffer b = ByteBuffer.allocate(26).order(littleEndian
                ? java.nio.ByteOrder.LITTLE_ENDIAN : java.nio.ByteOrder.BIG_ENDIAN);
        b.put(littleEndian ? (byte) 'I' : (byte) 'M').put(littleEndian ? (byte) 'I' : (byte) 'M');
        b.putShort((short) 42).putInt(8);
        b.putShort((short) 1);
        b.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
        b.putInt(0);
        return b.array();
    }

    static BufferedImage gray(int w, int h, int... values) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        image.getRaster().setPixels(0, 0, w, h, values);
        return image;
    }

    static byte[] slice(byte[] b, int from, int to) {
        return java.util.Arrays.copyOfRange(b, from, to);
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int o = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, o, p.length);
            o += p.length;
        }
        return out;
    }
}
