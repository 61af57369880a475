package org.cir4j.methods.clip4cir;

import ai.djl.engine.Engine;
import org.cir4j.model.Scalars;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;
import java.util.logging.Logger;
import org.cir4j.train.AdamW;
import org.cir4j.train.TrainingCheckpoint;

/**
 * Stage 2 of CLIP4Cir (reference {@code combiner_train.py}): trains a {@link Combiner} from scratch on frozen
 * (fine-tuned) CLIP features with the batch-based contrastive loss — cross-entropy of
 * {@code 100 · C(ψI, ψT) · normalise(ψI(target))ᵀ} against the batch's own targets (labels = arange(B)).
 *
 * <p>Reference defaults: Adam (here {@link AdamW} with weight decay 0, which is Adam), lr 2e-5, batch 1024
 * (the paper: 4096), up to 300 epochs, shuffled batches with {@code drop_last}, dropout 0.5 active. The best
 * validation checkpoint by {@link Clip4CirTask#selectionScore} is kept; early stopping after {@code patience}
 * validations without improvement (0: off). Resumable from {@code OUT/train/}; a NaN/inf loss skips the step
 * with a warning and the run fails after {@code maxBadSteps} such steps.
 */
public final class CombinerTrainer {

    private static final Logger LOG = Logger.getLogger(CombinerTrainer.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Training options; {@link #defaults} are the reference's. */
    public record Options(int epochs, int batchSize, float learningRate, long seed, int validateEvery, int patience,
                          int maxBadSteps, int keepCheckpoints) {
        public Options {
            if (epochs < 1 || batchSize < 2 || !(learningRate > 0) || validateEvery < 1 || patience < 0 || maxBadSteps < 0) {
                throw new IllegalArgumentException("invalid Combiner training options " + this);
            }
        }

        public static Options defaults() {
            return new Options(300, 1024, 2e-5f, 0, 1, 10, 10, 2);
        }
    }

    /** What a finished run reports. */
    public record Result(long epochs, long steps, double bestScore, long bestEpoch, long skippedSteps, boolean stoppedEarly) {}

    private final CombinerConfig config;
    private final Options options;
    private ObjectNode runInfo;

    public CombinerTrainer(CombinerConfig config, Options options) {
        if (!config.variant().isTrainable()) {
            throw new IllegalArgumentException("Combiner variant '" + config.variant().id() + "' has no parameters to train");
        }
        this.config = config;
        this.options = options;
    }

    /**
     * Trains and writes the best Combiner to {@code out} (a {@link CombinerCheckpoint} directory).
     *
     * @param validate scores a Combiner on the validation split (higher is better); {@code null}: no validation,
     *                 the last epoch is kept
     * @param base     identity of the CLIP the features come from
     * @param galleryModel the fine-tuned CLIP's sub-directory of {@code out}, or null
     * @param runInfo      extra facts recorded in the checkpoint's {@code training} object (e.g. the preprocessing), or null
     */
    public Result train(TripletFeatures data, Function<Combiner, Validation.Outcome> validate, Path out,
                        CombinerCheckpoint.BaseModel base, String galleryModel, ObjectNode runInfo, boolean resume,
                        TrainingProgress progress) throws IOException {
        this.runInfo = runInfo;
        if (data.dim() != config.featureDim()) {
            throw new IllegalArgumentException("triplet features have d=" + data.dim() + ", the Combiner expects "
                    + config.featureDim());
        }
        int n = data.count();
        int batch = Math.min(options.batchSize(), n);
        if (batch < options.batchSize()) {
            LOG.warning("only " + n + " triplets: batch size lowered from " + options.batchSize() + " to " + n);
        }
        int stepsPerEpoch = n / batch; // drop_last, as the reference's DataLoader
        int k = data.textsPerTriplet();
        Path trainDir = out.resolve("train");
        try (NDManager root = NDManager.newBaseManager()) {
            NDArray ref = root.create(data.reference(), new Shape(n, data.dim()));
            NDArray tgt = root.create(data.target(), new Shape(n, data.dim()));
            NDArray txt = root.create(data.text(), new Shape((long) n * k, data.dim()));
            Combiner combiner = null;
            AdamW adam = new AdamW(root, 0.9f, 0.999f, 1e-8f, 0f, name -> true);
            long epoch = 0;
            long step = 0;
            long skipped = 0;
            double best = -1; // scores are percentages ≥ 0
            long bestEpoch = 0;
            long sinceBest = 0;
            try {
                Optional<TrainingCheckpoint.Loaded> last = resume ? TrainingCheckpoint.latest(trainDir, root) : Optional.empty();
                if (last.isPresent()) {
                    TrainingCheckpoint.Loaded l = last.get();
                    ObjectNode s = l.state();
                    CombinerConfig saved = CombinerConfig.fromJson(s.get("combiner"), l.dir().toString());
                    if (!saved.equals(config)) {
                        throw new IllegalArgumentException("cannot resume from " + l.dir() + ": it trains " + saved.toJson()
                                + ", this run asks for " + config.toJson());
                    }
                    Map<String, NDArray> tensors = new LinkedHashMap<>();
                    for (NDArray a : l.params()) {
                        tensors.put(a.getName(), a);
                    }
                    combiner = Combiner.of(config, tensors, root, l.dir().toString());
                    adam.load(l.optimizer(), combiner.parameters());
                    epoch = s.get("epoch").asLong();
                    step = l.step();
                    skipped = s.get("skipped_steps").asLong();
                    best = s.get("best_score").asDouble();
                    bestEpoch = s.get("best_epoch").asLong();
                    sinceBest = s.get("since_best").asLong();
                    LOG.info("resumed from " + l.dir() + " at epoch " + epoch);
                } else {
                    combiner = Combiner.initialize(config, options.seed(), root);
                }
                Map<String, NDArray> params = combiner.trainable(true);
                TrainingLog log = new TrainingLog(out, "CLIP4Cir Combiner (" + config.variant().id() + ")", epoch);
                boolean stopped = false;
                while (epoch < options.epochs()) {
                    long t0 = System.nanoTime();
                    epoch++;
                    // Per-epoch seeds: a resumed run draws the same batches and dropout masks as an uninterrupted one.
                    Random rnd = new Random(options.seed() * 1_000_003L + epoch);
                    Engine.getInstance().setRandomSeed((int) (options.seed() * 7919 + epoch));
                    int[] perm = permutation(n, rnd);
                    double lossSum = 0;
                    int lossCount = 0;
                    for (int b = 0; b < stepsPerEpoch; b++) {
                        long[] rows = new long[batch];
                        long[] textRows = new long[batch];
                        for (int i = 0; i < batch; i++) {
                            int t = perm[b * batch + i];
                            rows[i] = t;
                            textRows[i] = (long) t * k + (k == 4 ? FashionIqCaptions.randomVariant(rnd) : rnd.nextInt(k));
                        }
                        try (NDManager sm = root.newSubManager()) {
                            NDArray idx = sm.create(rows);
                            NDArray img = ref.get(idx);
                            NDArray target = tgt.get(idx);
                            NDArray text = txt.get(sm.create(textRows));
                            float lossValue;
                            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                                NDArray logits = combiner.logits(img, text, target, true);
                                NDArray loss = contrastiveLoss(logits);
                                lossValue = loss.getFloat();
                                if (Float.isFinite(lossValue)) {
                                    gc.backward(loss);
                                }
                            }
                            step++;
                            if (!Float.isFinite(lossValue)) {
                                skipped++;
                                params.values().forEach(p -> {
                                    if (p.hasGradient()) {
                                        AdamW.zero(p.getGradient());
                                    }
                                });
                                LOG.warning("step " + step + ": loss is " + lossValue + ", step skipped (" + skipped + " so far)");
                                if (skipped > options.maxBadSteps()) {
                                    throw new IllegalStateException("Combiner training diverged: " + skipped
                                            + " steps with a non-finite loss (limit " + options.maxBadSteps() + ")");
                                }
                                continue;
                            }
                            adam.step(params, options.learningRate());
                            lossSum += lossValue;
                            lossCount++;
                        }
                        progress.update("combiner epoch " + epoch + "/" + options.epochs(), b + 1, stepsPerEpoch);
                    }
                    double score = Double.NaN;
                    if (validate != null && epoch % options.validateEvery() == 0) {
                        combiner.trainable(false);
                        Validation.Outcome o = validate.apply(combiner);
                        combiner.trainable(true);
                        score = o.score();
                        if (score > best) {
                            best = score;
                            bestEpoch = epoch;
                            sinceBest = 0;
                            CombinerCheckpoint.write(out, combiner, base, galleryModel, trainingInfo(epoch, step, score, data));
                            o.report().write(out, "val-best");
                        } else {
                            sinceBest++;
                        }
                    } else if (validate == null) {
                        CombinerCheckpoint.write(out, combiner, base, galleryModel, trainingInfo(epoch, step, Double.NaN, data));
                    }
                    log.add(epoch, step, lossCount == 0 ? Double.NaN : lossSum / lossCount, score, skipped,
                            (System.nanoTime() - t0) / 1e9);
                    ObjectNode state = JSON.createObjectNode();
                    state.set("combiner", config.toJson());
                    state.put("epoch", epoch);
                    state.put("skipped_steps", skipped);
                    state.put("best_score", best);
                    state.put("best_epoch", bestEpoch);
                    state.put("since_best", sinceBest);
                    NDList p = new NDList();
                    params.values().forEach(p::add);
                    TrainingCheckpoint.save(trainDir, step, p, adam.state(), state, options.keepCheckpoints());
                    if (options.patience() > 0 && sinceBest >= options.patience()) {
                        LOG.info("early stop at epoch " + epoch + ": no improvement for " + sinceBest + " validations");
                        stopped = true;
                        break;
                    }
                }
                return new Result(epoch, step, best, bestEpoch, skipped, stopped);
            } finally {
                adam.close();
                if (combiner != null) {
                    combiner.close();
                }
            }
        }
    }

    /** Mean over rows of −log softmax(logits)_ii: cross-entropy against labels arange(B). */
    static NDArray contrastiveLoss(NDArray logits) {
        long b = logits.getShape().get(0);
        NDArray logp = logits.logSoftmax(1);
        NDArray eye = logits.getManager().eye((int) b, (int) logits.getShape().get(1), 0, logp.getDataType());
        return Scalars.div(logp.mul(eye).sum().neg(), b);
    }

    private ObjectNode trainingInfo(long epoch, long step, double score, TripletFeatures data) {
        ObjectNode t = JSON.createObjectNode();
        if (runInfo != null) {
            t.setAll(runInfo);
        }
        t.put("stage", "combiner");
        t.put("epoch", epoch);
        t.put("step", step);
        if (!Double.isNaN(score)) {
            t.put("val_selection_score", score);
        }
        t.put("triplets", data.count());
        t.put("batch_size", options.batchSize());
        t.put("learning_rate", options.learningRate());
        t.put("seed", options.seed());
        return t;
    }

    private static int[] permutation(int n, Random rnd) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
