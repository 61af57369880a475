package org.cir4j.app.cli;

/**
 * A picocli command that plugs itself into the {@code cir4j} command tree. Implementations are found with
 * {@link java.util.ServiceLoader}: list the class in
 * {@code META-INF/services/org.cir4j.app.cli.CliSubcommand} and it appears under {@link #parent()}. This keeps
 * each feature's command in its own file instead of one hand-edited list in {@code Main}.
 */
public interface CliSubcommand {

    /** The parent command's name: {@code ""} for top level, otherwise {@code train}, {@code bench} or {@code eval}. */
    default String parent() {
        return "";
    }
}
