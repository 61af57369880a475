package org.cir4j.eval.clip;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import org.cir4j.world.scene.Scene;

/**
 * One zero-shot classification task: which value of one attribute an image shows.
 *
 * <p>Each class has several prompts that differ from the other classes' prompts only in the attribute
 * under test; the nuisance attributes (the shape under a colour, the garment category under a sleeve
 * length) are enumerated over all their values and the caption templates over the world's paraphrase
 * prefixes, and the class embedding is the normalised mean of the prompts' normalised embeddings — CLIP's
 * prompt ensembling (Radford et al. 2021, §3.1.4) with the world's own caption grammar as templates.
 *
 * @param name attribute name in the report ("shape", "colour", …)
 * @param applies which scenes the task is scored on (e.g. shapes scenes with exactly one object, so the
 *     attribute is unambiguous)
 * @param truth the scene's class label (a key of {@code prompts})
 * @param prompts per class label, its prompts (insertion order is the report's order)
 */
public record AttributeTask(String name, Predicate<Scene> applies, Function<Scene, String> truth,
                            Map<String, List<String>> prompts) {}
