package org.cir4j.app.cli;

import java.util.concurrent.Callable;
import org.cir4j.methods.ComposerFactory;
import org.cir4j.methods.ComposerRegistry;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code cir4j methods}: the query composers on the class path (what {@code --method} accepts). */
@Command(name = "methods", mixinStandardHelpOptions = true, description = "List the query composers (methods) that --method accepts.")
public final class MethodsCommand implements Callable<Integer>, CliSubcommand {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        ComposerRegistry registry = ComposerRegistry.load();
        int width = registry.all().stream().mapToInt(f -> f.name().length()).max().orElse(0);
        for (ComposerFactory f : registry.all()) {
            out.printf("%-" + width + "s  %s%s%n", f.name(), f.needsCheckpoint() ? "[needs --checkpoint] " : "", f.description());
        }
        out.flush();
        return 0;
    }
}
