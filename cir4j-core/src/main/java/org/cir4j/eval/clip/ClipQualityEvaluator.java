package org.cir4j.eval.clip;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cir4j.model.ClipBatchEncoder;
import org.cir4j.model.ClipModel;
import org.cir4j.text.Tokenizer;
import org.cir4j.train.clip.PretrainPairs;
import org.cir4j.world.Domain;
import org.cir4j.world.SceneRecord;
import org.cir4j.world.Split;

/**
 * Measures a (mini-)CLIP on the synthetic world:
 * <ul>
 *   <li><b>zero-shot classification</b> of each attribute ({@link AttributeTasks}) on images of the
 *       world's val split (never used for pretraining): the predicted class is the one whose prompt
 *       ensemble has the highest cosine similarity with the image;</li>
 *   <li><b>retrieval</b> text→image and image→text R@1/5 on the held-out pretraining pairs of each
 *       domain (the last {@code heldOut} records of {@code pretrain.jsonl}, which
 *       {@code cir4j train clip --held-out} kept out of training), with all their captions.</li>
 * </ul>
 * Images are square-padded to the model's input side, as in pretraining.
 */
public final class ClipQualityEvaluator {
    private static final int BATCH = 256;

    private final ClipModel model;
    private final Tokenizer tokenizer;
    private final int threads;

    public ClipQualityEvaluator(ClipModel model, Tokenizer tokenizer, int threads) {
        this.model = model;
        this.tokenizer = tokenizer;
        this.threads = threads;
    }

    /**
     * @param maxImages images scored per attribute and domain (the first ones of the val split that the
     *     task applies to)
     * @param heldOut held-out pretraining pairs per domain (the retrieval gallery)
     */
    public ClipQualityReport evaluate(Path world, Path modelDir, int maxImages, int heldOut) throws IOException {
        List<ClipQualityReport.DomainResult> domains = new ArrayList<>();
        for (Domain d : PretrainPairs.domainsIn(world)) {
            domains.add(new ClipQualityReport.DomainResult(d.id(), Split.VAL.id(), zeroShot(world, d, maxImages),
                    retrieval(world, d, heldOut)));
        }
        return new ClipQualityReport(modelDir.toString(), world.toString(), domains);
    }

