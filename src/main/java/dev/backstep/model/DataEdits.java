package dev.backstep.model;

import dev.backstep.engine.Activation;
import dev.backstep.engine.Dataset;
import dev.backstep.engine.Matrix;
import dev.backstep.engine.Network;
import dev.backstep.engine.TrainingSettings;
import dev.backstep.io.InlineData;
import dev.backstep.io.NetworkDefinition;

/**
 * Changes to a network's training data as the editors make them: a point added, the nearest point removed, the
 * whole table replaced. Pure functions returning new data sets; the worker turns them into a new definition.
 */
public final class DataEdits {
    private DataEdits() {
    }

    /** The number of classes a person can choose from when adding a point: 2 for one output, else one per output. */
    public static int classCount(Network network) {
        return network.outputSize() == 1 ? 2 : network.outputSize();
    }

    /**
     * The targets that mean class {@code cls} for this network's output: for one output, class 1 is 1 and class 0 is
     * the output's low end (−1 for tanh, 0 otherwise); for several outputs, 1 for the class and the low end elsewhere.
     */
    public static double[] targetsForClass(Network network, int cls) {
        if (cls < 0 || cls >= classCount(network)) {
            throw new IllegalArgumentException("class " + cls + " does not exist (expected 0 to "
                    + (classCount(network) - 1) + ")");
        }
        double low = network.outputLayer().activation() == Activation.TANH ? -1 : 0;
        double[] targets = new double[network.outputSize()];
        if (targets.length == 1) {
            targets[0] = cls == 1 ? 1 : low;
        } else {
            java.util.Arrays.fill(targets, low);
            targets[cls] = 1;
        }
        return targets;
    }

    /** {@code data} with one more sample at the end. */
    public static Dataset withPoint(Dataset data, double[] inputs, double[] targets) {
        requireWidth(inputs, data.inputWidth(), "inputs");
        requireWidth(targets, data.targetWidth(), "targets");
        int n = data.size();
        Matrix x = new Matrix(n + 1, data.inputWidth());
        Matrix t = new Matrix(n + 1, data.targetWidth());
        System.arraycopy(data.inputs().data(), 0, x.data(), 0, n * data.inputWidth());
        System.arraycopy(data.targets().data(), 0, t.data(), 0, n * data.targetWidth());
        System.arraycopy(inputs, 0, x.data(), n * data.inputWidth(), inputs.length);
        System.arraycopy(targets, 0, t.data(), n * data.targetWidth(), targets.length);
        return new Dataset(x, t);
    }

    /** The row whose inputs are closest to {@code at} (Euclidean; the first of equals), or −1 for no data. */
    public static int nearest(Dataset data, double[] at) {
        requireWidth(at, data.inputWidth(), "point");
        int best = -1;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (int r = 0; r < data.size(); r++) {
            double d = 0;
            for (int c = 0; c < at.length; c++) {
                double diff = data.inputs().get(r, c) - at[c];
                d += diff * diff;
            }
            if (d < bestDistance) {
                bestDistance = d;
                best = r;
            }
        }
        return best;
    }

    /** {@code data} without row {@code row}; the others keep their order. */
    public static Dataset without(Dataset data, int row) {
        int n = data.size();
        if (row < 0 || row >= n) {
            throw new IllegalArgumentException("no sample " + (row + 1) + " (there are " + n + ")");
        }
        Matrix x = new Matrix(n - 1, data.inputWidth());
        Matrix t = new Matrix(n - 1, data.targetWidth());
        copyRowsExcept(data.inputs(), x, row);
        copyRowsExcept(data.targets(), t, row);
        return new Dataset(x, t);
    }

    private static void copyRowsExcept(Matrix from, Matrix to, int row) {
        int w = from.cols();
        System.arraycopy(from.data(), 0, to.data(), 0, row * w);
        System.arraycopy(from.data(), (row + 1) * w, to.data(), row * w, (from.rows() - row - 1) * w);
    }

    /** The fewest training samples these settings can train on: one, or a whole mini-batch. */
    public static int minimumSize(TrainingSettings training) {
        return Math.max(1, training.batching().size());
    }

    /**
     * What is wrong with a data table for a network of {@code inputWidth} inputs and {@code targetWidth} outputs,
     * naming the row (from 1) and column, or null when nothing is.
     */
    public static String problem(double[][] inputs, double[][] targets, int inputWidth, int targetWidth,
                                 int minimumRows) {
        if (inputs.length != targets.length) {
            return inputs.length + " rows of inputs but " + targets.length + " rows of targets";
        }
        if (inputs.length < minimumRows) {
            return inputs.length + " sample" + (inputs.length == 1 ? "" : "s") + ", expected at least " + minimumRows
                    + (minimumRows > 1 ? " (one mini-batch)" : "");
        }
        for (int r = 0; r < inputs.length; r++) {
            String row = rowProblem(r, inputs[r], inputWidth, "input");
            if (row == null) {
                row = rowProblem(r, targets[r], targetWidth, "target");
            }
            if (row != null) {
                return row;
            }
        }
        return null;
    }

    private static String rowProblem(int r, double[] values, int width, String what) {
        if (values.length != width) {
            return "row " + (r + 1) + ": " + values.length + " " + what + (values.length == 1 ? "" : "s")
                    + ", expected " + width;
        }
        for (int c = 0; c < width; c++) {
            if (!Double.isFinite(values[c])) {
                return "row " + (r + 1) + ", " + what + " " + (c + 1) + ": " + values[c]
                        + " is not a finite number";
            }
        }
        return null;
    }

    /** A data set from a table (checked with {@link #problem} first). */
    public static Dataset table(double[][] inputs, double[][] targets, int inputWidth, int targetWidth) {
        String problem = problem(inputs, targets, inputWidth, targetWidth, 1);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        Matrix x = new Matrix(inputs.length, inputWidth);
        Matrix t = new Matrix(inputs.length, targetWidth);
        for (int r = 0; r < inputs.length; r++) {
            System.arraycopy(inputs[r], 0, x.data(), r * inputWidth, inputWidth);
            System.arraycopy(targets[r], 0, t.data(), r * targetWidth, targetWidth);
        }
        return new Dataset(x, t);
    }

    /**
     * The definition with other data written inline (so saving keeps it), the rest unchanged; published values
     * described the old data and are dropped.
     */
    public static NetworkDefinition withData(NetworkDefinition d, Dataset train, Dataset test) {
        InlineData spec = new InlineData(train.inputs().toArray(), train.targets().toArray(),
                test == null ? null : test.inputs().toArray(), test == null ? null : test.targets().toArray());
        return new NetworkDefinition(d.name(), d.description(), d.notation(), d.layers(), d.newNetwork(),
                d.weightNames(), d.init(), d.freezeBiases(), d.optimizer(), d.training(), spec, train.copy(),
                test == null ? null : test.copy(), null);
    }

    private static void requireWidth(double[] values, int width, String what) {
        if (values.length != width) {
            throw new IllegalArgumentException(values.length + " " + what + ", expected " + width);
        }
    }
}
