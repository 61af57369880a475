package org.cir4j.world.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.cir4j.world.io.Json;
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
import org.cir4j.world.scene.Region;
import org.cir4j.world.scene.Relation;
import org.cir4j.world.scene.Scene;
import org.cir4j.world.scene.SceneObject;
import org.cir4j.world.scene.ShapeKind;
import org.cir4j.world.scene.ShapeScene;
import org.cir4j.world.scene.Size;
import org.cir4j.world.scene.SleeveLength;
import org.cir4j.world.scene.Texture;
import org.junit.jupiter.api.Test;

/**
 * The ground-truth predicate on hand-made scenes, one case per CIRCO semantic aspect: what a caption
 * of that aspect asks for is satisfied by the scenes that do it (wherever the objects stand) and by no
 * scene that differs in what was asked.
 */
class GroundTruthPredicateTest {
    private static final Background WHITE = new Background(BackgroundColour.WHITE, Texture.PLAIN, 0, 1);

    private static SceneObject obj(ShapeKind k, Colour c, Size s, Pattern p, double x, double y) {
        return new SceneObject(k, c, s, p, Orientation.UPRIGHT, x, y, Jitter.NONE);
    }

    private static SceneObject redCircle(double x, double y) {
        return obj(ShapeKind.CIRCLE, Colour.RED, Size.SMALL, Pattern.PLAIN, x, y);
    }

    private static SceneObject blueSquare(double x, double y) {
        return obj(ShapeKind.SQUARE, Colour.BLUE, Size.MEDIUM, Pattern.STRIPED, x, y);
    }

    private static ShapeScene scene(SceneObject... objs) {
        return new ShapeScene(WHITE, List.of(objs));
    }

    private static ShapeTarget target(List<ObjectSpec> specs, Constraint... cs) {
        return new ShapeTarget(EnumSet.of(BackgroundColour.WHITE), EnumSet.of(Texture.PLAIN), specs, List.of(cs));
    }

    private static ObjectSpec exact(SceneObject o) {
        return ObjectSpec.exactly(o);
    }

    @Test
    void cardinalityNeedsTheExactCountOfIdenticalObjects() {
        // "has two red circles" on a scene with one red circle and a blue square.
        ShapeTarget t = target(List.of(exact(redCircle(0, 0)), exact(redCircle(0, 0)), exact(blueSquare(0, 0))));
        assertThat(t.isSatisfiedBy(scene(redCircle(0.2, 0.2), redCircle(0.8, 0.8), blueSquare(0.5, 0.5)))).isTrue();
        assertThat(t.isSatisfiedBy(scene(blueSquare(0.5, 0.5), redCircle(0.8, 0.2), redCircle(0.2, 0.8)))).isTrue();
        assertThat(t.isSatisfiedBy(scene(redCircle(0.2, 0.2), blueSquare(0.5, 0.5)))).isFalse();
        assertThat(t.isSatisfiedBy(scene(redCircle(0.2, 0.2), redCircle(0.8, 0.8), redCircle(0.2, 0.8),
                blueSquare(0.5, 0.5)))).isFalse();
        assertThat(t.isSatisfiedBy(scene(redCircle(0.2, 0.2), redCircle(0.8, 0.8).withColour(Colour.GREEN),
                blueSquare(0.5, 0.5)))).as("second circle of another colour").isFalse();
    }

    @Test
    void additionWithAPlaceRequiresTheNewObjectThere() {
        SceneObject tri = obj(ShapeKind.TRIANGLE, Colour.GREEN, Size.SMALL, Pattern.PLAIN, 0, 0);
        // "add a small green triangle in the top left corner" to [red circle].
        ShapeTarget t = target(List.of(exact(redCircle(0, 0)), exact(tri)), new InRegion(1, Region.TOP_LEFT));
        assertThat(t.isSatisfiedBy(scene(redCircle(0.7, 0.7), tri.at(0.15, 0.2)))).isTrue();
        assertThat(t.isSatisfiedBy(scene(redCircle(0.7, 0.7), tri.at(0.8, 0.2)))).as("top right").isFalse();
        assertThat(t.isSatisfiedBy(scene(redCircle(0.7, 0.7), tri.withSize(Size.LARGE).at(0.2, 0.2)))).isFalse();
        assertThat(t.isSatisfiedBy(scene(redCircle(0.7, 0.7)))).as("not added").isFalse();
    }

