package org.cir4j.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link CheckpointInfo}: counts checked against hand counts, both naming formats, clear errors. */
class CheckpointInfoTest {

    @TempDir
    Path tmp;

    /** Values of one pre-LN residual block of width w and MLP width m (CLIP's layout). */
    private static long block(long w, long m) {
        long ln = 2 * w;
        long attn = 3 * w * w + 3 * w + w * w + w;
        long mlp = m * w + m + w * m + w;
        return 2 * ln + attn + mlp;
    }

    @Test
    void describesASavedTinyVitWithHandCountedParameters() throws IOException {
        ClipConfig c = ClipConfigTest.tinyVit(); // ViT 16px patch 8 width 32 1 layer; text vocab 50 ctx 8 w 32 1 layer
        try (NDManager m = NDManager.newBaseManager(); ClipModel model = ClipModel.randomInit(c, 3, m)) {
            ClipCheckpoints.save(model, tmp);
        }
        CheckpointInfo info = CheckpointInfo.of(tmp);
        long d = 16;
        long w = 32;
        long vision = w /* class */ + (4 + 1) * w /* positions: (16/8)^2 + 1 */ + w * 3 * 8 * 8 /* conv1 */
                + 2 * w /* ln_pre */ + block(w, 4 * w) + 2 * w /* ln_post */ + w * d /* proj */;
        long text = 50 * w /* tokens */ + 8 * w /* positions */ + block(w, 4 * w) + 2 * w /* ln_final */ + w * d;
        assertThat(info.format()).isEqualTo("huggingface");
        assertThat(info.configFile().getFileName().toString()).isEqualTo("config.json");
        assertThat(info.visionParameters()).isEqualTo(vision);
        assertThat(info.textParameters()).isEqualTo(text);
        assertThat(info.otherParameters()).isEqualTo(1);
        assertThat(info.totalParameters()).isEqualTo(vision + text + 1);
        assertThat(info.buffers()).isZero();
        assertThat(info.dtypes()).containsOnlyKeys("F32");
        assertThat(info.tokenizer()).isNull();
        assertThat(info.tokenizerProblem()).contains("no tokenizer found");
        assertThat(info.weightBytes()).isEqualTo(Files.size(tmp.resolve("model.safetensors")));

        JsonNode json = info.toJson();
        assertThat(json.at("/vision/patch_size").asInt()).isEqualTo(8);
        assertThat(json.at("/vision/image_size").asInt()).isEqualTo(16);
        assertThat(json.at("/text/context_length").asInt()).isEqualTo(8);
        assertThat(json.at("/text/vocab_size").asInt()).isEqualTo(50);
        assertThat(json.at("/total_parameters").asLong()).isEqualTo(vision + text + 1);
        assertThat(info.toText()).contains("ViT 16px, patch 8, width 32, 1 layers, 2 heads", "tokenizer:  none");
    }

    @Test
    void bothNamingsOfTheSharedVitFixtureGiveTheSameCounts() throws IOException {
        CheckpointInfo hf = CheckpointInfo.of(ClipReferenceCases.VIT_DIR);
        CheckpointInfo oc = CheckpointInfo.of(ClipReferenceCases.VIT_DIR.resolve("open_clip.safetensors"));
        assertThat(hf.format()).isEqualTo("huggingface");
        assertThat(oc.format()).isEqualTo("open_clip");
        assertThat(oc.visionParameters()).isEqualTo(hf.visionParameters());
        assertThat(oc.textParameters()).isEqualTo(hf.textParameters());
        // README: vocab 1000, context 16, width 64, 2 layers; embed 48.
        long text = 1000 * 64 + 16 * 64 + 2 * block(64, 256) + 2 * 64 + 64 * 48;
        assertThat(hf.textParameters()).isEqualTo(text);
    }

    @Test
    void resNetFixtureCountsBatchNormStatisticsAsBuffers() throws IOException {
        CheckpointInfo info = CheckpointInfo.of(ClipReferenceCases.RN_DIR);
        assertThat(info.format()).isEqualTo("open_clip");
        assertThat(info.config().vision().type()).isEqualTo(ClipConfig.VisionType.RESNET);
        assertThat(info.buffers()).isPositive();
        long stored = 0;
        for (var e : SafeTensors.readHeader(info.weightFiles().get(0)).tensors().entrySet()) {
            if (!ClipStateLayout.isIgnorable(e.getKey())) {
                long n = 1;
                for (long x : e.getValue().shape()) {
                    n *= x;
                }
                stored += n;
            }
        }
        assertThat(info.totalParameters() + info.buffers()).isEqualTo(stored);
        assertThat(info.toText()).contains("ModifiedResNet 64px");
    }

    @Test
    void aDirectoryWithoutACheckpointIsNamedInTheError() throws IOException {
        Files.writeString(tmp.resolve("notes.txt"), "hello");
        assertThatThrownBy(() -> CheckpointInfo.of(tmp))
                .isInstanceOf(CheckpointFormatException.class)
                .hasMessageContaining(tmp.toString())
                .hasMessageContaining("not a CLIP checkpoint directory");
    }

    @Test
    void aMisShapedTensorIsReportedWithExpectedAndFoundShape() throws IOException {
        ClipConfig c = ClipConfigTest.tinyVit();
        try (NDManager m = NDManager.newBaseManager(); ClipModel model = ClipModel.randomInit(c, 3, m)) {
            ClipCheckpoints.save(model, tmp);
        }
        // Claim a wider text context than the stored positional embedding has.
        String cfg = Files.readString(tmp.resolve("config.json")).replace("\"max_position_embeddings\" : 8",
                "\"max_position_embeddings\" : 9");
        assertThat(cfg).contains("\"max_position_embeddings\" : 9");
        Files.writeString(tmp.resolve("config.json"), cfg);
        assertThatThrownBy(() -> CheckpointInfo.of(tmp))
                .isInstanceOf(CheckpointFormatException.class)
                .hasMessageContaining("expected shape (9, 32), found (8, 32)");
    }
}
