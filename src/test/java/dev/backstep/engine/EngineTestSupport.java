package dev.backstep.engine;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.Random;

/**
 * Shared helpers of the engine tests: a relative-tolerance assertion, parameter setters that spell out the weight
 * layout, and {@link ScalarNet}, a from-scratch scalar reference network that shares no code with the engine's forward
 * pass or losses (it only reads the parameter values out of a {@link Network}).
 */
final class EngineTestSupport {
    /** The tolerance of every "same number computed two ways" comparison. */
    static final double REL = 1e-12;

    private EngineTestSupport() {
    }

    /**
     * Passes when {@code actual} equals {@code expected} or differs by at most {@code rel} times the larger magnitude.
     * An expected zero therefore needs an exact zero.
     */
    static void assertRel(double expected, double actual, double rel, String what) {
        if (Double.isNaN(expected) || Double.isNaN(actual) || Double.isInfinite(expected) || Double.isInfinite(actual)) {
            if (Double.compare(expected, actual) != 0) {
                fail(what + ": expected " + expected + " but was " + actual);
            }
            return;
        }
        double diff = Math.abs(expected - actual);
        double scale = Math.max(Math.abs(expected), Math.abs(actual));
        if (diff > rel * scale) {
            fail(what + ": expected " + expected + " but was " + actual + " (relative difference "
                    + (diff / scale) + " > " + rel + ")");
        }
    }

    static void assertRel(double expected, double actual, String what) {
        assertRel(expected, actual, REL, what);
    }

    static void assertRel(double[] expected, double[] actual, double rel, String what) {
        if (expected.length != actual.length) {
            fail(what + ": expected " + expected.length + " values but got " + actual.length);
        }
        for (int i = 0; i < expected.length; i++) {
            assertRel(expected[i], actual[i], rel, what + "[" + i + "]");
        }
    }

    static Network network(int[] sizes, Activation hidden, Activation output, boolean bias, Loss loss,
                           Reduction reduction) {
        int layers = sizes.length - 1;
        Activation[] activations = new Activation[layers];
        boolean[] biases = new boolean[layers];
        for (int l = 0; l < layers; l++) {
            activations[l] = l == layers - 1 ? output : hidden;
            biases[l] = bias;
        }
        return new Network(sizes, activations, biases, loss, reduction);
    }

    /** Sets layer {@code layer}'s weights; {@code w[i][j]} is the weight from unit i below to unit j of the layer. */
    static void setWeights(Network network, int layer, double[][] w) {
        Parameter p = network.layer(layer).weights();
        if (w.length != p.rows()) {
            throw new IllegalArgumentException("layer " + layer + " has " + p.rows() + " inputs");
        }
        for (int i = 0; i < w.length; i++) {
            for (int j = 0; j < p.cols(); j++) {
                p.value()[i * p.cols() + j] = w[i][j];
            }
        }
    }

    static void setBias(Network network, int layer, double... b) {
        double[] value = network.layer(layer).bias().value();
        if (b.length != value.length) {
            throw new IllegalArgumentException("layer " + layer + " has " + value.length + " units");
        }
        System.arraycopy(b, 0, value, 0, b.length);
    }

    /** Every parameter drawn from N(0, 1) of a seeded java.util.Random (independent of the engine's generator). */
    static void randomize(Network network, Random random) {
        for (Parameter p : network.parameters()) {
            for (int i = 0; i < p.size(); i++) {
                p.value()[i] = random.nextGaussian();
            }
        }
    }

