package org.cir4j.app.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code cir4j bench …}: parent of the bench subcommands (each registered in {@code subcommands}). */
@Command(name = "bench", description = "Performance benchmarks (docs/BENCHMARKS.md).", mixinStandardHelpOptions = true,
        subcommands = {
        })
public final class BenchCommand implements Runnable {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
