package dev.backstep.io;

import dev.backstep.engine.Matrix;

/**
 * Standardised inputs: each input column x becomes (x − mean) / std, with the mean and the (population) standard
 * deviation of the training samples. A column that never varies (std 0, such as an always-blank pixel) is only
 * shifted. The network file keeps mean and std, so a prediction later uses the same scaling.
 */
public record Standardization(double[] mean, double[] std) {
    public Standardization {
        if (mean.length != std.length) {
            throw new IllegalArgumentException(mean.length + " means but " + std.length + " standard deviations");
        }
    }

    /** The mean and population standard deviation (divided by n) of every column of {@code inputs}. */
    public static Standardization of(Matrix inputs) {
        int rows = inputs.rows();
        int cols = inputs.cols();
        double[] data = inputs.data();
        double[] mean = new double[cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                mean[c] += data[r * cols + c];
            }
        }
        for (int c = 0; c < cols; c++) {
            mean[c] /= rows;
        }
        // Two passes (sum of squared deviations from the mean) rather than E[x²] − E[x]², which cancels badly.
        double[] std = new double[cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                double d = data[r * cols + c] - mean[c];
                std[c] += d * d;
            }
        }
        for (int c = 0; c < cols; c++) {
            std[c] = Math.sqrt(std[c] / rows);
        }
        return new Standardization(mean, std);
    }

    public int width() {
        return mean.length;
    }

    /** Scales every row of {@code inputs} in place. */
    public void apply(Matrix inputs) {
        int cols = inputs.cols();
        double[] data = inputs.data();
        double[] divisor = new double[cols];
        for (int c = 0; c < cols; c++) {
            divisor[c] = std[c] == 0 ? 1 : std[c];
        }
        for (int r = 0; r < inputs.rows(); r++) {
            int offset = r * cols;
            for (int c = 0; c < cols; c++) {
                data[offset + c] = (data[offset + c] - mean[c]) / divisor[c];
            }
        }
    }
}
