/**
 * Vector search over gallery features: contiguous feature matrices ({@link org.cir4j.index.GalleryFeatures}),
 * exact blocked top-K search ({@link org.cir4j.index.ExactSearch}) and the on-disk, content-addressed
 * feature cache ({@link org.cir4j.index.FeatureCache}). The index never knows which method made a vector.
 */
package org.cir4j.index;
