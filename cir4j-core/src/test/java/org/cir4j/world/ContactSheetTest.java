package org.cir4j.world;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-domain contact sheets: written with the world, one row per attribute value, at full resolution. */
class ContactSheetTest {

    @Test
    void shapesSheetHasARowPerAttributeValue(@TempDir Path tmp) throws IOException {
        Path png = tmp.resolve("shapes.png");
        ContactSheet.write(png, Domain.SHAPES, 96, 1);
        BufferedImage img = ImageIO.read(png.toFile());
        // 9 shapes + 12 colours + 3 sizes + 3 patterns + 2 orientations + 6 backgrounds × 2 textures.
        assertThat(img.getHeight()).isEqualTo((9 + 12 + 3 + 3 + 2 + 12) * (96 + 4));
        assertThat(img.getWidth()).isGreaterThan(8 * 96);
    }

    @Test
    void garmentSheetCoversEveryAttributeAndFrame(@TempDir Path tmp) throws IOException {
        BufferedImage img = ContactSheet.garments(96, 1);
        // 4 categories + 12 colours + 3 sleeves + 4 necklines + 3 lengths + 4 patterns + 4 prints
        // + 3 print counts + 3 views + 6 backgrounds at 96 px, then 6 frames at their own heights.
        int squareRows = 4 + 12 + 3 + 4 + 3 + 4 + 4 + 3 + 3 + 6;
        int frameRows = 96 + 96 + 128 + 96 + 144 + 192;
        assertThat(img.getHeight()).isEqualTo(squareRows * (96 + 4) + frameRows + 6 * 4);
    }

    @Test
    void everyGeneratedDomainHasItsSheet() throws IOException {
        for (Domain d : Domain.values()) {
            Path sheet = SmallWorld.domain(d).resolve("contact_sheet.png");
            assertThat(sheet).isRegularFile();
            assertThat(ImageIO.read(sheet.toFile()).getWidth()).isGreaterThan(800);
        }
    }
}
