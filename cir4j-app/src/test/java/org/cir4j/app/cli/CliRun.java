package org.cir4j.app.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.cir4j.app.Main;
import picocli.CommandLine;

/** Runs the cir4j command line in-process and captures its stdout/stderr (tests only). */
record CliRun(int exitCode, String out, String err) {

    static CliRun of(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }
}
