package org.cir4j.world.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesReadTest {

    @Test
    void readsEveryNonBlankLineInOrderWithItsLineNumber(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("a.jsonl");
        Files.writeString(f, "{\"x\":1}\n\n  \n{\"x\":2}\n");
        List<String> seen = new ArrayList<>();
        JsonLines.read(f, Json.MAPPER, JsonNode.class, (n, line) -> seen.add(n.get("x").asInt() + "@" + line));
        assertThat(seen).containsExactly("1@1", "2@4");
    }

    @Test
    void aLineThatDoesNotParseIsNamedByFileAndLine(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("bad.jsonl");
        Files.writeString(f, "{\"x\":1}\n{\"x\":\n");
        assertThatThrownBy(() -> JsonLines.read(f, Json.MAPPER, JsonNode.class, (n, line) -> { }))
                .isInstanceOf(IOException.class).hasMessageStartingWith(f + " line 2: ");
    }

    @Test
    void theHandlersOwnErrorReachesTheCaller(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("a.jsonl");
        Files.writeString(f, "{}\n");
        assertThatThrownBy(() -> JsonLines.read(f, Json.MAPPER, JsonNode.class, (n, line) -> {
            throw new IOException("line " + line + " lacks x");
        })).isInstanceOf(IOException.class).hasMessage("line 1 lacks x");
    }
}
