package org.cir4j.world.io;

import com.fasterxml.jackson.databind.ObjectWriter;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import org.cir4j.util.AtomicFiles;

/** The world generator's JSON and PNG outputs, written crash-safe through {@link AtomicFiles}. */
public final class WorldFiles {
    private WorldFiles() {}

    public static void writeJson(Path target, ObjectWriter writer, Object value) throws IOException {
        AtomicFiles.write(target, writer.writeValueAsBytes(value));
    }

    public static byte[] png(BufferedImage img) {
        return PngEncoder.encode(img);
    }

    public static void writePng(Path target, BufferedImage img) throws IOException {
        AtomicFiles.write(target, png(img));
    }
}
