package dev.backstep.engine;

import java.util.Arrays;
import java.util.concurrent.ForkJoinPool;

/**
 * Matrix products into a preallocated result, in EJML's naming: {@code mult} is C = A·B, {@code multTransA} is
 * C = Aᵀ·B and {@code multTransB} is C = A·Bᵀ, the transposes read in place, never materialised. C is overwritten
 * and must not alias A or B.
 *
 * <p>Three paths compute the same numbers, bit for bit (every element is summed one product at a time in increasing
 * order of the shared index, as the plain loops below write it):
 * <ul>
 *   <li>products of fewer than {@link #LEAN_LIMIT} multiply-adds take the plain loops, with no blocking bookkeeping
 *       (a 2-4-1 network multiplies 4×2 by 2×4);</li>
 *   <li>larger ones take the cache-blocked, vectorizable kernels of {@link BlockedMultiply} on the calling thread;</li>
 *   <li>from {@link #PARALLEL_LIMIT} multiply-adds on, blocks of rows of C are spread over the common fork/join
 *       pool.</li>
 * </ul>
 * Results do not depend on the path or on the number of threads.
 */
public final class MatrixMultiply {
    /**
     * Below this many multiply-adds (m·k·n) the plain loops are used. Measured with JDK 17 on a 2-core AVX-512
     * machine: at 4×4×4 the plain loops are 10-30% faster than the blocked kernels, at 256 multiply-adds (8×8×4,
     * 4×8×8, 2×8×16) the blocked kernels are 10-40% faster, and the gap widens from there (16×16×16: 2 times).
     */
    public static final long LEAN_LIMIT = 256;
    /**
     * From this many multiply-adds (m·k·n) on, blocks of rows of C are computed on the common fork/join pool. Measured
     * as for {@link #LEAN_LIMIT}, by the mean time of 2000 consecutive products: at 2²³ (128×512×128, 0.4 ms on two
     * threads) two threads won in 5 runs of 5 (37-41 GFLOP/s against 32 on one); at 2²² (128×256×128, 0.2 ms) they
     * won by half when the pool's worker was scheduled in time, but in 3 runs of 5 long stretches of calls took 1 ms
     * each, waiting for it, and the mean fell to a third of one thread's. Training 784-128-64-10 in batches of 128
     * (largest product 12.8 million multiply-adds) ran 25-35% faster with this limit than on one thread, and 10-15%
     * slower again with a limit of one million (its 128×128×64 products then went parallel).
     */
    public static final long PARALLEL_LIMIT = 1L << 23;

    private static final int PROCESSORS = Runtime.getRuntime().availableProcessors();

    /** How a product is computed; package-private so that tests can force each path. */
    enum Strategy {
        /** By size: plain loops, blocked, or blocked in parallel (what the public methods do). */
        AUTO,
        /** The plain loops. */
        PLAIN,
        /** The blocked kernels on the calling thread. */
        BLOCKED,
        /** The blocked kernels on the common fork/join pool, whatever the size. */
        PARALLEL
    }

    private MatrixMultiply() {
    }

    /**
     * C = A·B: c[i][j] = Σₚ a[i][p]·b[p][j].
     *
     * @param a m×k, not modified
     * @param b k×n, not modified
     * @param c m×n, overwritten; must not share storage with a or b
     * @throws IllegalArgumentException when the shapes do not fit or c aliases a or b
     */
    public static void mult(Matrix a, Matrix b, Matrix c) {
        mult(a, b, c, Strategy.AUTO);
    }

    /**
     * C = Aᵀ·B: c[i][j] = Σₚ a[p][i]·b[p][j], A read in place.
     *
     * @param a k×m, not modified
     * @param b k×n, not modified
     * @param c m×n, overwritten; must not share storage with a or b
     * @throws IllegalArgumentException when the shapes do not fit or c aliases a or b
     */
    public static void multTransA(Matrix a, Matrix b, Matrix c) {
        multTransA(a, b, c, Strategy.AUTO);
    }

    /**
     * C = A·Bᵀ: c[i][j] = Σₚ a[i][p]·b[j][p], B read in place.
     *
     * @param a m×k, not modified
     * @param b n×k, not modified
     * @param c m×n, overwritten; must not share storage with a or b
     * @throws IllegalArgumentException when the shapes do not fit or c aliases a or b
     */
    public static void multTransB(Matrix a, Matrix b, Matrix c) {
        multTransB(a, b, c, Strategy.AUTO);
    }

