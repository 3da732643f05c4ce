package dev.backstep.cli;

import dev.backstep.engine.Trainer;
import dev.backstep.io.NetworkDefinition;
import dev.backstep.io.TraceFormat;
import dev.backstep.io.TraceWriter;
import dev.backstep.trace.Notation;
import dev.backstep.trace.StepTrace;

import java.io.PrintStream;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/**
 * {@code trace FILE [--sample I] [--format F] [--notation N]}: every term of one training step. Without
 * {@code --sample}, the file's first step (the whole batch when it trains full batch); with it, a step on sample I
 * alone, from the file's initial parameters.
 */
final class TraceCommand implements Command {
    @Override
    public String synopsis() {
        return "trace FILE [--sample I] [--format text|json|latex|markdown|csv] [--notation z-a|net-out|slides]";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        Arguments a = Arguments.parse("trace", args, Set.of("--sample", "--format", "--notation"), Set.of());
        String file = a.single("trace", "network FILE");
        String formatName = a.option("--format", "text");
        TraceFormat format = TraceFormat.byId(formatName).orElseThrow(() -> new UsageException(
                "trace: unknown format \"" + formatName + "\" (expected one of " + TraceFormat.names() + ")"));
        NetworkDefinition definition = NetworkSource.load(file, OptionalLong.empty());
        Notation notation = definition.notation();
        if (a.has("--notation")) {
            String name = a.option("--notation", "");
            notation = Notation.byId(name).orElseThrow(() -> new UsageException("trace: unknown notation \"" + name
                    + "\" (expected one of " + Notation.names() + ")"));
        }
        Trainer trainer = definition.newTrainer();
        StepTrace trace;
        String title;
        if (a.has("--sample")) {
            int size = definition.trainingData().size();
            int sample = (int) a.longOption("trace", "--sample", 0, 0, size - 1);
            int[] samples = {sample};
            trace = StepTrace.of(trainer.network(), trainer.optimizer(), definition.trainingData().select(samples),
                    samples, definition.labels(), notation);
            title = definition.name() + ": one training step on sample " + (sample + 1) + " (index " + sample + ")";
        } else {
            trace = StepTrace.ofNextStep(trainer, definition.labels(), notation);
            title = definition.name() + ": the first training step (" + describe(trace) + ")";
        }
        TraceWriter.write(trace, format, title, out);
        out.flush();
        return 0;
    }

    private static String describe(StepTrace trace) {
        int[] samples = trace.samples();
        if (samples.length == 1) {
            return "sample " + (samples[0] + 1);
        }
        return "a batch of " + samples.length + " samples";
    }
}
