package org.cir4j.app.encode;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cir4j.index.FeatureFile;
import org.cir4j.model.ClipBatchEncoder;
import org.cir4j.model.ClipModel;
import org.cir4j.text.TokenBatch;
import org.cir4j.text.Tokenizer;

/**
 * Encodes the lines of a UTF-8 text file (one caption per line; blank lines are skipped) into a
 * {@link FeatureFile} whose names are the captions themselves. Texts are tokenised with the model's own
 * tokenizer at the model's context length; an over-long caption is an error naming its line unless
 * truncation is asked for (OpenAI's {@code clip.tokenize} default is to refuse, too).
 */
public final class TextEncodingJob {

    /** Texts per progress update (a multiple of the batch, so the length-sorted batching stays effective). */
    private static final int BATCHES_PER_CHUNK = 16;

    /** Outcome: rows written and blank lines skipped. */
    public record Result(int encoded, int blankLines) {}

    private final ClipModel model;
    private final Tokenizer tokenizer;
    private final int batchSize;
    private final boolean normalize;
    private final Tokenizer.Truncation truncation;
    private final Map<String, String> description;

    public TextEncodingJob(ClipModel model, Tokenizer tokenizer, int batchSize, boolean normalize, boolean truncate,
            Map<String, String> description) {
        if (tokenizer.vocabSize() > model.config().text().vocabSize()) {
            throw new IllegalArgumentException("tokenizer vocabulary (" + tokenizer.vocabSize()
                    + ") is larger than the text tower's (" + model.config().text().vocabSize() + ")");
        }
        this.model = model;
        this.tokenizer = tokenizer;
        this.batchSize = batchSize;
        this.normalize = normalize;
        this.truncation = truncate ? Tokenizer.Truncation.TRUNCATE : Tokenizer.Truncation.ERROR;
        this.description = Map.copyOf(description);
    }

    /** Encodes the captions of {@code textFile} into {@code out}. */
    public Result run(Path textFile, Path out, ImageEncodingJob.Progress progress) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(textFile, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw new IOException(textFile + ": not UTF-8 text", e);
        }
        List<String> texts = new ArrayList<>();
        List<Integer> lineNumbers = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) {
                texts.add(lines.get(i));
                lineNumbers.add(i + 1);
            }
        }
        if (texts.isEmpty()) {
            throw new IllegalArgumentException(textFile + ": no non-blank lines to encode");
        }
        int context = model.config().text().contextLength();
        ClipBatchEncoder encoder = new ClipBatchEncoder(model, batchSize);
        FeatureRows rows = new FeatureRows();
        int chunk = batchSize * BATCHES_PER_CHUNK;
        progress.update(0, texts.size());
        for (int from = 0; from < texts.size(); from += chunk) {
            int to = Math.min(texts.size(), from + chunk);
            TokenBatch batch;
            try {
                batch = tokenizer.batch(texts.subList(from, to), context, truncation);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(textFile + ": " + e.getMessage()
                        + " (lines " + lineNumbers.get(from) + ".." + lineNumbers.get(to - 1)
                        + "; pass --truncate to cut over-long captions as OpenAI's truncate=True does)", e);
            }
            float[][] features = encoder.encodeTexts(batch, normalize);
            for (int i = 0; i < features.length; i++) {
                rows.add(texts.get(from + i), features[i], 0, features[i].length);
            }
            progress.update(to, texts.size());
        }
        Map<String, String> meta = new java.util.LinkedHashMap<>(description);
        meta.put("kind", "text");
        meta.put("normalized", Boolean.toString(normalize));
        meta.put("truncation", truncation.name().toLowerCase(java.util.Locale.ROOT));
        meta.put("context_length", Integer.toString(context));
        FeatureFile.write(out, rows.names(), rows.matrix(), rows.dim(), meta);
        return new Result(rows.size(), lines.size() - texts.size());
    }

}
