/**
 * The world's language: absolute captions (pretraining), relative-caption phrasings with held-out
 * templates, the concept vocabulary and phrase bank for iSEARLE's regularisation, and the complete
 * {@link org.cir4j.world.text.Lexicon} of the grammar.
 */
package org.cir4j.world.text;
