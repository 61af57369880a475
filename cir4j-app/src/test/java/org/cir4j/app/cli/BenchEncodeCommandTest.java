package org.cir4j.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cir4j.model.ClipFlops;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cir4j bench encode} on a tiny checkpoint with minimal timing (the real run is scripts/bench/encode.sh). */
class BenchEncodeCommandTest {

    @TempDir
    Path tmp;

    @Test
    void measuresEveryConfigurationAgainstTheFlopLimit() throws Exception {
        Path model = TinyCheckpoint.write(tmp.resolve("model"));
        Path json = tmp.resolve("out/bench.json");
        Path md = tmp.resolve("out/bench.md");
        CliRun run = CliRun.of("bench", "encode", "--model", model.toString(), "--batches", "1,3", "--text-lengths",
                "4,16", "--seconds", "0", "--warmup", "0", "--min-reps", "1", "--json", json.toString(), "--markdown",
                md.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode r = new ObjectMapper().readTree(Files.readString(json));
        double limit = r.at("/matmul/limit_gflops").asDouble();
        assertThat(limit).isPositive();
        assertThat(r.at("/matmul/limit_gflops").asDouble()).isEqualTo(Math.max(
                r.at("/matmul/model_shape_gflops").asDouble(), r.at("/matmul/square_1024_gflops").asDouble()));
        JsonNode ms = r.get("measurements");
        assertThat(ms).hasSize(2 + 2 * 2);
        for (JsonNode m : ms) {
            double perItem = m.get("tower").asText().equals("image") ? ClipFlops.image(TinyCheckpoint.config())
                    : ClipFlops.text(TinyCheckpoint.config(), m.get("tokens").asInt());
            assertThat(m.get("gflop_per_item").asDouble()).isCloseTo(perItem / 1e9, within(1e-12));
            assertThat(m.get("items_per_s").asDouble()).isPositive();
            assertThat(m.get("limit_items_per_s").asDouble()).isCloseTo(limit / (perItem / 1e9), within(1e-6 * limit / (perItem / 1e9)));
            assertThat(m.get("percent_of_limit").asDouble()).isCloseTo(
                    100 * m.get("items_per_s").asDouble() / m.get("limit_items_per_s").asDouble(), within(1e-9));
        }
        assertThat(ms.get(0).get("batch").asInt()).isEqualTo(1);
        assertThat(ms.get(5).get("tokens").asInt()).isEqualTo(16);
        assertThat(Files.readString(md)).contains("| image | 3 |", "| text | 3 | 16 |", "Load average");
        assertThat(run.out()).isEqualTo(Files.readString(md));
    }

    @Test
    void aTextLengthBeyondTheContextIsRefused() throws Exception {
        Path model = TinyCheckpoint.write(tmp.resolve("model"));
        CliRun run = CliRun.of("bench", "encode", "--model", model.toString(), "--text-lengths", "17");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("text length 17 outside 2..16");
    }

    @Test
    void unknownShapeIsAUsageError() {
        CliRun run = CliRun.of("bench", "encode", "--shape", "vit-h-14");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("unknown shape 'vit-h-14'");
    }
}
