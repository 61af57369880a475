/**
 * The synthetic world's scene model: what an image shows, as immutable records that serialise to
 * JSON. Semantic attributes (what captions talk about and the ground-truth predicate compares) are
 * kept apart from rendering nuisance ({@link org.cir4j.world.scene.Jitter}, background shade, canvas
 * frame) so that two renderings of one description are pixel-distinct yet equally correct.
 */
package org.cir4j.world.scene;
