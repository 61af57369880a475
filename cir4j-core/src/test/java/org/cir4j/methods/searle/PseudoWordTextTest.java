package org.cir4j.methods.searle;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;
import org.cir4j.model.ClipModel;
import org.cir4j.text.Tokenizer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Prompts with "$": each row's occurrences all get that row's vector (ClipModel's pseudo-token encoding itself is
 * checked against the reference fixture in ClipModelReferenceTest / ClipTextEncodingTest).
 */
class PseudoWordTextTest {
    @Test
    void everyOccurrenceInARowGetsThatRowsVector() {
        try (TinySearle t = new TinySearle(2); NDManager m = t.manager.newSubManager()) {
            PseudoWordText text = new PseudoWordText(t.model, t.tokenizer);
            float[][] v = new float[2][32];
            v[0][1] = 0.5f;
            v[1][7] = -0.3f;
            List<String> prompts = List.of("a photo of $ that is above a $", "a photo of $");
            float[] actual = text.encode(prompts, Nd.floats(m, v), m).toFloatArray();
            NDArray ids = ClipModel.tokenIds(t.tokenizer.batch(prompts, 24, Tokenizer.Truncation.ERROR), m);
            float[] expected = t.model.encodeTextWithPseudoTokens(ids, Nd.floats(m, new float[][] {v[0], v[0], v[1]}),
                    t.tokenizer.placeholderId()).toFloatArray();
            for (int i = 0; i < expected.length; i++) {
                assertThat(actual[i]).isCloseTo(expected[i], within(1e-6f));
            }
            assertThatThrownBy(() -> text.encode(List.of("a photo of circle"), Nd.floats(m, new float[][] {v[0]}), m))
                    .hasMessageContaining("no pseudo-word");
        }
    }
}
