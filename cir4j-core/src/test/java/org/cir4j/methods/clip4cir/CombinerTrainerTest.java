package org.cir4j.methods.clip4cir;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.cir4j.eval.Evaluator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** Stage 2 end to end on a tiny CIRR world with a random tiny CLIP: trains, validates, resumes, evaluates. */
class CombinerTrainerTest {

    @Test
    void trainsValidatesResumesAndEvaluates(@TempDir Path tmp) throws Exception {
        Path root = Clip4CirFixtures.cirr(tmp.resolve("cirr"));
        Path model = Clip4CirFixtures.clip(tmp.resolve("clip"), 3);
        Path out = tmp.resolve("out");
        CombinerTrainer.Options opts = new CombinerTrainer.Options(2, 8, 1e-3f, 1, 1, 0, 3, 2);
        CombinerRun.Settings s = new CombinerRun.Settings(Clip4CirTask.CIRR, root, model, out,
                CombinerConfig.reference(CombinerVariant.FULL, 16), opts, "target-pad", 1.25, "val", "val",
                tmp.resolve("cache"), false, 8, Evaluator.ReferenceExclusion.DATASET_DEFAULT);
        CombinerRun.Summary first = CombinerRun.run(s, TrainingProgress.NONE);
        assertThat(first.training().epochs()).isEqualTo(2);
        assertThat(first.training().steps()).isEqualTo(6); // 24 triplets / batch 8, drop_last
        assertThat(first.training().skippedSteps()).isZero();
        assertThat(first.test().group("recall").value("R@50")).isEqualTo(100.0); // gallery of 12: all within top 50
        assertThat(out.resolve("combiner.safetensors")).isRegularFile();
        assertThat(out.resolve("loss.png")).isRegularFile();
        List<String> csv = Files.readAllLines(out.resolve("train_log.csv"));
        assertThat(csv).hasSize(3);
        var cfg = new ObjectMapper().readTree(out.resolve("config.json").toFile());
        assertThat(cfg.get("method").asText()).isEqualTo("combiner");
        assertThat(cfg.get("gallery_model").isNull()).isTrue();
        assertThat(cfg.at("/training/preprocess/mode").asText()).isEqualTo("TARGET_PAD");
        CombinerCheckpoint.Info info = CombinerCheckpoint.read(out);
        assertThat(CombinerCheckpoint.preprocessMismatch(info, org.cir4j.image.ImagePreprocessor.targetPad(16))).isNull();
        assertThat(CombinerCheckpoint.preprocessMismatch(info, org.cir4j.image.ImagePreprocessor.clip(16))).contains("TARGET_PAD");
        // the loss goes down on this easy task
        double l1 = Double.parseDouble(csv.get(1).split(",")[2]);
        double l3 = Double.parseDouble(csv.get(2).split(",")[2]);
        assertThat(l3).isLessThan(l1);

        // resume to 3 epochs continues from epoch 2 (the log keeps its rows) and ends at step 9
        CombinerRun.Settings more = new CombinerRun.Settings(s.task(), root, model, out, s.combiner(),
                new CombinerTrainer.Options(3, 8, 1e-3f, 1, 1, 0, 3, 2), "target-pad", 1.25, "val", null,
                tmp.resolve("cache"), true, 8, s.exclusion());
        CombinerRun.Summary second = CombinerRun.run(more, TrainingProgress.NONE);
        assertThat(second.training().steps()).isEqualTo(9);
        assertThat(Files.readAllLines(out.resolve("train_log.csv"))).hasSize(4).startsWith(csv.toArray(String[]::new));
        // the triplet features were cached by the first run
        try (var files = Files.list(tmp.resolve("cache"))) {
            assertThat(files.filter(f -> f.getFileName().toString().startsWith("triplets-")).count()).isEqualTo(1);
        }
    }
}
