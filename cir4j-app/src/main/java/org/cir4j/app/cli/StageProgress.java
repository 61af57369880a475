package org.cir4j.app.cli;

import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A terminal progress bar for work reported as (stage, done, total) — one bar per stage, replaced
 * when the stage changes. Writes to stderr so that stdout stays machine-readable.
 */
public final class StageProgress implements AutoCloseable {

    private final PrintStream out;
    private ProgressBar bar;
    private String stage;

    public StageProgress() {
        this(System.err);
    }

    public StageProgress(PrintStream out) {
        this.out = out;
    }

    /** Reports progress; a new {@code stage} name closes the previous bar and opens a new one. */
    public synchronized void update(String stageName, long done, long total) {
        if (!stageName.equals(stage)) {
            close();
            stage = stageName;
            bar = new ProgressBarBuilder()
                    .setTaskName(stageName)
                    .setInitialMax(total)
                    .setStyle(ProgressBarStyle.ASCII)
                    .setConsumer(new ConsoleProgressBarConsumer(out))
                    .setUpdateIntervalMillis(500)
                    .build();
        }
        bar.maxHint(total);
        bar.stepTo(done);
    }

    @Override
    public synchronized void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
        stage = null;
    }
}
