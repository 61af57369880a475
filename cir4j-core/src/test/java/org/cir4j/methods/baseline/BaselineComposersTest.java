package org.cir4j.methods.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.cir4j.image.ImagePreprocessor;
import org.cir4j.methods.ComposerContext;
import org.cir4j.methods.ComposerInput;
import org.cir4j.methods.ComposerRegistry;
import org.cir4j.methods.QueryComposer;
import org.cir4j.model.ClipBatchEncoder;
import org.cir4j.model.ClipConfig;
import org.cir4j.model.ClipModel;
import org.cir4j.text.Tokenizer;
import org.cir4j.text.WordLevelTokenizer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The three baselines against hand-computed features of a tiny random CLIP. */
class BaselineComposersTest {
    private static NDManager manager;
    private static ClipModel model;
    private static WordLevelTokenizer tokenizer;

    @BeforeAll
    static void setUp() {
        manager = NDManager.newBaseManager();
        tokenizer = WordLevelTokenizer.build(List.of("a red circle left of a blue square", "is red and has long sleeves",
                "make the star green", "without the square on a black background"), 1);
        ClipConfig config = new ClipConfig(1, 32, ClipConfig.Activation.QUICK_GELU, 1e-5, ClipConfig.DEFAULT_LOGIT_SCALE_INIT,
                ClipConfig.VisionConfig.vit(16, 8, 32, 2, 2),
                ClipConfig.TextConfig.of(tokenizer.vocabSize(), 16, 32, 2, 2, tokenizer.endId(), tokenizer.startId(), tokenizer.padId()));
        model = ClipModel.randomInit(config, 7, manager);
    }

    @AfterAll
    static void tearDown() {
        model.close();
        manager.close();
    }

    private static ComposerContext context(Map<String, String> options) {
        return new ComposerContext(model, tokenizer, ImagePreprocessor.squarePad(16), null, options);
    }

    private static QueryComposer create(String method, Map<String, String> options) {
        return ComposerRegistry.load().get(method).create(context(options));
    }

    private static float[] feature(float seed) {
        float[] f = new float[32];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) Math.sin(seed * (i + 1)) * 3f;
        }
        return f;
    }

    private static List<ComposerInput> queries() {
        return List.of(
                new ComposerInput(Path.of("a.png"), feature(1), List.of("make the star green"), null),
                new ComposerInput(Path.of("b.png"), feature(2), List.of("without the square on a black background"), "square"));
    }

    private static float[] textFeature(String text) {
        int[][] ids = tokenizer.batch(List.of(text), 16, Tokenizer.Truncation.TRUNCATE).ids();
        return new ClipBatchEncoder(model, 4).encodeTexts(ids, false)[0];
    }

    private static float[] unit(float[] v) {
        return Vectors.normalized(v, "test vector");
    }

    private static void assertClose(float[] actual, float[] expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            assertThat((double) actual[i]).as("component %d", i).isCloseTo(expected[i], within(1e-5));
        }
    }

    private static void assertUnit(float[][] rows) {
        for (float[] r : rows) {
            double ss = 0;
            for (float x : r) {
                ss += (double) x * x;
            }
            assertThat(Math.sqrt(ss)).isCloseTo(1.0, within(1e-5));
        }
    }

    @Test
    void registryListsTheBaselines() {
        ComposerRegistry r = ComposerRegistry.load();
        assertThat(r.all()).extracting(f -> f.name()).contains("image-only", "text-only", "sum");
        assertThat(r.get("sum").needsCheckpoint()).isFalse();
        assertThat(r.get("sum").description()).contains("normalise");
    }

    @Test
    void imageOnlyIsTheNormalisedReferenceFeature() {
        float[][] out = create("image-only", Map.of()).compose(queries());
        assertUnit(out);
        assertClose(out[0], unit(feature(1)));
        assertClose(out[1], unit(feature(2)));
    }

    @Test
    void textOnlyIsTheNormalisedCaptionFeature() {
        float[][] out = create("text-only", Map.of()).compose(queries());
        assertUnit(out);
        assertClose(out[0], unit(textFeature("make the star green")));
        assertClose(out[1], unit(textFeature("without the square on a black background")));
    }

    @Test
    void sumAddsNormalisedPartsAndRawPartsOnRequest() {
        float[][] out = create("sum", Map.of()).compose(queries());
        assertUnit(out);
        float[] text = textFeature("make the star green");
        float[] image = feature(1);
        assertClose(out[0], unit(Vectors.sum(unit(image), unit(text), "t")));
        float[][] raw = create("sum", Map.of("parts", "raw")).compose(queries());
        assertUnit(raw);
        assertClose(raw[0], unit(Vectors.sum(image, text, "t")));
        // The two definitions differ whenever the parts' norms differ.
        assertThat(raw[0]).isNotEqualTo(out[0]);
    }

    @Test
    void fashionIqCaptionsFollowTheReferenceConvention() {
        List<String> pair = List.of("Is RED.", " has long sleeves?");
        assertThat(FashionIqCaptions.CLIP4CIR.texts(pair)).containsExactly("Is red and has long sleeves");
        assertThat(FashionIqCaptions.BOTH_ORDERS.texts(pair)).containsExactly("Is RED and has long sleeves", "has long sleeves and Is RED");
        assertThat(FashionIqCaptions.stripPunctuation(", .a b?. ")).isEqualTo("a b");
        assertThat(FashionIqCaptions.pythonCapitalize("hAS Long")).isEqualTo("Has long");

        List<ComposerInput> fiq = List.of(new ComposerInput(Path.of("d.png"), feature(3), pair, null));
        float[][] joined = create("text-only", Map.of()).compose(fiq);
        assertClose(joined[0], unit(textFeature("Is red and has long sleeves")));
        float[][] both = create("text-only", Map.of("fiq-captions", "both-orders")).compose(fiq);
        assertClose(both[0], unit(Vectors.sum(unit(textFeature("Is RED and has long sleeves")),
                unit(textFeature("has long sleeves and Is RED")), "t")));
    }

    @Test
    void badOptionsAndInputsFailClearly() {
        assertThatThrownBy(() -> create("sum", Map.of("gamma", "1"))).hasMessageContaining("method 'sum' has no option 'gamma'");
        assertThatThrownBy(() -> create("image-only", Map.of("parts", "raw"))).hasMessageContaining("image-only");
        assertThatThrownBy(() -> create("sum", Map.of("parts", "half"))).hasMessageContaining("normalized or raw");
        assertThatThrownBy(() -> create("text-only", Map.of("fiq-captions", "x"))).hasMessageContaining("clip4cir, both-orders");
        List<ComposerInput> zero = List.of(new ComposerInput(Path.of("z.png"), new float[32], List.of("a"), null));
        assertThatThrownBy(() -> create("image-only", Map.of()).compose(zero)).hasMessageContaining("z.png").hasMessageContaining("norm");
        List<ComposerInput> three = List.of(new ComposerInput(Path.of("t.png"), feature(1), List.of("a", "b", "c"), null));
        assertThatThrownBy(() -> create("sum", Map.of()).compose(three)).hasMessageContaining("got 3");
    }
}
