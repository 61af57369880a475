package org.cir4j.methods.clip4cir;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cir4j.eval.Evaluator;
import org.cir4j.methods.ComposerContext;
import org.cir4j.methods.ComposerInput;
import org.cir4j.methods.ComposerRegistry;
import org.cir4j.methods.QueryComposer;
import org.cir4j.train.AdamW;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Stage 1 (gradient caching exactness, IFT freezing), stage 1 → stage 2 → composer, and the end-to-end variant. */
class ClipFineTunerTest {

    private static Map<String, float[]> gradients(Map<String, NDArray> params) {
        Map<String, float[]> g = new LinkedHashMap<>();
        params.forEach((k, v) -> {
            g.put(k, v.getGradient().toFloatArray());
            AdamW.zero(v.getGradient());
        });
        return g;
    }

    @Test
    void gradientCachingGivesTheFullBatchGradientsAndModesFreeze(@TempDir Path tmp) throws Exception {
        Path root = Clip4CirFixtures.cirr(tmp.resolve("cirr"));
        Path model = Clip4CirFixtures.clip(tmp.resolve("clip"), 4);
        List<Clip4CirTask.Triplet> items = Clip4CirTask.CIRR.trainTriplets(root).subList(0, 6);
        List<String> texts = items.stream().map(t -> t.captions().get(0)).toList();
        try (ClipSetup clip = ClipSetup.load(model, "target-pad", 1.25); NDManager m = NDManager.newBaseManager()) {
            FeatureEncoder enc = new FeatureEncoder(clip.model(), clip.tokenizer(), clip.preprocessor(), 8);
            Map<String, NDArray> params = clip.model().trainableParameters(FineTuneMode.BOTH.parameters());
            ClipFineTuner.Options full = new ClipFineTuner.Options(FineTuneMode.BOTH, false, 1, 6, 6, 2e-6f, 0.01f, 2e-5f, 0, 1, 0, 1);
            ClipFineTuner.Options cached = new ClipFineTuner.Options(FineTuneMode.BOTH, false, 1, 6, 2, 2e-6f, 0.01f, 2e-5f, 0, 1, 0, 1);
            float l1;
            float l2;
            try (NDManager s = m.newSubManager()) {
                l1 = ClipFineTuner.step(clip.model(), clip.tokenizer(), enc, null, full, items, texts, s);
            }
            Map<String, float[]> g1 = gradients(params);
            try (NDManager s = m.newSubManager()) {
                l2 = ClipFineTuner.step(clip.model(), clip.tokenizer(), enc, null, cached, items, texts, s);
            }
            Map<String, float[]> g2 = gradients(params);
            assertThat(l2).isCloseTo(l1, within(1e-5f));
            double norm = 0;
            for (String k : g1.keySet()) {
                float[] a = g1.get(k);
                float[] b = g2.get(k);
                for (int i = 0; i < a.length; i++) {
                    assertThat(b[i]).as(k).isCloseTo(a[i], within(1e-4f + 1e-3f * Math.abs(a[i])));
                    norm += a[i] * a[i];
                }
            }
            assertThat(norm).isGreaterThan(0);
            assertThat(g1).containsKey("visual.conv1.weight").containsKey("token_embedding.weight").doesNotContainKey("logit_scale");

            // IFT: only the image tower requires gradients
            Map<String, NDArray> ift = clip.model().trainableParameters(FineTuneMode.IMAGE.parameters());
            assertThat(ift.keySet()).allMatch(k -> k.startsWith("visual."));
            assertThat(clip.model().stateDict().get("token_embedding.weight").hasGradient()).isFalse();
            clip.model().trainableParameters(n -> false);
        }
    }

