package org.cir4j.train.clip;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.GradientCollector;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import org.cir4j.model.ClipCheckpoints;
import org.cir4j.model.ClipConfig;
import org.cir4j.model.ClipModel;
import org.cir4j.text.Tokenizer;
import org.cir4j.text.WordLevelTokenizer;
import org.cir4j.train.AdamW;
import org.cir4j.train.LearningRateSchedule;
import org.cir4j.train.TrainingCheckpoint;

/**
 * Pretrains a mini-CLIP from scratch on the world's image–caption pairs with CLIP's contrastive
 * objective ({@link ContrastiveLoss}), AdamW with CLIP's no-decay set, linear warm-up + cosine decay
 * and a learnable temperature clamped at 100.
 *
 * <p><b>Output directory.</b> {@code out/} is at every checkpoint (and at the end) a loadable model:
 * Hugging Face {@code config.json} + {@code model.safetensors} ({@link ClipCheckpoints#save}), the
 * word-level tokenizer files, {@value #TRAINING_FILE} (recipe, steps done, wall time) and the log
 * ({@code training-log.csv}, {@code loss.png}). {@code out/checkpoints/} holds the resumable state
 * (weights, AdamW moments, step).
 *
 * <p><b>Determinism.</b> Initialisation, data order and caption choice derive from the seed
 * ({@link BatchSampler}), and a resumed run restores weights, moments and step, so an interrupted and
 * resumed run reproduces the uninterrupted one (on the same machine and thread count).
 *
 * <p><b>NaN guard.</b> A step whose loss or gradient norm is not finite is skipped (gradients zeroed,
 * weights and moments untouched), logged and counted; after {@code maxBadSteps} such steps the run fails.
 */
public final class ClipPretrainer {

