import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Random;
import org.cir4j.methods.clip4cir.Combiner;
import org.cir4j.methods.clip4cir.CombinerConfig;
import org.cir4j.methods.clip4cir.CombinerVariant;

/**
 * Cross-check input for clip4cir_combiner.py: random Combiners of every variant, random raw features, and what
 * cir4j computes (eval mode). Run: java -cp "cir4j-app/target/cir4j-app.jar:cir4j-app/target/lib/*" \
 *   scripts/crosscheck/CombinerDump.java OUT.json
 */
public class CombinerDump {
    public static void main(String[] args) throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        int d = 8;
        int b = 5;
        Random r = new Random(42);
        float[] img = new float[b * d];
        float[] txt = new float[b * d];
        float[] tgt = new float[b * d];
        for (int i = 0; i < img.length; i++) {
            img[i] = (float) (3 * r.nextGaussian());
            txt[i] = (float) (3 * r.nextGaussian());
            tgt[i] = (float) r.nextGaussian();
        }
        root.set("image", json.valueToTree(img));
        root.set("text", json.valueToTree(txt));
        root.set("target", json.valueToTree(tgt));
        root.put("batch", b);
        root.put("dim", d);
        ArrayNode variants = root.putArray("variants");
        try (NDManager m = NDManager.newBaseManager()) {
            for (CombinerVariant v : CombinerVariant.values()) {
                CombinerConfig c = CombinerConfig.reference(v, d);
                try (Combiner comb = Combiner.initialize(c, 7, m)) {
                    ObjectNode o = variants.addObject();
                    o.put("variant", v.id());
                    o.set("config", c.toJson());
                    ObjectNode w = o.putObject("weights");
                    comb.parameters().forEach((k, a) -> {
                        ObjectNode t = w.putObject(k);
                        t.set("shape", json.valueToTree(a.getShape().getShape()));
                        t.set("values", json.valueToTree(a.toFloatArray()));
                    });
                    NDArray i = m.create(img, new Shape(b, d));
                    NDArray t = m.create(txt, new Shape(b, d));
                    NDArray g = m.create(tgt, new Shape(b, d));
                    o.set("combined", json.valueToTree(comb.combine(i, t, false).toFloatArray()));
                    o.set("logits", json.valueToTree(comb.logits(i, t, g, false).toFloatArray()));
                }
            }
        }
        json.writerWithDefaultPrettyPrinter().writeValue(Path.of(args[0]).toFile(), root);
    }
}
