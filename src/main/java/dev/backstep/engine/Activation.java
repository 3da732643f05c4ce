package dev.backstep.engine;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A layer's activation function a = f(z), applied to each row (sample) of a batch.
 *
 * <p>All but softmax act elementwise, so their derivative da/dz is a number per unit; softmax couples a row, has no
 * elementwise derivative, and is only allowed on the output layer together with cross-entropy, where the pair's
 * simplified δ = y − t is used instead (see {@link Loss}).
 */
public enum Activation {
    IDENTITY("identity"),
    SIGMOID("sigmoid"),
    TANH("tanh"),
    RELU("relu"),
    /** Slope {@value #LEAKY_SLOPE} for negative z. */
    LEAKY_RELU("leaky-relu"),
    SOFTMAX("softmax");

    public static final double LEAKY_SLOPE = 0.01;

    private final String id;

    Activation(String id) {
        this.id = id;
    }

    /** The name used in network files and on screen. */
    public String id() {
        return id;
    }

    public static Optional<Activation> byId(String id) {
        return Arrays.stream(values()).filter(a -> a.id.equals(id)).findFirst();
    }

    /** The accepted names, comma separated, for error messages. */
    public static String names() {
        return Arrays.stream(values()).map(Activation::id).collect(Collectors.joining(", "));
    }

    public boolean isElementwise() {
        return this != SOFTMAX;
    }

    /** f(z) for an elementwise activation. */
    public double apply(double z) {
        switch (this) {
            case IDENTITY:
                return z;
            case SIGMOID:
                return 1.0 / (1.0 + Math.exp(-z));
            case TANH:
                return Math.tanh(z);
            case RELU:
                return z > 0 ? z : 0.0;
            case LEAKY_RELU:
                return z > 0 ? z : LEAKY_SLOPE * z;
            default:
                throw new UnsupportedOperationException("softmax acts on a whole row, not on one number");
        }
    }

    /**
     * da/dz for an elementwise activation, given both z and a = f(z) (whichever gives the exact, cheap form:
     * a(1 − a) for sigmoid, 1 − a² for tanh, the sign of z for the rectifiers).
     */
    public double derivative(double z, double a) {
        switch (this) {
            case IDENTITY:
                return 1.0;
            case SIGMOID:
                return a * (1.0 - a);
            case TANH:
                return 1.0 - a * a;
            case RELU:
                return z > 0 ? 1.0 : 0.0;
            case LEAKY_RELU:
                return z > 0 ? 1.0 : LEAKY_SLOPE;
            default:
                throw new UnsupportedOperationException("softmax has no elementwise derivative");
        }
    }

    /** a = f(z) for the first {@code rows} rows of z (each {@code cols} wide), written into a. */
    public void forward(double[] z, double[] a, int rows, int cols) {
        int n = rows * cols;
        switch (this) {
            case IDENTITY:
                System.arraycopy(z, 0, a, 0, n);
                break;
            case SIGMOID:
                for (int i = 0; i < n; i++) {
                    a[i] = 1.0 / (1.0 + Math.exp(-z[i]));
                }
                break;
            case TANH:
                for (int i = 0; i < n; i++) {
                    a[i] = Math.tanh(z[i]);
                }
                break;
            case RELU:
                for (int i = 0; i < n; i++) {
                    a[i] = z[i] > 0 ? z[i] : 0.0;
                }
                break;
            case LEAKY_RELU:
                for (int i = 0; i < n; i++) {
                    a[i] = z[i] > 0 ? z[i] : LEAKY_SLOPE * z[i];
                }
                break;
            case SOFTMAX:
                for (int r = 0; r < rows; r++) {
                    softmaxRow(z, a, r * cols, cols);
                }
                break;
            default:
                throw new AssertionError(this);
        }
    }

    /** Softmax of one row, shifted by its maximum so that exp never overflows. */
    private static void softmaxRow(double[] z, double[] a, int offset, int cols) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < cols; c++) {
            max = Math.max(max, z[offset + c]);
        }
        double sum = 0;
        for (int c = 0; c < cols; c++) {
            double e = Math.exp(z[offset + c] - max);
            a[offset + c] = e;
            sum += e;
        }
        for (int c = 0; c < cols; c++) {
            a[offset + c] /= sum;
        }
    }

    /** da/dz for the first n elements, written into out (elementwise activations only). */
    public void derivative(double[] z, double[] a, double[] out, int n) {
        switch (this) {
            case IDENTITY:
                Arrays.fill(out, 0, n, 1.0);
                break;
            case SIGMOID:
                for (int i = 0; i < n; i++) {
                    out[i] = a[i] * (1.0 - a[i]);
                }
                break;
            case TANH:
                for (int i = 0; i < n; i++) {
                    out[i] = 1.0 - a[i] * a[i];
                }
                break;
            case RELU:
                for (int i = 0; i < n; i++) {
                    out[i] = z[i] > 0 ? 1.0 : 0.0;
                }
                break;
            case LEAKY_RELU:
                for (int i = 0; i < n; i++) {
                    out[i] = z[i] > 0 ? 1.0 : LEAKY_SLOPE;
                }
                break;
            default:
                throw new UnsupportedOperationException("softmax has no elementwise derivative");
        }
    }
}
