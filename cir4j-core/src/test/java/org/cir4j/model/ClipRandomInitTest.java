package org.cir4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.cir4j.model.ClipReferenceCases.maxAbsDiff;

/** OpenAI's initialisation scheme, determinism, and the spatial-feature API on freshly initialised models. */
class ClipRandomInitTest {

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

    private static double std(NDArray a) {
        float[] v = a.toFloatArray();
        double mean = 0;
        for (float x : v) {
            mean += x;
        }
        mean /= v.length;
        double var = 0;
        for (float x : v) {
            var += (x - mean) * (x - mean);
        }
        return Math.sqrt(var / v.length);
    }

    private static double maxAbs(NDArray a) {
        return a.abs().max().getFloat();
    }

    @Test
    void followsOpenAiInitialisation() {
        ClipConfig c = new ClipConfig(1, 32, ClipConfig.Activation.QUICK_GELU, 1e-5,
                ClipConfig.DEFAULT_LOGIT_SCALE_INIT, ClipConfig.VisionConfig.vit(32, 8, 64, 2, 1),
                ClipConfig.TextConfig.of(2000, 16, 64, 4, 3, 1999, 1998, 0));
        ClipModel m = ClipModel.randomInit(c, 42, manager);
        var s = m.stateDict();
        int w = 64;
        assertThat(std(s.get("token_embedding.weight"))).isCloseTo(0.02, within(0.002));
        assertThat(std(s.get("positional_embedding"))).isCloseTo(0.01, within(0.002));
        assertThat(std(s.get("transformer.resblocks.0.attn.in_proj_weight"))).isCloseTo(Math.pow(w, -0.5), within(0.01));
        double projStd = Math.pow(w, -0.5) * Math.pow(2 * 3, -0.5);
        assertThat(std(s.get("transformer.resblocks.2.mlp.c_proj.weight"))).isCloseTo(projStd, within(0.01));
        assertThat(std(s.get("transformer.resblocks.1.mlp.c_fc.weight"))).isCloseTo(Math.pow(2 * w, -0.5), within(0.01));
        assertThat(std(s.get("text_projection"))).isCloseTo(Math.pow(w, -0.5), within(0.015));
        assertThat(maxAbs(s.get("transformer.resblocks.0.attn.in_proj_bias"))).isZero();
        assertThat(s.get("transformer.resblocks.0.ln_1.weight").toFloatArray()).containsOnly(1f);
        assertThat(s.get("logit_scale").getFloat()).isCloseTo((float) Math.log(1 / 0.07), within(1e-6f));
        // Vision blocks keep PyTorch defaults: Xavier-uniform packed in_proj, U(+-1/sqrt(fan_in)) linears.
        assertThat(maxAbs(s.get("visual.transformer.resblocks.0.attn.in_proj_weight")))
                .isLessThanOrEqualTo(Math.sqrt(6.0 / (4 * w))).isGreaterThan(0.8 * Math.sqrt(6.0 / (4 * w)));
        assertThat(maxAbs(s.get("visual.transformer.resblocks.0.mlp.c_proj.weight")))
                .isLessThanOrEqualTo(1 / Math.sqrt(4 * w));
        assertThat(maxAbs(s.get("visual.conv1.weight"))).isLessThanOrEqualTo(1 / Math.sqrt(3 * 8 * 8));
        assertThat(std(s.get("visual.proj"))).isCloseTo(Math.pow(w, -0.5), within(0.02));
    }

    @Test
    void resnetInitZeroesBottleneckBn3AndKeepsStemBn() {
        ClipModel m = ClipModel.randomInit(ClipConfigTest.tinyResNet(), 5, manager);
        var s = m.stateDict();
        assertThat(maxAbs(s.get("visual.layer2.0.bn3.weight"))).isZero();
        assertThat(s.get("visual.bn3.weight").toFloatArray()).containsOnly(1f);
        assertThat(s.get("visual.layer1.0.bn1.running_var").toFloatArray()).containsOnly(1f);
        int f = 4 * 32;
        assertThat(std(s.get("visual.attnpool.q_proj.weight"))).isCloseTo(Math.pow(f, -0.5), within(0.01));
    }

    @Test
    void sameSeedSameWeightsOtherSeedOtherWeights() {
        ClipModel a = ClipModel.randomInit(ClipConfigTest.tinyVit(), 9, manager);
        ClipModel b = ClipModel.randomInit(ClipConfigTest.tinyVit(), 9, manager);
        ClipModel c = ClipModel.randomInit(ClipConfigTest.tinyVit(), 10, manager);
        a.stateDict().forEach((name, x) -> assertThat(b.stateDict().get(name).toFloatArray())
                .as(name).containsExactly(x.toFloatArray()));
        assertThat(c.tokenEmbedding().toFloatArray()).isNotEqualTo(a.tokenEmbedding().toFloatArray());
    }

    @Test
    void vitSpatialFeaturesAreThePatchTokens() {
        ClipModel m = ClipModel.randomInit(ClipConfigTest.tinyVit(), 3, manager);
        NDArray pixels = manager.randomNormal(new Shape(2, 3, 16, 16));
        NDArray raw = m.spatialFeatures(pixels);
        NDArray projected = m.spatialFeatures(pixels, true);
        assertThat(raw.getShape()).isEqualTo(new Shape(2, 4, 32));
        assertThat(projected.getShape()).isEqualTo(new Shape(2, 4, 16));
        // Projection = ln_post then proj applied per token.
        var s = m.stateDict();
        NDArray manual = ClipOps.layerNorm(raw, s.get("visual.ln_post.weight"), s.get("visual.ln_post.bias"), 1e-5f)
                .matMul(s.get("visual.proj"));
        assertThat(maxAbsDiff(projected, manual)).isLessThan(1e-6);
        NDArray[] both = m.encodeImageWithSpatial(pixels, true);
        assertThat(maxAbsDiff(both[0], m.encodeImage(pixels))).isLessThan(1e-6);
        assertThat(maxAbsDiff(both[1], projected)).isLessThan(1e-6);
    }

    @Test
    void resnetSpatialFeaturesAreTheFinalFeatureMap() throws IOException {
        ClipModel m = ClipCheckpoints.load(ClipReferenceCases.RN_DIR, manager);
        ClipReferenceCases cases = new ClipReferenceCases(manager);
        NDArray pixels = cases.get("rn.pixel_values");
        NDArray map = m.spatialFeatures(pixels);
        assertThat(map.getShape()).isEqualTo(new Shape(2, 256, 2, 2));
        NDArray[] both = m.encodeImageWithSpatial(pixels, false);
        assertThat(maxAbsDiff(both[1], map)).isZero();
        assertThat(maxAbsDiff(both[0], cases.get("rn.image_embeds"))).isLessThan(2e-5);
        assertThatThrownBy(() -> m.spatialFeatures(pixels, true))
                .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("only for ViT");
    }

    @Test
    void randomResNetRoundTripsThroughOpenClipLayout() throws IOException {
        ClipModel m = ClipModel.randomInit(ClipConfigTest.tinyResNet(), 4, manager);
        ClipCheckpoints.save(m, tmp);
        ClipModel back = ClipCheckpoints.load(tmp, manager);
        assertThat(back.config()).isEqualTo(m.config());
        NDArray pixels = manager.randomNormal(new Shape(1, 3, 32, 32));
        assertThat(maxAbsDiff(back.encodeImage(pixels), m.encodeImage(pixels))).isZero();
    }
}
