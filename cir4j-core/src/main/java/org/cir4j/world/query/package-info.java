/**
 * Composed queries: edits of a reference scene, one kind per CIRCO semantic aspect (two joined for a
 * conjunction), phrased through {@link org.cir4j.world.text.Phrasings}, with the target rendering,
 * extra ground truths and near misses. {@link org.cir4j.world.query.QueryFactory} is the entry point.
 */
package org.cir4j.world.query;
