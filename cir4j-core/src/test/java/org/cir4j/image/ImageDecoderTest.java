package org.cir4j.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.cir4j.image.ImageDecodeException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link ImageDecoder}: pixel values against Pillow for every supported format and colour type
 * (tolerance met and asserted: 0, identical samples), EXIF orientation, and every way input can be
 * bad.
 */
class ImageDecoderTest {

    private final ImageDecoder decoder = new ImageDecoder();

    static Stream<Arguments> referenceFiles() {
        List<Arguments> cases = new ArrayList<>();
        for (JsonNode e : PillowReference.get().index.get("decode")) {
            cases.add(Arguments.of(e.get("file").asText(), e.get("mode").asText(), e.get("source_mode").asText(),
                    e.get("pillow_mode").asText()));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} (Pillow mode {3})")
    @MethodSource("referenceFiles")
    void decodesLikePillow(String file, String mode, String sourceMode, String pillowMode) throws IOException {
        DecodedImage image = decoder.decode(PillowReference.resource("decode/" + file), file);
        String key = "decode." + file;
        int[] shape = PillowReference.get().shape(key);
        assertThat(image.height()).isEqualTo(shape[0]);
        assertThat(image.width()).isEqualTo(shape[1]);
        assertThat(image.mode()).isEqualTo(PixelMode.valueOf(mode));
        assertThat(image.sourceMode()).isEqualTo(SourceMode.valueOf(sourceMode));
        assertThat(PillowReference.maxAbsDiff(image.copySamples(), PillowReference.get().tensor(key)))
                .as("max abs sample difference from Pillow for %s", file)
                .isZero();
    }

    // ---- EXIF orientation -------------------------------------------------------------------

    /** Stored 3×2 image [[10 20 30] [40 50 60]]; expected upright pixels from Pillow's exif_transpose. */
    private static final int[][] UPRIGHT = {
        null,
        {3, 2, 10, 20, 30, 40, 50, 60},
        {3, 2, 30, 20, 10, 60, 50, 40},
        {3, 2, 60, 50, 40, 30, 20, 10},
        {3, 2, 40, 50, 60, 10, 20, 30},
        {2, 3, 10, 40, 20, 50, 30, 60},
        {2, 3, 40, 10, 50, 20, 60, 30},
        {2, 3, 60, 30, 50, 20, 40, 10},
        {2, 3, 30, 60, 20, 50, 10, 40},
    };

    @ParameterizedTest(name = "orientation {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void appliesEveryExifOrientationLikePillow(int orientation) throws IOException {
        byte[] png = TestImages.encode(TestImages.gray(3, 2, 10, 20, 30, 40, 50, 60), "png");
        for (boolean little : new boolean[] {false, true}) {
            byte[] file = TestImages.withPngExif(png, TestImages.orientationTiff(orientation, little));
            DecodedImage image = decoder.decode(file, "exif.png");
            int[] expected = UPRIGHT[orientation];
            assertThat(image.width()).isEqualTo(expected[0]);
            assertThat(image.height()).isEqualTo(expected[1]);
            byte[] samples = image.copySamples();
            for (int i = 0; i < samples.length; i++) {
                assertThat(samples[i] & 0xFF).as("orientation %d sample %d", orientation, i).isEqualTo(expected[2 + i]);
            }
            // The option to keep the stored orientation (what Pillow's Image.open alone gives).
            DecodedImage stored = decoder.withExifTranspose(false).decode(file, "exif.png");
            assertThat(stored.width()).isEqualTo(3);
            assertThat(stored.sample(2, 0, 0)).isEqualTo(30);
        }
    }

    @Test
    void rotatesAJpegTaggedWithOrientation6() throws IOException {
        BufferedImage image = new BufferedImage(32, 16, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, 16, 16);
        g.setColor(Color.BLUE);
        g.fillRect(16, 0, 16, 16);
        g.dispose();
        byte[] jpeg = TestImages.withJpegExif(TestImages.encode(image, "jpg"), TestImages.orientationTiff(6, false));

        DecodedImage upright = decoder.decode(jpeg, "rotated.jpg");
        // Orientation 6: turn 90° clockwise, so the left (red) half ends up on top.
        assertThat(upright.width()).isEqualTo(16);
        assertThat(upright.height()).isEqualTo(32);
        assertThat(upright.sample(8, 4, 0)).isGreaterThan(200);
        assertThat(upright.sample(8, 4, 2)).isLessThan(60);
        assertThat(upright.sample(8, 28, 0)).isLessThan(60);
        assertThat(upright.sample(8, 28, 2)).isGreaterThan(200);
    }

    @Test
    void invalidOrientationValuesLeaveTheImageAsStored() throws IOException {
        byte[] png = TestImages.encode(TestImages.gray(3, 2, 10, 20, 30, 40, 50, 60), "png");
        for (int bad : new int[] {0, 9, 300}) {
            DecodedImage image = decoder.decode(TestImages.withPngExif(png, TestImages.orientationTiff(bad, true)), "x.png");
            assertThat(image.width()).isEqualTo(3);
            assertThat(image.sample(0, 0, 0)).isEqualTo(10);
        }
        assertThat(ExifOrientation.fromExif(new byte[] {'I', 'I', 42, 0, 8, 0})).isEqualTo(ExifOrientation.NORMAL);
        assertThat(ExifOrientation.fromExif(new byte[] {'X', 'X', 0, 42, 0, 0, 0, 8, 0, 0})).isEqualTo(ExifOrientation.NORMAL);
    }

    // ---- bad input --------------------------------------------------------------------------

    @Test
    void refusesDecompressionBombsFromTheHeaderAlone() {
        byte[] bomb = TestImages.pngHeaderOnly(100_000, 100_000);
        assertThatThrownBy(() -> decoder.decode(bomb, "bomb.png"))
                .isInstanceOfSatisfying(ImageDecodeException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE);
                    assertThat(e.width()).isEqualTo(100_000);
                    assertThat(e.height()).isEqualTo(100_000);
                    assertThat(e.pixelLimit()).isEqualTo(ImageDecoder.DEFAULT_MAX_PIXELS);
                })
                .hasMessageContaining("bomb.png")
                .hasMessageContaining("100000 x 100000")
                .hasMessageContaining("89478485");
    }

    @Test
    void pixelLimitIsConfigurableAndInclusive() throws IOException {
        byte[] png = PillowReference.resource("decode/rgb.png"); // 29 x 21 = 609 pixels
        assertThat(decoder.withMaxPixels(609).decode(png, "rgb.png").width()).isEqualTo(29);
        assertThatThrownBy(() -> decoder.withMaxPixels(608).decode(png, "rgb.png"))
                .isInstanceOfSatisfying(ImageDecodeException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE))
                .hasMessageContaining("29 x 21 = 609 pixels")
                .hasMessageContaining("limit of 608");
        assertThatThrownBy(() -> decoder.withMaxPixels(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ycbcr420.jpg", "progressive.jpg", "cmyk-adobe.jpg", "rgb.png", "lossless.webp"})
    void refusesTruncatedFiles(String file) throws IOException {
        byte[] whole = PillowReference.resource("decode/" + file);
        // Cut in the headers and in the middle of the compressed data.
        for (int keep : new int[] {whole.length / 5, whole.length / 2}) {
            byte[] cut = TestImages.slice(whole, 0, keep);
            assertThatThrownBy(() -> decoder.decode(cut, file))
                    .as("%s cut to %d of %d bytes", file, keep, whole.length)
                    .isInstanceOfSatisfying(ImageDecodeException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.TRUNCATED))
                    .hasMessageContaining(file)
                    .hasMessageContaining("truncated");
        }
    }

    @Test
    void toleratesAPngMissingOnlyItsEndChunkButNotAWebpCutShort() throws IOException {
        // Pillow 11 accepts the first (all pixel data is there) and refuses the second (libwebp
        // checks the RIFF size), and so does the decoder.
        byte[] png = PillowReference.resource("decode/rgb.png");
        DecodedImage image = decoder.decode(TestImages.slice(png, 0, png.length - 12), "no-iend.png");
        assertThat(image.sameSamples(decoder.decode(png, "rgb.png"))).isTrue();

        byte[] webp = PillowReference.resource("decode/lossless.webp");
        assertThatThrownBy(() -> decoder.decode(TestImages.slice(webp, 0, webp.length - 12), "cut.webp"))
                .isInstanceOfSatisfying(ImageDecodeException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.TRUNCATED))
                .hasMessageContaining("RIFF");
    }

    @Test
    void refusesAJpegMissingOnlyItsEndMarker() throws IOException {
        byte[] whole = PillowReference.resource("decode/ycbcr444.jpg");
        byte[] noEoi = TestImages.slice(whole, 0, whole.length - 2);
        assertThatThrownBy(() -> decoder.decode(noEoi, "noeoi.jpg"))
                .isInstanceOfSatisfying(ImageDecodeException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.TRUNCATED));
    }

    @Test
    void reportsCorruptCompressedData() throws IOException {
        byte[] png = PillowReference.resource("decode/rgb.png").clone();
        int idat = indexOf(png, "IDAT".getBytes(StandardCharsets.US_ASCII));
        for (int i = idat + 6; i < idat + 30; i++) {
            png[i] = (byte) 0xA5; // scramble the deflate stream after its 2-byte zlib header
        }
        assertThatThrownBy(() -> decoder.decode(png, "scrambled.png"))
                .isInstanceOfSatisfying(ImageDecodeException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.CORRUPT))
                .hasMessageContaining("scrambled.png");
    }

    @Test
    void refusesNonImagesEmptyAndMissingFiles(@TempDir Path dir) throws IOException {
        byte[] text = "name,caption\nimg1,a red dress\n".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> decoder.decode(text, "captions.csv"))
                .isInstanceOfSatisfying(ImageDecodeException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.NOT_AN_IMAGE))
                .hasMessageContaining("captions.csv")
                .hasMessageContaining("6E 61 6D 65"); // "name"

        Path empty = Files.write(dir.resolve("empty.jpg"), new byte[0]);
        assertThatThrownBy(() -> decoder.decode(empty))
                .isInstanceOfSatisfying(ImageDecodeException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.EMPTY))
                .hasMessageContaining("empty.jpg");

        Path missing = dir.resolve("missing.png");
        assertThatThrownBy(() -> decoder.decode(missing))
                .isInstanceOfSatisfying(ImageDecodeException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.UNREADABLE))
                .hasMessageContaining("missing.png");

        assertThatThrownBy(() -> decoder.decode(dir))
                .isInstanceOfSatisfying(ImageDecodeException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.UNREADABLE));

        byte[] headerOnlyJpeg = TestImages.slice(PillowReference.resource("decode/gray.jpg"), 0, 100);
        assertThatThrownBy(() -> decoder.decode(headerOnlyJpeg, "stub.jpg"))
                .isInstanceOf(ImageDecodeException.class)
                .hasMessageContaining("stub.jpg");
    }

    // ---- modes and sizes --------------------------------------------------------------------

    @Test
    void decodesFromAPathWithTheSameResultAsFromBytes(@TempDir Path dir) throws IOException {
        byte[] data = PillowReference.resource("decode/rgba.png");
        Path file = Files.write(dir.resolve("rgba.png"), data);
        assertThat(decoder.decode(file).sameSamples(decoder.decode(data, "rgba.png"))).isTrue();
    }

    @Test
    void decodesASinglePixel() throws IOException {
        BufferedImage one = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB);
        one.setRGB(0, 0, 0x80FF4020);
        DecodedImage image = decoder.decode(TestImages.encode(one, "png"), "one.png");
        assertThat(image.mode()).isEqualTo(PixelMode.RGBA);
        assertThat(new int[] {image.sample(0, 0, 0), image.sample(0, 0, 1), image.sample(0, 0, 2), image.sample(0, 0, 3)})
                .containsExactly(0xFF, 0x40, 0x20, 0x80);
    }

    @Test
    void convertsBufferedImagesWithoutColourManagement() {
        BufferedImage gray = TestImages.gray(2, 1, 0, 128);
        DecodedImage g = DecodedImage.fromBufferedImage(gray);
        assertThat(g.mode()).isEqualTo(PixelMode.L);
        // Java 2D's getRGB would map gray 128 through its linear gray space to sRGB 188; Pillow keeps 128.
        assertThat(g.sample(1, 0, 0)).isEqualTo(128);

        BufferedImage argb = new BufferedImage(1, 1, BufferedImage.TYPE_4BYTE_ABGR);
        argb.setRGB(0, 0, 0x11223344);
        DecodedImage a = DecodedImage.fromBufferedImage(argb);
        assertThat(a.mode()).isEqualTo(PixelMode.RGBA);
        assertThat(a.copySamples()).containsExactly(0x22, 0x33, 0x44, 0x11);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalArgumentException("not found");
    }
}
