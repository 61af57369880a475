package org.cir4j.eval.clip;

import static org.assertj.core.api.Assertions.assertThat;

import org.cir4j.world.Domain;
import org.junit.jupiter.api.Test;

class AttributeTasksTest {

    private static AttributeTask task(Domain domain, String name) {
        return AttributeTasks.of(domain).stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void shapePatternClassesAreThePatternsShapesAreDrawnWith() {
        // "checked" exists only in the garments domain; a shapes class for it can never be right.
        assertThat(task(Domain.SHAPES, "pattern").prompts().keySet()).containsExactly("plain", "striped", "dotted");
        assertThat(task(Domain.GARMENTS, "pattern").prompts().keySet())
                .containsExactlyInAnyOrder("plain", "striped", "dotted", "checked");
    }

    @Test
    void shapePatternPromptsNameOnlyTheirPattern() {
        task(Domain.SHAPES, "pattern").prompts().forEach((cls, prompts) -> {
            assertThat(prompts).isNotEmpty().allMatch(p -> p.endsWith(" that is " + cls));
        });
    }
}
