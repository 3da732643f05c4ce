package dev.backstep.engine;

/**
 * How well a network classifies a data set: the class of a row of outputs or targets is the index of its largest
 * value; with a single output (a sigmoid giving the probability of class 1) it is 1 when the value is at least 0.5.
 *
 * <p>Forward passes run in chunks of {@link #CHUNK} rows, so evaluating 10,000 images does not allocate buffers for
 * all of them at once. The network is only read.
 */
public final class Evaluation {
    /** Rows per forward pass. */
    static final int CHUNK = 1000;
    /** The decision threshold for a single output. */
    public static final double THRESHOLD = 0.5;

    private Evaluation() {
    }

    /** The class of one row of {@code width} values starting at {@code offset}: the argmax, first one on ties. */
    public static int classOf(double[] values, int offset, int width) {
        if (width == 1) {
            return values[offset] >= THRESHOLD ? 1 : 0;
        }
        int best = 0;
        for (int c = 1; c < width; c++) {
            if (values[offset + c] > values[offset + best]) {
                best = c;
            }
        }
        return best;
    }

    /** The number of classes a row of {@code width} values stands for: two for a single output. */
    public static int classCount(int width) {
        return width == 1 ? 2 : width;
    }

    /** The class of every row of {@code m}. */
    public static int[] classes(Matrix m) {
        int[] result = new int[m.rows()];
        for (int r = 0; r < result.length; r++) {
            result[r] = classOf(m.data(), r * m.cols(), m.cols());
        }
        return result;
    }

    /** The class the network predicts for every row of {@code inputs}. */
    public static int[] predictedClasses(Network network, Matrix inputs) {
        int rows = inputs.rows();
        int width = network.inputSize();
        int[] result = new int[rows];
        // One set of buffers for the full chunks, reused; the last, shorter chunk gets its own.
        Workspace workspace = null;
        Matrix chunk = null;
        for (int from = 0; from < rows; from += CHUNK) {
            int count = Math.min(CHUNK, rows - from);
            if (workspace == null || workspace.rows() != count) {
                workspace = new Workspace(network, count);
                chunk = new Matrix(count, width);
            }
            System.arraycopy(inputs.data(), from * width, chunk.data(), 0, count * width);
            BackPropagation.forward(network, chunk, workspace);
            Matrix outputs = workspace.layer(network.layers().size()).a();
            for (int r = 0; r < count; r++) {
                result[from + r] = classOf(outputs.data(), r * outputs.cols(), outputs.cols());
            }
        }
        return result;
    }

    /**
     * Whether targets name classes, so that accuracy means something: every row one-hot (a single 1, the rest 0),
     * or, for a single output, every target 0 or 1. False for an empty matrix.
     */
    public static boolean hasClassTargets(Matrix targets) {
        if (targets.rows() == 0) {
            return false;
        }
        int cols = targets.cols();
        double[] t = targets.data();
        for (int r = 0; r < targets.rows(); r++) {
            int ones = 0;
            for (int c = 0; c < cols; c++) {
                double v = t[r * cols + c];
                if (v == 1) {
                    ones++;
                } else if (v != 0) {
                    return false;
                }
            }
            if (cols > 1 && ones != 1) {
                return false;
            }
        }
        return true;
    }

    /** The confusion matrix of the network on {@code data}. */
    public static ConfusionMatrix confusion(Network network, Dataset data) {
        return new ConfusionMatrix(classes(data.targets()), predictedClasses(network, data.inputs()),
                classCount(data.targetWidth()));
    }

    /** The fraction of samples of {@code data} the network classifies correctly; NaN for an empty set. */
    public static double accuracy(Network network, Dataset data) {
        return confusion(network, data).accuracy();
    }
}
