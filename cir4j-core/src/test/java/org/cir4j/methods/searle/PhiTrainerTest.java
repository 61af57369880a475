package org.cir4j.methods.searle;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.cir4j.world.ProgressListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** φ overfits a tiny token bank; two trainings in one JVM agree exactly; checkpoints load and check their base model. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PhiTrainerTest {
    private TinySearle tiny;
    private BaseModel base;

    @BeforeAll
    void setUp() {
        tiny = new TinySearle(5);
        base = new BaseModel("tiny", 32, 32);
    }

    @AfterAll
    void tearDown() {
        tiny.close();
    }

    private static float[][] gaussian(int n, int d, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[][] out = new float[n][d];
        for (float[] row : out) {
            for (int j = 0; j < d; j++) {
                row[j] = (float) Nd.gaussian(r);
            }
        }
        return out;
    }

    private PhiTrainer trainer(PhiOptions o) {
        return new PhiTrainer(tiny.model, base, tiny.tokenizer, tiny.bank.usable(), tiny.bank.usable().concepts(), o);
    }

    @Test
    void overfitsATinyBank(@TempDir Path dir) throws Exception {
        float[][] x = gaussian(12, 32, 1);
        float[][] tokens = gaussian(12, 32, 2);
        PhiOptions o = PhiOptions.isearle().with(Map.of("epochs", "120", "batch", "12", "lr", "3e-3", "dropout", "0",
                "reg", "none", "lambda-pen", "0", "alpha", "0", "ema", "0"));
        PhiTrainer.Summary s = trainer(o).train(x, tokens, null, dir, false, 3, null, ProgressListener.NONE);
        try (PhiNetwork phi = s.phi()) {
            float[][] v = phi.predict(x);
            for (int i = 0; i < x.length; i++) {
                int best = -1;
                double bestCos = -2;
                for (int j = 0; j < tokens.length; j++) {
                    double c = cos(v[i], tokens[j]);
                    if (c > bestCos) {
                        bestCos = c;
                        best = j;
                    }
                }
                assertThat(best).as("phi(x_%d) is closest to its own OTI token", i).isEqualTo(i);
            }
        }
        assertThat(Files.readAllLines(dir.resolve("train_log.csv"))).hasSize(121);
        assertThat(dir.resolve("loss.png")).exists();
        try (PhiNetwork back = PhiNetwork.load(dir, base, tiny.manager)) {
            assertThat(back.outputDim()).isEqualTo(32);
        }
        assertThatThrownBy(() -> PhiNetwork.load(dir, new BaseModel("other", 32, 32), tiny.manager))
                .hasMessageContaining("tiny").hasMessageContaining("other");
    }

    @Test
    void twoTrainingsInOneJvmAreIdentical(@TempDir Path dir) throws Exception {
        float[][] x = gaussian(16, 32, 4);
        float[][] tokens = gaussian(16, 32, 5);
        ConceptAssociation a = ConceptAssociation.encode(tiny.model, tiny.tokenizer, tiny.bank.usable().concepts(),
                PromptTemplates.PALAVRA);
        int[][] concepts = a.topK(x, 150);
        PhiOptions o = PhiOptions.isearle().with(Map.of("epochs", "3", "batch", "8", "ema", "0.9"));
        float[][] first;
        float[][] second;
        try (PhiNetwork p = trainer(o).train(x, tokens, concepts, dir.resolve("a"), false, 9, null, ProgressListener.NONE).phi()) {
            first = p.predict(x);
        }
        try (PhiNetwork p = trainer(o).train(x, tokens, concepts, dir.resolve("b"), false, 9, null, ProgressListener.NONE).phi()) {
            second = p.predict(x);
        }
        assertThat(second).isDeepEqualTo(first);
        for (float[] row : first) {
            for (float f : row) {
                assertThat(f).isFinite();
            }
        }
        // An existing run is never overwritten silently.
        assertThatThrownBy(() -> trainer(o).train(x, tokens, concepts, dir.resolve("a"), false, 9, null, ProgressListener.NONE))
                .hasMessageContaining("--resume");
        // Resuming a finished run changes nothing; resuming with other options is refused.
        try (PhiNetwork p = trainer(o).train(x, tokens, concepts, dir.resolve("a"), true, 9, null, ProgressListener.NONE).phi()) {
            assertThat(p.predict(x)).isDeepEqualTo(first);
        }
        assertThatThrownBy(() -> trainer(o.with(Map.of("tau", "0.5"))).train(x, tokens, concepts, dir.resolve("a"), true, 9,
                null, ProgressListener.NONE)).hasMessageContaining("tau");
    }

    private static double cos(float[] a, float[] b) {
        double d = 0, na = 0, nb = 0;
        for (int i = 0; i < a.length; i++) {
            d += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return d / Math.sqrt(na * nb);
    }
}
