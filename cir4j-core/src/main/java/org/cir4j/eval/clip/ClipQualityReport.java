package org.cir4j.eval.clip;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.cir4j.util.AtomicFiles;

/**
 * The mini-CLIP quality report: zero-shot accuracy per attribute and cross-modal retrieval on held-out
 * pairs, per domain. Written as Markdown (for people) and JSON (for scripts).
 *
 * @param model model directory
 * @param world world directory
 * @param domains one section per domain
 */
public record ClipQualityReport(@JsonProperty("model") String model, @JsonProperty("world") String world,
                                @JsonProperty("domains") List<DomainResult> domains) {

    /** Target of the issue: every single-attribute zero-shot accuracy at least this. */
    public static final double ACCURACY_TARGET = 0.90;
    /** Target of the issue: text→image R@5 on a 1k held-out gallery at least this. */
    public static final double T2I_R5_TARGET = 0.50;

    /** One domain's results. */
    public record DomainResult(@JsonProperty("domain") String domain,
                               @JsonProperty("image_split") String imageSplit,
                               @JsonProperty("attributes") List<AttributeResult> attributes,
                               @JsonProperty("retrieval") Retrieval retrieval) {}

    /**
     * Zero-shot accuracy of one attribute.
     *
     * @param images images scored
     * @param classes number of classes (chance = 1/classes for balanced data)
     * @param prompts prompts per class (ensembled)
     * @param majority accuracy of always answering the most frequent class (the real chance level)
     */
    public record AttributeResult(@JsonProperty("attribute") String attribute, @JsonProperty("images") int images,
                                  @JsonProperty("classes") int classes, @JsonProperty("prompts_per_class") int prompts,
                                  @JsonProperty("accuracy") double accuracy, @JsonProperty("majority") double majority) {}

    /**
     * Retrieval over held-out pairs: {@code images} images with all their captions ({@code captions}).
     * text→image: per caption, whether its image ranks in the top K among the images; image→text: per
     * image, whether any of its captions ranks in the top K among all captions (the COCO/Flickr30k
     * protocol CLIP reports).
     */
    public record Retrieval(@JsonProperty("images") int images, @JsonProperty("captions") int captions,
                            @JsonProperty("t2i_r1") double t2iR1, @JsonProperty("t2i_r5") double t2iR5,
                            @JsonProperty("i2t_r1") double i2tR1, @JsonProperty("i2t_r5") double i2tR5) {}

    public void writeJson(Path file) throws IOException {
        AtomicFiles.writeString(file, new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(this) + "\n");
    }

    public void writeMarkdown(Path file) throws IOException {
        AtomicFiles.writeString(file, toMarkdown());
    }

    public String toMarkdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("Model `").append(model).append("`, world `").append(world).append("`.\n\n");
        sb.append(String.format(Locale.ROOT, "Targets: every attribute accuracy >= %.0f %%, text→image R@5 >= %.0f %% "
                + "(✓ met, ✗ missed).%n%n", 100 * ACCURACY_TARGET, 100 * T2I_R5_TARGET));
        for (DomainResult d : domains) {
            sb.append("### ").append(d.domain()).append("\n\n");
            sb.append("Zero-shot classification (").append(d.imageSplit()).append(" images, prompt ensembles):\n\n");
            sb.append("| attribute | images | classes | prompts/class | accuracy | majority class | target |\n");
            sb.append("| --- | ---: | ---: | ---: | ---: | ---: | :---: |\n");
            for (AttributeResult a : d.attributes()) {
                if (a.images() == 0) {
                    sb.append(String.format(Locale.ROOT, "| %s | 0 | %d | %d | n/a | n/a | n/a |%n", a.attribute(),
                            a.classes(), a.prompts()));
                    continue;
                }
                sb.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %.1f %% | %.1f %% | %s |%n", a.attribute(),
                        a.images(), a.classes(), a.prompts(), 100 * a.accuracy(), 100 * a.majority(),
                        a.accuracy() >= ACCURACY_TARGET ? "✓" : "✗"));
            }
            Retrieval r = d.retrieval();
            sb.append(String.format(Locale.ROOT, "%nRetrieval on %d held-out pretraining pairs (%d captions):%n%n",
                    r.images(), r.captions()));
            sb.append("| text→image R@1 | text→image R@5 | image→text R@1 | image→text R@5 | target |\n");
            sb.append("| ---: | ---: | ---: | ---: | :---: |\n");
            sb.append(String.format(Locale.ROOT, "| %.1f %% | %.1f %% | %.1f %% | %.1f %% | %s |%n%n", 100 * r.t2iR1(),
                    100 * r.t2iR5(), 100 * r.i2tR1(), 100 * r.i2tR5(), r.t2iR5() >= T2I_R5_TARGET ? "✓" : "✗"));
        }
        return sb.toString();
    }
}
