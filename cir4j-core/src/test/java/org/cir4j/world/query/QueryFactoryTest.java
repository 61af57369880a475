package org.cir4j.world.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.cir4j.world.Domain;
import org.cir4j.world.scene.Background;
import org.cir4j.world.scene.BackgroundColour;
import org.cir4j.world.scene.Colour;
import org.cir4j.world.scene.Frame;
import org.cir4j.world.scene.Garment;
import org.cir4j.world.scene.GarmentCategory;
import org.cir4j.world.scene.GarmentLength;
import org.cir4j.world.scene.GarmentScene;
import org.cir4j.world.scene.GarmentView;
import org.cir4j.world.scene.Jitter;
import org.cir4j.world.scene.Neckline;
import org.cir4j.world.scene.Orientation;
import org.cir4j.world.scene.Pattern;
import org.cir4j.world.scene.PrintMotif;
import org.cir4j.world.scene.Scene;
import org.cir4j.world.scene.SceneObject;
import org.cir4j.world.scene.ShapeKind;
import org.cir4j.world.scene.ShapeScene;
import org.cir4j.world.scene.Size;
import org.cir4j.world.scene.SleeveLength;
import org.cir4j.world.scene.Texture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Queries of every aspect on hand-made references: the edit is stated and exactly what the spec asks. */
class QueryFactoryTest {
    private static final QueryFactory.Options TEST = new QueryFactory.Options(true, 0.5, 2, 4);
    private static final QueryFactory.Options TRAIN = new QueryFactory.Options(false, 0.5, 0, 4);

    /** Star top left (upside down), red striped circle bottom right, small blue square centre top. */
    static ShapeScene shapesRef() {
        return new ShapeScene(new Background(BackgroundColour.WHITE, Texture.PLAIN, 0, 5), List.of(
                new SceneObject(ShapeKind.STAR, Colour.GREEN, Size.MEDIUM, Pattern.PLAIN, Orientation.UPSIDE_DOWN,
                        0.22, 0.22, Jitter.NONE),
                new SceneObject(ShapeKind.CIRCLE, Colour.RED, Size.MEDIUM, Pattern.STRIPED, Orientation.UPRIGHT,
                        0.75, 0.75, Jitter.NONE),
                new SceneObject(ShapeKind.SQUARE, Colour.BLUE, Size.SMALL, Pattern.PLAIN, Orientation.UPRIGHT,
                        0.55, 0.2, Jitter.NONE)));
    }

    static GarmentScene garmentRef() {
        return new GarmentScene(new Background(BackgroundColour.WHITE, Texture.PLAIN, 0, 5), Frame.PORTRAIT_3_4,
                GarmentView.STANDARD, new Garment(GarmentCategory.DRESS, Colour.RED, SleeveLength.SHORT, Neckline.ROUND,
                        GarmentLength.MEDIUM, Pattern.STRIPED, PrintMotif.HEART, 2), Jitter.NONE, 0, 0);
    }

    /** A plain sleeveless top on beige, zoomed out: admits the garment edits the dress does not. */
    static GarmentScene plainGarmentRef() {
        return new GarmentScene(new Background(BackgroundColour.BEIGE, Texture.SPECKLED, 0, 5), Frame.TALL_1_2,
                GarmentView.ZOOMED_OUT, new Garment(GarmentCategory.TOPTEE, Colour.BLUE, SleeveLength.SLEEVELESS,
                        Neckline.COLLAR, GarmentLength.SHORT, Pattern.PLAIN, PrintMotif.NONE, 0), Jitter.NONE, 0, 0);
    }

    @ParameterizedTest
    @EnumSource(CircoAspect.class)
    void shapesQueryOfEveryAspect(CircoAspect aspect) {
        check(Domain.SHAPES, List.of(shapesRef()), aspect);
    }

    @ParameterizedTest
    @EnumSource(CircoAspect.class)
    void garmentQueryOfEveryAspect(CircoAspect aspect) {
        check(Domain.GARMENTS, List.of(garmentRef(), plainGarmentRef()), aspect);
    }

    /** Every seed yields a valid query on the first reference that admits the aspect. */
    private static void check(Domain d, List<Scene> refs, CircoAspect aspect) {
        QueryFactory f = new QueryFactory(d);
        for (int seed = 0; seed < 15; seed++) {
            Optional<ComposedQuery> made = Optional.empty();
            Scene ref = null;
            for (int r = 0; r < refs.size() && made.isEmpty(); r++) {
                ref = refs.get(r);
                made = f.make(ref, aspect, TEST, new SplittableRandom(seed));
            }
            assertThat(made).as(d + " " + aspect + " seed " + seed).isPresent();
            ComposedQuery q = made.get();
            String where = d + " " + aspect + " seed " + seed + ": '" + q.caption() + "'";
            assertThat(q.aspects()).as(where).contains(aspect);
            assertThat(q.reference()).isEqualTo(ref);
            assertThat(q.spec().isSatisfiedBy(q.target())).as(where).isTrue();
            assertThat(q.spec().isSatisfiedBy(ref)).as(where).isFalse();
            q.extraTargets().forEach(s -> assertThat(q.spec().isSatisfiedBy(s)).as(where).isTrue());
            assertThat(q.nearMisses()).as(where).hasSize(4);
            q.nearMisses().forEach(s -> assertThat(q.spec().isSatisfiedBy(s)).as(where + " near miss " + s).isFalse());
            for (EditRecord e : q.edits()) {
                e.mentions().forEach(w -> assertThat(q.caption()).as(where).contains(w));
            }
            assertThat(q.caption()).as(where).doesNotContain("{").doesNotContain("  ").doesNotContain(" a a")
                    .doesNotMatch(".*\\ba [aeiou].*");
        }
    }

    @ParameterizedTest
    @EnumSource(Domain.class)
    void trainingQueriesNeverUseHeldOutPhrasings(Domain d) {
        QueryFactory f = new QueryFactory(d);
        int heldInTest = 0;
        for (int seed = 0; seed < 150; seed++) {
            ComposedQuery train = f.make(TRAIN, new SplittableRandom(seed));
            assertThat(train.heldOut()).as(train.caption()).isFalse();
            assertThat(train.templates()).allSatisfy(id -> assertThat(id).doesNotEndWith("h"));
            assertThat(train.extraTargets()).isEmpty();
            heldInTest += f.make(TEST, new SplittableRandom(seed)).heldOut() ? 1 : 0;
        }
        // Each query phrases its edit three times (caption and two FashionIQ captions), each time with a
        // held-out template at probability 0.5: most, but not all, test queries carry one.
        assertThat(heldInTest).as("test queries using a held-out phrasing").isBetween(60, 149);
    }
}
