package org.cir4j.methods.isa;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import org.cir4j.methods.isa.runtime.IsaQueryRuntime;
import org.cir4j.model.ClipModel;
import org.cir4j.model.TorchRuntime;
import org.cir4j.text.WordLevelTokenizer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The exported query model, run by the separate pure-Java runtime, gives the training-side model's tokens. */
class IsaExportTest {

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
    void runtimeReproducesTheTokensOfBothMappers(@TempDir Path tmp) throws Exception {
        WordLevelTokenizer tok = IsaTestModels.tokenizer();
        try (ClipModel clip = IsaTestModels.tinyClip(tok, manager, 7)) {
            for (String mapper : new String[] {IsaConfig.TOKEN_LEARNER, IsaConfig.MLP}) {
                // Non-trivial norms: perturb the GroupNorm/LayerNorm affine parameters away from 1/0.
                try (IsaModel model = IsaModel.randomInit(IsaTestModels.tinyLight().withMapper(mapper), 11, manager)) {
                    java.util.Random r = new java.util.Random(3);
                    model.parameters().forEach((name, a) -> {
                        if (name.contains("gn.") || name.contains("_gn.") || name.contains("ln")) {
                            float[] v = a.toFloatArray();
                            for (int i = 0; i < v.length; i++) {
                                v[i] += (float) (0.3 * r.nextGaussian());
                            }
                            a.set(v);
                        }
                    });
                    Path dir = tmp.resolve(mapper);
                    IsaExport.write(model, BaseModelIdentity.of(clip), dir);
                    IsaQueryRuntime rt = IsaQueryRuntime.load(dir);
                    assertThat(rt.tokenCount()).isEqualTo(3);
                    NDArray pixels = IsaTestModels.randomPixels(manager, 21, 2, 32);
                    float[] expected = TorchRuntime.withoutGradients(() -> model.forward(pixels, null).tokens().toFloatArray());
                    float[] px = pixels.toFloatArray();
                    double maxAbs = 0;
                    double maxDiff = 0;
                    for (int b = 0; b < 2; b++) {
                        float[] one = java.util.Arrays.copyOfRange(px, b * 3 * 32 * 32, (b + 1) * 3 * 32 * 32);
                        float[][] got = rt.tokens(one);
                        for (int m = 0; m < 3; m++) {
                            for (int k = 0; k < 32; k++) {
                                float e = expected[(b * 3 + m) * 32 + k];
                                maxAbs = Math.max(maxAbs, Math.abs(e));
                                maxDiff = Math.max(maxDiff, Math.abs(e - got[m][k]));
                            }
                        }
                    }
                    assertThat(maxAbs).isGreaterThan(1e-3);
                    assertThat(maxDiff).as(mapper + ": max |runtime - model| (max |token| " + maxAbs + ")")
                            .isLessThan(2e-5 * Math.max(1, maxAbs));
                    assertThatThrownBy(() -> rt.tokens(new float[5])).hasMessageContaining("3 x 32 x 32 = 3072 floats, found 5");
                }
            }
        }
    }

    @Test
    void symmetricModelsCannotBeExported(@TempDir Path tmp) {
        WordLevelTokenizer tok = IsaTestModels.tokenizer();
        try (ClipModel clip = IsaTestModels.tinyClip(tok, manager, 7);
             IsaModel model = IsaModel.randomInit(IsaConfig.symmetric(32, 32, 4, 32).withLearner(16, 1, 2), 1, manager)) {
            assertThatThrownBy(() -> IsaExport.write(model, BaseModelIdentity.of(clip), tmp))
                    .hasMessageContaining("only an asymmetric ISA model");
        }
    }

    @Test
    void erfMatchesReferenceValues() throws Exception {
        java.lang.reflect.Method erf = IsaQueryRuntime.class.getDeclaredMethod("erf", double.class);
        erf.setAccessible(true);
        double[][] cases = {{0, 0}, {0.5, 0.5204998778130465}, {-1, -0.8427007929497149}, {2.4, 0.9993114861033549},
                {3, 0.9999779095030014}, {5, 0.9999999999984626}};
        for (double[] c : cases) {
            assertThat((double) erf.invoke(null, c[0])).as("erf(" + c[0] + ")").isCloseTo(c[1], within(1e-12));
        }
    }
}
