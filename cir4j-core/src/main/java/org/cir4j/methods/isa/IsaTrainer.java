package org.cir4j.methods.isa;

import ai.djl.engine.Engine;
import org.cir4j.methods.searle.PhraseBank;
import org.cir4j.model.Scalars;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.logging.Logger;
import org.cir4j.image.ImagePreprocessor;
import org.cir4j.model.ClipModel;
import org.cir4j.model.TorchRuntime;
import org.cir4j.text.TokenBatch;
import org.cir4j.text.Tokenizer;
import org.cir4j.train.AdamW;
import org.cir4j.train.LearningRateSchedule;
import org.cir4j.train.TrainingCheckpoint;
import org.cir4j.world.ProgressListener;

/**
 * Trains an ISA query model on unlabelled images against a frozen CLIP ({@link IsaLosses}): the
 * large image encoder supplies the targets, the frozen text encoder turns the tokens into sentences.
 *
 * <p>Output directory: {@code config.json} + {@code isa.safetensors} (the method checkpoint, see
 * {@link IsaCheckpoint}), {@code train_log.csv}, {@code loss.png} and {@code state/} (resumable
 * checkpoints: parameters, AdamW moments, step). Data order depends only on the seed and the step, so
 * a resumed run sees the same batches as an uninterrupted one.
 */
public final class IsaTrainer {

    private static final Logger LOG = Logger.getLogger(IsaTrainer.class.getName());

    /** What a finished run reports. */
    public record Result(long steps, int skippedSteps, double firstLoss, double lastLoss, double seconds, Path checkpoint) {}

    private final ClipModel clip;
    private final Tokenizer tokenizer;
    private final IsaConfig config;
    private final IsaTrainingOptions options;
    private final List<Path> images;
    private final Path out;
    private final ObjectNode metadata;
    private final PhraseBank phrases;

    /**
     * @param metadata extra facts recorded in the checkpoint's {@code training} block (model path, its
     *     file hash, image source); may be null
     */
    public IsaTrainer(ClipModel clip, Tokenizer tokenizer, IsaConfig config, IsaTrainingOptions options, List<Path> images,
                      Path out, ObjectNode metadata) {
        this(clip, tokenizer, config, options, images, out, metadata, null);
    }

    /** @param phrases the concept phrase bank for the GPT-phrase regularisation (required when its weight is > 0) */
    public IsaTrainer(ClipModel clip, Tokenizer tokenizer, IsaConfig config, IsaTrainingOptions options, List<Path> images,
                      Path out, ObjectNode metadata, PhraseBank phrases) {
        if (options.gptWeight() > 0 && phrases == null) {
            throw new IllegalArgumentException("GPT-phrase regularisation (weight " + options.gptWeight()
                    + ") needs a phrase bank (concepts.json + phrases.json)");
        }
        this.phrases = phrases;
        this.clip = clip;
        this.tokenizer = tokenizer;
        this.config = config;
        this.options = options;
        this.images = List.copyOf(images);
        this.out = out;
        this.metadata = metadata == null ? JsonNodeFactory.instance.objectNode() : metadata.deepCopy();
        if (config.wordWidth() != clip.config().text().width()) {
            throw new IllegalArgumentException("ISA config word_width " + config.wordWidth() + " != CLIP text width "
                    + clip.config().text().width());
        }
        if (!config.isLight()) {
            if (config.imageSize() != clip.config().vision().imageSize()) {
                throw new IllegalArgumentException("symmetric ISA: image_size " + config.imageSize() + " != CLIP image size "
                        + clip.config().vision().imageSize());
            }
        }
        int[] ph = tokenizer.encode("$");
        if (ph.length != 1 || ph[0] != tokenizer.placeholderId()) {
            throw new IllegalArgumentException("the tokenizer does not encode \"$\" as its placeholder id "
                    + tokenizer.placeholderId() + " (found " + java.util.Arrays.toString(ph) + ")");
        }
    }

