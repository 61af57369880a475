package org.cir4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cir4j.model.ClipReferenceCases.maxAbsDiff;

/**
 * ClipModel against OpenAI's reference outputs: ViT in both checkpoint layouts and ModifiedResNet.
 * The fixture README asks for 1e-4 absolute; this test holds 2e-5 (values reached on CPU: image
 * ≤ 6e-7, text ≤ 1.8e-6, logits ≤ 2.3e-6, pseudo-token text ≤ 1.8e-6, ResNet image ≤ 2.1e-7).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClipModelReferenceTest {

    /** Five times below the fixture's 1e-4, still ~10x above what float32 reordering produces here. */
    private static final double TOL = 2e-5;

    private NDManager manager;
    private ClipReferenceCases cases;
    private ClipModel vitHf;
    private ClipModel vitOpenClip;
    private ClipModel rn;

    @BeforeAll
    void load() throws IOException {
        manager = NDManager.newBaseManager();
        cases = new ClipReferenceCases(manager);
        vitHf = ClipCheckpoints.load(ClipReferenceCases.VIT_DIR, manager);
        vitOpenClip = ClipCheckpoints.load(ClipReferenceCases.VIT_OPEN_CLIP, manager);
        rn = ClipCheckpoints.load(ClipReferenceCases.RN_DIR, manager);
    }

    @AfterAll
    void close() {
        manager.close();
    }

    @Test
    void layoutsAreDetected() {
        // HF config pools at the first end token (999), open_clip at argmax: both pick the same positions here.
        assertThat(vitHf.config().text().eosTokenId()).isEqualTo(999);
        assertThat(vitOpenClip.config().text().eosTokenId()).isNull();
        assertThat(vitHf.config().vision().type()).isEqualTo(ClipConfig.VisionType.VIT);
        assertThat(rn.config().vision().type()).isEqualTo(ClipConfig.VisionType.RESNET);
        assertThat(rn.config().vision().heads()).isEqualTo(4);
    }

    @Test
    void vitImageEmbeddingsMatchReferenceInBothLayouts() {
        for (ClipModel m : new ClipModel[] {vitHf, vitOpenClip}) {
            double diff = maxAbsDiff(m.encodeImage(cases.get("vit.pixel_values")), cases.get("vit.image_embeds"));
            assertThat(diff).isLessThan(TOL);
        }
    }

    @Test
    void vitTextEmbeddingsMatchReferenceInBothLayouts() {
        for (ClipModel m : new ClipModel[] {vitHf, vitOpenClip}) {
            double diff = maxAbsDiff(m.encodeText(cases.ids("vit.input_ids")), cases.get("vit.text_embeds"));
            assertThat(diff).isLessThan(TOL);
        }
    }

    @Test
    void vitLogitsPerImageMatchReference() {
        for (ClipModel m : new ClipModel[] {vitHf, vitOpenClip}) {
            NDArray logits = m.logits(m.encodeImage(cases.get("vit.pixel_values")),
                    m.encodeText(cases.ids("vit.input_ids")));
            assertThat(maxAbsDiff(logits, cases.get("vit.logits_per_image"))).isLessThan(TOL);
        }
    }

    @Test
    void vitPseudoTokenTextEmbeddingsMatchReference() {
        for (ClipModel m : new ClipModel[] {vitHf, vitOpenClip}) {
            NDArray out = m.encodeTextWithPseudoTokens(cases.ids("vit.pseudo.input_ids"),
                    cases.get("vit.pseudo.vectors"), ClipReferenceCases.PLACEHOLDER);
            assertThat(maxAbsDiff(out, cases.get("vit.pseudo.text_embeds"))).isLessThan(TOL);
        }
    }

    @Test
    void pseudoTokensDifferFromPlainPlaceholder() {
        // Guards against a vacuous injection: with the placeholder's own embedding the result differs.
        NDArray plain = vitHf.encodeText(cases.ids("vit.pseudo.input_ids"));
        assertThat(maxAbsDiff(plain, cases.get("vit.pseudo.text_embeds"))).isGreaterThan(1e-2);
    }

    @Test
    void resnetImageEmbeddingsMatchReference() {
        double diff = maxAbsDiff(rn.encodeImage(cases.get("rn.pixel_values")), cases.get("rn.image_embeds"));
        assertThat(diff).isLessThan(TOL);
    }

    @Test
    void resnetLogitsMatchThoseOfTheReferenceEmbeddings() {
        // The fixture has no RN logits; CLIP's definition applied to the reference embeddings gives them.
        NDArray expected = ClipModel.cosineSimilarity(cases.get("rn.image_embeds"), cases.get("rn.text_embeds"))
                .mul(rn.logitScale().exp());
        NDArray actual = rn.logits(rn.encodeImage(cases.get("rn.pixel_values")), rn.encodeText(cases.ids("vit.input_ids")));
        assertThat(maxAbsDiff(actual, expected)).isLessThan(TOL);
    }

    @Test
    void resnetModelTextEmbeddingsMatchReference() {
        double diff = maxAbsDiff(rn.encodeText(cases.ids("vit.input_ids")), cases.get("rn.text_embeds"));
        assertThat(diff).isLessThan(TOL);
    }
}
