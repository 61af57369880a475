package org.cir4j.app.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code cir4j train …}: parent of the train subcommands (each plugs in through {@link CliSubcommand}). */
@Command(name = "train", description = "Train the mini-CLIP and the methods' models.", mixinStandardHelpOptions = true)
public final class TrainCommand implements Runnable, CliSubcommand {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
