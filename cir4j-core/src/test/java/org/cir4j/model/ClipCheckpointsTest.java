package org.cir4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Loading both layouts, saving, round trips, and the errors for files that do not fit. */
class ClipCheckpointsTest {

    @TempDir
    Path tmp;

    private NDManager manager;

    @BeforeEach
    void setUp() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void tearDown() {
        manager.close();
    }

    /** Bitwise equality of float32 arrays (shape included). */
    private static void assertBitEqual(String name, NDArray actual, NDArray expected) {
        assertThat(actual.getShape()).as("shape of %s", name).isEqualTo(expected.getShape());
        float[] a = actual.toFloatArray();
        float[] e = expected.toFloatArray();
        for (int i = 0; i < a.length; i++) {
            if (Float.floatToRawIntBits(a[i]) != Float.floatToRawIntBits(e[i])) {
                throw new AssertionError(name + "[" + i + "]: " + a[i] + " != " + e[i]);
            }
        }
    }

    private static void assertSameState(ClipModel actual, ClipModel expected) {
        assertThat(actual.stateDict().keySet()).containsExactlyElementsOf(expected.stateDict().keySet());
        expected.stateDict().forEach((name, a) -> assertBitEqual(name, actual.stateDict().get(name), a));
    }

    @Test
    void huggingFaceSaveLoadRoundTripIsBitExact() throws IOException {
        ClipModel original = ClipCheckpoints.load(ClipReferenceCases.VIT_DIR, manager);
        Path out = tmp.resolve("saved");
        Path weights = ClipCheckpoints.save(original, out);

        assertThat(weights).isEqualTo(out.resolve("model.safetensors"));
        assertThat(out.resolve("config.json")).isRegularFile();
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("config.json", "model.safetensors");
        }
        // The written file holds exactly the fixture's HF tensors, bit for bit (logit_scale as HF's 0-d scalar).
        Map<String, NDArray> fixture = SafeTensors.read(ClipReferenceCases.VIT_DIR.resolve("model.safetensors"), manager);
        Map<String, NDArray> written = SafeTensors.read(weights, manager);
        assertThat(written.keySet()).containsExactlyInAnyOrderElementsOf(fixture.keySet());
        fixture.forEach((name, a) -> assertBitEqual(name, written.get(name),
                name.equals("logit_scale") ? a.reshape(new Shape()) : a));
        assertThat(SafeTensors.readHeader(weights).metadata()).containsEntry("format", "pt");

