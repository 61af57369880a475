package org.cir4j.model;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A checkpoint or tensor file that exists but does not fit: malformed header, unknown, missing or
 * mis-shaped tensor, unsupported format. The message always names the file; {@link #file()} gives it
 * programmatically.
 */
public class CheckpointFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;

    /** A problem with {@code file}, described by {@code message}. */
    public CheckpointFormatException(Path file, String message) {
        super(file + ": " + message);
        this.file = file;
    }

    /** A problem with {@code file}, described by {@code message}, caused by {@code cause}. */
    public CheckpointFormatException(Path file, String message, Throwable cause) {
        super(file + ": " + message, cause);
        this.file = file;
    }

    /** The offending file. */
    public Path file() {
        return file;
    }
}
