package org.cir4j.app.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code cir4j bench …}: parent of the bench subcommands (each plugs in through {@link CliSubcommand}). */
@Command(name = "bench", description = "Performance benchmarks (docs/BENCHMARKS.md).", mixinStandardHelpOptions = true)
public final class BenchCommand implements Runnable, CliSubcommand {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
