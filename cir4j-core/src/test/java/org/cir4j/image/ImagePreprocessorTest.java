package org.cir4j.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link ImagePreprocessor} beyond the shared CLIP fixtures: palette and bilevel sources (Pillow's
 * forced NEAREST), gray+alpha, square pad, 1-pixel-wide and 1-pixel-high strips, compared with
 * the 8-bit crops Pillow feeds to {@code ToTensor}. Tolerance met and asserted: 0 (identical
 * samples).
 */
class ImagePreprocessorTest {

    private final ImageDecoder decoder = new ImageDecoder();

    static Stream<Arguments> referenceCrops() {
        List<Arguments> cases = new ArrayList<>();
        for (JsonNode e : PillowReference.get().index.get("preprocess")) {
            cases.add(Arguments.of(e.get("file").asText(), e.get("transform").asText(), e.get("size").asInt()));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("referenceCrops")
    void cropMatchesPillow(String file, String transform, int size) throws IOException {
        DecodedImage image = decoder.decode(PillowReference.resource("decode/" + file), file);
        ImagePreprocessor p = switch (transform) {
            case "standard" -> ImagePreprocessor.clip(size);
            case "targetpad" -> ImagePreprocessor.targetPad(size);
            case "squarepad" -> ImagePreprocessor.squarePad(size);
            default -> throw new IllegalArgumentException(transform);
        };
        DecodedImage crop = p.crop(image);
        assertThat(crop.width()).isEqualTo(size);
        assertThat(crop.height()).isEqualTo(size);
        assertThat(crop.mode()).isEqualTo(PixelMode.RGB);
        String key = "preprocess." + file + "." + transform + "." + size;
        assertThat(PillowReference.maxAbsDiff(crop.copySamples(), PillowReference.get().tensor(key)))
                .as("max abs sample difference from Pillow for %s", key)
                .isZero();
    }

    @Test
    void paletteSourcesUseTheConfiguredFilterWhenAsked() throws IOException {
        DecodedImage palette = decoder.decode(PillowReference.resource("decode/palette.png"), "palette.png");
        ImagePreprocessor pillow = ImagePreprocessor.clip(24);
        ImagePreprocessor bicubic = pillow.withPaletteResampling(ImagePreprocessor.PaletteResampling.CONFIGURED_FILTER);
        DecodedImage asRgb = DecodedImage.of(palette.width(), palette.height(), PixelMode.RGB, palette.copySamples());
        assertThat(bicubic.crop(palette).sameSamples(pillow.crop(asRgb))).isTrue();
        assertThat(pillow.crop(palette).sameSamples(pillow.crop(asRgb))).isFalse();
    }

    @Test
    void tensorIsChannelMajorAndNormalisedWithFloat32Arithmetic() {
        DecodedImage one = DecodedImage.of(1, 1, PixelMode.RGB, new byte[] {0, (byte) 128, (byte) 255});
        ImagePreprocessor p = ImagePreprocessor.clip(3);
        float[] t = p.apply(one);
        assertThat(t).hasSize(27);
        float[] mean = p.mean();
        float[] std = p.std();
        int[] v = {0, 128, 255};
        for (int c = 0; c < 3; c++) {
            float expected = ((float) v[c] / 255f - mean[c]) / std[c];
            for (int i = 0; i < 9; i++) {
                assertThat(t[c * 9 + i]).as("channel %d element %d", c, i).isEqualTo(expected);
            }
        }
    }

    @Test
    void extremeAspectRatioAtFullSizeComputesOnlyTheCrop() throws IOException {
        // 1 x 500 at 224: torchvision resizes to 224 x 112000 before cropping; the fused crop keeps
        // this to 224 x 224 outputs. The 24-pixel reference crop above checks the values.
        DecodedImage tall = decoder.decode(PillowReference.resource("decode/tall.png"), "tall.png");
        long start = System.nanoTime();
        float[] t = ImagePreprocessor.clip(224).apply(tall);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(t).hasSize(3 * 224 * 224);
        assertThat(millis).as("milliseconds for a 1x500 image at 224").isLessThan(2_000);
        assertThatThrownBy(() -> ImagePreprocessor.clip(224).apply(DecodedImage.of(1, 20_000_000, PixelMode.L, new byte[20_000_000])))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("aspect ratio is too extreme");
    }

    @Test
    void targetPadLeavesNearlySquareImagesAlone() {
        // 100 x 81: ratio 1.2346 < 1.25, returned unchanged.
        DecodedImage a = PillowResamplerTest.formula(100, 81, PixelMode.RGB);
        assertThat(Padding.targetPad(a, 1.25)).isSameAs(a);
        DecodedImage wide = PillowResamplerTest.formula(100, 50, PixelMode.RGB);
        DecodedImage padded = Padding.targetPad(wide, 1.25);
        // scaled = 100 / 1.25 = 80; vp = int((80 - 50) / 2) = 15; hp = max(int((80 - 100) / 2), 0) = 0.
        assertThat(padded.width()).isEqualTo(100);
        assertThat(padded.height()).isEqualTo(80);
        assertThat(padded.sample(10, 14, 0)).isZero();
        assertThat(padded.sample(10, 15, 0)).isEqualTo(wide.sample(10, 0, 0));
        DecodedImage square = Padding.squarePad(PillowResamplerTest.formula(7, 4, PixelMode.L));
        // SquarePad pads int((7 - 4) / 2) = 1 on each side: 7 x 6, one short of square as in CLIP4Cir.
        assertThat(square.width()).isEqualTo(7);
        assertThat(square.height()).isEqualTo(6);
    }

    @Test
    void batchRejectsBadInputWithSpecificMessages() {
        try (NDManager manager = NDManager.newBaseManager()) {
            assertThatThrownBy(() -> ImagePreprocessor.clip(8).batch(manager, List.of()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
            assertThatThrownBy(() -> ImagePreprocessor.stack(manager, List.of(new float[192], new float[191]), 8))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("tensor 1 has 191 floats, expected 3 x 8 x 8 = 192");
        }
    }

    @Test
    void configurationIsValidated() {
        assertThatThrownBy(() -> ImagePreprocessor.clip(0)).hasMessageContaining("size must be positive");
        assertThatThrownBy(() -> ImagePreprocessor.targetPad(224, 0.5)).hasMessageContaining("target ratio");
        assertThatThrownBy(() -> ImagePreprocessor.clip(224).withNormalization(new float[] {0.5f}, new float[] {1, 1, 1}))
                .hasMessageContaining("3 values");
        assertThatThrownBy(() -> ImagePreprocessor.clip(224).withNormalization(new float[3], new float[] {1, 0, 1}))
                .hasMessageContaining("channel 1");
        ImagePreprocessor p = ImagePreprocessor.targetPad(288, 1.5).withFilter(ResampleFilter.BILINEAR);
        assertThat(p.size()).isEqualTo(288);
        assertThat(p.mode()).isEqualTo(ImagePreprocessor.Mode.TARGET_PAD);
        assertThat(p.targetRatio()).isEqualTo(1.5);
        assertThat(p.toString()).contains("288", "TARGET_PAD(1.5)", "BILINEAR");
    }
}
