package org.cir4j.data;

/** A dataset on disk cannot be read as the layout it claims to be. */
public class DatasetException extends RuntimeException {
    public DatasetException(String message) {
        super(message);
    }

    public DatasetException(String message, Throwable cause) {
        super(message, cause);
    }
}