    public static final String TRAINING_FILE = "training.json";
    public static final String CHECKPOINTS = "checkpoints";
    private static final Logger LOG = Logger.getLogger(ClipPretrainer.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a listener sees after each step. */
    public record StepStats(long step, long totalSteps, double loss, double logitScale, double learningRate,
                            double gradNorm, boolean skipped, int skippedSoFar) {
        /** CLIP's temperature τ = 1 / exp(logit_scale). */
        public double temperature() {
            return Math.exp(-logitScale);
        }
    }

    /** Receives per-step statistics (progress bars). */
    @FunctionalInterface
    public interface Listener {
        void onStep(StepStats stats);
    }

    /** The end state of a run. */
    public record Result(Path modelDir, long steps, double finalLoss, double firstLoss, int skippedSteps,
                         double trainSeconds) {}

    private final ClipConfig config;
    private final PretrainOptions options;
    private final WordLevelTokenizer tokenizer;
    private final PretrainPairs pairs;
    private final int[] groups;
    private final Path out;
    private final ObjectNode provenance;

    /**
     * @param provenance free-form facts recorded in {@value #TRAINING_FILE} (world path and seed, command)
     */
    public ClipPretrainer(ClipConfig config, PretrainOptions options, WordLevelTokenizer tokenizer,
                          PretrainPairs pairs, Path out, ObjectNode provenance) {
        this(config, options, tokenizer, pairs, null, out, provenance);
    }

    /**
     * @param groups confusable group of every pair ({@link ConfusableGroups#of}); needed when
     *        {@code options.hardNegativeFraction() > 0}, else may be null
     */
    public ClipPretrainer(ClipConfig config, PretrainOptions options, WordLevelTokenizer tokenizer,
                          PretrainPairs pairs, int[] groups, Path out, ObjectNode provenance) {
        if (options.hardNegativeFraction() > 0 && (groups == null || groups.length != pairs.size())) {
            throw new IllegalArgumentException("hard-negative fraction " + options.hardNegativeFraction()
                    + " needs a confusable group for each of the " + pairs.size() + " pairs, found "
                    + (groups == null ? "none" : groups.length));
        }
        if (config.text().vocabSize() != tokenizer.vocabSize()) {
            throw new IllegalArgumentException("config vocabulary " + config.text().vocabSize()
                    + " differs from the tokenizer's " + tokenizer.vocabSize());
        }
        if (config.vision().imageSize() != pairs.imageSize()) {
            throw new IllegalArgumentException("config image size " + config.vision().imageSize()
                    + " differs from the preprocessed pairs' " + pairs.imageSize());
        }
        this.config = config;
        this.options = options;
        this.tokenizer = tokenizer;
        this.pairs = pairs;
        this.groups = groups;
        this.out = out;
        this.provenance = provenance == null ? JSON.createObjectNode() : provenance.deepCopy();
    }

    /**
     * Runs (or with {@code resume}, continues) the training up to {@code options.steps()}.
     *
     * @throws IllegalStateException if a checkpoint exists and {@code resume} is false, or the resumed
     *     checkpoint was made with another config or options
     */
    public Result run(boolean resume, Listener listener) throws IOException {
        return run(resume, listener, options.steps());
    }

    /**
     * As {@link #run(boolean, Listener)}, but stops (with a checkpoint) once {@code stopAfter} steps are
     * done, so a long schedule can be trained in several sittings and continued with {@code resume}.
     */
    public Result run(boolean resume, Listener listener, long stopAfter) throws IOException {
        if (stopAfter < 1 || stopAfter > options.steps()) {
            throw new IllegalArgumentException("stop after " + stopAfter + " steps: must be in [1, " + options.steps()
                    + "]");
        }
        Path checkpoints = out.resolve(CHECKPOINTS);
        Files.createDirectories(out);
        try (NDManager root = NDManager.newBaseManager()) {
            Optional<TrainingCheckpoint.Loaded> previous = TrainingCheckpoint.latest(checkpoints, root);
            if (previous.isPresent() && !resume) {
                throw new IllegalStateException(out + " already holds a training checkpoint ("
                        + previous.get().dir().getFileName() + "); pass --resume to continue it or choose another --out");
            }
            long start = 0;
            double elapsedBefore = 0;
            int skipped = 0;
            double firstLoss = Double.NaN;
            ClipModel model;
            AdamW optimizer;
            TrainingLog log = new TrainingLog(out);
            Map<String, NDArray> params;
            if (previous.isPresent()) {
                TrainingCheckpoint.Loaded ck = previous.get();
                checkCompatible(ck.state());
                model = ClipCheckpoints.load(ck.dir().resolve("params.safetensors"), config, root);
                params = model.trainableParameters(n -> true);
                optimizer = newOptimizer(root, params);
                optimizer.load(ck.optimizer(), params);
                start = ck.step();
                elapsedBefore = ck.state().path("train_seconds").asDouble(0);
                skipped = ck.state().path("skipped_steps").asInt(0);
                firstLoss = ck.state().path("first_loss").asDouble(Double.NaN);
                ck.params().close();
                ck.optimizer().close();
                log.restore(start);
            } else {
                model = ClipModel.randomInit(config, options.seed(), root);
                params = model.trainableParameters(n -> true);
                optimizer = newOptimizer(root, params);
            }
            // DJL accumulates into .grad; make sure nothing left by earlier work in this JVM leaks in.
            model.zeroGradients();
            if (start >= options.steps()) {
                throw new IllegalStateException("the checkpoint in " + checkpoints + " is at step " + start
                        + ", not below --steps " + options.steps() + "; raise --steps to train further");
            }
            LearningRateSchedule schedule = new LearningRateSchedule(options.learningRate(), options.warmupSteps(),
                    options.steps(), 0f);
            int hard = Math.round(options.hardNegativeFraction() * options.batch());
            BatchSampler sampler = new BatchSampler(pairs.size(), options.batch(), options.seed(), groups,
                    Math.min(hard, options.batch() - 1));
            long t0 = System.nanoTime();
            double lastLoss = Double.NaN;
            if (start >= stopAfter) {
                throw new IllegalStateException("the checkpoint in " + checkpoints + " is already at step " + start
                        + ", not below the requested stop at step " + stopAfter);
            }
            long end = Math.min(stopAfter, options.steps());
            for (long step = start; step < end; step++) {
                float lr = schedule.at((int) step);
                double[] lossAndNorm = forwardBackward(model, sampler, step);
                boolean bad = !Double.isFinite(lossAndNorm[0]) || !Double.isFinite(lossAndNorm[1]);
                if (bad) {
                    model.zeroGradients();
                    skipped++;
                    LOG.warning(String.format("step %d: non-finite loss %s or gradient norm %s; step skipped (%d so far)",
                            step, lossAndNorm[0], lossAndNorm[1], skipped));
                    if (skipped > options.maxBadSteps()) {
                        throw new IllegalStateException("training diverged: " + skipped
                                + " steps with a non-finite loss or gradient (limit " + options.maxBadSteps()
                                + "); last checkpoint in " + checkpoints);
                    }
                } else {
                    optimizer.step(params, lr);
                    clampLogitScale(model);
                    lastLoss = lossAndNorm[0];
                    if (Double.isNaN(firstLoss)) {
                        firstLoss = lastLoss;
                    }
                }
                double seconds = elapsedBefore + (System.nanoTime() - t0) / 1e9;
                double scale = model.logitScale().getFloat();
                log.add(new TrainingLog.Row(step, lossAndNorm[0], lr, scale, lossAndNorm[1], bad, seconds));
                if (listener != null) {
                    listener.onStep(new StepStats(step + 1, options.steps(), lossAndNorm[0], scale, lr, lossAndNorm[1],
                            bad, skipped));
                }
                long done = step + 1;
                if (done % options.checkpointEvery() == 0 || done == end) {
                    save(model, optimizer, log, checkpoints, done, seconds, skipped, firstLoss, lastLoss);
                }
            }
            double seconds = elapsedBefore + (System.nanoTime() - t0) / 1e9;
            optimizer.close();
            model.close();
            return new Result(out, end, lastLoss, firstLoss, skipped, seconds);
        }
    }

    /** One forward + backward pass; returns {loss, gradient norm}. Gradients stay on the parameters. */
    private double[] forwardBackward(ClipModel model, BatchSampler sampler, long step) {
        try (NDScope scope = new NDScope(); NDManager sm = model.manager().newSubManager()) {
            scope.suppressNotUsedWarning();
            int[] indices = sampler.indices(step);
            List<String> texts = Arrays.asList(sampler.captions(step, indices, pairs));
            NDArray pixels = pairs.pixels(sm, indices);
            NDArray ids = ClipModel.tokenIds(tokenizer.batch(texts, config.text().contextLength(),
                    Tokenizer.Truncation.TRUNCATE), sm);
            double loss;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray image = model.encodeImage(pixels);
                NDArray text = model.encodeText(ids);
                NDArray l = ContrastiveLoss.of(image, text, model.logitScale());
                loss = l.getFloat();
                if (!Double.isFinite(loss)) {
                    return new double[] {loss, Double.NaN};
                }
                gc.backward(l);
            }
            GradientNorm norm = GradientNorm.of(model.parameters(), sm);
            if (!norm.nonFinite().isEmpty()) {
                LOG.warning(String.format("step %d: loss %s finite, non-finite gradient in %d parameter(s): %s",
                        step, loss, norm.nonFinite().size(), norm.nonFinite()));
            }
            return new double[] {loss, norm.norm()};
        }
    }

