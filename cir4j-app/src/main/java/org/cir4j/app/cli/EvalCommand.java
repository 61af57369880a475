package org.cir4j.app.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code cir4j eval …}: evaluation commands (each plugs in through {@link CliSubcommand} with parent {@code eval}). */
@Command(name = "eval", description = "Evaluate models and methods (docs/RESULTS.md).", mixinStandardHelpOptions = true)
public final class EvalCommand implements Runnable, CliSubcommand {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