    List<ClipQualityReport.AttributeResult> zeroShot(Path world, Domain domain, int maxImages) throws IOException {
        Path dir = world.resolve(domain.id());
        Path file = dir.resolve(SceneRecord.FILE);
        List<SceneRecord> scenes = SceneRecord.read(file, Split.VAL);
        if (scenes.isEmpty()) {
            throw new IOException(file + " has no val scenes to evaluate on");
        }
        List<AttributeTask> tasks = AttributeTasks.of(domain);
        // Each task takes the first maxImages scenes it applies to; encode the union once.
        Map<String, Integer> slot = new LinkedHashMap<>();
        List<SceneRecord> chosen = new ArrayList<>();
        List<List<SceneRecord>> perTask = new ArrayList<>();
        for (AttributeTask t : tasks) {
            List<SceneRecord> mine = new ArrayList<>();
            for (SceneRecord r : scenes) {
                if (mine.size() >= maxImages) {
                    break;
                }
                if (t.applies().test(r.scene())) {
                    mine.add(r);
                    if (slot.putIfAbsent(r.name(), chosen.size()) == null) {
                        chosen.add(r);
                    }
                }
            }
            perTask.add(mine);
        }
        List<Path> files = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (SceneRecord r : chosen) {
            files.add(dir.resolve(r.image()));
            names.add(r.name());
        }
        float[][] imageFeatures = encodeImages(PretrainPairs.images(files, names, model.config().vision().imageSize(),
                threads));
        List<ClipQualityReport.AttributeResult> out = new ArrayList<>();
        for (int ti = 0; ti < tasks.size(); ti++) {
            AttributeTask t = tasks.get(ti);
            List<String> labels = new ArrayList<>(t.prompts().keySet());
            float[][] classes = new float[labels.size()][];
            int promptsPerClass = 0;
            for (int c = 0; c < labels.size(); c++) {
                List<String> prompts = t.prompts().get(labels.get(c));
                promptsPerClass = Math.max(promptsPerClass, prompts.size());
                classes[c] = ensemble(encodeTexts(prompts));
            }
            List<SceneRecord> mine = perTask.get(ti);
            int correct = 0;
            Map<String, Integer> frequency = new LinkedHashMap<>();
            for (SceneRecord r : mine) {
                String truth = t.truth().apply(r.scene());
                if (!labels.contains(truth)) {
                    throw new IllegalStateException("attribute " + t.name() + ": scene " + r.name() + " has value '"
                            + truth + "', which has no prompts (known: " + labels + ")");
                }
                frequency.merge(truth, 1, Integer::sum);
                float[] f = imageFeatures[slot.get(r.name())];
                int best = 0;
                double bestScore = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < classes.length; c++) {
                    double s = dot(f, classes[c]);
                    if (s > bestScore) {
                        bestScore = s;
                        best = c;
                    }
                }
                if (labels.get(best).equals(truth)) {
                    correct++;
                }
            }
            int n = mine.size();
            int majority = frequency.values().stream().mapToInt(Integer::intValue).max().orElse(0);
            out.add(new ClipQualityReport.AttributeResult(t.name(), n, labels.size(), promptsPerClass,
                    n == 0 ? Double.NaN : (double) correct / n, n == 0 ? Double.NaN : (double) majority / n));
        }
        return out;
    }

    ClipQualityReport.Retrieval retrieval(Path world, Domain domain, int heldOut) throws IOException {
        PretrainPairs pairs = PretrainPairs.heldOut(world, domain, heldOut, model.config().vision().imageSize(), threads);
        float[][] images = encodeImages(pairs);
        List<String> texts = new ArrayList<>();
        List<Integer> owner = new ArrayList<>();
        for (int i = 0; i < pairs.size(); i++) {
            for (String c : pairs.captions(i)) {
                texts.add(c);
                owner.add(i);
            }
        }
        float[][] captions = encodeTexts(texts);
        int n = images.length;
        int m = captions.length;
        // text→image: rank of the caption's own image among all images.
        int t1 = 0;
        int t5 = 0;
        for (int j = 0; j < m; j++) {
            int own = owner.get(j);
            double target = dot(captions[j], images[own]);
            int better = 0;
            for (int i = 0; i < n; i++) {
                if (i != own && dot(captions[j], images[i]) > target) {
                    better++;
                }
            }
            t1 += better < 1 ? 1 : 0;
            t5 += better < 5 ? 1 : 0;
        }
        // image→text: rank of the best of the image's own captions among all captions.
        int i1 = 0;
        int i5 = 0;
        for (int i = 0; i < n; i++) {
            double[] scores = new double[m];
            double bestOwn = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < m; j++) {
                scores[j] = dot(images[i], captions[j]);
                if (owner.get(j) == i) {
                    bestOwn = Math.max(bestOwn, scores[j]);
                }
            }
            int better = 0;
            for (int j = 0; j < m; j++) {
                if (owner.get(j) != i && scores[j] > bestOwn) {
                    better++;
                }
            }
            i1 += better < 1 ? 1 : 0;
            i5 += better < 5 ? 1 : 0;
        }
        return new ClipQualityReport.Retrieval(n, m, (double) t1 / m, (double) t5 / m, (double) i1 / n, (double) i5 / n);
    }

    private float[][] encodeImages(PretrainPairs pairs) throws IOException {
        ClipBatchEncoder encoder = new ClipBatchEncoder(model, BATCH);
        return encoder.encodeImages(pairs.size(), (manager, from, to) -> {
            int[] idx = new int[to - from];
            for (int i = 0; i < idx.length; i++) {
                idx[i] = from + i;
            }
            return pairs.pixels(manager, idx);
        }, true);
    }

    private float[][] encodeTexts(List<String> texts) {
        ClipBatchEncoder encoder = new ClipBatchEncoder(model, BATCH);
        return encoder.encodeTexts(tokenizer.batch(texts, model.config().text().contextLength(),
                Tokenizer.Truncation.TRUNCATE), true);
    }

    /** CLIP's prompt ensemble: mean of the normalised prompt embeddings, normalised again. */
    static float[] ensemble(float[][] normalised) {
        int d = normalised[0].length;
        double[] sum = new double[d];
        for (float[] v : normalised) {
            for (int k = 0; k < d; k++) {
                sum[k] += v[k];
            }
        }
        double norm = 0;
        for (double s : sum) {
            norm += s * s;
        }
        norm = Math.sqrt(norm);
        float[] out = new float[d];
        for (int k = 0; k < d; k++) {
            out[k] = (float) (sum[k] / Math.max(norm, 1e-12));
        }
        return out;
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int k = 0; k < a.length; k++) {
            s += a[k] * b[k];
        }
        return s;
    }
}
