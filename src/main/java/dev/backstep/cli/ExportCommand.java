package dev.backstep.cli;

import dev.backstep.engine.Trainer;
import dev.backstep.io.LossHistoryCsv;
import dev.backstep.io.NetworkDefinition;
import dev.backstep.io.NetworkWriter;
import dev.backstep.io.TraceFormat;
import dev.backstep.io.TraceWriter;
import dev.backstep.io.AtomicFiles;
import dev.backstep.trace.StepTrace;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/**
 * {@code export FILE [--epochs N] [--losses CSV] [--network JSON] [--trace OUT [--format F]]}: the app's exports
 * without the app. Trains N epochs (the file's count by default for losses and network, none otherwise), then
 * writes the loss history, the network as it is then, and the trace of the next step; each file atomically.
 */
final class ExportCommand implements Command {
    @Override
    public String synopsis() {
        return "export FILE [--epochs N] [--losses CSV] [--network JSON] [--trace OUT [--format F]]";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        Arguments a = Arguments.parse("export", args, Set.of("--epochs", "--losses", "--network", "--trace",
                "--format"), Set.of());
        String file = a.single("export", "network FILE");
        if (!a.has("--losses") && !a.has("--network") && !a.has("--trace")) {
            throw new UsageException("export: nothing to export (give --losses, --network or --trace)");
        }
        String formatName = a.option("--format", "latex");
        TraceFormat format = TraceFormat.byId(formatName).orElseThrow(() -> new UsageException(
                "export: unknown format \"" + formatName + "\" (expected one of " + TraceFormat.names() + ")"));
        NetworkDefinition definition = NetworkSource.load(file, OptionalLong.empty());
        long defaultEpochs = a.has("--losses") || a.has("--network") ? definition.training().epochs() : 0;
        long epochs = a.longOption("export", "--epochs", defaultEpochs, 0, Long.MAX_VALUE);
        Trainer trainer = definition.newTrainer();
        trainer.runEpochs(epochs);
        if (a.has("--losses")) {
            Path target = Path.of(a.option("--losses", ""));
            LossHistoryCsv.write(target, trainer.trainLoss().toArray(),
                    trainer.testData() == null ? null : trainer.testLoss().toArray());
            out.println(target + ": the loss of " + epochs + " epochs");
        }
        if (a.has("--network")) {
            Path target = Path.of(a.option("--network", ""));
            NetworkWriter.write(definition.withParameters(trainer.network()), target);
            out.println(target + ": " + definition.name() + " after " + epochs + " epochs");
        }
        if (a.has("--trace")) {
            Path target = Path.of(a.option("--trace", ""));
            StepTrace trace = StepTrace.ofNextStep(trainer, definition.labels(), definition.notation());
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            TraceWriter.write(trace, format, definition.name() + ": the step after epoch " + epochs, bytes);
            AtomicFiles.write(target, bytes.toByteArray());
            out.println(target + ": " + trace.size() + " terms of the step after epoch " + epochs + " ("
                    + format.id() + ")");
        }
        return 0;
    }
}
