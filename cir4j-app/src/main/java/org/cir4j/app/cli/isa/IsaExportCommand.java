package org.cir4j.app.cli.isa;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.cir4j.app.cli.CliSubcommand;
import org.cir4j.methods.isa.IsaExport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cir4j isa-export}: the asymmetric query model for a device (safetensors + JSON read by IsaQueryRuntime). */
@Command(name = "isa-export", mixinStandardHelpOptions = true,
        description = "Export an ISA checkpoint's query side (light CNN + token learner) for a device: query_model.safetensors + query_model.json.")
public final class IsaExportCommand implements Callable<Integer>, CliSubcommand {

    @Option(names = "--checkpoint", required = true, description = "ISA method directory (config.json + isa.safetensors).")
    Path checkpoint;

    @Option(names = "--out", required = true, description = "Output directory.")
    Path out;

    @Override
    public Integer call() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            IsaExport.fromCheckpoint(checkpoint, out, m);
        }
        System.out.println("exported ISA query model to " + out.toAbsolutePath() + " (" + IsaExport.CONFIG + ", " + IsaExport.WEIGHTS + ")");
        return 0;
    }
}
