package dev.backstep.engine;

/**
 * Matrix products into a preallocated result, in EJML's naming: {@code mult} is C = A·B, {@code multTransA} is
 * C = Aᵀ·B and {@code multTransB} is C = A·Bᵀ, the transposes read in place, never materialised. C is overwritten
 * and must not alias A or B.
 */
public final class MatrixMultiply {
    private MatrixMultiply() {
    }

    /** C = A·B with A m×k, B k×n, C m×n. */
    public static void mult(Matrix a, Matrix b, Matrix c) {
        int m = a.rows();
        int k = a.cols();
        int n = b.cols();
        checkShapes("mult", a, b, c, m, k, n, b.rows());
        double[] ad = a.data();
        double[] bd = b.data();
        double[] cd = c.data();
        java.util.Arrays.fill(cd, 0.0);
        for (int i = 0; i < m; i++) {
            for (int p = 0; p < k; p++) {
                double aip = ad[i * k + p];
                for (int j = 0; j < n; j++) {
                    cd[i * n + j] += aip * bd[p * n + j];
                }
            }
        }
    }

    /** C = Aᵀ·B with A k×m, B k×n, C m×n. */
    public static void multTransA(Matrix a, Matrix b, Matrix c) {
        int k = a.rows();
        int m = a.cols();
        int n = b.cols();
        checkShapes("multTransA", a, b, c, m, k, n, b.rows());
        double[] ad = a.data();
        double[] bd = b.data();
        double[] cd = c.data();
        java.util.Arrays.fill(cd, 0.0);
        for (int p = 0; p < k; p++) {
            for (int i = 0; i < m; i++) {
                double api = ad[p * m + i];
                for (int j = 0; j < n; j++) {
                    cd[i * n + j] += api * bd[p * n + j];
                }
            }
        }
    }

    /** C = A·Bᵀ with A m×k, B n×k, C m×n. */
    public static void multTransB(Matrix a, Matrix b, Matrix c) {
        int m = a.rows();
        int k = a.cols();
        int n = b.rows();
        checkShapes("multTransB", a, b, c, m, k, n, b.cols());
        double[] ad = a.data();
        double[] bd = b.data();
        double[] cd = c.data();
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int p = 0; p < k; p++) {
                    sum += ad[i * k + p] * bd[j * k + p];
                }
                cd[i * n + j] = sum;
            }
        }
    }

    private static void checkShapes(String op, Matrix a, Matrix b, Matrix c, int m, int k, int n, int bInner) {
        if (bInner != k) {
            throw new IllegalArgumentException(op + ": inner dimensions differ, A is " + a.shape() + ", B is " + b.shape());
        }
        if (c.rows() != m || c.cols() != n) {
            throw new IllegalArgumentException(op + ": C is " + c.shape() + ", expected " + m + "×" + n);
        }
        if (c.data() == a.data() || c.data() == b.data()) {
            throw new IllegalArgumentException(op + ": C must not share storage with A or B");
        }
    }
}
