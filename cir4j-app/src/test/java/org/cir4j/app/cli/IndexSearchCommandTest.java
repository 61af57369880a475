package org.cir4j.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cir4j.app.Main;
import org.cir4j.app.testing.CapturedOut;
import org.cir4j.app.testing.TinyModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class IndexSearchCommandTest {

    @TempDir Path tmp;

    @Test
    void indexThenSearchByGalleryIdAndByFile() throws Exception {
        Path model = TinyModel.write(tmp.resolve("model"), 1);
        Path images = tmp.resolve("images");
        TinyModel.writeImages(images, 12, 3);
        Path index = tmp.resolve("index");
        CapturedOut.Run idx = CapturedOut.run(() -> Main.commandLine().execute("index", "--model", model.toString(),
                "--images", images.toString(), "--out", index.toString(), "--batch-size", "5"));
        assertThat(idx.exitCode()).isZero();
        assertThat(idx.out()).contains("12 added");

        CapturedOut.Run again = CapturedOut.run(() -> Main.commandLine().execute("index", "--model", model.toString(),
                "--images", images.toString(), "--out", index.toString()));
        assertThat(again.out()).contains("0 added").contains("12 unchanged");

        CapturedOut.Run s = CapturedOut.run(() -> Main.commandLine().execute("search", "--index", index.toString(),
                "--image", "a/img-000.png", "--text", "is red and larger", "--method", "test-sum", "-k", "4"));
        assertThat(s.exitCode()).isZero();
        String[] lines = s.out().strip().split("\n");
        assertThat(lines[0]).startsWith("# method test-sum");
        assertThat(lines).hasSize(5);
        assertThat(s.out()).doesNotContain("img-000.png"); // the reference is removed from its own ranking
        assertThat(lines[1]).matches("\\s+1  -?\\d\\.\\d{4}  .*img-\\d{3}\\.png");

        // The same image as an outside file (a copy) is encoded on the fly; --folder keeps only b/
        Path copy = tmp.resolve("ref.png");
        Files.copy(images.resolve("a/img-000.png"), copy);
        CapturedOut.Run up = CapturedOut.run(() -> Main.commandLine().execute("search", "--index", index.toString(),
                "--image", copy.toString(), "--text", "is red and larger", "--method", "test-sum", "--folder", "b", "-k", "3"));
        assertThat(up.exitCode()).isZero();
        String[] upLines = up.out().strip().split("\n");
        assertThat(upLines).hasSize(4);
        assertThat(java.util.Arrays.copyOfRange(upLines, 1, 4)).allMatch(l -> l.contains("/b/img-"));
    }

    @Test
    void mismatchedModelAndUnknownMethodAreClearErrors() throws Exception {
        Path model = TinyModel.write(tmp.resolve("model"), 1);
        Path other = TinyModel.write(tmp.resolve("other"), 2);
        Path images = tmp.resolve("images");
        TinyModel.writeImages(images, 3, 3);
        Path index = tmp.resolve("index");
        CapturedOut.run(() -> Main.commandLine().execute("index", "--model", model.toString(), "--images", images.toString(),
                "--out", index.toString()));
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setErr(new PrintWriter(err));
        int code = CapturedOut.run(() -> cl.execute("search", "--index", index.toString(), "--model", other.toString(),
                "--image", "a/img-000.png", "--text", "x", "--method", "test-sum")).exitCode();
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("was built with another image encoder").contains("model id");

        StringWriter err2 = new StringWriter();
        CommandLine cl2 = Main.commandLine();
        cl2.setErr(new PrintWriter(err2));
        assertThat(CapturedOut.run(() -> cl2.execute("search", "--index", index.toString(), "--image", "a/img-000.png",
                "--text", "x", "--method", "nope")).exitCode()).isEqualTo(2);
        assertThat(err2.toString()).contains("unknown method 'nope'").contains("test-sum");
    }
}
