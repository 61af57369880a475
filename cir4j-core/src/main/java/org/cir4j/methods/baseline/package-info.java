/**
 * The baselines every table carries: {@code image-only} (ψI of the reference), {@code text-only} (ψT of the
 * relative caption) and {@code sum} (normalised image + normalised text features, re-normalised). They need no
 * training and plug into {@link org.cir4j.methods.ComposerRegistry} like every other method.
 *
 * <p>FashionIQ's two captions are joined as in CLIP4Cir's {@code validate.py} ("C1 and c2"); the option
 * {@code fiq-captions=both-orders} uses iSEARLE's rule instead (see {@link org.cir4j.methods.baseline.FashionIqCaptions}).
 */
package org.cir4j.methods.baseline;
