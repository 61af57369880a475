package org.cir4j.image;

import javax.imageio.stream.ImageInputStreamImpl;

/**
 * An {@code ImageInputStream} over a byte array without copying it. ImageIO's own wrappers for
 * in-memory data either cache to a temporary file or copy into a cache; the decoder already holds
 * the whole file, so neither is needed.
 */
final class ByteArrayImageInput extends ImageInputStreamImpl {

    private final byte[] data;

    ByteArrayImageInput(byte[] data) {
        this.data = data;
    }

    @Override
    public int read() {
        bitOffset = 0;
        return streamPos < data.length ? data[(int) streamPos++] & 0xFF : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (off < 0 || len < 0 || off + len > b.length) {
            throw new IndexOutOfBoundsException("off=" + off + " len=" + len + " buffer=" + b.length);
        }
        bitOffset = 0;
        if (len == 0) {
            return 0;
        }
        if (streamPos >= data.length) {
            return -1;
        }
        int n = (int) Math.min(len, data.length - streamPos);
        System.arraycopy(data, (int) streamPos, b, off, n);
        streamPos += n;
        return n;
    }

    @Override
    public long length() {
        return data.length;
    }
}