    @Test
    void negationRemovesTheObject() {
        // "without the square" on [red circle, blue square].
        ShapeTarget t = target(List.of(exact(redCircle(0, 0))));
        assertThat(t.isSatisfiedBy(scene(redCircle(0.4, 0.6)))).isTrue();
        assertThat(t.isSatisfiedBy(scene(redCircle(0.4, 0.6), blueSquare(0.8, 0.2)))).isFalse();
        assertThat(t.isSatisfiedBy(scene(redCircle(0.4, 0.6), redCircle(0.8, 0.2)))).isFalse();
    }

    @Test
    void directAddressingChangesOneAttributeOfOneObject() {
        // "make the circle yellow".
        ShapeTarget t = target(List.of(exact(redCircle(0, 0).withColour(Colour.YELLOW)), exact(blueSquare(0, 0))));
        assertThat(t.isSatisfiedBy(scene(redCircle(0.2, 0.2).withColour(Colour.YELLOW), blueSquare(0.7, 0.7)))).isTrue();
        assertThat(t.isSatisfiedBy(scene(redCircle(0.2, 0.2), blueSquare(0.7, 0.7)))).isFalse();
        assertThat(t.isSatisfiedBy(scene(redCircle(0.2, 0.2).withColour(Colour.YELLOW),
                blueSquare(0.7, 0.7).withColour(Colour.YELLOW)))).as("the square changed too").isFalse();
    }

    @Test
    void compareAndChangeSwapsTheShapeKeepingTheRest() {
        // "a heart instead of the circle": the heart keeps the circle's colour, size and pattern.
        ShapeTarget t = target(List.of(exact(redCircle(0, 0).withShape(ShapeKind.HEART)), exact(blueSquare(0, 0))));
        assertThat(t.isSatisfiedBy(scene(redCircle(0.2, 0.2).withShape(ShapeKind.HEART), blueSquare(0.7, 0.7)))).isTrue();
        assertThat(t.isSatisfiedBy(scene(redCircle(0.2, 0.2).withShape(ShapeKind.HEART)
                .withOrientation(Orientation.UPSIDE_DOWN), blueSquare(0.7, 0.7)))).as("upside-down heart").isFalse();
        assertThat(t.isSatisfiedBy(scene(redCircle(0.2, 0.2).withShape(ShapeKind.STAR), blueSquare(0.7, 0.7)))).isFalse();
    }

    @Test
    void comparativeAllowsEveryLargerSize() {
        // "the circle is bigger" from small: medium or large.
        ShapeTarget t = target(List.of(exact(redCircle(0, 0)).withSizes(EnumSet.of(Size.MEDIUM, Size.LARGE))));
        assertThat(t.isSatisfiedBy(scene(redCircle(0.5, 0.5).withSize(Size.MEDIUM)))).isTrue();
        assertThat(t.isSatisfiedBy(scene(redCircle(0.5, 0.5).withSize(Size.LARGE)))).isTrue();
        assertThat(t.isSatisfiedBy(scene(redCircle(0.5, 0.5)))).isFalse();
    }

    @Test
    void conjunctionNeedsBothEdits() {
        // "make the circle yellow and remove the square".
        ShapeTarget t = target(List.of(exact(redCircle(0, 0).withColour(Colour.YELLOW))));
        assertThat(t.isSatisfiedBy(scene(redCircle(0.3, 0.3).withColour(Colour.YELLOW)))).isTrue();
        assertThat(t.isSatisfiedBy(scene(redCircle(0.3, 0.3)))).as("only the removal").isFalse();
        assertThat(t.isSatisfiedBy(scene(redCircle(0.3, 0.3).withColour(Colour.YELLOW), blueSquare(0.7, 0.7))))
                .as("only the recolouring").isFalse();
    }

