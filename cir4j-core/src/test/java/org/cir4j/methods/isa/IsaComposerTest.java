package org.cir4j.methods.isa;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.cir4j.image.ImageDecoder;
import org.cir4j.image.ImagePreprocessor;
import org.cir4j.methods.ComposerContext;
import org.cir4j.methods.ComposerInput;
import org.cir4j.methods.ComposerRegistry;
import org.cir4j.methods.QueryComposer;
import org.cir4j.model.ClipModel;
import org.cir4j.model.TorchRuntime;
import org.cir4j.text.Tokenizer;
import org.cir4j.text.WordLevelTokenizer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The {@code isa} composer: registered, same vectors as the model + text encoder by hand, both modes, loud mismatches. */
class IsaComposerTest {

    private NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private static ComposerContext context(ClipModel clip, Tokenizer tok, Path ckpt, Map<String, String> options) {
        return new ComposerContext(clip, tok, ImagePreprocessor.clip(32), ckpt, options);
    }

    private float[] byHand(ClipModel clip, Tokenizer tok, IsaModel model, Path image, String text) throws Exception {
        return TorchRuntime.withoutGradients(() -> {
            float[] px = ImagePreprocessor.clip(32).apply(new ImageDecoder().decode(image));
            NDArray tokens = model.forward(ImagePreprocessor.stack(manager, List.of(px), 32), clip).tokens();
            NDArray ids = ClipModel.tokenIds(tok.batch(List.of(text), 24, Tokenizer.Truncation.ERROR), manager);
            return IsaOps.l2Normalize(clip.encodeTextWithPseudoTokens(ids, tokens.reshape(-1, 32), tok.placeholderId()))
                    .toFloatArray();
        });
    }

    @Test
    void asymmetricComposerMatchesTheModelAndTextEncoder(@TempDir Path tmp) throws Exception {
        WordLevelTokenizer tok = IsaTestModels.tokenizer();
        List<Path> imgs = IsaTrainerTest.images(tmp.resolve("img"), 2);
        try (ClipModel clip = IsaTestModels.tinyClip(tok, manager, 7);
             IsaModel model = IsaModel.randomInit(IsaTestModels.tinyLight(), 4, manager)) {
            Path ckpt = tmp.resolve("ckpt");
            IsaCheckpoint.save(ckpt, model, BaseModelIdentity.of(clip), null);
            try (QueryComposer c = ComposerRegistry.load().get("isa").create(context(clip, tok, ckpt, Map.of("mode", "asymmetric")))) {
                float[][] q = c.compose(List.of(
                        new ComposerInput(imgs.get(0), null, List.of("is red"), null),
                        new ComposerInput(imgs.get(1), null, List.of("is red"), null),
                        new ComposerInput(imgs.get(0), null, List.of("has a blue circle."), null),
                        new ComposerInput(imgs.get(0), null, List.of("is red.", " has a blue circle"), null)));
                assertThat(q).hasNumberOfRows(4);
                float[] expected = byHand(clip, tok, model, imgs.get(0), "a photo of $ $ $ that is red");
                for (int k = 0; k < expected.length; k++) {
                    assertThat(q[0][k]).isCloseTo(expected[k], within(1e-5f));
                }
                assertThat(q[1]).isNotEqualTo(q[0]);
                // FashionIQ: both orders, stripped, averaged.
                float[] f12 = byHand(clip, tok, model, imgs.get(0), "a photo of $ $ $ that is red and has a blue circle");
                float[] f21 = byHand(clip, tok, model, imgs.get(0), "a photo of $ $ $ that has a blue circle and is red");
                double norm = 0;
                float[] sum = new float[f12.length];
                for (int k = 0; k < sum.length; k++) {
                    sum[k] = f12[k] + f21[k];
                    norm += sum[k] * sum[k];
                }
                for (int k = 0; k < sum.length; k++) {
                    assertThat(q[3][k]).isCloseTo((float) (sum[k] / Math.sqrt(norm)), within(1e-5f));
                }
            }
            assertThatThrownBy(() -> ComposerRegistry.load().get("isa").create(context(clip, tok, ckpt, Map.of("mode", "symmetric"))))
                    .hasMessageContaining("holds a asymmetric model");
            assertThatThrownBy(() -> ComposerRegistry.load().get("isa").create(context(clip, tok, ckpt, Map.of("gamma", "1"))))
                    .hasMessageContaining("no option 'gamma'");
            try (ClipModel other = IsaTestModels.tinyClip(tok, manager, 9)) {
                assertThatThrownBy(() -> ComposerRegistry.load().get("isa").create(context(other, tok, ckpt, Map.of())))
                        .hasMessageContaining("was trained against CLIP");
            }
        }
    }

    @Test
    void symmetricComposerReadsTheLargeEncoder(@TempDir Path tmp) throws Exception {
        WordLevelTokenizer tok = IsaTestModels.tokenizer();
        List<Path> imgs = IsaTrainerTest.images(tmp.resolve("img"), 1);
        try (ClipModel clip = IsaTestModels.tinyClip(tok, manager, 7);
             IsaModel model = IsaModel.randomInit(IsaConfig.symmetric(32, 32, 4, 32).withTokens(3).withLearner(16, 1, 2), 4, manager)) {
            Path ckpt = tmp.resolve("ckpt");
            IsaCheckpoint.save(ckpt, model, BaseModelIdentity.of(clip), null);
            try (QueryComposer c = ComposerRegistry.load().get("isa").create(context(clip, tok, ckpt, Map.of("mode", "symmetric")))) {
                assertThat(c.name()).isEqualTo("isa-symmetric");
                float[][] q = c.compose(List.of(new ComposerInput(imgs.get(0), null, List.of("is red"), null)));
                float[] expected = byHand(clip, tok, model, imgs.get(0), "a photo of $ $ $ that is red");
                for (int k = 0; k < expected.length; k++) {
                    assertThat(q[0][k]).isCloseTo(expected[k], within(1e-5f));
                }
            }
        }
    }
}