    /** CLIP: {@code logit_scale.clamp_(0, ln 100)} after every update. */
    private static void clampLogitScale(ClipModel model) {
        NDArray s = model.logitScale();
        float v = s.getFloat();
        float c = Math.max(0f, Math.min(PretrainOptions.MAX_LOGIT_SCALE, v));
        if (c != v) {
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                s.set(new NDIndex("..."), c);
            }
        }
    }

    /**
     * CLIP's optimizer: AdamW without weight decay on parameters with fewer than 2 dimensions (gains,
     * biases, class embedding, logit scale), as open_clip's {@code exclude} rule
     * ({@code p.ndim < 2 or "bn"/"ln"/"bias"/"logit_scale" in name}).
     */
    private AdamW newOptimizer(NDManager root, Map<String, NDArray> params) {
        Set<String> noDecay = new HashSet<>();
        params.forEach((name, p) -> {
            if (p.getShape().dimension() < 2 || name.contains("bn") || name.contains("ln") || name.contains("bias")
                    || name.contains("logit_scale")) {
                noDecay.add(name);
            }
        });
        return new AdamW(root, PretrainOptions.BETA1, PretrainOptions.BETA2, PretrainOptions.ADAM_EPS,
                options.weightDecay(), noDecay::contains);
    }

    private void save(ClipModel model, AdamW optimizer, TrainingLog log, Path checkpoints, long step, double seconds,
                      int skipped, double firstLoss, double lastLoss) throws IOException {
        ObjectNode state = JSON.createObjectNode();
        state.set("config", config.toJson());
        state.set("options", JSON.valueToTree(options));
        state.put("train_seconds", seconds);
        state.put("skipped_steps", skipped);
        state.put("first_loss", firstLoss);
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDList weights = new NDList();
            model.stateDict().values().forEach(weights::add);
            NDList moments = optimizer.state();
            TrainingCheckpoint.save(checkpoints, step, weights, moments, state, options.keepCheckpoints());
        }
        MiniClipExport.write(model, tokenizer, out);
        ObjectNode training = JSON.createObjectNode();
        training.put("format_version", 1);
        training.put("kind", "cir4j mini-CLIP pretraining");
        training.set("options", JSON.valueToTree(options));
        training.put("steps_done", step);
        training.put("train_seconds", Math.round(seconds * 10) / 10.0);
        training.put("skipped_steps", skipped);
        training.put("first_loss", firstLoss);
        training.put("last_loss", lastLoss);
        training.put("pairs", pairs.size());
        training.put("threads", Runtime.getRuntime().availableProcessors());
        training.set("provenance", provenance);
        MiniClipExport.writeJson(out.resolve(TRAINING_FILE), training);
        log.write();
    }

    /** A resumed run must continue the same recipe: same architecture and options. */
    private void checkCompatible(ObjectNode state) {
        JsonNode savedConfig = state.get("config");
        if (savedConfig != null && !savedConfig.equals(config.toJson())) {
            throw new IllegalStateException("cannot resume: the checkpoint was trained with config " + savedConfig
                    + ", this run asks for " + config.toJson());
        }
        JsonNode savedOptions = state.get("options");
        if (savedOptions != null) {
            ObjectNode now = JSON.valueToTree(options);
            if (!savedOptions.path("steps").equals(now.path("steps"))) {
                LOG.warning("resuming with --steps " + options.steps() + " instead of " + savedOptions.path("steps")
                        + ": the cosine schedule is stretched from here on, so the run differs from a single run of "
                        + options.steps() + " steps");
            }
            if (!savedOptions.has("hard_negative_fraction") && options.hardNegativeFraction() != 0) {
                throw new IllegalStateException("cannot resume: the checkpoint was trained with uniform batches, "
                        + "this run asks for hard-negative fraction " + options.hardNegativeFraction());
            }
            List<String> fields = new java.util.ArrayList<>(List.of("config", "batch", "learning_rate",
                    "warmup_steps", "weight_decay", "seed", "held_out"));
            if (savedOptions.has("hard_negative_fraction")) {
                fields.add("hard_negative_fraction");
            }
            for (String field : fields) {
                // Compared as text: a float option reads back from JSON as a double node.
                if (!savedOptions.path(field).asText().equals(now.path(field).asText())) {
                    throw new IllegalStateException("cannot resume: option " + field + " was "
                            + savedOptions.path(field) + " in the checkpoint, now " + now.path(field)
                            + " (the schedule and data order depend on it)");
                }
            }
        }
    }
}