    /** {@link #mult(Matrix, Matrix, Matrix)} by the given path. */
    static void mult(Matrix a, Matrix b, Matrix c, Strategy strategy) {
        int m = a.rows();
        int k = a.cols();
        int n = b.cols();
        checkShapes("mult", a, b, c, m, k, n, b.rows());
        Strategy path = choose(strategy, m, k, n);
        if (path == Strategy.PLAIN) {
            plainMult(a.data(), b.data(), c.data(), m, k, n);
        } else {
            blocked(a.data(), false, b.data(), false, c.data(), m, k, n, path == Strategy.PARALLEL);
        }
    }

    /** {@link #multTransA(Matrix, Matrix, Matrix)} by the given path. */
    static void multTransA(Matrix a, Matrix b, Matrix c, Strategy strategy) {
        int k = a.rows();
        int m = a.cols();
        int n = b.cols();
        checkShapes("multTransA", a, b, c, m, k, n, b.rows());
        Strategy path = choose(strategy, m, k, n);
        if (path == Strategy.PLAIN) {
            plainMultTransA(a.data(), b.data(), c.data(), m, k, n);
        } else {
            blocked(a.data(), true, b.data(), false, c.data(), m, k, n, path == Strategy.PARALLEL);
        }
    }

    /** {@link #multTransB(Matrix, Matrix, Matrix)} by the given path. */
    static void multTransB(Matrix a, Matrix b, Matrix c, Strategy strategy) {
        int m = a.rows();
        int k = a.cols();
        int n = b.rows();
        checkShapes("multTransB", a, b, c, m, k, n, b.cols());
        Strategy path = choose(strategy, m, k, n);
        if (path == Strategy.PLAIN) {
            plainMultTransB(a.data(), b.data(), c.data(), m, k, n);
        } else {
            blocked(a.data(), false, b.data(), true, c.data(), m, k, n, path == Strategy.PARALLEL);
        }
    }

    private static Strategy choose(Strategy strategy, int m, int k, int n) {
        if (strategy != Strategy.AUTO) {
            return strategy;
        }
        long work = (long) m * k * n;
        if (work < LEAN_LIMIT) {
            return Strategy.PLAIN;
        }
        return work >= PARALLEL_LIMIT && PROCESSORS > 1 ? Strategy.PARALLEL : Strategy.BLOCKED;
    }

    private static void blocked(double[] a, boolean transA, double[] b, boolean transB, double[] c, int m, int k,
                                int n, boolean parallel) {
        int rowBlock = BlockedMultiply.ROW_BLOCK;
        if (parallel) {
            // at least two tasks per thread (the caller helps the pool), two rows at least, even when possible
            int threads = ForkJoinPool.getCommonPoolParallelism() + 1;
            int perTask = (m + 2 * threads - 1) / (2 * threads);
            rowBlock = Math.max(2, Math.min(rowBlock, perTask + (perTask & 1)));
        }
        BlockedMultiply.multiply(a, transA, b, transB, c, m, k, n, rowBlock, BlockedMultiply.COLUMN_BLOCK, parallel);
    }

    /** C = A·B by the plain i-p-j loop: c[i][j] = 0, then c[i][j] += a[i][p]·b[p][j] for p = 0, 1, …, k − 1. */
    private static void plainMult(double[] a, double[] b, double[] c, int m, int k, int n) {
        Arrays.fill(c, 0, m * n, 0.0);
        for (int i = 0; i < m; i++) {
            for (int p = 0; p < k; p++) {
                double aip = a[i * k + p];
                for (int j = 0; j < n; j++) {
                    c[i * n + j] += aip * b[p * n + j];
                }
            }
        }
    }

    /** C = Aᵀ·B by the plain p-i-j loop: c[i][j] = 0, then c[i][j] += a[p][i]·b[p][j] for p = 0, 1, …, k − 1. */
    private static void plainMultTransA(double[] a, double[] b, double[] c, int m, int k, int n) {
        Arrays.fill(c, 0, m * n, 0.0);
        for (int p = 0; p < k; p++) {
            for (int i = 0; i < m; i++) {
                double api = a[p * m + i];
                for (int j = 0; j < n; j++) {
                    c[i * n + j] += api * b[p * n + j];
                }
            }
        }
    }

    /** C = A·Bᵀ by plain dot products: c[i][j] = 0 + a[i][0]·b[j][0] + … + a[i][k−1]·b[j][k−1], in that order. */
    private static void plainMultTransB(double[] a, double[] b, double[] c, int m, int k, int n) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int p = 0; p < k; p++) {
                    sum += a[i * k + p] * b[j * k + p];
                }
                c[i * n + j] = sum;
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
