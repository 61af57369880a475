package org.cir4j.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A split file with many near-identical names (the world's shapes test1 split) must parse. */
class JsonFieldsLargeObjectTest {

    /** Jackson's symbol table is shared by every parse of one mapper: names accumulate across split files. */
    @Test
    void manySimilarFieldNamesAcrossFilesParse(@TempDir Path tmp) throws Exception {
        String[][] splits = {{"train", "36000"}, {"val", "10000"}, {"test", "10000"}};
        for (String[] s : splits) {
            int n = Integer.parseInt(s[1]);
            StringBuilder sb = new StringBuilder("{");
            for (int i = 0; i < n; i++) {
                sb.append(i == 0 ? "" : ",").append(String.format("\"shapes-%s-%06d\":\"./%s/shapes-%s-%06d.png\"", s[0], i, s[0], s[0], i));
            }
            Path f = tmp.resolve("split.rc2." + s[0] + ".json");
            Files.writeString(f, sb.append("}").toString());
            assertThat(new JsonFields(f).readObject().size()).isEqualTo(n);
        }
    }
}
