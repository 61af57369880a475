package org.cir4j.app.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code cir4j train …}: parent of the train subcommands (each registered in {@code subcommands}). */
@Command(name = "train", description = "Train the mini-CLIP and the methods' models.", mixinStandardHelpOptions = true,
        subcommands = {
        })
public final class TrainCommand implements Runnable {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
