package org.cir4j.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WeightsFileTest {

    @Test
    void hashesTheHuggingFaceFileFirstThenOpenClipsThenAFileItself(@TempDir Path dir) throws IOException {
        // sha256("abc") = ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad
        Files.writeString(dir.resolve("open_clip_model.safetensors"), "abc", StandardCharsets.US_ASCII);
        assertThat(WeightsFile.sha256Prefix(dir)).isEqualTo("ba7816bf8f01");
        Files.writeString(dir.resolve("model.safetensors"), "", StandardCharsets.US_ASCII);
        // sha256("") = e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
        assertThat(WeightsFile.sha256Prefix(dir)).isEqualTo("e3b0c44298fc");
        assertThat(WeightsFile.sha256Prefix(dir.resolve("open_clip_model.safetensors"))).isEqualTo("ba7816bf8f01");
    }

    @Test
    void aFolderWithoutWeightsIsNamedOrUnknown(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> WeightsFile.sha256Prefix(dir)).isInstanceOf(IOException.class)
                .hasMessageContaining(dir.toString()).hasMessageContaining("model.safetensors");
        assertThat(WeightsFile.sha256PrefixOrUnknown(dir)).isEqualTo("unknown");
    }
}
