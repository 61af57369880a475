/**
 * ISA (image-to-sentence, asymmetric zero-shot CIR): a light query-side CNN ({@link
 * org.cir4j.methods.isa.LightEncoder}) and an adaptive token learner ({@link org.cir4j.methods.isa.TokenLearner},
 * or the {@link org.cir4j.methods.isa.MlpMapper} ablation) map a reference image to M pseudo-word tokens for the
 * frozen CLIP text encoder; the gallery stays with the large CLIP image encoder.
 *
 * <p>{@link org.cir4j.methods.isa.IsaModel} + {@link org.cir4j.methods.isa.IsaConfig} (the model),
 * {@link org.cir4j.methods.isa.IsaTrainer} + {@link org.cir4j.methods.isa.IsaLosses} (GCD, LAR, optional GPT-phrase
 * term, on unlabelled images), {@link org.cir4j.methods.isa.IsaCheckpoint} (method directory),
 * {@link org.cir4j.methods.isa.IsaComposerFactory} ({@code --method isa}), {@link org.cir4j.methods.isa.IsaExport}
 * (device export, run by {@link org.cir4j.methods.isa.runtime.IsaQueryRuntime}), and
 * {@link org.cir4j.methods.isa.IsaEfficiencyBench} + {@link org.cir4j.methods.isa.IsaCost} (the cost table).
 * Every design choice is listed in {@code docs/isa.md}.
 */
package org.cir4j.methods.isa;
