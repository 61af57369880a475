package org.cir4j.methods;

import java.nio.file.Path;
import java.util.List;

/**
 * One composed query as a {@link QueryComposer} sees it.
 *
 * @param referenceImage   file of the reference image (for composers that run their own image encoder,
 *                         e.g. ISA's light query-side network or OTI)
 * @param referenceFeature the reference image's gallery feature exactly as the caller supplied it
 *                         (not re-normalised: CLIP4Cir's Combiner consumes raw features)
 * @param captions         the relative caption(s): one for CIRR/CIRCO, two for FashionIQ
 * @param sharedConcept    CIRCO's shared concept, or {@code null} where the dataset has none
 */
public record ComposerInput(Path referenceImage, float[] referenceFeature, List<String> captions, String sharedConcept) {}
