package org.cir4j.data;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One composed-image-retrieval query in the form common to FashionIQ, CIRR and CIRCO. All image
 * references are gallery names (see {@link GalleryImage#name()}).
 *
 * @param id               CIRR {@code pairid}, CIRCO {@code id} (as text), or {@code "<category>:<index>"} for
 *                         FashionIQ, which has no ids
 * @param referenceName    the reference image
 * @param captions         relative caption(s): one for CIRR/CIRCO, FashionIQ's two
 * @param targetName       the annotated target ({@code target_hard}, {@code target_img_id}, {@code target}); {@code null}
 *                         on test splits without ground truth
 * @param groundTruth      every image that counts as correct: CIRCO's {@code gt_img_ids}, otherwise the target
 *                         alone; empty when unknown
 * @param subsetMembers    CIRR's {@code img_set.members} (including the reference); empty elsewhere
 * @param sharedConcept    CIRCO's shared concept, or {@code null}
 * @param semanticAspects  CIRCO's semantic aspects; empty when not annotated
 */
public record CirQuery(
        String id,
        String referenceName,
        List<String> captions,
        String targetName,
        List<String> groundTruth,
        List<String> subsetMembers,
        String sharedConcept,
        List<SemanticAspect> semanticAspects) {

    public CirQuery {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(referenceName, "referenceName");
        captions = List.copyOf(captions);
        groundTruth = List.copyOf(groundTruth);
        subsetMembers = List.copyOf(subsetMembers);
        semanticAspects = List.copyOf(semanticAspects);
        if (captions.isEmpty()) {
            throw new IllegalArgumentException("query " + id + ": no caption");
        }
        if (targetName != null && !groundTruth.contains(targetName)) {
            throw new IllegalArgumentException("query " + id + ": target " + targetName + " is not among its ground truth " + groundTruth);
        }
    }

    public Optional<String> target() {
        return Optional.ofNullable(targetName);
    }

    public boolean hasTarget() {
        return targetName != null;
    }

    public Optional<String> sharedConceptText() {
        return Optional.ofNullable(sharedConcept);
    }

    /** Every image name this query mentions (reference, target, ground truth, subset members). */
    public List<String> mentionedImages() {
        LinkedHashSet<String> all = new LinkedHashSet<>();
        all.add(referenceName);
        if (targetName != null) {
            all.add(targetName);
        }
        all.addAll(groundTruth);
        all.addAll(subsetMembers);
        return List.copyOf(all);
    }
}
