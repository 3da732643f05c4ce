package dev.backstep.cli;

import dev.backstep.engine.GradientCheck;
import dev.backstep.engine.Network;
import dev.backstep.engine.Trainer;
import dev.backstep.io.NetworkDefinition;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Set;

/**
 * {@code gradcheck FILE [--epochs N] [--tolerance T]}: the backward pass against finite differences on the whole
 * training set, at the file's parameters or after N epochs. Exit code 1 when the largest relative difference
 * exceeds the tolerance.
 */
final class GradcheckCommand implements Command {
    /** Large networks are checked on an even spread of this many parameters. */
    private static final int MAX_CHECKED = 20_000;

    @Override
    public String synopsis() {
        return "gradcheck FILE [--epochs N] [--tolerance T]";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        Arguments a = Arguments.parse("gradcheck", args, Set.of("--epochs", "--tolerance"), Set.of());
        String file = a.single("gradcheck", "network FILE");
        long epochs = a.longOption("gradcheck", "--epochs", 0, 0, Long.MAX_VALUE);
        double tolerance = a.doubleOption("gradcheck", "--tolerance", GradientCheck.DEFAULT_TOLERANCE);
        NetworkDefinition definition = NetworkSource.load(file, OptionalLong.empty());
        Network network = definition.newNetwork();
        if (epochs > 0) {
            new Trainer(network, definition.trainingData(), definition.testData(), definition.training(),
                    definition.optimizer()).runEpochs(epochs);
        }
        GradientCheck.Result result = GradientCheck.run(network, definition.trainingData(), MAX_CHECKED);
        GradientCheck.Entry worst = result.worst();
        out.printf(Locale.ROOT, "%s: checked %d of %d parameters on %d samples%s%n", definition.name(),
                result.entries().size(), network.parameterCount(), definition.trainingData().size(),
                epochs > 0 ? " after " + epochs + " epochs" : "");
        out.printf(Locale.ROOT, "largest relative difference %.3e at %s[%d][%d]: analytic %.15g, numeric %.15g%n",
                worst.relativeDifference(), worst.parameter(), worst.row(), worst.col(), worst.analytic(),
                worst.numeric());
        boolean ok = worst.relativeDifference() <= tolerance;
        out.printf(Locale.ROOT, "%s (tolerance %.1e)%n", ok ? "gradients agree" : "GRADIENTS DISAGREE", tolerance);
        return ok ? 0 : 1;
    }
}
