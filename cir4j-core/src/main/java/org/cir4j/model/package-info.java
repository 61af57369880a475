/**
 * CLIP on DJL's PyTorch engine: one functional implementation of OpenAI's CLIP (ViT and
 * ModifiedResNet vision towers, causal text transformer) over named parameters.
 *
 * <ul>
 *   <li>{@link org.cir4j.model.ClipConfig} — the architecture; parsed from Hugging Face
 *       {@code config.json}, open_clip configs, or its own JSON form.
 *   <li>{@link org.cir4j.model.ClipModel} — weights in OpenAI/open_clip state-dict naming and the
 *       forward passes the CIR methods need: text from ids, from embeddings or with pseudo-word
 *       tokens; image features; spatial features; logits. Differentiable throughout.
 *   <li>{@link org.cir4j.model.ClipCheckpoints} — loads HF and open_clip safetensors checkpoints
 *       with shape checking against {@link org.cir4j.model.ClipStateLayout}; saves in the HF
 *       layout (ViT) or the open_clip layout (ResNet).
 *   <li>{@link org.cir4j.model.ClipBatchEncoder} — batched, gradient-free encoding of long lists.
 *   <li>{@link org.cir4j.model.SafeTensors} — safetensors reader/writer, usable for any artifact.
 *   <li>{@link org.cir4j.model.TorchRuntime} — PyTorch thread count and grad mode.
 * </ul>
 *
 * <p>Arrays built from Java data with DJL's PyTorch engine alias a Java buffer; the package keeps
 * only PyTorch-owned copies of such arrays where they outlive their creation (weights, indices saved
 * for backward), see {@code ClipOps.owned}.
 */
package org.cir4j.model;