    @Test
    void stageOneThenCombinerThenComposerAndEndToEnd(@TempDir Path tmp) throws Exception {
        Path root = Clip4CirFixtures.cirr(tmp.resolve("cirr"));
        Path base = Clip4CirFixtures.clip(tmp.resolve("clip"), 5);
        Path tuned = tmp.resolve("tuned");
        ClipFineTuner.Options o = new ClipFineTuner.Options(FineTuneMode.BOTH, false, 1, 8, 4, 1e-4f, 0.01f, 2e-5f, 0, 1, 0, 1);
        ClipFineTuner.Result r = ClipFineTuner.run(new ClipFineTuner.Settings(Clip4CirTask.CIRR, root, base, tuned, o,
                "target-pad", 1.25, "val", false, 8, Evaluator.ReferenceExclusion.DATASET_DEFAULT), TrainingProgress.NONE);
        assertThat(r.steps()).isEqualTo(3);
        assertThat(tuned.resolve(ClipSetup.FINE_TUNE_MARKER)).isRegularFile();
        assertThat(tuned.resolve("train_log.csv")).isRegularFile();

        Path comb = tmp.resolve("combiner");
        CombinerRun.run(new CombinerRun.Settings(Clip4CirTask.CIRR, root, tuned, comb, CombinerConfig.reference(CombinerVariant.FULL, 16),
                new CombinerTrainer.Options(1, 8, 1e-3f, 0, 1, 0, 1, 1), "target-pad", 1.25, null, null, tmp.resolve("cache"),
                false, 8, Evaluator.ReferenceExclusion.DATASET_DEFAULT), TrainingProgress.NONE);
        CombinerCheckpoint.Info info = CombinerCheckpoint.read(comb);
        assertThat(info.galleryModel()).isEqualTo("clip");

        var factory = ComposerRegistry.load().get("combiner");
        try (ClipSetup wrong = ClipSetup.load(base, "target-pad", 1.25)) {
            assertThatThrownBy(() -> factory.create(new ComposerContext(wrong.model(), wrong.tokenizer(), wrong.preprocessor(), comb, Map.of())))
                    .hasMessageContaining("FINE-TUNED").hasMessageContaining(comb.resolve("clip").toString());
        }
        try (ClipSetup right = ClipSetup.load(info.galleryModelDir(), "target-pad", 1.25);
             QueryComposer q = factory.create(new ComposerContext(right.model(), right.tokenizer(), right.preprocessor(), comb, Map.of()))) {
            float[] ref = new FeatureEncoder(right.model(), right.tokenizer(), right.preprocessor(), 4)
                    .images(List.of(root.resolve("train/train-0.png")), "x", TrainingProgress.NONE)[0];
            float[][] v = q.compose(new ArrayList<>(List.of(new ComposerInput(root.resolve("train/train-0.png"), ref, List.of("make it red"), null))));
            double n = 0;
            for (float x : v[0]) {
                n += x * x;
            }
            assertThat(n).isCloseTo(1.0, within(1e-4));
            assertThatThrownBy(() -> factory.create(new ComposerContext(right.model(), right.tokenizer(), right.preprocessor(), comb,
                    Map.of("alpha", "1")))).hasMessageContaining("no option 'alpha'");
        }

        Path e2e = tmp.resolve("e2e");
        ClipFineTuner.Options oe = new ClipFineTuner.Options(FineTuneMode.TEXT, true, 1, 8, 8, 1e-4f, 0.01f, 1e-3f, 0, 1, 0, 1);
        ClipFineTuner.run(new ClipFineTuner.Settings(Clip4CirTask.CIRR, root, base, e2e, oe, "target-pad", 1.25, null, false, 8,
                Evaluator.ReferenceExclusion.DATASET_DEFAULT), TrainingProgress.NONE);
        CombinerCheckpoint.Info ei = CombinerCheckpoint.read(e2e);
        assertThat(ei.galleryModel()).isEqualTo("clip");
        try (ClipSetup tunedE2e = ClipSetup.load(ei.galleryModelDir(), "target-pad", 1.25)) {
            CombinerCheckpoint.requireBaseModel(ei, tunedE2e.model());
        }
    }
}
