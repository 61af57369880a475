package org.cir4j.methods.searle;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** OTI on a handful of images: the loss falls, each token retrieves its own image, runs are reproducible. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OtiTest {
    private TinySearle tiny;
    private ConceptAssociation association;

    @BeforeAll
    void setUp() {
        tiny = new TinySearle(3);
        association = ConceptAssociation.encode(tiny.model, tiny.tokenizer, tiny.bank.usable().concepts(),
                PromptTemplates.PALAVRA);
    }

    @AfterAll
    void tearDown() {
        tiny.close();
    }

    private Oti oti(OtiOptions o) {
        return new Oti(tiny.model, tiny.tokenizer, tiny.bank.usable(), association, o);
    }

    @Test
    void lowersItsLossAndTheTokenRetrievesItsOwnImage() {
        // A random-init CLIP maps random images to nearly one direction that its text tower cannot tell
        // apart, so the "images" here are features the frozen text tower can reach: those of short
        // captions naming different things. OTI only sees feature vectors, so this tests the inversion itself.
        // A random tower maps most such captions to nearly one direction, so the five targets are picked
        // greedily as the most mutually dissimilar among "a photo of a {word}" over the bank's words.
        float[][] images = distinctTargets(5);
        OtiOptions o = OtiOptions.isearle().with(Map.of("steps", "150", "gamma", "0.01"));
        Oti.Result r = oti(o).invert(images, 7);
        assertThat(r.skippedSteps()).isZero();
        assertThat(mean(r.content(), 145, 150)).isLessThan(mean(r.content(), 0, 5) * 0.4);
        // Table X's check: "a photo of $" with the token ranks its own image first. In a random-init
        // tower the L_gpt pull towards (randomly associated) concepts dominates such fine distinctions, so
        // this is checked on the pure inversion (the "w/o reg" row, which the paper also reports at ~100%),
        // without the EMA (over a 150-step run it still averages in the early iterates).
        r = oti(o.with(Map.of("reg", "none", "gamma", "0", "ema", "0"))).invert(images, 7);
        assertThat(r.skippedSteps()).isZero();
        double first = mean(r.content(), 0, 5);
        double last = mean(r.content(), 145, 150);
        assertThat(last).isLessThan(first * 0.4);
        float[][] sims = tiny.imageRetrieval(r.tokens(), images);
        for (int i = 0; i < images.length; i++) {
            assertThat(TinySearle.argmax(sims[i])).as("token %d retrieves its own image", i).isEqualTo(i);
        }
    }

    @Test
    void sameSeedSameTokensAndEveryAblationRuns() {
        float[][] images = tiny.imageFeatures(3, 5);
        OtiOptions o = OtiOptions.searle().with(Map.of("steps", "6"));
        float[][] a = oti(o).invert(images, 1).tokens();
        float[][] b = oti(o).invert(images, 1).tokens();
        assertThat(a).isDeepEqualTo(b);
        assertThat(oti(o).invert(images, 2).tokens()[0]).isNotEqualTo(a[0]);
        for (String reg : List.of("concept", "random", "none")) {
            Oti.Result r = oti(o.with("reg", reg)).invert(images, 1);
            assertThat(r.total()[5]).isFinite();
            if (reg.equals("none")) {
                assertThat(r.gpt()).containsOnly(0f);
            }
        }
        assertThat(oti(o.with("loss", "l2")).invert(images, 1).total()[0]).isFinite();
    }

    @Test
    void optionsRejectUnknownKeysAndBadValues() {
        assertThatThrownBy(() -> OtiOptions.isearle().with("stepz", "3")).hasMessageContaining("unknown OTI option 'stepz'");
        assertThatThrownBy(() -> OtiOptions.isearle().with("gamma", "x")).hasMessageContaining("gamma=x");
        assertThatThrownBy(() -> OtiOptions.isearle().with("reg", "gp")).hasMessageContaining("expected gpt");
    }

    @Test
    void tokenBankRoundTrips(@TempDir Path dir) throws Exception {
        TokenBank bank = new TokenBank(List.of("a.png", "b.png"), new float[][] {{1, 2}, {3, 4}}, Map.of("preset", "isearle"));
        Path f = dir.resolve("bank.safetensors");
        bank.save(f, tiny.manager);
        TokenBank back = TokenBank.load(f, tiny.manager);
        assertThat(back.names()).containsExactly("a.png", "b.png");
        assertThat(back.token("b.png")).containsExactly(3, 4);
        assertThat(back.metadata()).containsEntry("preset", "isearle");
        assertThatThrownBy(() -> new TokenBank(List.of("a", "a"), new float[][] {{1}, {2}}, Map.of()))
                .hasMessageContaining("appears twice");
    }

    private float[][] distinctTargets(int n) {
        List<String> words = tiny.bank.words();
        float[][] all = tiny.textFeatures(words.stream().map(w -> "a photo of a " + w).toList());
        for (int i = 0; i < all.length; i++) {
            all[i] = Nd.normalized(all[i]);
        }
        List<Integer> picked = new java.util.ArrayList<>(List.of(0));
        while (picked.size() < n) {
            int best = -1;
            double bestScore = Double.MAX_VALUE;
            for (int c = 0; c < all.length; c++) {
                if (picked.contains(c)) {
                    continue;
                }
                double worst = -1;
                for (int p : picked) {
                    double dot = 0;
                    for (int j = 0; j < all[c].length; j++) {
                        dot += all[c][j] * all[p][j];
                    }
                    worst = Math.max(worst, dot);
                }
                if (worst < bestScore) {
                    bestScore = worst;
                    best = c;
                }
            }
            picked.add(best);
        }
        return tiny.textFeatures(picked.stream().map(i -> "a photo of a " + words.get(i)).toList());
    }

    private static double mean(float[] a, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += a[i];
        }
        return s / (to - from);
    }
}