    @Test
    void spatialRelationIsCheckedOnTheMatchedObjects() {
        // "put the circle to the left of the square", with a second identical circle in the scene.
        ShapeTarget t = target(List.of(exact(redCircle(0, 0)), exact(redCircle(0, 0)), exact(blueSquare(0, 0))),
                new Related(0, Relation.LEFT_OF, 2));
        assertThat(t.isSatisfiedBy(scene(redCircle(0.8, 0.2), blueSquare(0.5, 0.5), redCircle(0.2, 0.8))))
                .as("one of the two circles is left of the square").isTrue();
        assertThat(t.isSatisfiedBy(scene(redCircle(0.8, 0.2), blueSquare(0.2, 0.5), redCircle(0.7, 0.8)))).isFalse();
        assertThat(t.isSatisfiedBy(scene(redCircle(0.45, 0.2), blueSquare(0.5, 0.5), redCircle(0.52, 0.8))))
                .as("less than the relation margin apart").isFalse();
    }

    @Test
    void backgroundColourAndTextureAreCompared() {
        // "on a black background".
        ShapeTarget t = new ShapeTarget(EnumSet.of(BackgroundColour.BLACK), EnumSet.of(Texture.PLAIN),
                List.of(exact(redCircle(0, 0))), List.of());
        Background black = new Background(BackgroundColour.BLACK, Texture.PLAIN, 0.02, 9);
        assertThat(t.isSatisfiedBy(new ShapeScene(black, List.of(redCircle(0.5, 0.5))))).isTrue();
        assertThat(t.isSatisfiedBy(new ShapeScene(black.withTexture(Texture.SPECKLED), List.of(redCircle(0.5, 0.5)))))
                .isFalse();
        assertThat(t.isSatisfiedBy(scene(redCircle(0.5, 0.5)))).isFalse();
    }

    @Test
    void viewpointRotationTurnsOrientableShapesAndFlipsPlacement() {
        SceneObject tri = obj(ShapeKind.TRIANGLE, Colour.GREEN, Size.MEDIUM, Pattern.PLAIN, 0.2, 0.2);
        // Reference: triangle top left, square bottom right. Rotated by 180 degrees: the triangle points
        // down and sits bottom right, the square (symmetric) top left.
        ShapeTarget t = target(List.of(exact(tri.withOrientation(Orientation.UPSIDE_DOWN)), exact(blueSquare(0, 0))),
                new InRegion(0, Region.BOTTOM_RIGHT), new InRegion(1, Region.TOP_LEFT),
                new Related(1, Relation.LEFT_OF, 0), new Related(1, Relation.ABOVE, 0));
        assertThat(t.isSatisfiedBy(scene(tri.withOrientation(Orientation.UPSIDE_DOWN).at(0.8, 0.8), blueSquare(0.2, 0.2))))
                .isTrue();
        assertThat(t.isSatisfiedBy(scene(tri.at(0.8, 0.8), blueSquare(0.2, 0.2)))).as("not turned").isFalse();
        assertThat(t.isSatisfiedBy(scene(tri, blueSquare(0.8, 0.8)))).as("the reference").isFalse();
        // A symmetric shape's orientation is not visible: it is stored upright and matches either way.
        assertThat(blueSquare(0, 0).withOrientation(Orientation.UPSIDE_DOWN).orientation()).isEqualTo(Orientation.UPRIGHT);
    }

    private static GarmentScene garment(Garment g, BackgroundColour bg, GarmentView view) {
        return new GarmentScene(new Background(bg, Texture.PLAIN, 0, 3), Frame.PORTRAIT_3_4, view, g, Jitter.NONE, 0, 0);
    }

    private static final Garment DRESS = new Garment(GarmentCategory.DRESS, Colour.RED, SleeveLength.SHORT,
            Neckline.V_NECK, GarmentLength.MEDIUM, Pattern.STRIPED, PrintMotif.STAR, 2);

    private static GarmentTarget garmentTarget(GarmentSpec spec, GarmentView view) {
        return new GarmentTarget(EnumSet.of(BackgroundColour.WHITE), EnumSet.of(Texture.PLAIN), EnumSet.of(view), spec);
    }

