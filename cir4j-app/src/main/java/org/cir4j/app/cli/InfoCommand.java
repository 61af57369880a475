package org.cir4j.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.cir4j.model.CheckpointInfo;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cir4j info MODEL}: what a checkpoint is, from its config and tensor headers (no weights are loaded). */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = {"Describe a CLIP checkpoint (towers, sizes, parameter counts, tokenizer).",
                "Format, towers (width, layers, heads, patch, resolution), context length, vocabulary, parameter "
                        + "counts per tower, dtypes and the tokenizer beside the weights.",
                "Every tensor is checked against the config, so a checkpoint info accepts also loads."})
public final class InfoCommand implements Callable<Integer>, CliSubcommand {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL",
            description = "Hugging Face CLIPModel directory, open_clip directory, or a .safetensors file with its config beside it.")
    Path model;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        CheckpointInfo info = CheckpointInfo.of(model);
        var out = spec.commandLine().getOut();
        if (json) {
            out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(info.toJson()));
        } else {
            out.print(info.toText());
        }
        out.flush();
        return 0;
    }
}
