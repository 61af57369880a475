package org.cir4j.world.text;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import org.cir4j.world.scene.BackgroundColour;
import org.cir4j.world.scene.Colour;
import org.cir4j.world.scene.GarmentCategory;
import org.cir4j.world.scene.GarmentLength;
import org.cir4j.world.scene.GarmentView;
import org.cir4j.world.scene.Neckline;
import org.cir4j.world.scene.Numbers;
import org.cir4j.world.scene.Orientation;
import org.cir4j.world.scene.Pattern;
import org.cir4j.world.scene.PrintMotif;
import org.cir4j.world.scene.Region;
import org.cir4j.world.scene.Relation;
import org.cir4j.world.scene.ShapeKind;
import org.cir4j.world.scene.Size;
import org.cir4j.world.scene.SleeveLength;
import org.cir4j.world.scene.Texture;

/**
 * Every word piece the world's grammar can produce, whether or not a given world happened to use it:
 * the literal words of all phrasing templates (held-out ones included, as a real CLIP's vocabulary
 * would hold them), every attribute word, and the function words of the caption grammars. A tokenizer
 * built from it never meets an unknown word in any world text (a test checks this on generated text).
 * Pieces are split as the mini-CLIP's word-level tokenizer splits them: words, digit runs, single marks.
 */
public final class Lexicon {
    private static final java.util.regex.Pattern PIECE = java.util.regex.Pattern.compile(
            "[\\p{L}\\p{M}]+|\\p{N}+|[^\\s\\p{L}\\p{M}\\p{N}]", java.util.regex.Pattern.UNICODE_CHARACTER_CLASS);

    /** Words the absolute-caption grammars and the phrase bank use outside the templates. */
    private static final String GRAMMAR = "a an the of with and that is has there are no not it on in to "
            + "photo picture image drawing product single shape shapes object objects background print prints "
            + "pattern without sleeves sleeve , -";

    private Lexicon() {}

    /** The sorted word pieces. */
    public static SortedSet<String> words() {
        List<String> texts = new ArrayList<>();
        texts.add(GRAMMAR);
        for (List<Template> ts : Phrasings.families().values()) {
            for (Template t : ts) {
                texts.add(t.text().replaceAll("\\{[a-z0-9_]+}", " "));
            }
        }
        for (Colour c : Colour.values()) texts.add(c.word());
        for (BackgroundColour b : BackgroundColour.values()) texts.add(b.word());
        for (Texture t : Texture.values()) texts.add(t.word());
        for (ShapeKind k : ShapeKind.values()) texts.add(k.noun() + " " + k.plural());
        for (Size s : Size.values()) texts.add(s.word() + " bigger larger smaller enlarge shrink");
        for (Pattern p : Pattern.values()) texts.add(p.word() + " " + p.noun());
        for (Orientation o : Orientation.values()) texts.add(o.word() + " upside down upright");
        for (Region r : Region.values()) texts.add(r.word() + " " + r.locative() + " " + r.directional());
        for (Relation r : Relation.values()) texts.add(r.word() + " " + r.phrase());
        for (int n = 0; n <= 5; n++) texts.add(Numbers.word(n));
        for (GarmentCategory c : GarmentCategory.values()) texts.add(c.noun() + " " + c.plural() + " garment");
        for (SleeveLength s : SleeveLength.values()) texts.add(s.id() + " " + s.nounPhrase() + " " + s.adjective());
        for (Neckline n : Neckline.values()) texts.add(n.nounPhrase());
        for (GarmentLength l : GarmentLength.values()) {
            for (GarmentCategory c : GarmentCategory.values()) {
                texts.add(l.word(c));
            }
        }
        texts.add("longer shorter more fewer");
        for (PrintMotif m : PrintMotif.values()) texts.add(m.noun() + " " + m.plural());
        for (GarmentView v : GarmentView.values()) texts.add(v.word());
        SortedSet<String> out = new TreeSet<>();
        for (String t : texts) {
            out.addAll(pieces(t));
        }
        return Collections.unmodifiableSortedSet(out);
    }

    /** The pieces of {@code text}, lower-cased. */
    public static List<String> pieces(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = PIECE.matcher(text.toLowerCase(Locale.ROOT));
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }
}
