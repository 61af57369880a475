package org.cir4j.app.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

/** Runs a CLI call with System.out captured (commands print results there). */
public final class CapturedOut {
    private CapturedOut() {}

    public record Run(int exitCode, String out) {}

    public static Run run(Callable<Integer> body) throws Exception {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            int code = body.call();
            return new Run(code, buf.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(old);
        }
    }
}