        ClipModel reloaded = ClipCheckpoints.load(out, manager);
        assertThat(reloaded.config()).isEqualTo(original.config());
        assertSameState(reloaded, original);
    }

    @Test
    void bothVitLayoutsHoldTheSameWeights() throws IOException {
        assertSameState(ClipCheckpoints.load(ClipReferenceCases.VIT_OPEN_CLIP, manager),
                ClipCheckpoints.load(ClipReferenceCases.VIT_DIR, manager));
    }

    @Test
    void resnetSavesInOpenClipLayoutAndRoundTrips() throws IOException {
        ClipModel original = ClipCheckpoints.load(ClipReferenceCases.RN_DIR, manager);
        Path weights = ClipCheckpoints.save(original, tmp.resolve("rn"));
        assertThat(weights.getFileName().toString()).isEqualTo("open_clip_model.safetensors");
        assertThat(tmp.resolve("rn").resolve("open_clip_config.json")).isRegularFile();
        ClipModel reloaded = ClipCheckpoints.load(tmp.resolve("rn"), manager);
        assertThat(reloaded.config()).isEqualTo(original.config());
        assertSameState(reloaded, original);
    }

    @Test
    void savingReplacesAnExistingCheckpoint() throws IOException {
        ClipModel a = ClipModel.randomInit(ClipConfigTest.tinyVit(), 1, manager);
        ClipModel b = ClipModel.randomInit(ClipConfigTest.tinyVit(), 2, manager);
        Path dir = tmp.resolve("ckpt");
        ClipCheckpoints.save(a, dir);
        ClipCheckpoints.save(b, dir);
        assertSameState(ClipCheckpoints.load(dir, manager), b);
    }

    // ------------------------------------------------------------ files that do not fit

    /** An HF checkpoint directory made from the fixture with {@code edit} applied to its tensors. */
    private Path editedHfCheckpoint(java.util.function.Consumer<Map<String, NDArray>> edit) throws IOException {
        Map<String, NDArray> tensors = new LinkedHashMap<>(
                SafeTensors.read(ClipReferenceCases.VIT_DIR.resolve("model.safetensors"), manager));
        edit.accept(tensors);
        Path dir = Files.createDirectories(tmp.resolve("edited"));
        SafeTensors.write(dir.resolve("model.safetensors"), tensors);
        Files.copy(ClipReferenceCases.VIT_DIR.resolve("config.json"), dir.resolve("config.json"));
        return dir;
    }

    @Test
    void misShapedTensorNamesTensorExpectedAndFoundShapeAndFile() throws IOException {
        Path dir = editedHfCheckpoint(t -> t.put("text_model.final_layer_norm.weight", manager.ones(new Shape(63))));
        assertThatThrownBy(() -> ClipCheckpoints.load(dir, manager))
                .isInstanceOf(CheckpointFormatException.class)
                .hasMessageContaining(dir.resolve("model.safetensors").toString())
                .hasMessageContaining("'text_model.final_layer_norm.weight' (for 'ln_final.weight')")
                .hasMessageContaining("expected shape (64), found (63)");
    }

    @Test
    void missingTensorNamesTensorAndExpectedShape() throws IOException {
        Path dir = editedHfCheckpoint(t -> t.remove("vision_model.encoder.layers.1.self_attn.k_proj.bias"));
        assertThatThrownBy(() -> ClipCheckpoints.load(dir, manager))
                .isInstanceOf(CheckpointFormatException.class)
                .hasMessageContaining(dir.resolve("model.safetensors").toString())
                .hasMessageContaining("missing tensor 'vision_model.encoder.layers.1.self_attn.k_proj.bias' "
                        + "(for 'visual.transformer.resblocks.1.attn.in_proj_bias'), expected shape (64)");
    }

    @Test
    void unknownTensorIsNamedWithItsShape() throws IOException {
        Path dir = editedHfCheckpoint(t -> t.put("text_model.extra.weight", manager.zeros(new Shape(2, 2))));
        assertThatThrownBy(() -> ClipCheckpoints.load(dir, manager))
                .isInstanceOf(CheckpointFormatException.class)
                .hasMessageContaining(dir.resolve("model.safetensors").toString())
                .hasMessageContaining("unexpected tensor 'text_model.extra.weight' (2, 2)");
    }

    @Test
    void misShapedCanonicalTensorIsReported() throws IOException {
        Map<String, NDArray> tensors = new LinkedHashMap<>(SafeTensors.read(ClipReferenceCases.VIT_OPEN_CLIP, manager));
        tensors.put("visual.proj", manager.zeros(new Shape(48, 64)));
        Path file = tmp.resolve("bad.safetensors");
        SafeTensors.write(file, tensors);
        ClipConfig config = ClipConfig.read(ClipReferenceCases.VIT_DIR.resolve("open_clip_config.json"));
        assertThatThrownBy(() -> ClipCheckpoints.load(file, config, manager))
                .isInstanceOf(CheckpointFormatException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("tensor 'visual.proj' in bad.safetensors: expected shape (64, 48), found (48, 64)");
    }

    @Test
    void positionIdBuffersAreIgnored() throws IOException {
        Path dir = editedHfCheckpoint(t -> t.put("text_model.embeddings.position_ids",
                manager.arange(0, 16, 1, DataType.INT64).reshape(1, 16)));
        ClipModel m = ClipCheckpoints.load(dir, manager);
        assertThat(m.stateDict()).doesNotContainKey("text_model.embeddings.position_ids");
    }

    @Test
    void halfPrecisionWeightsAreWidenedToFloat32() throws IOException {
        Map<String, NDArray> half = new LinkedHashMap<>();
        Path dir = editedHfCheckpoint(t -> t.replaceAll((name, a) -> {
            NDArray h = a.toType(DataType.FLOAT16, false);
            half.put(name, h);
            return h;
        }));
        ClipModel m = ClipCheckpoints.load(dir, manager);
        assertThat(m.tokenEmbedding().getDataType()).isEqualTo(DataType.FLOAT32);
        assertBitEqual("token_embedding.weight", m.tokenEmbedding(),
                half.get("text_model.embeddings.token_embedding.weight").toType(DataType.FLOAT32, false));
    }

    @Test
    void pickleCheckpointsAreRefusedWithConversionAdvice() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("pickled"));
        Files.copy(ClipReferenceCases.VIT_DIR.resolve("config.json"), dir.resolve("config.json"));
        Files.write(dir.resolve("pytorch_model.bin"), new byte[] {1, 2, 3});
        assertThatThrownBy(() -> ClipCheckpoints.load(dir, manager))
                .isInstanceOf(CheckpointFormatException.class)
                .hasMessageContaining("pytorch_model.bin")
                .hasMessageContaining("convert it to safetensors");
        Path pt = Files.write(tmp.resolve("ViT-B-32.pt"), new byte[] {1});
        assertThatThrownBy(() -> ClipCheckpoints.load(pt, manager))
                .isInstanceOf(CheckpointFormatException.class).hasMessageContaining("convert it to safetensors");
    }

    @Test
    void directoryWithoutCheckpointIsRejected() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("empty"));
        assertThatThrownBy(() -> ClipCheckpoints.load(dir, manager))
                .isInstanceOf(CheckpointFormatException.class)
                .hasMessageContaining("not a CLIP checkpoint directory");
    }

    @Test
    void truncatedSafetensorsFileIsRejected() throws IOException {
        byte[] all = Files.readAllBytes(ClipReferenceCases.VIT_DIR.resolve("model.safetensors"));
        Path file = tmp.resolve("cut.safetensors");
        Files.write(file, java.util.Arrays.copyOf(all, all.length / 2));
        assertThatThrownBy(() -> SafeTensors.readHeader(file))
                .isInstanceOf(CheckpointFormatException.class)
                .hasMessageContaining("cut.safetensors")
                .hasMessageContaining("outside the data section");
    }

    @Test
    void bfloat16TensorsAreReadAsFloat32() throws IOException {
        float[] values = {1.5f, -2.25f, 3.0e-3f, 65280f};
        String header = "{\"x\":{\"dtype\":\"BF16\",\"shape\":[2,2],\"data_offsets\":[0,8]}}";
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer buf = ByteBuffer.allocate(8 + json.length + 8).order(ByteOrder.LITTLE_ENDIAN);
        buf.putLong(json.length).put(json);
        for (float v : values) {
            buf.putShort((short) (Float.floatToRawIntBits(v) >>> 16));
        }
        Path file = tmp.resolve("bf16.safetensors");
        Files.write(file, buf.array());
        NDArray x = SafeTensors.read(file, manager).get("x");
        assertThat(x.getDataType()).isEqualTo(DataType.FLOAT32);
        float[] expected = new float[4];
        for (int i = 0; i < 4; i++) {
            expected[i] = Float.intBitsToFloat(Float.floatToRawIntBits(values[i]) & 0xFFFF0000);
        }
        assertThat(x.toFloatArray()).containsExactly(expected);
    }
}
