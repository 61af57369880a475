package org.cir4j.app;

import org.cir4j.app.cli.CliSubcommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code cir4j} command line: one subcommand per job. */
@Command(
        name = "cir4j",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Composed image retrieval for the JVM: CLIP4Cir, iSEARLE/SEARLE and ISA.",
        subcommands = {CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line (tests use it to run commands in-process). */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        addPluggedSubcommands(cl);
        // `eval --preprocess clip`: "clip" is also the name of eval's subcommand, and picocli would otherwise take
        // the option value for that subcommand and fail with "Expected parameter for option '--preprocess'".
        // Set after the subcommands are added: the setting is copied to the subcommands that exist.
        cl.setAllowSubcommandsAsOptionParameters(true);
        cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            // User errors (bad file, bad shape) get one clear line; anything else keeps its stack trace.
            if (ex instanceof IllegalArgumentException || ex instanceof java.io.IOException
                    || ex instanceof IllegalStateException) {
                cmd.getErr().println("cir4j: error: " + ex.getMessage());
                if (System.getenv("CIR4J_DEBUG") != null) {
                    ex.printStackTrace(cmd.getErr());
                }
                return 2;
            }
            throw ex;
        });
        return cl;
    }

    /**
     * Adds every {@link CliSubcommand} on the class path: top-level ones first (so {@code train}, {@code eval},
     * {@code bench} exist), then those that name a parent.
     */
    static void addPluggedSubcommands(CommandLine root) {
        java.util.List<CliSubcommand> nested = new java.util.ArrayList<>();
        for (CliSubcommand c : java.util.ServiceLoader.load(CliSubcommand.class)) {
            if (c.parent().isEmpty()) {
                root.addSubcommand(c);
            } else {
                nested.add(c);
            }
        }
        for (CliSubcommand c : nested) {
            CommandLine parent = root.getSubcommands().get(c.parent());
            if (parent == null) {
                throw new IllegalStateException("command " + c.getClass().getName() + " names parent '" + c.parent()
                        + "', which is not a top-level command; known: " + root.getSubcommands().keySet());
            }
            parent.addSubcommand(c);
        }
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"cir4j " + (v == null ? "dev" : v)};
        }
    }
}
