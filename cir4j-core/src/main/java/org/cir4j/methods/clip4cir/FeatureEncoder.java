package org.cir4j.methods.clip4cir;

import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cir4j.image.ImageDecoder;
import org.cir4j.image.ImagePreprocessor;
import org.cir4j.model.ClipBatchEncoder;
import org.cir4j.model.ClipModel;
import org.cir4j.text.Tokenizer;

/**
 * Inference-mode CLIP features for files and texts (raw, un-normalised, as CLIP4Cir consumes them), in
 * batches with progress. Identical files/texts are encoded once.
 */
public final class FeatureEncoder {

    private final ClipModel model;
    private final Tokenizer tokenizer;
    private final ImagePreprocessor preprocessor;
    private final int batchSize;
    private final ImageDecoder decoder = new ImageDecoder();

    public FeatureEncoder(ClipModel model, Tokenizer tokenizer, ImagePreprocessor preprocessor, int batchSize) {
        this.model = model;
        this.tokenizer = tokenizer;
        this.preprocessor = preprocessor;
        this.batchSize = batchSize;
    }

    /** Preprocessed pixels of {@code files}, flattened (n·3·S·S). */
    public float[] pixels(List<Path> files) {
        int len = preprocessor.tensorLength();
        float[] flat = new float[files.size() * len];
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            idx.add(i);
        }
        idx.parallelStream().forEach(i -> {
            try {
                float[] p = preprocessor.apply(decoder.decode(files.get(i)));
                System.arraycopy(p, 0, flat, i * len, len);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read image " + files.get(i), e);
            }
        });
        return flat;
    }

    public Shape pixelShape(int n) {
        return new Shape(n, 3, preprocessor.size(), preprocessor.size());
    }

    /** Raw image features, one row per file. */
    public float[][] images(List<Path> files, String stage, TrainingProgress progress) {
        Map<Path, Integer> unique = new LinkedHashMap<>();
        for (Path p : files) {
            unique.putIfAbsent(p, unique.size());
        }
        List<Path> distinct = new ArrayList<>(unique.keySet());
        ClipBatchEncoder enc = new ClipBatchEncoder(model, batchSize);
        float[][] feats;
        try {
            feats = enc.encodeImages(distinct.size(), (m, from, to) -> {
                progress.update(stage, from, distinct.size());
                return m.create(pixels(distinct.subList(from, to)), pixelShape(to - from));
            }, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        progress.update(stage, distinct.size(), distinct.size());
        float[][] out = new float[files.size()][];
        for (int i = 0; i < files.size(); i++) {
            out[i] = feats[unique.get(files.get(i))];
        }
        return out;
    }

    /** Raw text features, one row per text (over-long texts are truncated, as CLIP's tokenizer does). */
    public float[][] texts(List<String> texts) {
        Map<String, Integer> unique = new LinkedHashMap<>();
        for (String t : texts) {
            unique.putIfAbsent(t, unique.size());
        }
        List<String> distinct = new ArrayList<>(unique.keySet());
        float[][] feats = new ClipBatchEncoder(model, batchSize).encodeTexts(
                tokenizer.batch(distinct, model.config().text().contextLength(), Tokenizer.Truncation.TRUNCATE), false);
        float[][] out = new float[texts.size()][];
        for (int i = 0; i < texts.size(); i++) {
            out[i] = feats[unique.get(texts.get(i))];
        }
        return out;
    }
}
