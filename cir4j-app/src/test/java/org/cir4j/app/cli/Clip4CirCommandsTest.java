package org.cir4j.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.cir4j.app.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class Clip4CirCommandsTest {

    @Test
    void trainCommandsAreRegistered() {
        CommandLine train = Main.commandLine().getSubcommands().get("train");
        assertThat(train.getSubcommands()).containsKeys("combiner", "finetune");
    }

    @Test
    void missingModelIsAClearError(@TempDir Path tmp) {
        CommandLine cl = Main.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        int code = cl.execute("train", "combiner", "--dataset", "cirr", "--root", tmp.toString(), "--model",
                tmp.resolve("no-model").toString(), "--out", tmp.resolve("out").toString());
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("cir4j: error:").contains("no-model");
    }
}
