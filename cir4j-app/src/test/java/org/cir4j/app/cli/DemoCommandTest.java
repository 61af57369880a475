package org.cir4j.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.cir4j.app.Main;
import org.cir4j.app.testing.CapturedOut;
import org.cir4j.app.testing.TinyModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {

    @TempDir Path tmp;

    @Test
    void noServePrintsComposedQueriesAndTheSecondRunReusesEverything() throws Exception {
        Path model = TinyModel.write(tmp.resolve("model"), 4);
        Path cache = tmp.resolve("cache");
        String[] args = {"demo", "--no-serve", "--dir", cache.toString(), "--model", model.toString(),
                "--methods", tmp.resolve("no-methods").toString(), "--gallery-size", "24", "--queries", "3", "--examples", "1", "-k", "3"};
        CapturedOut.Run first = CapturedOut.run(() -> Main.commandLine().execute(args));
        assertThat(first.exitCode()).as(first.out()).isZero();
        assertThat(first.out()).contains("48 gallery images").contains("48 added").contains("6 benchmark queries")
                .containsPattern("methods: .*test-sum");
        // One example per domain, each with the method's top 3 from the reference's own domain.
        assertThat(first.out()).containsPattern("reference shapes/shapes-test-\\d{6}\\.png  \\+  \"[^\"]+\"")
                .containsPattern("reference garments/garments-test-\\d{6}\\.png  \\+  \"[^\"]+\"");
        assertThat(first.out().lines().filter(l -> l.startsWith("  test-sum")).count()).isEqualTo(2);
        assertThat(first.out().lines().filter(l -> l.startsWith("  test-sum"))
                .allMatch(l -> l.split("-test-").length == 4)).isTrue();

        Path index;
        try (Stream<Path> s = Files.list(cache)) {
            index = s.filter(p -> p.getFileName().toString().startsWith("index-")).findFirst().orElseThrow();
        }
        assertThat(index.resolve("queries.jsonl")).exists();
        assertThat(Files.readAllLines(index.resolve("queries.jsonl"))).hasSize(6)
                .allMatch(l -> l.contains("\"targets\":[\"") && l.contains("\"reference\":\""));

        CapturedOut.Run second = CapturedOut.run(() -> Main.commandLine().execute(args));
        assertThat(second.exitCode()).isZero();
        assertThat(second.out()).contains("0 added").contains("48 unchanged");
    }
}
