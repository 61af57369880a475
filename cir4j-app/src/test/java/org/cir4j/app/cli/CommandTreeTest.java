package org.cir4j.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.cir4j.app.Main;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class CommandTreeTest {

    @Test
    void pluggedCommandsAppearUnderTheirParents() {
        CommandLine cl = Main.commandLine();
        assertThat(cl.getSubcommands()).containsKeys("help", "world", "train", "eval", "bench");
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out));
        assertThat(cl.execute("--help")).isZero();
        assertThat(out.toString()).contains("world", "train", "eval", "bench");
    }

    @Test
    void unknownSubcommandIsAUsageError() {
        CommandLine cl = Main.commandLine();
        cl.setErr(new PrintWriter(new StringWriter()));
        assertThat(cl.execute("no-such-command")).isEqualTo(2);
    }

    @Test
    void anOptionValueThatIsAlsoASubcommandNameIsTheOptionsValue() {
        // `eval clip` is a subcommand; `eval --preprocess clip` must still mean the preprocessing named clip.
        CommandLine.ParseResult r = Main.commandLine().parseArgs("eval", "--dataset", "world", "--root", "w",
                "--preprocess", "clip", "--method", "sum");
        CommandLine.ParseResult eval = r.subcommand();
        assertThat(eval.commandSpec().name()).isEqualTo("eval");
        assertThat(eval.hasSubcommand()).isFalse();
        assertThat(eval.matchedOptionValue("--preprocess", "")).isEqualTo("clip");
    }
}
