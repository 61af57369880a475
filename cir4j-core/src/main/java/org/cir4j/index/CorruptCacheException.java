package org.cir4j.index;

import java.nio.file.Path;

/** A feature cache file exists but cannot be trusted; the message says what is wrong with it. */
public class CorruptCacheException extends RuntimeException {
    private final Path file;

    public CorruptCacheException(Path file, String problem) {
        super(file + ": corrupt feature cache: " + problem + " (delete the file to rebuild it)");
        this.file = file;
    }

    public CorruptCacheException(Path file, String problem, Throwable cause) {
        super(file + ": corrupt feature cache: " + problem + " (delete the file to rebuild it)", cause);
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
