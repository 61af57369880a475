package org.cir4j.app.server;

/** A request the server refuses, with the HTTP status to answer (4xx) and a message for the client. */
public final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;

    public ApiException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
