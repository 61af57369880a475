package org.cir4j.world;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.cir4j.world.query.CircoAspect;
import org.cir4j.world.query.EditRecord;
import org.cir4j.world.spec.TargetSpec;

/**
 * One line of {@code <domain>/queries.jsonl}: everything about a query, beyond what the CIRR / CIRCO /
 * FashionIQ layouts can hold (template ids, held-out flag, the target spec, near misses, and the ground
 * truth within the split's own image set).
 *
 * @param id          index within the split (CIRR pairid, CIRCO id)
 * @param groundTruth names of every image of the split satisfying {@code targetSpec} (the target first)
 */
public record QueryRecord(@JsonProperty("id") int id,
                          @JsonProperty("split") Split split,
                          @JsonProperty("reference") String reference,
                          @JsonProperty("target") String target,
                          @JsonProperty("caption") String caption,
                          @JsonProperty("fashioniq_captions") List<String> fashionIqCaptions,
                          @JsonProperty("templates") List<String> templates,
                          @JsonProperty("held_out") boolean heldOut,
                          @JsonProperty("semantic_aspects") List<CircoAspect> semanticAspects,
                          @JsonProperty("shared_concept") String sharedConcept,
                          @JsonProperty("edits") List<EditRecord> edits,
                          @JsonProperty("target_spec") TargetSpec targetSpec,
                          @JsonProperty("img_set") List<String> imgSet,
                          @JsonProperty("extra_targets") List<String> extraTargets,
                          @JsonProperty("near_misses") List<String> nearMisses,
                          @JsonProperty("ground_truth") List<String> groundTruth) {}
