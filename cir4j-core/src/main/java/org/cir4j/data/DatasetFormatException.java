package org.cir4j.data;

import java.nio.file.Path;

/**
 * An annotation file is malformed: not JSON, wrong top-level shape, or an entry with a missing or
 * mistyped field. The message names the file, the entry index and the field.
 */
public class DatasetFormatException extends DatasetException {
    private final Path file;
    private final int entryIndex;
    private final String field;

    public DatasetFormatException(Path file, int entryIndex, String field, String problem) {
        super(describe(file, entryIndex, field, problem));
        this.file = file;
        this.entryIndex = entryIndex;
        this.field = field;
    }

    public DatasetFormatException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
        this.entryIndex = -1;
        this.field = null;
    }

    private static String describe(Path file, int entryIndex, String field, String problem) {
        StringBuilder sb = new StringBuilder().append(file);
        if (entryIndex >= 0) {
            sb.append(": entry ").append(entryIndex);
        }
        if (field != null) {
            sb.append(": field '").append(field).append('\'');
        }
        return sb.append(": ").append(problem).toString();
    }

    public Path file() {
        return file;
    }

    /** Index of the offending entry in the file's top-level list, or -1 when the file as a whole is bad. */
    public int entryIndex() {
        return entryIndex;
    }

    /** The offending field, or {@code null}. */
    public String field() {
        return field;
    }
}
