package org.cir4j.world.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.cir4j.world.scene.Colour;
import org.cir4j.world.scene.Jitter;
import org.cir4j.world.scene.Orientation;
import org.cir4j.world.scene.Pattern;
import org.cir4j.world.scene.Region;
import org.cir4j.world.scene.Relation;
import org.cir4j.world.scene.SceneObject;
import org.cir4j.world.scene.ShapeKind;
import org.cir4j.world.scene.ShapeScene;
import org.cir4j.world.scene.Size;
import org.cir4j.world.spec.Constraint;
import org.cir4j.world.spec.InRegion;
import org.cir4j.world.spec.Related;
import org.junit.jupiter.api.Test;

/** Layouts keep objects inside the canvas, apart, and where the constraints say. */
class PlacerTest {
    private static SceneObject obj(Size s) {
        return new SceneObject(ShapeKind.HEART, Colour.RED, s, Pattern.PLAIN, Orientation.UPRIGHT, 0.5, 0.5, Jitter.NONE);
    }

    @Test
    void randomScenesAreValidLayouts() {
        ShapeSceneSampler sampler = new ShapeSceneSampler();
        for (int i = 0; i < 500; i++) {
            ShapeScene s = sampler.sample(Seeds.stream(3, "layout", i));
            assertThat(Placer.valid(s.objects(), List.of())).as(s.toString()).isTrue();
            assertThat(s.objects()).hasSizeBetween(1, 4);
        }
    }

    @Test
    void constraintsHoldInEveryPlacement() {
        List<SceneObject> objs = List.of(obj(Size.LARGE), obj(Size.MEDIUM), obj(Size.SMALL));
        List<Constraint> cs = List.of(new InRegion(0, Region.BOTTOM_RIGHT), new Related(1, Relation.LEFT_OF, 0),
                new Related(2, Relation.ABOVE, 1));
        for (int seed = 0; seed < 50; seed++) {
            Optional<List<SceneObject>> p = Placer.place(objs, cs, Set.of(), new SplittableRandom(seed));
            assertThat(p).isPresent();
            List<SceneObject> placed = p.get();
            assertThat(Placer.valid(placed, cs)).isTrue();
            assertThat(Region.BOTTOM_RIGHT.clearlyContains(placed.get(0).x(), placed.get(0).y())).isTrue();
            assertThat(Relation.LEFT_OF.holds(placed.get(1), placed.get(0))).isTrue();
        }
    }

    @Test
    void keptPositionsStayWhenStillValid() {
        List<SceneObject> objs = List.of(obj(Size.SMALL).at(0.2, 0.2), obj(Size.SMALL).at(0.8, 0.8));
        List<SceneObject> placed = Placer.place(objs, List.of(), Set.of(0, 1), new SplittableRandom(1)).orElseThrow();
        assertThat(placed).isEqualTo(objs);
    }

    @Test
    void impossibleLayoutsAreReportedEmpty() {
        List<SceneObject> two = List.of(obj(Size.LARGE), obj(Size.LARGE));
        assertThat(Placer.place(two, List.of(new InRegion(0, Region.TOP_LEFT), new InRegion(1, Region.TOP_LEFT)),
                Set.of(), new SplittableRandom(1))).isEmpty();
        assertThat(Placer.place(two, List.of(new InRegion(0, Region.TOP_LEFT), new InRegion(0, Region.BOTTOM)),
                Set.of(), new SplittableRandom(1))).isEmpty();
    }
}
