package org.cir4j.train.clip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cir4j.model.ClipCheckpoints;
import org.cir4j.model.ClipConfig;
import org.cir4j.model.ClipModel;
import org.cir4j.text.Tokenizer;
import org.cir4j.text.Tokenizers;
import org.cir4j.text.WordLevelTokenizer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClipPretrainerTest {
    private static WordLevelTokenizer tokenizer;
    private static PretrainPairs pairs;
    private static ClipConfig config;

    @BeforeAll
    static void data() throws IOException {
        Path world = TinyWorld.root();
        tokenizer = MiniClipVocabulary.fromWorld(world);
        pairs = PretrainPairs.training(world, 8, 16, 2, i -> { });
        config = MiniClipConfigs.build(16, 8, 32, 2, 32, 2, 32, tokenizer);
    }

    private static PretrainOptions options(int steps) {
        return new PretrainOptions("test", steps, 16, 2e-3f, Math.min(2, steps - 1), 0.2f, 11, 8, 10, 2, 3, 0f);
    }

    @Test
    void confusableGroupsFollowBackgroundAndMainColour() throws IOException {
        Path world = TinyWorld.root();
        int[] groups = ConfusableGroups.of(world, pairs);
        assertThat(groups).hasSize(pairs.size());
        Map<String, String> keys = new java.util.HashMap<>();
        for (String domain : List.of("shapes", "garments")) {
            for (String line : Files.readAllLines(world.resolve(domain).resolve("scenes.jsonl"))) {
                var r = org.cir4j.world.io.Json.MAPPER.readValue(line, org.cir4j.world.SceneRecord.class);
                keys.put(domain + "/" + r.image(), ConfusableGroups.key(r.scene()));
            }
        }
        for (int i = 0; i < pairs.size(); i++) {
            for (int j = 0; j < pairs.size(); j++) {
                boolean sameKey = keys.get(pairs.name(i)).equals(keys.get(pairs.name(j)));
                assertThat(groups[i] == groups[j]).as("pairs %d and %d", i, j).isEqualTo(sameKey);
            }
        }
        assertThat(keys.get(pairs.name(0))).matches("(shapes|garments)\\|[a-z ]+\\|[a-z ]+");
    }

    @Test
    void hardNegativeRunRecordsItsFractionAndResumesOnlyWithIt(@TempDir Path out) throws IOException {
        int[] groups = ConfusableGroups.of(TinyWorld.root(), pairs);
        PretrainOptions hard = options(4).withHardNegativeFraction(0.5f);
        new ClipPretrainer(config, hard, tokenizer, pairs, groups, out, null).run(false, s -> { }, 2);
        JsonNode training = new ObjectMapper().readTree(out.resolve(ClipPretrainer.TRAINING_FILE).toFile());
        assertThat(training.at("/options/hard_negative_fraction").asDouble()).isEqualTo(0.5);
        assertThatThrownBy(() -> new ClipPretrainer(config, options(4), tokenizer, pairs, out, null)
                .run(true, s -> { })).hasMessageContaining("hard_negative_fraction");
        assertThatThrownBy(() -> new ClipPretrainer(config, hard, tokenizer, pairs, out, null))
                .hasMessageContaining("needs a confusable group");
        ClipPretrainer.Result r = new ClipPretrainer(config, hard, tokenizer, pairs, groups, out, null)
                .run(true, s -> { });
        assertThat(r.steps()).isEqualTo(4);
    }

    @Test
    void twentyStepsLowerTheLoss(@TempDir Path out) throws IOException {
        List<Double> losses = new ArrayList<>();
        ClipPretrainer.Result r = new ClipPretrainer(config, options(20), tokenizer, pairs, out, null)
                .run(false, s -> losses.add(s.loss()));
        assertThat(losses).hasSize(20).allMatch(Double::isFinite);
        double first = (losses.get(0) + losses.get(1) + losses.get(2)) / 3;
        double last = (losses.get(17) + losses.get(18) + losses.get(19)) / 3;
        assertThat(last).isLessThan(first - 0.1);
        assertThat(r.skippedSteps()).isZero();
        assertThat(out.resolve("training-log.csv")).exists();
        assertThat(Files.readAllLines(out.resolve("training-log.csv"))).hasSize(21);
        assertThat(out.resolve("loss.png")).exists();
        JsonNode training = new ObjectMapper().readTree(out.resolve(ClipPretrainer.TRAINING_FILE).toFile());
        assertThat(training.get("steps_done").asInt()).isEqualTo(20);
    }

    @Test
    void exportLoadsAsHuggingFaceClipWithWordLevelTokenizer(@TempDir Path out) throws IOException {
        new ClipPretrainer(config, options(2), tokenizer, pairs, out, null).run(false, null);
        JsonNode hf = new ObjectMapper().readTree(out.resolve("config.json").toFile());
        assertThat(hf.path("architectures").get(0).asText()).isEqualTo("CLIPModel");
        assertThat(hf.path("text_config").path("eos_token_id").asInt()).isEqualTo(tokenizer.vocabSize() - 1);
        assertThat(hf.path("text_config").path("bos_token_id").asInt()).isEqualTo(tokenizer.startId());
        assertThat(hf.path("text_config").path("pad_token_id").asInt()).isEqualTo(tokenizer.padId());

        Tokenizer loadedTok = Tokenizers.load(out);
        assertThat(loadedTok).isInstanceOf(WordLevelTokenizer.class);
        assertThat(loadedTok.endId()).isEqualTo(loadedTok.vocabSize() - 1);
        assertThat(loadedTok.encode("a red star left of a blue circle"))
                .containsExactly(tokenizer.encode("a red star left of a blue circle"));

        Path params = Files.list(out.resolve(ClipPretrainer.CHECKPOINTS))
                .filter(p -> p.getFileName().toString().startsWith("step-")).findFirst().orElseThrow()
                .resolve("params.safetensors");
        try (NDManager m = NDManager.newBaseManager();
             ClipModel exported = ClipCheckpoints.load(out, m);
             ClipModel trained = ClipCheckpoints.load(params, config, m)) {
            assertThat(exported.config()).isEqualTo(config);
            for (Map.Entry<String, NDArray> e : trained.stateDict().entrySet()) {
                assertThat(exported.stateDict().get(e.getKey()).toFloatArray())
                        .as(e.getKey()).containsExactly(e.getValue().toFloatArray());
            }
            // Pooling: the end token is both the first eos_token_id and the argmax of each row.
            NDArray ids = ClipModel.tokenIds(loadedTok.batch(List.of("a star", "a photo of a red dress"),
                    config.text().contextLength(), Tokenizer.Truncation.ERROR), m);
            assertThat(exported.endPositions(ids)).containsExactly(3, 7);
        }
    }

    @Test
    void resumedRunEqualsUninterruptedRun(@TempDir Path dir) throws IOException {
        PretrainOptions opts = new PretrainOptions("test", 6, 16, 2e-3f, 2, 0.2f, 5, 8, 2, 2, 3, 0f);
        Path straight = dir.resolve("straight");
        new ClipPretrainer(config, opts, tokenizer, pairs, straight, null).run(false, null);

        Path broken = dir.resolve("broken");
        // A planned stop after 2 steps (checkpoint), then a crash during step 3, then a resume to the end.
        assertThat(new ClipPretrainer(config, opts, tokenizer, pairs, broken, null).run(false, null, 2).steps())
                .isEqualTo(2);
        assertThatThrownBy(() -> new ClipPretrainer(config, opts, tokenizer, pairs, broken, null).run(false, null))
                .hasMessageContaining("--resume");
        assertThatThrownBy(() -> new ClipPretrainer(config, opts, tokenizer, pairs, broken, null).run(true, s -> {
            if (s.step() == 3) {
                throw new IllegalStateException("simulated crash");
            }
        })).hasMessageContaining("simulated crash");
        new ClipPretrainer(config, opts, tokenizer, pairs, broken, null).run(true, null);

        try (NDManager m = NDManager.newBaseManager();
             ClipModel a = ClipCheckpoints.load(straight, m);
             ClipModel b = ClipCheckpoints.load(broken, m)) {
            for (Map.Entry<String, NDArray> e : a.stateDict().entrySet()) {
                assertThat(b.stateDict().get(e.getKey()).toFloatArray()).as(e.getKey())
                        .containsExactly(e.getValue().toFloatArray());
            }
        }
        assertThat(Files.readAllLines(broken.resolve("training-log.csv")))
                .isEqualTo(withoutSeconds(Files.readAllLines(straight.resolve("training-log.csv")), broken));
    }

    /** The logs match except for the wall-clock column: compare all but the last field. */
    private static List<String> withoutSeconds(List<String> straight, Path broken) throws IOException {
        List<String> other = Files.readAllLines(broken.resolve("training-log.csv"));
        List<String> out = new ArrayList<>();
        for (int i = 0; i < straight.size(); i++) {
            String s = straight.get(i);
            String o = i < other.size() ? other.get(i) : "";
            out.add(o.substring(0, Math.max(0, o.lastIndexOf(','))).equals(s.substring(0, s.lastIndexOf(','))) ? o : s);
        }
        return out;
    }
}