    static double[][] gaussianRows(Random random, int rows, int cols) {
        double[][] m = new double[rows][cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                m[r][c] = random.nextGaussian();
            }
        }
        return m;
    }

    /** Targets that suit {@code loss}: one-hot rows for cross-entropy, values in [0, 1) for BCE, N(0, 1) otherwise. */
    static double[][] targetsFor(Loss loss, Random random, int rows, int cols) {
        double[][] t = new double[rows][cols];
        for (int r = 0; r < rows; r++) {
            int hot = random.nextInt(cols);
            for (int c = 0; c < cols; c++) {
                switch (loss) {
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
        return t;
    }

    static double[][] snapshot(Network network) {
        double[][] s = new double[network.parameters().size()][];
        for (int i = 0; i < s.length; i++) {
            s[i] = network.parameters().get(i).value().clone();
        }
        return s;
    }

    /**
     * A reference network written with scalar loops: its own activation functions and its own loss formulas, taken
     * straight from the definitions (log of the output, not the engine's stable forms), so it is only meant for
     * outputs that are not saturated.
     */
    static final class ScalarNet {
        final int[] sizes;
        final Activation[] activations;
        /** w[l][i][j]: layer l (0-based, after the input), from unit i below to unit j. */
        final double[][][] w;
        /** b[l][j], or null for a layer without bias. */
        final double[][] b;
        final Loss loss;
        final Reduction reduction;

        private ScalarNet(int[] sizes, Activation[] activations, double[][][] w, double[][] b, Loss loss,
                          Reduction reduction) {
            this.sizes = sizes;
            this.activations = activations;
            this.w = w;
            this.b = b;
            this.loss = loss;
            this.reduction = reduction;
        }

        /** Copies the current parameter values of {@code network}, reading W row-major as inputSize × size. */
        static ScalarNet of(Network network) {
            int layers = network.layers().size();
            int[] sizes = network.layerSizes();
            Activation[] activations = new Activation[layers];
            double[][][] w = new double[layers][][];
            double[][] b = new double[layers][];
            for (int l = 0; l < layers; l++) {
                DenseLayer layer = network.layers().get(l);
                activations[l] = layer.activation();
                w[l] = new double[layer.inputSize()][layer.size()];
                for (int i = 0; i < layer.inputSize(); i++) {
                    for (int j = 0; j < layer.size(); j++) {
                        w[l][i][j] = layer.weights().value()[i * layer.size() + j];
                    }
                }
                b[l] = layer.hasBias() ? layer.bias().value().clone() : null;
            }
            return new ScalarNet(sizes, activations, w, b, network.loss(), network.reduction());
        }

        static double f(Activation activation, double z) {
            switch (activation) {
                case IDENTITY:
                    return z;
                case SIGMOID:
                    return 1.0 / (1.0 + Math.exp(-z));
                case TANH:
                    return (Math.exp(z) - Math.exp(-z)) / (Math.exp(z) + Math.exp(-z));
                case RELU:
                    return z > 0 ? z : 0;
                case LEAKY_RELU:
                    return z > 0 ? z : 0.01 * z;
                default:
                    throw new IllegalArgumentException("softmax is a row operation");
            }
        }

        /** z of every layer for one sample: z[l][j]. */
        double[][] weightedSums(double[] x) {
            return pass(x)[0];
        }

        /** The outputs of one sample. */
        double[] output(double[] x) {
            double[][][] p = pass(x);
            return p[1][p[1].length - 1];
        }

        /** {z, a} per layer for one sample. */
        private double[][][] pass(double[] x) {
            int layers = w.length;
            double[][] zs = new double[layers][];
            double[][] as = new double[layers][];
            double[] a = x;
            for (int l = 0; l < layers; l++) {
                int n = sizes[l + 1];
                double[] z = new double[n];
                for (int j = 0; j < n; j++) {
                    double sum = 0;
                    for (int i = 0; i < a.length; i++) {
                        sum += a[i] * w[l][i][j];
                    }
                    z[j] = sum + (b[l] == null ? 0 : b[l][j]);
                }
                double[] next = new double[n];
                if (activations[l] == Activation.SOFTMAX) {
                    double total = 0;
                    for (int j = 0; j < n; j++) {
                        total += Math.exp(z[j]);
                    }
                    for (int j = 0; j < n; j++) {
                        next[j] = Math.exp(z[j]) / total;
                    }
                } else {
                    for (int j = 0; j < n; j++) {
                        next[j] = f(activations[l], z[j]);
                    }
                }
                zs[l] = z;
                as[l] = next;
                a = next;
            }
            return new double[][][] {zs, as};
        }

        /** The loss of one sample, by the textbook formula of each loss. */
        double sampleLoss(double[] x, double[] t) {
            double[] y = output(x);
            int k = y.length;
            double e = 0;
            for (int i = 0; i < k; i++) {
                switch (loss) {
                    case HALF_SQUARED_ERROR:
                        e += 0.5 * (t[i] - y[i]) * (t[i] - y[i]);
                        break;
                    case MSE:
                        e += (t[i] - y[i]) * (t[i] - y[i]) / k;
                        break;
                    case BINARY_CROSS_ENTROPY:
                        e += -(t[i] * Math.log(y[i]) + (1 - t[i]) * Math.log(1 - y[i])) / k;
                        break;
                    case CROSS_ENTROPY:
                        e += -t[i] * Math.log(y[i]);
                        break;
                    default:
                        throw new AssertionError(loss);
                }
            }
            return e;
        }

        /** The batch loss: the sum of the per-sample losses, divided by the batch size for the mean reduction. */
        double loss(double[][] x, double[][] t) {
            double sum = 0;
            for (int s = 0; s < x.length; s++) {
                sum += sampleLoss(x[s], t[s]);
            }
            return reduction == Reduction.MEAN ? sum / x.length : sum;
        }

        /**
         * ∂loss/∂θ for every parameter, in the order of {@link Network#parameters()} (W1, b1, W2, …, each row-major),
         * by the five-point central difference with step h.
         */
        double[][] numericGradient(double[][] x, double[][] t, double h) {
            int layers = w.length;
            java.util.List<double[]> out = new java.util.ArrayList<>();
            for (int l = 0; l < layers; l++) {
                int rows = w[l].length;
                int cols = w[l][0].length;
                double[] gw = new double[rows * cols];
                for (int i = 0; i < rows; i++) {
                    for (int j = 0; j < cols; j++) {
                        gw[i * cols + j] = derivative(w[l][i], j, x, t, h);
                    }
                }
                out.add(gw);
                if (b[l] != null) {
                    double[] gb = new double[cols];
                    for (int j = 0; j < cols; j++) {
                        gb[j] = derivative(b[l], j, x, t, h);
                    }
                    out.add(gb);
                }
            }
            return out.toArray(new double[0][]);
        }

        private double derivative(double[] holder, int index, double[][] x, double[][] t, double h) {
            double original = holder[index];
            holder[index] = original + h;
            double p1 = loss(x, t);
            holder[index] = original - h;
            double m1 = loss(x, t);
            holder[index] = original + 2 * h;
            double p2 = loss(x, t);
            holder[index] = original - 2 * h;
            double m2 = loss(x, t);
            holder[index] = original;
            return (8 * (p1 - m1) - (p2 - m2)) / (12 * h);
        }

        /** True when each output unit has a positive weighted sum for at least one sample. */
        boolean everyOutputActive(double[][] x) {
            boolean[] active = new boolean[sizes[sizes.length - 1]];
            for (double[] sample : x) {
                double[][] z = weightedSums(sample);
                for (int j = 0; j < active.length; j++) {
                    active[j] |= z[z.length - 1][j] > 0;
                }
            }
            for (boolean a : active) {
                if (!a) {
                    return false;
                }
            }
            return true;
        }

        /** The smallest |z| over every rectifier unit and sample (infinity when there is no rectifier). */
        double smallestRectifierInput(double[][] x) {
            double smallest = Double.POSITIVE_INFINITY;
            for (double[] sample : x) {
                double[][] z = weightedSums(sample);
                for (int l = 0; l < z.length; l++) {
                    if (activations[l] == Activation.RELU || activations[l] == Activation.LEAKY_RELU) {
                        for (double v : z[l]) {
                            smallest = Math.min(smallest, Math.abs(v));
                        }
                    }
                }
            }
            return smallest;
        }
    }

    /** Builds a seeded Random; the single place tests create their random sources. */
    static Random random(long seed) {
        return new Random(seed);
    }
}
