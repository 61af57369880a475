package org.cir4j.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cir4j info}; the counting itself is tested on the shared fixtures in core's CheckpointInfoTest. */
class InfoCommandTest {

    @TempDir
    Path tmp;

    @Test
    void jsonAndTextDescribeATinyCheckpoint() throws Exception {
        Path model = TinyCheckpoint.write(tmp.resolve("model"));
        CliRun run = CliRun.of("info", model.toString(), "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.get("format").asText()).isEqualTo("open_clip");
        assertThat(json.at("/vision/width").asInt()).isEqualTo(32);
        assertThat(json.at("/vision/patch_size").asInt()).isEqualTo(8);
        assertThat(json.at("/vision/layers/0").asInt()).isEqualTo(2);
        assertThat(json.at("/text/vocab_size").asInt()).isEqualTo(64);
        assertThat(json.at("/text/context_length").asInt()).isEqualTo(16);
        assertThat(json.get("total_parameters").asLong())
                .isEqualTo(json.at("/vision/parameters").asLong() + json.at("/text/parameters").asLong() + 1);

        CliRun text = CliRun.of("info", model.toString());
        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out()).contains("format:", "open_clip", "ViT 16px, patch 8", "WordLevelTokenizer");
    }

    @Test
    void aNonCheckpointDirectoryIsOneClearErrorLine() throws Exception {
        Files.writeString(tmp.resolve("readme.txt"), "not a model");
        CliRun run = CliRun.of("info", tmp.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("cir4j: error: " + tmp).contains("not a CLIP checkpoint directory");
    }
}
