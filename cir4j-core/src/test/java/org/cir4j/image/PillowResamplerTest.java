package org.cir4j.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link PillowResampler} against Pillow's {@code Image.resize} on two formula images (23×17 and
 * 257×131, high-frequency content that drives the bicubic/Lanczos lobes into clipping), every
 * filter, modes L/RGB/RGBA, down- and upscaling, one-axis resizes and a 1×1 target.
 *
 * <p>Tolerance met and asserted: 0 — every sample is identical to Pillow's.
 */
class PillowResamplerTest {

    /** The formula of make_pillow_reference.py. */
    static DecodedImage formula(int w, int h, PixelMode mode) {
        int nc = mode.channels();
        byte[] d = new byte[w * h * nc];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = (y * w + x) * nc;
                for (int c = 0; c < Math.min(nc, 3); c++) {
                    d[p + c] = (byte) ((x * x * 7 + y * 13 + x * y * 3 + c * 50) & 255);
                }
                if (nc == 4) {
                    d[p + 3] = (byte) Math.max(0, Math.min(255, (x * 23 + y * 7) % 300 - 20));
                }
            }
        }
        return DecodedImage.of(w, h, mode, d);
    }

    static Stream<Arguments> cases() {
        JsonNode r = PillowReference.get().index.get("resample");
        List<Arguments> cases = new ArrayList<>();
        for (String src : List.of("small", "large")) {
            JsonNode dims = r.get("sources").get(src);
            for (JsonNode mode : r.get("modes")) {
                for (JsonNode filter : r.get("filters")) {
                    for (JsonNode size : r.get("sizes").get(src)) {
                        cases.add(Arguments.of(src, dims.get(0).asInt(), dims.get(1).asInt(), mode.asText(),
                                filter.asText(), size.get(0).asInt(), size.get(1).asInt()));
                    }
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {3} {4} -> {5}x{6}")
    @MethodSource("cases")
    void matchesPillowResize(String src, int w, int h, String mode, String filter, int tw, int th) {
        DecodedImage in = formula(w, h, PixelMode.valueOf(mode));
        DecodedImage out = PillowResampler.resize(in, tw, th, ResampleFilter.valueOf(filter));
        String key = "resample." + src + "." + mode + "." + filter + "." + tw + "x" + th;
        assertThat(out.width()).isEqualTo(tw);
        assertThat(out.height()).isEqualTo(th);
        assertThat(out.mode()).isEqualTo(in.mode());
        assertThat(PillowReference.maxAbsDiff(out.copySamples(), PillowReference.get().tensor(key)))
                .as("max abs sample difference for %s", key)
                .isZero();
    }

    @ParameterizedTest
    @EnumSource(ResampleFilter.class)
    void resizeCroppedEqualsResizeThenCrop(ResampleFilter filter) {
        Random random = new Random(7);
        for (PixelMode mode : PixelMode.values()) {
            DecodedImage in = formula(37, 29, mode);
            int[][] sizes = {{37, 11}, {13, 29}, {60, 50}, {20, 70}, {5, 3}};
            for (int[] size : sizes) {
                DecodedImage full = PillowResampler.resize(in, size[0], size[1], filter);
                for (int trial = 0; trial < 4; trial++) {
                    int cw = 1 + random.nextInt(size[0]);
                    int ch = 1 + random.nextInt(size[1]);
                    int cx = random.nextInt(size[0] - cw + 1);
                    int cy = random.nextInt(size[1] - ch + 1);
                    DecodedImage fused = PillowResampler.resizeCropped(in, size[0], size[1], filter, cx, cy, cw, ch);
                    DecodedImage reference = PillowResampler.crop(full, cx, cy, cw, ch);
                    assertThat(fused.sameSamples(reference))
                            .as("%s %s %dx%d crop (%d,%d,%dx%d)", filter, mode, size[0], size[1], cx, cy, cw, ch)
                            .isTrue();
                }
            }
        }
    }

    @Test
    void sameSizeIsACopyWithoutPremultiplication() {
        DecodedImage rgba = formula(9, 7, PixelMode.RGBA);
        // Premultiplying and back loses precision where alpha is low; Pillow skips it when the size does not change.
        assertThat(PillowResampler.resize(rgba, 9, 7, ResampleFilter.BICUBIC).sameSamples(rgba)).isTrue();
    }

    @Test
    void constantImageStaysConstantWhenUpscaledFromOnePixel() {
        DecodedImage one = DecodedImage.of(1, 1, PixelMode.RGB, new byte[] {(byte) 200, 7, (byte) 255});
        DecodedImage big = PillowResampler.resize(one, 31, 17, ResampleFilter.BICUBIC);
        for (int y = 0; y < 17; y++) {
            for (int x = 0; x < 31; x++) {
                assertThat(new int[] {big.sample(x, y, 0), big.sample(x, y, 1), big.sample(x, y, 2)})
                        .containsExactly(200, 7, 255);
            }
        }
    }

    @Test
    void rejectsBadTargetsAndCrops() {
        DecodedImage in = formula(5, 5, PixelMode.L);
        assertThatThrownBy(() -> PillowResampler.resize(in, 0, 3, ResampleFilter.BICUBIC))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0 x 3");
        assertThatThrownBy(() -> PillowResampler.resizeCropped(in, 10, 10, ResampleFilter.BICUBIC, 8, 0, 3, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not lie inside");
    }
}
