package dev.backstep.engine;

/** Elementwise and reduction operations on row-major arrays; each says which argument it modifies. */
public final class MatrixOps {
    private MatrixOps() {
    }

    /** m[r][c] += v[c] for every row (modifies m). */
    public static void addRowVector(Matrix m, double[] v) {
        int cols = m.cols();
        if (v.length != cols) {
            throw new IllegalArgumentException("row vector has " + v.length + " entries, matrix has " + cols + " columns");
        }
        double[] d = m.data();
        for (int r = 0, o = 0; r < m.rows(); r++, o += cols) {
            for (int c = 0; c < cols; c++) {
                d[o + c] += v[c];
            }
        }
    }

    /** out[c] = Σ_r m[r][c] (overwrites out). */
    public static void columnSums(Matrix m, double[] out) {
        int cols = m.cols();
        if (out.length != cols) {
            throw new IllegalArgumentException("output has " + out.length + " entries, matrix has " + cols + " columns");
        }
        double[] d = m.data();
        java.util.Arrays.fill(out, 0.0);
        for (int r = 0, o = 0; r < m.rows(); r++, o += cols) {
            for (int c = 0; c < cols; c++) {
                out[c] += d[o + c];
            }
        }
    }

    /** x[i] *= s (modifies x); multiplying by exactly 1 is skipped so that sums stay bit-identical. */
    public static void scale(double[] x, double s) {
        if (s == 1.0) {
            return;
        }
        for (int i = 0; i < x.length; i++) {
            x[i] *= s;
        }
    }

    /** out[i] = x[i] · y[i] for the first n elements (overwrites out). */
    public static void multiplyElementwise(double[] x, double[] y, double[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = x[i] * y[i];
        }
    }

    /** True when every element is neither NaN nor infinite. */
    public static boolean allFinite(double[] x) {
        for (double v : x) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }
}