    @Test
    void garmentNegationAndComparativeLeaveAChoice() {
        GarmentSpec exact = GarmentSpec.exactly(DRESS);
        // "is not red": any other colour.
        Set<Colour> notRed = EnumSet.complementOf(EnumSet.of(Colour.RED));
        GarmentTarget notRedT = garmentTarget(new GarmentSpec(exact.categories(), notRed, exact.sleeves(),
                exact.necklines(), exact.lengths(), exact.patterns(), exact.prints(), exact.printCounts()), GarmentView.STANDARD);
        assertThat(notRedT.isSatisfiedBy(garment(DRESS.withColour(Colour.BLUE), BackgroundColour.WHITE, GarmentView.STANDARD)))
                .isTrue();
        assertThat(notRedT.isSatisfiedBy(garment(DRESS, BackgroundColour.WHITE, GarmentView.STANDARD))).isFalse();
        // "has more stars": three.
        GarmentTarget more = garmentTarget(new GarmentSpec(exact.categories(), exact.colours(), exact.sleeves(),
                exact.necklines(), exact.lengths(), exact.patterns(), exact.prints(), new TreeSet<>(Set.of(3))),
                GarmentView.STANDARD);
        assertThat(more.isSatisfiedBy(garment(DRESS.withPrint(PrintMotif.STAR, 3), BackgroundColour.WHITE,
                GarmentView.STANDARD))).isTrue();
        assertThat(more.isSatisfiedBy(garment(DRESS.withPrint(PrintMotif.HEART, 3), BackgroundColour.WHITE,
                GarmentView.STANDARD))).isFalse();
        // Viewpoint: "is zoomed out"; background: "on a beige background".
        GarmentTarget zoomed = garmentTarget(exact, GarmentView.ZOOMED_OUT);
        assertThat(zoomed.isSatisfiedBy(garment(DRESS, BackgroundColour.WHITE, GarmentView.ZOOMED_OUT))).isTrue();
        assertThat(zoomed.isSatisfiedBy(garment(DRESS, BackgroundColour.WHITE, GarmentView.STANDARD))).isFalse();
        assertThat(zoomed.isSatisfiedBy(garment(DRESS, BackgroundColour.BEIGE, GarmentView.ZOOMED_OUT))).isFalse();
        assertThat(zoomed.isSatisfiedBy(scene(redCircle(0.5, 0.5)))).as("other domain").isFalse();
    }

    @Test
    void specsSurviveAJsonRoundTripWithTheSameVerdicts() throws Exception {
        ShapeTarget t = target(new ArrayList<>(List.of(exact(redCircle(0, 0)).withSizes(EnumSet.of(Size.MEDIUM, Size.LARGE)),
                exact(blueSquare(0, 0)))), new Related(0, Relation.ABOVE, 1), new InRegion(1, Region.BOTTOM));
        String json = Json.MAPPER.writeValueAsString(t);
        assertThat(json).contains("\"domain\":\"shapes\"", "\"type\":\"related\"", "\"relation\":\"above\"",
                "\"region\":\"bottom\"", "\"sizes\":[\"medium\",\"large\"]");
        TargetSpec back = Json.MAPPER.readValue(json, TargetSpec.class);
        assertThat(back).isEqualTo(t);
        Scene yes = scene(redCircle(0.5, 0.2).withSize(Size.LARGE), blueSquare(0.5, 0.8));
        Scene no = scene(redCircle(0.5, 0.8).withSize(Size.LARGE), blueSquare(0.5, 0.2));
        assertThat(back.isSatisfiedBy(yes)).isTrue();
        assertThat(back.isSatisfiedBy(no)).isFalse();
        assertThat(Json.MAPPER.writeValueAsString(back)).isEqualTo(json);
    }

    @Test
    void malformedSpecsAreRejectedWithTheField() {
        assertThatThrownBy(() -> exact(redCircle(0, 0)).withColours(Set.of()))
                .hasMessageContaining("'colours'").hasMessageContaining("empty");
        assertThatThrownBy(() -> target(List.of(exact(redCircle(0, 0))), new InRegion(3, Region.TOP)))
                .hasMessageContaining("refers to object 3").hasMessageContaining("has 1 objects");
        assertThatThrownBy(() -> new Related(1, Relation.ABOVE, 1)).hasMessageContaining("two distinct object indices");
    }
}
