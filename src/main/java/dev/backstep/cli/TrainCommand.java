package dev.backstep.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstep.engine.DoubleSeries;
import dev.backstep.engine.Evaluation;
import dev.backstep.engine.Matrix;
import dev.backstep.engine.Network;
import dev.backstep.engine.Trainer;
import dev.backstep.io.NetworkDefinition;
import dev.backstep.io.NetworkWriter;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Set;

/**
 * {@code train FILE [--epochs N] [--seed S] [--json]}: trains, printing progress, then the final loss and outputs.
 * {@code --json} prints one object: the epochs, the loss of every epoch and the trained network in the file format.
 */
final class TrainCommand implements Command {
    private static final int PROGRESS_LINES = 10;
    private static final int OUTPUT_ROWS = 16;

    @Override
    public String synopsis() {
        return "train FILE [--epochs N] [--seed S] [--json]";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        Arguments a = Arguments.parse("train", args, Set.of("--epochs", "--seed"), Set.of("--json"));
        String file = a.single("train", "network FILE");
        OptionalLong seed = a.has("--seed")
                ? OptionalLong.of(a.longOption("train", "--seed", 0, 0, 0xffffffffL)) : OptionalLong.empty();
        NetworkDefinition definition = NetworkSource.load(file, seed);
        long epochs = a.longOption("train", "--epochs", definition.training().epochs(), 0, Long.MAX_VALUE);
        boolean json = a.flag("--json");

        Network network = definition.newNetwork();
        Trainer trainer = new Trainer(network, definition.trainingData(), definition.testData(),
                definition.training(), definition.optimizer());
        if (!json) {
            out.println(describe(definition, epochs));
        }
        boolean classes = Evaluation.hasClassTargets(definition.trainingData().targets());
        long every = Math.max(1, epochs / PROGRESS_LINES);
        // Only training is timed: the accuracy of a progress line is measured outside the clock.
        long trainingNanos = 0;
        long nanosSinceLine = 0;
        long epochsSinceLine = 0;
        for (long e = 1; e <= epochs; e++) {
            long start = System.nanoTime();
            trainer.finishEpoch();
            long nanos = System.nanoTime() - start;
            trainingNanos += nanos;
            nanosSinceLine += nanos;
            epochsSinceLine++;
            if (!json && (e == 1 || e % every == 0 || e == epochs)) {
                double seconds = nanosSinceLine / 1e9;
                out.println(progressLine(trainer, e, epochs, classes) + speed(seconds / epochsSinceLine,
                        definition.trainingData().size() * epochsSinceLine / seconds));
                nanosSinceLine = 0;
                epochsSinceLine = 0;
            }
        }
        double seconds = trainingNanos / 1e9;
        if (json) {
            printJson(definition.withParameters(network), trainer.trainLoss(), epochs, out);
        } else {
            printSummary(definition, network, trainer, epochs, seconds, out);
        }
        return 0;
    }

    private static String describe(NetworkDefinition d, long epochs) {
        StringBuilder sizes = new StringBuilder();
        for (int size : d.newNetwork().layerSizes()) {
            sizes.append(sizes.length() == 0 ? "" : "-").append(size);
        }
        String batch = d.training().batching().isFull() ? "full batch"
                : d.training().batching().size() == 1 ? "one sample per step"
                : "batches of " + d.training().batching().size();
        return String.format(Locale.ROOT, "%s: %s network, %d training samples%s, %s (learning rate %s), %s, %d epochs",
                d.name(), sizes, d.trainingData().size(),
                d.testData() == null ? "" : " and " + d.testData().size() + " test samples",
                d.optimizer().kind().id(), fmt(d.optimizer().learningRate()), batch, epochs);
    }

    private static String progressLine(Trainer trainer, long epoch, long epochs, boolean classes) {
        int width = Long.toString(epochs).length();
        String line = String.format(Locale.ROOT, "epoch %" + width + "d  loss %.6g", epoch, trainer.trainLoss().last());
        if (!trainer.testLoss().isEmpty()) {
            line += String.format(Locale.ROOT, "  test loss %.6g", trainer.testLoss().last());
        }
        if (classes) {
            line += "  accuracy " + percent(Evaluation.accuracy(trainer.network(), trainer.trainingData()));
            if (trainer.testData() != null) {
                line += "  test accuracy " + percent(Evaluation.accuracy(trainer.network(), trainer.testData()));
            }
        }
        return line;
    }

    /** "  3.21 s/epoch  18,700 samples/s", or milliseconds for fast epochs. */
    private static String speed(double secondsPerEpoch, double samplesPerSecond) {
        String perEpoch = secondsPerEpoch >= 0.1 ? String.format(Locale.ROOT, "%.2f s/epoch", secondsPerEpoch)
                : String.format(Locale.ROOT, "%.3g ms/epoch", secondsPerEpoch * 1e3);
        return String.format(Locale.ROOT, "  %s  %,.0f samples/s", perEpoch, samplesPerSecond);
    }

    private static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * fraction);
    }

    private static void printSummary(NetworkDefinition d, Network network, Trainer trainer, long epochs,
                                     double seconds, PrintStream out) {
        if (epochs == 0) {
            out.println("no epochs run");
        } else {
            out.printf(Locale.ROOT, "final loss %.6g after %d epochs (%.2f s of training, %,.0f samples/s)%n",
                    trainer.trainLoss().last(), epochs, seconds, d.trainingData().size() * epochs / seconds);
        }
        Matrix inputs = d.trainingData().inputs();
        Matrix targets = d.trainingData().targets();
        int rows = Math.min(OUTPUT_ROWS, inputs.rows());
        Matrix outputs = network.predict(d.trainingData().slice(0, rows).inputs());
        out.println("outputs after training (target in brackets):");
        for (int r = 0; r < rows; r++) {
            StringBuilder line = new StringBuilder("  ");
            for (int c = 0; c < inputs.cols() && c < 8; c++) {
                line.append(c == 0 ? "" : " ").append(input(inputs.get(r, c)));
            }
            line.append(inputs.cols() > 8 ? " …" : "").append("  →");
            for (int c = 0; c < outputs.cols() && c < 10; c++) {
                line.append(String.format(Locale.ROOT, " %.6f (%s)", outputs.get(r, c), fmt(targets.get(r, c))));
            }
            out.println(line);
        }
        if (inputs.rows() > rows) {
            out.println("  … " + (inputs.rows() - rows) + " more samples");
        }
    }

    /** An input to at most 4 significant digits ({@code -3.817}, {@code 0.6389}), a whole number as such. */
    static String input(double value) {
        if (!Double.isFinite(value) || (value == Math.rint(value) && Math.abs(value) < 1e15)) {
            return fmt(value);
        }
        BigDecimal rounded = new BigDecimal(value).round(new MathContext(4)).stripTrailingZeros();
        // Non-whole values of 1e15 and more do not exist in double precision; tiny ones are written 1.235e-30.
        return Math.abs(value) >= 1e-4 ? rounded.toPlainString() : rounded.toString().replace('E', 'e');
    }

    private static String fmt(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15
                ? Long.toString((long) value) : Double.toString(value);
    }

    private static void printJson(NetworkDefinition trained, DoubleSeries loss, long epochs, PrintStream out)
            throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("epochs", epochs);
        ArrayNode values = root.putArray("loss");
        for (int i = 0; i < loss.size(); i++) {
            values.add(loss.get(i));
        }
        root.set("network", NetworkWriter.toTree(trained));
        out.println(mapper.writeValueAsString(root));
    }
}
