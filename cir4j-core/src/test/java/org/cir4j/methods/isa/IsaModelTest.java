package org.cir4j.methods.isa;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.nio.file.Path;
import java.util.Map;
import org.cir4j.model.ClipModel;
import org.cir4j.text.WordLevelTokenizer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Shapes, attention, gradients and checkpoint round trip of the ISA query model. */
class IsaModelTest {

    private NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    @Test
    void lightModelGivesTokensAndNormalisedAttention() {
        IsaConfig c = IsaTestModels.tinyLight();
        assertThat(c.lightGrid()).isEqualTo(4);
        try (IsaModel model = IsaModel.randomInit(c, 1, manager)) {
            NDArray pixels = IsaTestModels.randomPixels(manager, 2, 2, 32);
            NDArray fmap = model.featureMap(pixels, null);
            assertThat(fmap.getShape().getShape()).containsExactly(2, 32, 4, 4);
            IsaModel.Output out = model.map(fmap);
            assertThat(out.tokens().getShape().getShape()).containsExactly(2, 3, 32);
            assertThat(out.attention().getShape().getShape()).containsExactly(2, 3, 16);
            float[] rowSums = out.attention().sum(new int[] {2}).toFloatArray();
            for (float s : rowSums) {
                assertThat(s).isCloseTo(1f, within(1e-5f));
            }
            // Different images give different tokens (the encoder is not constant).
            NDArray t = out.tokens();
            assertThat(t.get(0).sub(t.get(1)).abs().max().getFloat()).isGreaterThan(1e-4f);
        }
    }

    @Test
    void everyTensorReceivesAFiniteNonZeroGradient() {
        for (String mapper : new String[] {IsaConfig.TOKEN_LEARNER, IsaConfig.MLP}) {
            try (IsaModel model = IsaModel.randomInit(IsaTestModels.tinyLight().withMapper(mapper), 3, manager);
                 NDManager step = manager.newSubManager()) {
                Map<String, NDArray> params = model.trainable(true);
                NDArray pixels = IsaTestModels.randomPixels(step, 4, 2, 32);
                NDArray weights = IsaTestModels.randomPixels(step, 5, 1, 32).reshape(-1).get("0:" + 2 * 3 * 32).reshape(2, 3, 32);
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    gc.backward(model.forward(pixels, null).tokens().mul(weights).sum());
                }
                for (Map.Entry<String, NDArray> e : params.entrySet()) {
                    NDArray g = e.getValue().getGradient();
                    float max = g.abs().max().getFloat();
                    assertThat(Float.isFinite(max)).as(mapper + " " + e.getKey()).isTrue();
                    assertThat(max).as(mapper + " gradient of " + e.getKey()).isGreaterThan(0f);
                }
                model.zeroGradients();
                for (NDArray p : params.values()) {
                    assertThat(p.getGradient().abs().max().getFloat()).isEqualTo(0f);
                }
            }
        }
    }

    @Test
    void forwardPassesLeaveNothingInTheModelsManager() {
        for (String mapper : new String[] {IsaConfig.TOKEN_LEARNER, IsaConfig.MLP}) {
            try (IsaModel model = IsaModel.randomInit(IsaTestModels.tinyLight().withMapper(mapper), 1, manager)) {
                int before = model.manager().getManagedArrays().size();
                for (int i = 0; i < 3; i++) {
                    try (NDManager step = manager.newSubManager()) {
                        IsaModel.Output out = model.forward(IsaTestModels.randomPixels(step, i, 2, 32), null);
                        assertThat(out.tokens().getManager()).isSameAs(step);
                    }
                }
                assertThat(model.manager().getManagedArrays()).as(mapper).hasSize(before);
            }
        }
    }

    @Test
    void widthMultiplierScalesTheEncoder() {
        try (IsaModel full = IsaModel.randomInit(IsaConfig.light(64, 32), 1, manager);
             IsaModel half = IsaModel.randomInit(IsaConfig.light(64, 32).withWidthMultiplier(0.5), 1, manager)) {
            assertThat(half.encoderParameterCount()).isLessThan(full.encoderParameterCount() / 2);
            assertThat(full.config().lightGrid()).isEqualTo(4);
        }
    }

    @Test
    void symmetricVariantReadsTheLargePatchTokens() {
        WordLevelTokenizer tok = IsaTestModels.tokenizer();
        try (ClipModel clip = IsaTestModels.tinyClip(tok, manager, 7);
             IsaModel model = IsaModel.randomInit(IsaConfig.symmetric(32, 32, 4, 32).withTokens(2).withLearner(16, 1, 2), 1, manager)) {
            NDArray pixels = IsaTestModels.randomPixels(manager, 2, 3, 32);
            IsaModel.Output out = model.forward(pixels, clip);
            assertThat(out.tokens().getShape().getShape()).containsExactly(3, 2, 32);
            assertThat(model.encoderParameterCount()).isZero();
            assertThatThrownBy(() -> model.forward(pixels, null)).hasMessageContaining("large CLIP");
        }
    }

    @Test
    void badInputsAreRejectedWithShapes() {
        try (IsaModel model = IsaModel.randomInit(IsaTestModels.tinyLight(), 1, manager)) {
            NDArray wrong = IsaTestModels.randomPixels(manager, 1, 1, 24);
            assertThatThrownBy(() -> model.forward(wrong, null))
                    .hasMessageContaining("expected pixels (B, 3, 32, 32)").hasMessageContaining("(1, 3, 24, 24)");
        }
        assertThatThrownBy(() -> IsaTestModels.tinyLight().withLearner(15, 1, 2)).hasMessageContaining("heads (2) must divide");
    }

    @Test
    void checkpointRoundTripsAndRefusesAnotherClip(@TempDir Path dir) throws Exception {
        WordLevelTokenizer tok = IsaTestModels.tokenizer();
        try (ClipModel clip = IsaTestModels.tinyClip(tok, manager, 7);
             ClipModel other = IsaTestModels.tinyClip(tok, manager, 8);
             IsaModel model = IsaModel.randomInit(IsaTestModels.tinyLight(), 1, manager)) {
            BaseModelIdentity base = BaseModelIdentity.of(clip);
            IsaCheckpoint.save(dir, model, base, null);
            NDArray pixels = IsaTestModels.randomPixels(manager, 2, 2, 32);
            float[] expected = model.forward(pixels, null).tokens().toFloatArray();
            IsaCheckpoint.Loaded loaded = IsaCheckpoint.load(dir, manager);
            try (IsaModel back = loaded.model()) {
                assertThat(back.forward(pixels, null).tokens().toFloatArray()).containsExactly(expected);
                assertThat(loaded.base()).isEqualTo(base);
            }
            BaseModelIdentity otherId = BaseModelIdentity.of(other);
            assertThatThrownBy(() -> base.requireSame(otherId, "ckpt"))
                    .hasMessageContaining(base.fingerprint()).hasMessageContaining(otherId.fingerprint());
        }
    }
}
