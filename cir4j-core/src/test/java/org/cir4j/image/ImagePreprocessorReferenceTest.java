package org.cir4j.image;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.cir4j.testing.SharedFixtures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every image × transform × size of {@code fixtures/preprocess-ref} (Pillow 9.4 + torchvision 0.14)
 * against {@link ImagePreprocessor}.
 *
 * <p>Tolerance met and asserted: maximum absolute error 0 in every case (bit-identical floats).
 * The 8-bit values after resize and crop are identical to Pillow's, and the float32 normalisation
 * performs the same IEEE operations as torch ({@code v / 255f}, then {@code (x - mean) / std}).
 */
class ImagePreprocessorReferenceTest {

    private static final Path DIR = SharedFixtures.path("fixtures", "preprocess-ref");
    private static final Map<String, float[]> EXPECTED = new HashMap<>();
    private static JsonNode index;

    @BeforeAll
    static void load() throws IOException {
        index = new ObjectMapper().readTree(DIR.resolve("index.json").toFile());
        try (NDManager manager = NDManager.newBaseManager();
                InputStream in = Files.newInputStream(DIR.resolve("expected.safetensors"))) {
            NDList list = NDList.decode(manager, in);
            for (NDArray array : list) {
                assertThat(array.getShape().getShape()).hasSize(3);
                EXPECTED.put(array.getName(), array.toFloatArray());
            }
        }
    }

    static Stream<Arguments> cases() throws IOException {
        JsonNode idx = new ObjectMapper().readTree(DIR.resolve("index.json").toFile());
        List<Arguments> cases = new ArrayList<>();
        for (JsonNode image : idx.get("images")) {
            for (JsonNode size : idx.get("sizes")) {
                for (String transform : List.of("standard", "targetpad")) {
                    cases.add(Arguments.of(image.get("file").asText(), transform, size.asInt()));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cases")
    void matchesPillowAndTorchvision(String file, String transform, int size) throws IOException {
        DecodedImage image = new ImageDecoder().decode(DIR.resolve(file));
        ImagePreprocessor preprocessor = transform.equals("standard")
                ? ImagePreprocessor.clip(size)
                : ImagePreprocessor.targetPad(size, index.get("target_ratio").asDouble());
        String key = file.substring(0, file.lastIndexOf('.')) + "." + transform + "." + size;
        float[] expected = EXPECTED.get(key);
        assertThat(expected).as("fixture tensor %s", key).isNotNull();

        float[] actual = preprocessor.apply(image);

        assertThat(actual).hasSameSizeAs(expected);
        double maxError = 0;
        int worst = -1;
        for (int i = 0; i < expected.length; i++) {
            double e = Math.abs(actual[i] - expected[i]);
            if (e > maxError) {
                maxError = e;
                worst = i;
            }
        }
        System.out.printf("%-28s max abs error %.3g%n", key, maxError);
        assertThat(maxError)
                .as("%s: max abs error at flat index %d (expected %s)", key, worst,
                        worst < 0 ? "-" : Float.toString(expected[worst]))
                .isEqualTo(0.0);
    }

    @Test
    void fixtureImagesHaveTheModesTheIndexDeclares() throws IOException {
        ImageDecoder decoder = new ImageDecoder();
        for (JsonNode entry : index.get("images")) {
            DecodedImage image = decoder.decode(DIR.resolve(entry.get("file").asText()));
            assertThat(image.width()).isEqualTo(entry.get("width").asInt());
            assertThat(image.height()).isEqualTo(entry.get("height").asInt());
            assertThat(image.mode().name()).as(entry.get("file").asText()).isEqualTo(entry.get("mode").asText());
        }
    }

    @Test
    void meanAndStdAreClips() {
        ImagePreprocessor p = ImagePreprocessor.clip(224);
        float[] mean = p.mean();
        float[] std = p.std();
        for (int c = 0; c < 3; c++) {
            assertThat(mean[c]).isEqualTo((float) index.get("mean").get(c).asDouble());
            assertThat(std[c]).isEqualTo((float) index.get("std").get(c).asDouble());
        }
    }

    @Test
    void batchStacksTheSameTensorsInOrder() throws IOException {
        ImageDecoder decoder = new ImageDecoder();
        ImagePreprocessor p = ImagePreprocessor.targetPad(64);
        List<DecodedImage> images = List.of(
                decoder.decode(DIR.resolve("wide_rgba.png")), decoder.decode(DIR.resolve("gray.png")));
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray batch = p.batch(manager, images);
            assertThat(batch.getShape().getShape()).containsExactly(2, 3, 64, 64);
            float[] all = batch.toFloatArray();
            float[] first = EXPECTED.get("wide_rgba.targetpad.64");
            float[] second = EXPECTED.get("gray.targetpad.64");
            for (int i = 0; i < first.length; i++) {
                assertThat(all[i]).isEqualTo(first[i]);
                assertThat(all[first.length + i]).isEqualTo(second[i]);
            }
            NDArray stacked = ImagePreprocessor.stack(manager, List.of(first, second), 64);
            assertThat(stacked.getShape().getShape()).containsExactly(2, 3, 64, 64);
            assertThat(stacked.toFloatArray()).containsExactly(all);
        }
    }
}
