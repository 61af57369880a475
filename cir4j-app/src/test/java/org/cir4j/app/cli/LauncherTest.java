package org.cir4j.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code ./cir4j} launcher's checks, which run before any build (so these take milliseconds). */
class LauncherTest {

    @TempDir
    Path tmp;

    private static final Path LAUNCHER = Path.of("..", "cir4j").toAbsolutePath().normalize();

    /** A PATH holding only the tools the launcher needs before building, plus {@code extra}. */
    private Path bin(String... extra) throws IOException {
        Path bin = tmp.resolve("bin");
        Files.createDirectories(bin);
        for (String tool : List.of("dirname", "find", "nproc", "sed", "readlink")) {
            for (String dir : List.of("/usr/bin", "/bin")) {
                Path p = Path.of(dir, tool);
                if (Files.isExecutable(p) && !Files.exists(bin.resolve(tool))) {
                    Files.createSymbolicLink(bin.resolve(tool), p);
                }
            }
        }
        for (String e : extra) {
            Files.createSymbolicLink(bin.resolve(Path.of(e).getFileName()), Path.of(e));
        }
        return bin;
    }

    private record Result(int code, String err) {}

    private static Result run(Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("/bin/bash", LAUNCHER.toString(), "--version");
        pb.environment().clear();
        pb.environment().putAll(env);
        Process p = pb.redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), err);
    }

    @Test
    void missingJavaIsNamedWithAFix() throws Exception {
        Result r = run(Map.of("PATH", bin().toString()));
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("cir4j: java not found on the PATH", "Java 17", "JAVA_HOME");
    }

    @Test
    void aJavaHomeWithoutJavaIsNamed() throws Exception {
        Result r = run(Map.of("PATH", bin().toString(), "JAVA_HOME", tmp.resolve("nojava").toString()));
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("has no bin/java");
    }

    @Test
    void badThreadCountIsRefusedBeforeBuilding() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Result r = run(Map.of("PATH", bin(java).toString(), "CIR4J_THREADS", "two"));
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("CIR4J_THREADS must be a positive integer, found 'two'");
        assertThat(r.err()).doesNotContain("building");
    }
}
