package org.cir4j.world.query;

import java.util.List;
import org.cir4j.world.scene.Scene;
import org.cir4j.world.spec.TargetSpec;

/**
 * One generated composed query with every image it needs.
 *
 * @param reference         the reference scene
 * @param target            the target rendering (close to the reference: unmoved objects keep their place)
 * @param spec              the ground-truth predicate
 * @param caption           the relative caption (CIRR / CIRCO)
 * @param fashionIqCaptions two captions in FashionIQ style (predicate form); both together state the edit
 * @param templates         ids of every template used in {@code caption} and {@code fashionIqCaptions}
 * @param heldOut           whether any of them is a held-out template
 * @param aspects           CIRCO semantic aspects, in CIRCO's order
 * @param edits             what was edited
 * @param sharedConcept     a noun both reference and target show (CIRCO's "shared concept")
 * @param extraTargets      further renderings satisfying {@code spec} (multiple ground truths)
 * @param nearMisses        renderings differing from the target in one thing that breaks {@code spec}
 */
public record ComposedQuery(Scene reference, Scene target, TargetSpec spec, String caption,
                            List<String> fashionIqCaptions, List<String> templates, boolean heldOut,
                            List<CircoAspect> aspects, List<EditRecord> edits, String sharedConcept,
                            List<Scene> extraTargets, List<Scene> nearMisses) {
    public ComposedQuery {
        fashionIqCaptions = List.copyOf(fashionIqCaptions);
        templates = List.copyOf(templates);
        aspects = List.copyOf(aspects);
        edits = List.copyOf(edits);
        extraTargets = List.copyOf(extraTargets);
        nearMisses = List.copyOf(nearMisses);
    }
}
