package org.cir4j.app.cli.searle;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.cir4j.app.cli.CliSubcommand;
import org.cir4j.app.cli.StageProgress;
import org.cir4j.methods.searle.BaseModel;
import org.cir4j.methods.searle.ImageFeatures;
import org.cir4j.methods.searle.ImageRetrievalCheck;
import org.cir4j.methods.searle.PhiNetwork;
import org.cir4j.methods.searle.TokenBank;
import org.cir4j.model.ClipModel;
import org.cir4j.text.Tokenizers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cir4j eval searle-ir}: iSEARLE Table X, image retrieval with "a photo of $" and each image's own token. */
@Command(name = "searle-ir", mixinStandardHelpOptions = true,
        description = "Table X check: does each image's pseudo-word (phi or an OTI bank) retrieve the image itself? Prints a Markdown row.")
public final class ImageRetrievalCommand implements Callable<Integer>, CliSubcommand {

    @Override
    public String parent() {
        return "eval";
    }

    @Option(names = "--model", required = true) Path model;
    @Option(names = "--images", required = true, description = "Folder or list of the images (the retrieval set).") Path images;
    @Option(names = "--phi", description = "phi checkpoint directory.") Path phi;
    @Option(names = "--tokens", description = "OTI token bank covering the images.") Path tokens;
    @Option(names = "--limit", description = "Use the first N images.") Integer limit;
    @Option(names = "--label", defaultValue = "", description = "Row label.") String label;
    @Option(names = "--preprocess", defaultValue = "targetpad") String preprocess;

    @Override
    public Integer call() throws Exception {
        if ((phi == null) == (tokens == null)) {
            throw new IllegalArgumentException("give exactly one of --phi or --tokens");
        }
        List<Path> files = ImageFeatures.list(images);
        if (limit != null) {
            files = files.subList(0, Math.min(limit, files.size()));
        }
        try (ClipModel clip = SearleCli.loadModel(model); StageProgress progress = new StageProgress()) {
            float[][] x = ImageFeatures.encode(clip, SearleCli.preprocessor(preprocess, clip.config().vision().imageSize()),
                    files, 64, progress::update);
            float[][] t;
            if (phi != null) {
                try (PhiNetwork net = PhiNetwork.load(phi, BaseModel.of(model, clip), clip.manager())) {
                    t = net.predict(x);
                }
            } else {
                TokenBank bank;
                try (NDManager m = clip.manager().newSubManager()) {
                    bank = TokenBank.load(tokens, m);
                }
                t = new float[files.size()][];
                for (int i = 0; i < t.length; i++) {
                    t[i] = bank.token(ImageFeatures.name(files.get(i)));
                    if (t[i] == null) {
                        throw new IllegalArgumentException("token bank " + tokens + " has no token for " + files.get(i));
                    }
                }
            }
            double[] r = ImageRetrievalCheck.recall(clip, Tokenizers.load(model), t, x);
            progress.close();
            System.out.printf("| %s | %d | %.2f | %.2f | %.2f |%n", label, files.size(), r[0], r[1], r[2]);
        }
        return 0;
    }
}
