/**
 * Evaluation harness: the {@link org.cir4j.eval.Evaluator} runs a composer over a dataset and ranks the
 * gallery; {@link org.cir4j.eval.FashionIqMetrics}, {@link org.cir4j.eval.CirrMetrics} and
 * {@link org.cir4j.eval.CircoMetrics} implement the reference protocols exactly; results become an
 * {@link org.cir4j.eval.EvalReport} (Markdown + JSON) with optional CLIP4Cir-style similarity histograms;
 * test-split rankings become server submissions ({@link org.cir4j.eval.SubmissionWriter}) checked offline by
 * {@link org.cir4j.eval.SubmissionValidator}.
 */
package org.cir4j.eval;
