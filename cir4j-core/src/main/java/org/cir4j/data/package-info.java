/**
 * Readers for the published CIR benchmark layouts (FashionIQ, CIRR, CIRCO), producing one common query
 * model ({@link org.cir4j.data.CirQuery}) and a named gallery ({@link org.cir4j.data.GalleryImage}) per
 * retrieval task ({@link org.cir4j.data.CirDataset}). The synthetic world writes the same layouts, so one
 * reader and one evaluator serve both. No model knowledge lives here.
 */
package org.cir4j.data;
