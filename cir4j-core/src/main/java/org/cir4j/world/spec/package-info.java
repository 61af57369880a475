/**
 * Targets of composed queries and the ground-truth predicate
 * ({@link org.cir4j.world.spec.TargetSpec#isSatisfiedBy}): same multiset of objects with their
 * attributes, same background, and every placement the caption states; coordinates otherwise free.
 */
package org.cir4j.world.spec;
