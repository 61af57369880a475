package org.cir4j.index.gallery;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.cir4j.util.AtomicFiles;

/**
 * {@code exact.vec}: the index's float vectors as one contiguous matrix, for exact search and a fast start.
 * It is a cache of what the Lucene commit holds (ids, norms, vectors) stamped with that commit's generation;
 * a stale or missing file is rebuilt from Lucene on open, so a crash between the Lucene commit and this
 * write costs only time.
 *
 * <p>Layout: magic {@code CIR4JEXV}, int version, int header length H, then H bytes of header (long
 * generation, int count, int dim, count × (int docId, UTF id, float norm)), then count × dim float32
 * little-endian.
 */
final class ExactVectorsFile {
    static final String FILE = "exact.vec";
    private static final long MAGIC = 0x434952344a455856L; // "CIR4JEXV"
    private static final int VERSION = 1;

    record Contents(long generation, int[] docIds, String[] ids, float[] norms, float[] matrix, int dim) {}

    private ExactVectorsFile() {}

    static void write(Path indexDir, Contents c) throws IOException {
        ByteArrayOutputStream headerBytes = new ByteArrayOutputStream();
        try (DataOutputStream h = new DataOutputStream(headerBytes)) {
            h.writeLong(c.generation());
            h.writeInt(c.ids().length);
            h.writeInt(c.dim());
            for (int i = 0; i < c.ids().length; i++) {
                h.writeInt(c.docIds()[i]);
                h.writeUTF(c.ids()[i]);
                h.writeFloat(c.norms()[i]);
            }
        }
        AtomicFiles.write(indexDir.resolve(FILE), out -> {
            DataOutputStream d = new DataOutputStream(out);
            d.writeLong(MAGIC);
            d.writeInt(VERSION);
            d.writeInt(headerBytes.size());
            headerBytes.writeTo(d);
            d.flush();
            ByteBuffer chunk = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
            float[] m = c.matrix();
            for (int i = 0; i < m.length; i++) {
                if (!chunk.hasRemaining()) {
                    out.write(chunk.array(), 0, chunk.position());
                    chunk.clear();
                }
                chunk.putFloat(m[i]);
            }
            out.write(chunk.array(), 0, chunk.position());
        });
    }

    /** The commit generation the file was written for, or -1 when it is absent or unreadable. */
    static long generationOf(Path indexDir) {
        Path f = indexDir.resolve(FILE);
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
            ByteBuffer pre = ByteBuffer.allocate(24);
            readFully(ch, pre, f);
            pre.flip();
            if (pre.getLong() != MAGIC || pre.getInt() != VERSION) {
                return -1;
            }
            pre.getInt();
            return pre.getLong();
        } catch (IOException e) {
            return -1;
        }
    }

    /** The contents, or {@code null} when the file is absent or belongs to another commit generation. */
    static Contents readIfCurrent(Path indexDir, long generation) throws IOException {
        Path f = indexDir.resolve(FILE);
        if (!Files.isRegularFile(f)) {
            return null;
        }
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
            ByteBuffer pre = ByteBuffer.allocate(16);
            readFully(ch, pre, f);
            pre.flip();
            if (pre.getLong() != MAGIC || pre.getInt() != VERSION) {
                throw new IOException(f + ": not a cir4j exact-vectors file (bad magic or version); delete it to rebuild");
            }
            int headerLen = pre.getInt();
            ByteBuffer header = ByteBuffer.allocate(headerLen);
            readFully(ch, header, f);
            DataInputStream h = new DataInputStream(new java.io.ByteArrayInputStream(header.array()));
            long gen = h.readLong();
            if (gen != generation) {
                return null;
            }
            int count = h.readInt();
            int dim = h.readInt();
            int[] docIds = new int[count];
            String[] ids = new String[count];
            float[] norms = new float[count];
            for (int i = 0; i < count; i++) {
                docIds[i] = h.readInt();
                ids[i] = h.readUTF();
                norms[i] = h.readFloat();
            }
            long expected = 16L + headerLen + 4L * count * dim;
            if (ch.size() != expected) {
                throw new IOException(f + ": " + ch.size() + " bytes, expected " + expected + " for " + count + " x " + dim
                        + " vectors; delete it to rebuild");
            }
            float[] matrix = new float[Math.multiplyExact(count, dim)];
            ByteBuffer body = ch.map(FileChannel.MapMode.READ_ONLY, 16L + headerLen, 4L * count * dim)
                    .order(ByteOrder.LITTLE_ENDIAN);
            body.asFloatBuffer().get(matrix);
            return new Contents(gen, docIds, ids, norms, matrix, dim);
        }
    }

    private static void readFully(FileChannel ch, ByteBuffer b, Path f) throws IOException {
        while (b.hasRemaining()) {
            if (ch.read(b) < 0) {
                throw new IOException(f + ": truncated exact-vectors file; delete it to rebuild");
            }
        }
    }
}
