package org.cir4j.world.spec;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.cir4j.world.scene.BackgroundColour;
import org.cir4j.world.scene.GarmentScene;
import org.cir4j.world.scene.GarmentView;
import org.cir4j.world.scene.Scene;
import org.cir4j.world.scene.Texture;

/** Target of a garments query: background, view and the garment's attributes. */
public record GarmentTarget(Set<BackgroundColour> backgrounds, Set<Texture> textures, Set<GarmentView> views,
                            GarmentSpec garment) implements TargetSpec {

    public GarmentTarget {
        backgrounds = EnumSets.copy(backgrounds, BackgroundColour.class, "backgrounds");
        textures = EnumSets.copy(textures, Texture.class, "textures");
        views = EnumSets.copy(views, GarmentView.class, "views");
        Objects.requireNonNull(garment, "garment");
    }

    public static GarmentTarget exactly(GarmentScene s) {
        return new GarmentTarget(EnumSet.of(s.background().colour()), EnumSet.of(s.background().texture()),
                EnumSet.of(s.view()), GarmentSpec.exactly(s.garment()));
    }

    @Override
    public boolean isSatisfiedBy(Scene scene) {
        return scene instanceof GarmentScene g
                && backgrounds.contains(g.background().colour())
                && textures.contains(g.background().texture())
                && views.contains(g.view())
                && garment.matches(g.garment());
    }
}
