package org.cir4j.app.server;

/**
 * Limits and place of the HTTP server.
 *
 * @param host           interface to bind ("127.0.0.1": this machine only; "0.0.0.0": every interface)
 * @param port           TCP port (0: any free port)
 * @param maxUploadBytes largest accepted upload (413 beyond)
 * @param maxPixels      largest accepted image in pixels, checked from the header before decoding (413 beyond)
 * @param timeoutMillis  a search not answered within this time gets 503 (the work is abandoned)
 * @param workers        searches running at once (more wait in line, still under the timeout)
 */
public record ServerOptions(String host, int port, long maxUploadBytes, long maxPixels, long timeoutMillis, int workers) {

    public static ServerOptions defaults(int port) {
        return new ServerOptions("127.0.0.1", port, 10L << 20, 40_000_000L, 15_000, Math.max(1, Runtime.getRuntime().availableProcessors()));
    }

    public ServerOptions {
        if (port < 0 || port > 65535 || maxUploadBytes < 1 || maxPixels < 1 || timeoutMillis < 1 || workers < 1) {
            throw new IllegalArgumentException("bad server options: " + this);
        }
    }
}
