package org.cir4j.app.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.cir4j.app.search.BenchmarkQueries;
import org.cir4j.app.search.MethodCatalog;
import org.cir4j.app.search.ModelBundle;
import org.cir4j.app.search.QueryService;
import org.cir4j.app.testing.TinyModel;
import org.cir4j.image.ImageDecoder;
import org.cir4j.index.gallery.GalleryIndex;
import org.cir4j.index.gallery.GalleryIndexWriter;
import org.cir4j.index.gallery.IndexOptions;
import org.cir4j.methods.ComposerRegistry;
import org.cir4j.world.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The web page end to end in headless Chromium (scripts/ui-check.sh); skipped where chromium is not installed. */
class WebPageUiCheckTest {

    @TempDir Path tmp;

    static boolean onPath(String exe) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, exe))) {
                return true;
            }
        }
        return false;
    }

    static Path script() {
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            Path s = p.resolve("scripts").resolve("ui-check.sh");
            if (Files.isRegularFile(s)) {
                return s;
            }
        }
        throw new IllegalStateException("scripts/ui-check.sh not found above " + here);
    }

    @Test
    void pageShowsResultCardsWithGroundTruthAndAScreenshotThatIsNotBlank() throws Exception {
        assumeTrue(onPath("chromium") || onPath("chromium-browser"), "chromium is not installed (apt-get install -y chromium)");
        Path model = TinyModel.write(tmp.resolve("model"), 1);
        Path images = tmp.resolve("images");
        TinyModel.writeImages(images, 16, 5);
        Path idx = tmp.resolve("index");
        Path out = tmp.resolve("ui");
        try (ModelBundle bundle = ModelBundle.load(model, ModelBundle.Preprocess.clip, new ImageDecoder())) {
            GalleryIndexWriter.sync(idx, images, bundle.encoder(), IndexOptions.DEFAULT, model.toString(), ProgressListener.NONE);
            // Every other image is ground truth, so some of the 12 results are marked whatever the random model ranks.
            List<String> targets = new java.util.ArrayList<>();
            for (int i = 1; i < 16; i += 2) {
                targets.add("b/img-" + String.format("%03d", i) + ".png");
            }
            BenchmarkQueries.write(idx, List.of(new BenchmarkQueries.Query("a/img-000.png", "is red and larger", targets, "a")));
            try (GalleryIndex gi = GalleryIndex.open(idx);
                 QueryService service = new QueryService(gi, bundle, MethodCatalog.discover(ComposerRegistry.load(), List.of()),
                         BenchmarkQueries.read(idx));
                 CirServer server = CirServer.start(service, ServerOptions.defaults(0))) {
                Process p = new ProcessBuilder("bash", script().toString(), server.url(), out.toString(), "a/img-000.png",
                        "is red and larger").redirectErrorStream(true).start();
                String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(p.waitFor(280, TimeUnit.SECONDS)).isTrue();
                assertThat(p.exitValue()).as(log).isZero();
            }
        }
        String dom = Files.readString(out.resolve("dom.html"));
        assertThat(dom).contains("class=\"card result target\"").contains("test-sum");
        BufferedImage shot = ImageIO.read(out.resolve("screenshot.png").toFile());
        assertThat(shot.getWidth()).isEqualTo(1280);
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < shot.getHeight(); y += 4) {
            for (int x = 0; x < shot.getWidth(); x += 4) {
                colours.add(shot.getRGB(x, y));
            }
        }
        assertThat(colours.size()).as("distinct colours in the screenshot").isGreaterThan(50);
    }
}
