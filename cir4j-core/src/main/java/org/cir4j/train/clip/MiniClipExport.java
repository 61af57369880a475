package org.cir4j.train.clip;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cir4j.model.ClipCheckpoints;
import org.cir4j.model.ClipModel;
import org.cir4j.text.WordLevelTokenizer;
import org.cir4j.util.AtomicFiles;

/**
 * Writes a mini-CLIP as a model directory that loads like any Hugging Face CLIP:
 * {@code config.json} + {@code model.safetensors} ({@link ClipCheckpoints#save}) and the word-level
 * tokenizer files {@code vocab.json} + {@code tokenizer_config.json} (found by
 * {@link org.cir4j.text.Tokenizers#load}). The tokenizer files are written to a temporary folder and
 * moved into place one by one, so a reader never sees half a file.
 */
public final class MiniClipExport {
    private static final ObjectMapper JSON = new ObjectMapper();

    private MiniClipExport() {}

    public static void write(ClipModel model, WordLevelTokenizer tokenizer, Path dir) throws IOException {
        Files.createDirectories(dir);
        ClipCheckpoints.save(model, dir);
        Path tmp = Files.createTempDirectory(dir, ".tokenizer");
        try {
            tokenizer.save(tmp);
            for (String f : new String[] {WordLevelTokenizer.VOCAB_FILE, WordLevelTokenizer.CONFIG_FILE}) {
                AtomicFiles.move(tmp.resolve(f), dir.resolve(f));
            }
        } finally {
            AtomicFiles.deleteTree(tmp);
        }
    }

    static void writeJson(Path file, JsonNode node) throws IOException {
        AtomicFiles.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n");
    }
}