    /** Trains (resuming from {@code out/state} when {@code resume} and a checkpoint exists) and writes the method directory. */
    public Result run(boolean resume, ProgressListener progress) throws IOException {
        long t0 = System.nanoTime();
        clip.trainableParameters(n -> false); // frozen: no gradients into CLIP
        BaseModelIdentity base = BaseModelIdentity.of(clip);
        Path stateDir = out.resolve("state");
        TrainingLog log = new TrainingLog(out.resolve("train_log.csv"), out.resolve("loss.png"));
        try (NDManager root = clip.manager().newSubManager()) {
            IsaModel model;
            AdamW opt = new AdamW(root, 0.9f, 0.999f, 1e-8f, options.weightDecay(), IsaTrainer::noDecay);
            long start = 0;
            double previousSeconds = 0;
            Optional<TrainingCheckpoint.Loaded> saved = resume ? TrainingCheckpoint.latest(stateDir, root) : Optional.empty();
            if (saved.isPresent()) {
                TrainingCheckpoint.Loaded ck = saved.get();
                IsaConfig savedConfig = IsaConfig.parse(ck.state().get("isa"));
                if (!savedConfig.equals(config)) {
                    throw new IllegalArgumentException("cannot resume " + ck.dir() + ": it was trained with ISA config "
                            + savedConfig + ", this run asks for " + config);
                }
                Map<String, NDArray> tensors = new LinkedHashMap<>();
                NDManager mm = root.newSubManager();
                for (NDArray a : ck.params()) {
                    tensors.put(a.getName(), a);
                }
                model = IsaModel.of(config, tensors, mm, ck.dir().toString());
                opt.load(ck.optimizer(), model.parameters());
                start = ck.step();
                previousSeconds = ck.state().path("seconds").asDouble(0);
                log.restore(start);
                LOG.info("resuming ISA training from " + ck.dir() + " at step " + start);
            } else {
                model = IsaModel.randomInit(config, options.seed(), root);
            }
            Map<String, NDArray> params = model.trainable(true);
            model.zeroGradients();
            Batches batches = new Batches(root);
            LearningRateSchedule schedule = new LearningRateSchedule(options.learningRate(), options.warmupSteps(),
                    options.steps(), 0f);
            int bad = 0;
            double first = log.rows().isEmpty() ? Double.NaN : log.rows().get(0).loss();
            double last = Double.NaN;
            long tRun = System.nanoTime();
            for (long step = start; step < options.steps(); step++) {
                float lr = schedule.at((int) step);
                double[] losses;
                try (NDManager sm = root.newSubManager()) {
                    losses = step(model, batches, sm, step);
                    if (Double.isFinite(losses[0])) {
                        opt.step(params, lr);
                    } else {
                        model.zeroGradients();
                        bad++;
                        LOG.warning("ISA step " + step + ": non-finite loss " + losses[0] + ", step skipped (" + bad + " so far)");
                        if (bad > options.maxBadSteps()) {
                            throw new IllegalStateException("ISA training: " + bad + " non-finite losses (limit "
                                    + options.maxBadSteps() + "); lower the learning rate");
                        }
                    }
                }
                double seconds = previousSeconds + (System.nanoTime() - tRun) / 1e9;
                if (Double.isFinite(losses[0])) {
                    log.add(new TrainingLog.Row(step + 1, losses[0], losses[1], losses[2], losses[3], losses[4], lr, seconds));
                    if (Double.isNaN(first)) {
                        first = losses[0];
                    }
                    last = losses[0];
                }
                progress.update("isa train", step + 1, options.steps());
                if ((step + 1) % options.checkpointEvery() == 0 || step + 1 == options.steps()) {
                    ObjectNode st = JsonNodeFactory.instance.objectNode();
                    st.set("isa", config.toJson());
                    st.put("seconds", seconds);
                    NDList ps = new NDList();
                    params.forEach((name, a) -> {
                        NDArray c = a.duplicate();
                        c.setName(name);
                        ps.add(c);
                    });
                    NDList os = opt.state();
                    TrainingCheckpoint.save(stateDir, step + 1, ps, os, st, 2);
                    ps.close();
                    os.close();
                    log.write();
                }
            }
            double total = (System.nanoTime() - t0) / 1e9;
            ObjectNode training = metadata.deepCopy();
            training.set("options", options.toJson());
            training.put("images", images.size());
            training.put("skipped_steps", bad);
            training.put("final_loss", last);
            training.put("wall_seconds_this_process", total);
            training.put("parameters", model.parameterCount());
            IsaCheckpoint.save(out, model, base, training);
            opt.close();
            return new Result(options.steps(), bad, first, last, total, out);
        }
    }

    private static boolean noDecay(String name) {
        return name.endsWith(".bias") || name.contains("gn") || name.contains("ln") || name.endsWith("pos")
                || name.endsWith("queries");
    }

    /** Fixed per-run inputs: token ids of the prompts, the word table, the resampling matrix. */
    private final class Batches {
        final ImageBatches data;
        final NDArray words;
        final NDArray resample;
        final int largeGrid;
        final List<String> concepts;
        final NDArray conceptFeatures;

