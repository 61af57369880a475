package org.cir4j.methods.searle;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.cir4j.image.ImagePreprocessor;
import org.cir4j.methods.ComposerContext;
import org.cir4j.methods.ComposerInput;
import org.cir4j.methods.ComposerRegistry;
import org.cir4j.methods.QueryComposer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The four composers are registered and compose the papers' prompts from φ or a token bank. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearleComposersTest {
    private TinySearle tiny;

    @BeforeAll
    void setUp() {
        tiny = new TinySearle(8);
    }

    @AfterAll
    void tearDown() {
        tiny.close();
    }

    private ComposerContext ctx(Path checkpoint, Map<String, String> options) {
        return new ComposerContext(tiny.model, tiny.tokenizer, ImagePreprocessor.clip(16), checkpoint, options);
    }

    @Test
    void promptsFollowThePapers() {
        QueryPrompts p = new QueryPrompts(QueryPrompts.Style.RELATIVE, false);
        assertThat(p.prompts(List.of("is red"), "circle")).containsExactly("a photo of $ that is red");
        assertThat(p.prompts(List.of(" is red.", "has stripes?"), null))
                .containsExactly("a photo of $ that is red and has stripes", "a photo of $ that has stripes and is red");
        assertThat(new QueryPrompts(QueryPrompts.Style.RELATIVE, true).prompts(List.of("is red"), "circle"))
                .containsExactly("a photo of $ circle that is red");
        assertThat(new QueryPrompts(QueryPrompts.Style.DOMAIN, false).prompts(List.of("a drawing"), null))
                .containsExactly("a drawing of $");
        assertThat(new QueryPrompts(QueryPrompts.Style.OBJECTS, false).prompts(List.of("a star and a square"), null))
                .containsExactly("a photo of $, a star and a square");
    }

    @Test
    void registeredAndComposingFromPhiAndFromATokenBank(@TempDir Path dir) throws Exception {
        ComposerRegistry registry = ComposerRegistry.load();
        for (String n : List.of("searle", "isearle", "searle-oti", "isearle-oti")) {
            assertThat(registry.get(n).name()).isEqualTo(n);
        }
        float[][] x = tiny.imageFeatures(2, 3);
        try (PhiNetwork phi = PhiNetwork.init(32, 32, 0.5f, 1, tiny.manager)) {
            var extra = new ObjectMapper().createObjectNode().put("preset", "isearle");
            phi.save(dir.resolve("phi"), new BaseModel("unknown", 32, 32), extra);
        }
        ComposerInput q1 = new ComposerInput(Path.of("imgs/a.png"), x[0], List.of("is small"), null);
        ComposerInput q2 = new ComposerInput(Path.of("imgs/b.png"), x[1], List.of("is small.", "has stripes"), null);
        float[][] v;
        try (QueryComposer c = registry.get("isearle").create(ctx(dir.resolve("phi"), Map.of()))) {
            v = c.compose(List.of(q1, q2));
        }
        assertThat(v).hasNumberOfRows(2);
        double norm = 0;
        for (float f : v[1]) {
            norm += f * f;
        }
        assertThat(norm).isCloseTo(1.0, within(1e-5));
        assertThatThrownBy(() -> registry.get("searle").create(ctx(dir.resolve("phi"), Map.of())))
                .hasMessageContaining("preset 'searle'").hasMessageContaining("'isearle'");
        assertThatThrownBy(() -> registry.get("isearle").create(ctx(dir.resolve("phi"), Map.of("promt", "x"))))
                .hasMessageContaining("promt");

        // A token bank: the composer uses the bank's token for the reference, by file name.
        float[][] tokens = {new float[32], new float[32]};
        tokens[0][3] = 1;
        tokens[1][5] = 1;
        new TokenBank(List.of("a", "b"), tokens, Map.of()).save(dir.resolve("bank.safetensors"), tiny.manager);
        try (QueryComposer c = registry.get("isearle-oti").create(ctx(null, Map.of("tokens", dir.resolve("bank.safetensors").toString())))) {
            float[][] fromBank = c.compose(List.of(q2));
            // FashionIQ: the normalised mean of the two orders, each encoded with token b.
            float[][] f = tiny.textFeaturesWithToken(List.of("a photo of $ that is small and has stripes",
                    "a photo of $ that has stripes and is small"), tokens[1]);
            float[] expected = new float[f[0].length];
            for (float[] row : f) {
                float[] n = Nd.normalized(row);
                for (int i = 0; i < n.length; i++) {
                    expected[i] += n[i];
                }
            }
            expected = Nd.normalized(expected);
            for (int i = 0; i < expected.length; i++) {
                assertThat(fromBank[0][i]).isCloseTo(expected[i], within(1e-5f));
            }
            ComposerInput unknown = new ComposerInput(Path.of("imgs/zzz.png"), x[0], List.of("is small"), null);
            assertThatThrownBy(() -> c.compose(List.of(unknown))).hasMessageContaining("zzz");
        }
    }
}
