package dev.backstep.trace;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.backstep.engine.Activation;
import dev.backstep.engine.Batching;
import dev.backstep.engine.Dataset;
import dev.backstep.engine.Loss;
import dev.backstep.engine.Matrix;
import dev.backstep.engine.Network;
import dev.backstep.engine.OptimizerSettings;
import dev.backstep.engine.Parameter;
import dev.backstep.engine.Reduction;
import dev.backstep.engine.Trainer;
import dev.backstep.engine.TrainingSettings;
import dev.backstep.io.TestSamples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/** Helpers shared by the trace tests: tolerance checks, the sample list and seeded random networks. */
final class TraceTestSupport {
    /** The tolerance of every "same number computed two ways" comparison. */
    static final double REL = 1e-12;

    private TraceTestSupport() {
    }

    /**
     * Passes when both are equal, or differ by at most {@code rel} times the larger magnitude, or are both non-finite
     * in the same way. An expected zero needs an exact zero (or a difference below {@code rel} in absolute terms,
     * which only matters for sums that cancel to a rounding residue).
     */
    static void assertRel(double expected, double actual, double rel, String what) {
        if (!Double.isFinite(expected) || !Double.isFinite(actual)) {
            if (Double.compare(expected, actual) != 0) {
                fail(what + ": expected " + expected + " but was " + actual);
            }
            return;
        }
        double diff = Math.abs(expected - actual);
        double scale = Math.max(Math.abs(expected), Math.abs(actual));
        if (diff > rel * scale) {
            fail(what + ": expected " + expected + " but was " + actual + " (relative difference " + (diff / scale)
                    + " > " + rel + ")");
        }
    }

    static void assertRel(double expected, double actual, String what) {
        assertRel(expected, actual, REL, what);
    }

    /**
     * The names of the sample network files in {@code sample-networks/} (tests run in the project folder) that are
     * small enough for checks of every term, with their data installed.
     */
    static List<String> sampleNames() {
        try (Stream<Path> files = Files.list(Path.of("sample-networks"))) {
            List<String> names = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json"))
                    .map(n -> n.substring(0, n.length() - ".json".length()))
                    .filter(TestSamples::suitsPerWeightChecks).sorted().toList();
            assertTrue(names.size() >= 10, "expected the sample networks, found " + names);
            return names;
        } catch (IOException e) {
            throw new AssertionError("cannot list sample-networks/", e);
        }
    }

    /** The trace term with this key; fails when the step has none. */
    static Term term(StepTrace trace, String key) {
        int index = trace.indexOf(key);
        if (index < 0) {
            fail("no term " + key + " in a trace of " + trace.size() + " terms");
        }
        Term term = trace.term(index);
        if (!term.key().equals(key)) {
            fail("indexOf(" + key + ") = " + index + " but that term's key is " + term.key());
        }
        return term;
    }

    static double value(StepTrace trace, String key) {
        return term(trace, key).value();
    }

    /** A random network description, built fresh (so twins can be made) by {@link #build}. */
    record Spec(int[] sizes, Activation hidden, Activation output, boolean bias, Loss loss, Reduction reduction,
                int samples, Batching batching, boolean shuffle, OptimizerSettings optimizer, long seed) {
        @Override
        public String toString() {
            return java.util.Arrays.toString(sizes) + " " + hidden.id() + "/" + output.id() + " " + loss.id() + " "
                    + reduction.id() + (bias ? " bias" : " no-bias") + " n=" + samples + " batch="
                    + (batching.isFull() ? "full" : batching.size()) + (shuffle ? " shuffled" : "") + " "
                    + optimizer.kind().id() + (optimizer.clipValue() > 0 ? " clipValue=" + optimizer.clipValue() : "")
                    + (optimizer.clipNorm() > 0 ? " clipNorm=" + optimizer.clipNorm() : "")
                    + (optimizer.weightDecay() != 0 ? " wd=" + optimizer.weightDecay() : "") + " seed=" + seed;
        }
    }

    static Network network(Spec spec) {
        int layers = spec.sizes.length - 1;
        Activation[] activations = new Activation[layers];
        boolean[] biases = new boolean[layers];
        for (int l = 0; l < layers; l++) {
            activations[l] = l == layers - 1 ? spec.output : spec.hidden;
            biases[l] = spec.bias;
        }
        Network network = new Network(spec.sizes, activations, biases, spec.loss, spec.reduction);
        Random random = new Random(spec.seed);
        for (Parameter p : network.parameters()) {
            double scale = 1.0 / Math.sqrt(Math.max(1, p.rows()));
            for (int i = 0; i < p.size(); i++) {
                p.value()[i] = random.nextGaussian() * scale;
            }
        }
        return network;
    }

    static Dataset data(Spec spec) {
        Random random = new Random(spec.seed * 31 + 7);
        int in = spec.sizes[0];
        int out = spec.sizes[spec.sizes.length - 1];
        double[][] x = new double[spec.samples][in];
        double[][] t = new double[spec.samples][out];
        for (int r = 0; r < spec.samples; r++) {
            for (int c = 0; c < in; c++) {
                x[r][c] = random.nextGaussian();
            }
            int hot = random.nextInt(out);
            for (int c = 0; c < out; c++) {
                switch (spec.loss) {
                    case CROSS_ENTROPY:
                        t[r][c] = c == hot ? 1 : 0;
                        break;
                    case BINARY_CROSS_ENTROPY:
                        t[r][c] = random.nextDouble();
                        break;
                    default:
                        t[r][c] = random.nextGaussian();
                }
            }
        }
        return new Dataset(Matrix.of(x), Matrix.of(t));
    }

    static Trainer trainer(Spec spec) {
        return new Trainer(network(spec), data(spec), null,
                new TrainingSettings(spec.batching, spec.shuffle, 10, spec.seed), spec.optimizer);
    }

    /** Bit-for-bit copies of every parameter value. */
    static double[][] snapshot(Network network) {
        double[][] s = new double[network.parameters().size()][];
        for (int i = 0; i < s.length; i++) {
            s[i] = network.parameters().get(i).value().clone();
        }
        return s;
    }
}