        Batches(NDManager m) {
            ImagePreprocessor largePre = ImagePreprocessor.clip(clip.config().vision().imageSize());
            ImagePreprocessor lightPre = ImagePreprocessor.clip(config.imageSize());
            data = new ImageBatches(images, largePre, lightPre);
            if (data.size() < options.batchSize()) {
                throw new IllegalArgumentException("ISA training: batch size " + options.batchSize() + " exceeds the "
                        + data.size() + " training images");
            }
            words = wordTable(m);
            boolean local = options.localWeight() > 0 && config.usesTokenLearner();
            if (local && clip.config().vision().type() != org.cir4j.model.ClipConfig.VisionType.VIT) {
                throw new IllegalArgumentException("LAR-local needs projected patch features, which only a ViT CLIP has; "
                        + "use --lar-local 0 with a ResNet CLIP");
            }
            largeGrid = clip.config().vision().type() == org.cir4j.model.ClipConfig.VisionType.VIT
                    ? clip.config().vision().gridSize() : 0;
            resample = local ? IsaLosses.resampling(m, config.mapGrid(), largeGrid) : null;
            if (options.gptWeight() > 0) {
                concepts = phrases.concepts();
                if (concepts.isEmpty()) {
                    throw new IllegalArgumentException("GPT-phrase regularisation: the phrase bank has no usable concept "
                            + "(every concept needs phrases that contain it verbatim)");
                }
                NDArray f = TorchRuntime.withoutGradients(() -> encodeTexts(m, concepts.stream().map(c -> "a photo of " + c).toList()));
                conceptFeatures = f.transpose().duplicate(); // (d,K)
                f.close();
            } else {
                concepts = null;
                conceptFeatures = null;
            }
        }

        /** Normalised embeddings of every real word: special tokens and the placeholder are no words. */
        private NDArray wordTable(NDManager m) {
            int v = tokenizer.vocabSize();
            List<Integer> keep = new ArrayList<>();
            for (int i = 0; i < v; i++) {
                if (i != tokenizer.startId() && i != tokenizer.endId() && i != tokenizer.padId()
                        && i != tokenizer.placeholderId() && !tokenizer.decode(new int[] {i}).isBlank()) {
                    keep.add(i);
                }
            }
            long[] idx = keep.stream().mapToLong(Integer::longValue).toArray();
            NDArray index = m.create(idx);
            NDArray table = clip.tokenEmbedding().get(index);
            // Stored transposed (w,V'): per-step ops then take the batch's arrays as first operand, so their
            // results live in the step's manager.
            NDArray normed = IsaOps.l2Normalize(table).transpose().duplicate();
            index.close();
            table.close();
            return normed;
        }

        int[] indices(long step) {
            int n = data.size();
            int b = options.batchSize();
            int perEpoch = n / b;
            long epoch = step / perEpoch;
            int offset = (int) (step % perEpoch) * b;
            int[] perm = new int[n];
            for (int i = 0; i < n; i++) {
                perm[i] = i;
            }
            Random r = new Random(options.seed() * 1_000_003L + epoch);
            for (int i = n - 1; i > 0; i--) {
                int j = r.nextInt(i + 1);
                int t = perm[i];
                perm[i] = perm[j];
                perm[j] = t;
            }
            return java.util.Arrays.copyOfRange(perm, offset, offset + b);
        }
    }

    /** Normalised text features of {@code texts} (chunks of 256), (n,d) in {@code m}. */
    private NDArray encodeTexts(NDManager m, List<String> texts) {
        List<NDArray> parts = new ArrayList<>();
        for (int i = 0; i < texts.size(); i += 256) {
            List<String> chunk = texts.subList(i, Math.min(texts.size(), i + 256));
            NDArray ids = ClipModel.tokenIds(tokenizer.batch(chunk, clip.config().text().contextLength(),
                    Tokenizer.Truncation.TRUNCATE), m);
            parts.add(IsaOps.l2Normalize(clip.encodeText(ids)));
        }
        return ai.djl.ndarray.NDArrays.concat(new NDList(parts), 0);
    }

