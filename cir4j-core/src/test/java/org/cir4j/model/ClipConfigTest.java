package org.cir4j.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import org.cir4j.model.ClipConfig.Activation;
import org.cir4j.model.ClipConfig.TextConfig;
import org.cir4j.model.ClipConfig.VisionConfig;
import org.cir4j.model.ClipConfig.VisionType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Parsing and writing the three config formats. */
class ClipConfigTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A small ViT CLIP for tests (not a fixture). */
    static ClipConfig tinyVit() {
        return new ClipConfig(1, 16, Activation.QUICK_GELU, 1e-5, ClipConfig.DEFAULT_LOGIT_SCALE_INIT,
                VisionConfig.vit(16, 8, 32, 1, 2), TextConfig.of(50, 8, 32, 2, 1, 49, 48, 0));
    }

    /** A small ResNet CLIP for tests. */
    static ClipConfig tinyResNet() {
        return new ClipConfig(1, 16, Activation.GELU, 1e-5, ClipConfig.DEFAULT_LOGIT_SCALE_INIT,
                VisionConfig.resnet(32, 4, 1, 2, 1, 1), TextConfig.of(50, 8, 32, 2, 1, 49, null, 0));
    }

    @Test
    void huggingFaceFixtureConfig() throws IOException {
        ClipConfig c = ClipConfig.read(ClipReferenceCases.VIT_DIR.resolve("config.json"));
        assertThat(c.embedDim()).isEqualTo(48);
        assertThat(c.activation()).isEqualTo(Activation.QUICK_GELU);
        assertThat(c.layerNormEps()).isEqualTo(1e-5);
        assertThat(c.vision()).isEqualTo(new VisionConfig(VisionType.VIT, 32, 8, 64, List.of(2), 1, 256));
        assertThat(c.text()).isEqualTo(new TextConfig(1000, 16, 64, 4, 2, 256, 999, 998, 0));
    }

    @Test
    void openClipFixtureConfigsDeriveHeadsAndMlpWidth() throws IOException {
        ClipConfig vit = ClipConfig.read(ClipReferenceCases.VIT_DIR.resolve("open_clip_config.json"));
        assertThat(vit.vision()).isEqualTo(new VisionConfig(VisionType.VIT, 32, 8, 64, List.of(2), 1, 256));
        assertThat(vit.text()).isEqualTo(new TextConfig(1000, 16, 64, 4, 2, 256, null, null, 0));
        assertThat(vit.activation()).isEqualTo(Activation.QUICK_GELU);
        ClipConfig rn = ClipConfig.read(ClipReferenceCases.RN_DIR.resolve("open_clip_config.json"));
        // open_clip: attention-pool heads = width * 32 / head_width(64) = 4.
        assertThat(rn.vision()).isEqualTo(new VisionConfig(VisionType.RESNET, 64, null, 8, List.of(1, 1, 1, 1), 4, null));
    }

    @Test
    void huggingFaceRoundTrip() {
        ClipConfig c = tinyVit();
        assertThat(ClipConfig.parse(c.toHuggingFace())).isEqualTo(c);
        // The argmax pooling rule is written as transformers' legacy eos_token_id 2 and read back.
        ClipConfig argmax = c.withText(TextConfig.of(50, 8, 32, 2, 1, null, null, 0));
        assertThat(argmax.toHuggingFace().path("text_config").path("eos_token_id").asInt()).isEqualTo(2);
        assertThat(ClipConfig.parse(argmax.toHuggingFace())).isEqualTo(argmax);
    }

    @Test
    void openClipRoundTripKeepsSpecialTokens() {
        for (ClipConfig c : new ClipConfig[] {tinyVit(), tinyResNet()}) {
            assertThat(ClipConfig.parse(c.toOpenClip())).isEqualTo(c);
        }
    }

    @Test
    void cir4jJsonRoundTrip() {
        for (ClipConfig c : new ClipConfig[] {tinyVit(), tinyResNet()}) {
            ObjectNode json = c.toJson();
            assertThat(json.path("format_version").asInt()).isEqualTo(1);
            assertThat(json.path("vision").path("type").asText()).isIn("vit", "resnet");
            assertThat(ClipConfig.parse(json)).isEqualTo(c);
        }
    }

    @Test
    void legacyHuggingFaceEosSelectsArgmaxPooling() throws IOException {
        ObjectNode hf = tinyVit().toHuggingFace();
        ((ObjectNode) hf.get("text_config")).put("eos_token_id", 2);
        assertThat(ClipConfig.parse(hf).text().eosTokenId()).isNull();
    }

    @Test
    void huggingFaceDefaultsAreThoseOfClipVitBase32() throws IOException {
        ClipConfig c = ClipConfig.parse(JSON.readTree("{\"model_type\":\"clip\",\"text_config\":{},\"vision_config\":{}}"));
        assertThat(c.vision()).isEqualTo(new VisionConfig(VisionType.VIT, 224, 32, 768, List.of(12), 12, 3072));
        assertThat(c.text()).isEqualTo(new TextConfig(49408, 77, 512, 8, 12, 2048, 49407, 49406, 1));
        assertThat(c.embedDim()).isEqualTo(512);
    }

    @Test
    void unsupportedHuggingFaceSettingsAreNamed() throws IOException {
        assertThatThrownBy(() -> ClipConfig.parse(JSON.readTree("{\"model_type\":\"siglip\",\"text_config\":{}}")))
                .hasMessageContaining("model_type 'siglip' is not supported");
        assertThatThrownBy(() -> ClipConfig.parse(JSON.readTree(
                "{\"text_config\":{\"hidden_act\":\"gelu_new\"},\"vision_config\":{}}")))
                .hasMessageContaining("text_config.hidden_act 'gelu_new' is not supported");
        assertThatThrownBy(() -> ClipConfig.parse(JSON.readTree(
                "{\"text_config\":{\"hidden_size\":\"big\"},\"vision_config\":{}}")))
                .hasMessageContaining("text_config.hidden_size must be an integer, found \"big\"");
        assertThatThrownBy(() -> tinyResNet().toHuggingFace())
                .hasMessageContaining("can only describe a ViT vision tower");
    }

    @Test
    void unsupportedOpenClipSwitchesAreNamed() throws IOException {
        String base = "{\"embed_dim\":16,\"vision_cfg\":{\"layers\":1,\"width\":64,\"patch_size\":8,\"image_size\":16%s},"
                + "\"text_cfg\":{\"width\":64,\"heads\":1,\"layers\":1%s}}";
        assertThatThrownBy(() -> ClipConfig.parse(JSON.readTree(base.formatted("", ",\"no_causal_mask\":true"))))
                .hasMessageContaining("text_cfg.no_causal_mask = true is not supported");
        assertThatThrownBy(() -> ClipConfig.parse(JSON.readTree(base.formatted(",\"timm_model_name\":\"vit_b\"", ""))))
                .hasMessageContaining("vision_cfg.timm_model_name = \"vit_b\" is not supported");
        assertThatThrownBy(() -> ClipConfig.parse(JSON.readTree(base.formatted(",\"rope\":true", ""))))
                .hasMessageContaining("vision_cfg.rope is not a known open_clip option");
        // Inert or default-valued switches are fine; quick_gelu absent means exact GELU.
        ClipConfig ok = ClipConfig.parse(JSON.readTree(base.formatted(",\"patch_dropout\":0.5,\"ls_init_value\":null",
                ",\"pool_type\":\"argmax\"")));
        assertThat(ok.activation()).isEqualTo(Activation.GELU);
    }

    @Test
    void inconsistentArchitecturesAreRejected() {
        assertThatThrownBy(() -> VisionConfig.vit(30, 8, 32, 1, 2))
                .hasMessageContaining("image_size 30 is not a multiple of patch_size 8");
        assertThatThrownBy(() -> TextConfig.of(50, 8, 30, 4, 1, 49, null, 0))
                .hasMessageContaining("width 30 is not divisible by heads 4");
        assertThatThrownBy(() -> TextConfig.of(50, 8, 32, 2, 1, 50, null, 0))
                .hasMessageContaining("eos_token_id 50 outside vocabulary of 50");
    }
}