    /**
     * iSEARLE's GPT-phrase pairs for a batch: per image one of its top-k concepts (by cosine between the
     * large image feature and "a photo of {concept}") and one of that concept's phrases; returns
     * {phrase, phrase with the concept replaced by the M placeholders} per image.
     */
    private List<List<String>> gptPairs(Batches batches, NDArray imageFeatures, long step) {
        int b = (int) imageFeatures.getShape().get(0);
        int k = Math.min(options.gptTopK(), batches.concepts.size());
        float[] sims = imageFeatures.matMul(batches.conceptFeatures).toFloatArray();
        int n = batches.concepts.size();
        Random r = new Random(options.seed() * 7_919L + step);
        List<String> plain = new ArrayList<>();
        List<String> pseudo = new ArrayList<>();
        for (int i = 0; i < b; i++) {
            Integer[] order = new Integer[n];
            for (int j = 0; j < n; j++) {
                order[j] = j;
            }
            final int row = i;
            java.util.Arrays.sort(order, (p, q) -> Float.compare(sims[row * n + q], sims[row * n + p]));
            String concept = batches.concepts.get(order[r.nextInt(k)]);
            List<String> list = phrases.phrases(concept);
            String phrase = list.get(r.nextInt(list.size()));
            plain.add(phrase);
            pseudo.add(IsaPrompts.substitute(phrase, concept, IsaPrompts.placeholders(config.tokens())));
        }
        return List.of(plain, pseudo);
    }

    private NDArray ids(NDManager m, String text, int rows) {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            texts.add(text);
        }
        TokenBatch tb = tokenizer.batch(texts, clip.config().text().contextLength(), Tokenizer.Truncation.ERROR);
        return ClipModel.tokenIds(tb, m);
    }

    /** One forward/backward; returns {total, gcd, word, local, gpt} (total NaN/inf when the step must be skipped). */
    private double[] step(IsaModel model, Batches batches, NDManager sm, long step) throws IOException {
        int b = options.batchSize();
        int m = config.tokens();
        NDArray[] pixels = batches.data.load(sm, batches.indices(step));
        boolean local = batches.resample != null;
        NDArray[] targets = TorchRuntime.withoutGradients(() -> {
            if (local) {
                NDArray[] both = clip.encodeImageWithSpatial(pixels[0], true);
                return new NDArray[] {IsaOps.l2Normalize(both[0]), both[1]};
            }
            return new NDArray[] {IsaOps.l2Normalize(clip.encodeImage(pixels[0])), null};
        });
        NDArray sentenceIds = ids(sm, IsaPrompts.image(m), b);
        NDArray singleIds = local ? ids(sm, IsaPrompts.image(1), b * m) : null;
        double[] out = new double[5];
        NDArray gptTarget = null;
        NDArray gptIds = null;
        if (options.gptWeight() > 0) {
            List<List<String>> pairs = gptPairs(batches, targets[0], step);
            gptTarget = TorchRuntime.withoutGradients(() -> encodeTexts(sm, pairs.get(0)));
            gptIds = ClipModel.tokenIds(tokenizer.batch(pairs.get(1), clip.config().text().contextLength(),
                    Tokenizer.Truncation.TRUNCATE), sm);
        }
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            IsaModel.Output o = model.forward(config.isLight() ? pixels[1] : pixels[0], clip);
            NDArray tokens = o.tokens();
            long w = config.wordWidth();
            NDArray flat = tokens.reshape((long) b * m, w);
            NDArray total = sm.zeros(new ai.djl.ndarray.types.Shape());
            if (options.gcdWeight() > 0) {
                NDArray text = IsaOps.l2Normalize(clip.encodeTextWithPseudoTokens(sentenceIds, flat, tokenizer.placeholderId()));
                NDArray gcd = IsaLosses.infoNce(text, targets[0], options.temperature());
                out[1] = gcd.getFloat();
                total = total.add(Scalars.mul(gcd, options.gcdWeight()));
            }
            if (options.wordWeight() > 0) {
                NDArray word = IsaLosses.wordManifold(tokens, batches.words);
                out[2] = word.getFloat();
                total = total.add(Scalars.mul(word, options.wordWeight()));
            }
            if (local) {
                NDArray region = o.attention().matMul(batches.resample).matMul(targets[1]); // (B,M,d)
                NDArray single = clip.encodeTextWithPseudoTokens(singleIds, flat, tokenizer.placeholderId());
                NDArray lc = IsaLosses.cosineDistance(single, region.reshape((long) b * m, -1));
                out[3] = lc.getFloat();
                total = total.add(Scalars.mul(lc, options.localWeight()));
            }
            if (gptTarget != null) {
                NDArray pred = clip.encodeTextWithPseudoTokens(gptIds, flat, tokenizer.placeholderId());
                NDArray gpt = IsaLosses.cosineDistance(pred, gptTarget);
                out[4] = gpt.getFloat();
                total = total.add(Scalars.mul(gpt, options.gptWeight()));
            }
            out[0] = total.getFloat();
            if (Double.isFinite(out[0])) {
                gc.backward(total);
            }
        }
        return out;
    }
}
