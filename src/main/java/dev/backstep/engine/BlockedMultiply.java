package dev.backstep.engine;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * The cache-blocked kernels behind {@link MatrixMultiply}: one routine for C = op(A)·op(B) with op the identity or the
 * transpose, reading the transposes in place.
 *
 * <p>Every element is summed exactly as the plain loop sums it,
 * <pre>
 *   c[i][j] = (((0 + a[i][0]·b[0][j]) + a[i][1]·b[1][j]) + …) + a[i][k−1]·b[k−1][j]
 * </pre>
 * one product at a time in increasing p, without fused multiply-add, so the result is bit-identical to the plain
 * triple loop, whatever the blocking and however many threads compute it.
 *
 * <p>Layout of the work:
 * <ul>
 *   <li>rows of C are split into tasks of at most {@link #ROW_BLOCK} rows; tasks run in parallel when asked to
 *       (each task owns its rows of C, so no two threads write the same element);</li>
 *   <li>within a task, columns of C are taken {@link #COLUMN_BLOCK} at a time, and the task's rows of that column
 *       block are accumulated in per-thread scratch rows (128 × 256 doubles = 256 KiB, in L2), copied into C at the
 *       end;</li>
 *   <li>k is walked {@link #PANEL} rows of op(B) at a time: they are copied into a scratch panel (for C = A·Bᵀ they
 *       are columns of B, gathered row by row of B so that each cache line of B is read once, not once per
 *       column; with rows of B a power of two apart, column-at-a-time gathering evicts its own lines and ran at
 *       half the speed);</li>
 *   <li>the register-blocked inner loop updates two accumulator rows with three panel rows over j,
 *       {@code c0[j] = c0[j] + a00·b0[j] + a01·b1[j] + a02·b2[j]} (and the same for c1 with a1·), so each load of
 *       an accumulator serves three products and each panel element two rows; the three panel rows (6 KiB) stay in
 *       L1 while every row of the task passes over them.</li>
 * </ul>
 *
 * <p>Why scratch rows and not C and B in place: C2 (JDK 17) vectorizes a loop only when every {@code double[]} index
 * in it has the same loop-invariant part; {@code c[cOffset + j]} next to {@code b[bOffset + j]} defeats it, and so do
 * two rows of one array. Separate arrays indexed by plain {@code j} vectorize to full-width AVX2/AVX-512, provided the
 * loop body is small enough to be unrolled: 2 × 3 is the largest shape that still unrolls at the default
 * {@code LoopUnrollLimit} (measured: 2 × 3 at 42 GFLOP/s on one core with data in L1, 1 × 4 at 33; 2 × 4 and 1 × 6
 * fall back to scalar code at 11). A 4 × 4 scalar register block over C and B in place reaches 13.
 */
final class BlockedMultiply {
    /** Rows of C per task (and per set of scratch rows). */
    static final int ROW_BLOCK = 128;
    /** Columns of C per block: one scratch row, and one slab row, is this long. */
    static final int COLUMN_BLOCK = 256;
    /** Rows of op(B) loaded into scratch at a time (a multiple of 3). */
    static final int PANEL = 24;
    /** Column blocks at least this wide use the {@link Wide} kernels, narrower ones the {@link Narrow} copy. */
    static final int WIDE = 64;

    private BlockedMultiply() {
    }

    /** One thread's scratch: accumulator rows for a task and the panel of op(B) rows. */
    private static final class Scratch {
        final double[][] acc = new double[ROW_BLOCK][COLUMN_BLOCK];
        final double[][] panel = new double[PANEL][COLUMN_BLOCK];
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    /**
     * C = op(A)·op(B) with C m×n and a shared dimension k, C overwritten.
     *
     * @param a        A's data, not modified: m×k row-major, or k×m when {@code transA}
     * @param b        B's data, not modified: k×n row-major, or n×k when {@code transB}
     * @param c        C's data, m×n row-major, overwritten; must not alias a or b
     * @param rowBlock rows of C per task, 1 to {@link #ROW_BLOCK}
     * @param colBlock columns of C per block, 1 to {@link #COLUMN_BLOCK}
     * @param parallel whether tasks may run on the common fork/join pool
     */
    static void multiply(double[] a, boolean transA, double[] b, boolean transB, double[] c, int m, int k, int n,
                         int rowBlock, int colBlock, boolean parallel) {
        if (rowBlock < 1 || rowBlock > ROW_BLOCK || colBlock < 1 || colBlock > COLUMN_BLOCK) {
            throw new IllegalArgumentException("blocks must be 1.." + ROW_BLOCK + " rows and 1.." + COLUMN_BLOCK
                    + " columns, got " + rowBlock + "×" + colBlock);
        }
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0) {
            Arrays.fill(c, 0, m * n, 0.0);
            return;
        }
        int tasks = (m + rowBlock - 1) / rowBlock;
        if (parallel && tasks > 1) {
            IntStream.range(0, tasks).parallel().forEach(t -> multiplyRows(a, transA, b, transB, c, m, k, n,
                    t * rowBlock, Math.min(m, (t + 1) * rowBlock), colBlock));
        } else {
            for (int t = 0; t < tasks; t++) {
                multiplyRows(a, transA, b, transB, c, m, k, n, t * rowBlock, Math.min(m, (t + 1) * rowBlock),
                        colBlock);
            }
        }
    }

    /**
     * Rows [i0, i1) of C = op(A)·op(B), at most {@link #ROW_BLOCK} of them. Element (i, p) of op(A) sits at
     * {@code a[i·rowStride + p·pStride]}, so both layouts of A share the loop.
     */
    private static void multiplyRows(double[] a, boolean transA, double[] b, boolean transB, double[] c,
                                     int m, int k, int n, int i0, int i1, int colBlock) {
        Scratch scratch = SCRATCH.get();
        double[][] acc = scratch.acc;
        double[][] panel = scratch.panel;
        int rows = i1 - i0;
        int rowStride = transA ? 1 : k;
        int pStride = transA ? m : 1;
        for (int j0 = 0; j0 < n; j0 += colBlock) {
            int len = Math.min(colBlock, n - j0);
            boolean wide = len >= WIDE;
            for (int r = 0; r < rows; r++) {
                Arrays.fill(acc[r], 0, len, 0.0);
            }
            for (int p0 = 0; p0 < k; p0 += PANEL) {
                int depth = Math.min(PANEL, k - p0);
                loadPanel(b, transB, k, n, p0, depth, j0, len, panel);
                int q = 0;
                for (; q + 3 <= depth; q += 3) {
                    double[] s0 = panel[q];
                    double[] s1 = panel[q + 1];
                    double[] s2 = panel[q + 2];
                    int p = p0 + q;
                    int r = 0;
                    for (; r + 2 <= rows; r += 2) {
                        int x = (i0 + r) * rowStride + p * pStride;
                        int y = x + rowStride;
                        if (wide) {
                            Wide.mult2x3(acc[r], acc[r + 1], s0, s1, s2,
                                    a[x], a[x + pStride], a[x + 2 * pStride],
                                    a[y], a[y + pStride], a[y + 2 * pStride], len);
                        } else {
                            Narrow.mult2x3(acc[r], acc[r + 1], s0, s1, s2,
                                    a[x], a[x + pStride], a[x + 2 * pStride],
                                    a[y], a[y + pStride], a[y + 2 * pStride], len);
                        }
                    }
                    if (r < rows) {
                        int x = (i0 + r) * rowStride + p * pStride;
                        if (wide) {
                            Wide.mult1x3(acc[r], s0, s1, s2, a[x], a[x + pStride], a[x + 2 * pStride], len);
                        } else {
                            Narrow.mult1x3(acc[r], s0, s1, s2, a[x], a[x + pStride], a[x + 2 * pStride], len);
                        }
                    }
                }
                for (; q < depth; q++) {
                    double[] s0 = panel[q];
                    int p = p0 + q;
                    for (int r = 0; r < rows; r++) {
                        double a00 = a[(i0 + r) * rowStride + p * pStride];
                        if (wide) {
                            Wide.mult1x1(acc[r], s0, a00, len);
                        } else {
                            Narrow.mult1x1(acc[r], s0, a00, len);
                        }
                    }
                }
            }
            for (int r = 0; r < rows; r++) {
                System.arraycopy(acc[r], 0, c, (i0 + r) * n + j0, len);
            }
        }
    }

    /**
     * panel[q][j] = op(B)[p0 + q][j0 + j] for q &lt; depth, j &lt; len: row segments of B, or, when B is transposed,
     * column segments gathered row by row of B so that each cache line of B is read once.
     */
    private static void loadPanel(double[] b, boolean transB, int k, int n, int p0, int depth, int j0, int len,
                                  double[][] panel) {
        if (transB) {
            for (int j = 0, at = j0 * k + p0; j < len; j++, at += k) {
                for (int q = 0; q < depth; q++) {
                    panel[q][j] = b[at + q];
                }
            }
        } else {
            for (int q = 0; q < depth; q++) {
                System.arraycopy(b, (p0 + q) * n + j0, panel[q], 0, len);
            }
        }
    }

    /**
     * The kernels for column blocks of at least {@link #WIDE} columns. {@link Narrow} has the same code, as a separate
     * copy so that C2 profiles the two apart: C2 unrolls a loop no further than the trip count it has seen, and
     * unrolling is what lets it vectorize, so narrow blocks (an output layer of 10 units) running through the same
     * loop would leave the wide products scalar, at a quarter of the speed (measured: 128×784×128 at 8 GFLOP/s
     * instead of 33 after a few small products).
     */
    private static final class Wide {
        private Wide() {
        }

        /**
         * Two accumulator rows += three products each, in order:
         * c0[j] = ((c0[j] + a00·b0[j]) + a01·b1[j]) + a02·b2[j], likewise c1 with a10, a11, a12.
         */
        static void mult2x3(double[] c0, double[] c1, double[] b0, double[] b1, double[] b2,
                            double a00, double a01, double a02, double a10, double a11, double a12, int len) {
            for (int j = 0; j < len; j++) {
                double x0 = b0[j];
                double x1 = b1[j];
                double x2 = b2[j];
                c0[j] = c0[j] + a00 * x0 + a01 * x1 + a02 * x2;
                c1[j] = c1[j] + a10 * x0 + a11 * x1 + a12 * x2;
            }
        }

        /** c0[j] = ((c0[j] + a00·b0[j]) + a01·b1[j]) + a02·b2[j]. */
        static void mult1x3(double[] c0, double[] b0, double[] b1, double[] b2, double a00, double a01, double a02,
                            int len) {
            for (int j = 0; j < len; j++) {
                c0[j] = c0[j] + a00 * b0[j] + a01 * b1[j] + a02 * b2[j];
            }
        }

        /** c0[j] = c0[j] + a00·b0[j]. */
        static void mult1x1(double[] c0, double[] b0, double a00, int len) {
            for (int j = 0; j < len; j++) {
                c0[j] = c0[j] + a00 * b0[j];
            }
        }
    }

    /** The same kernels as {@link Wide}, for column blocks narrower than {@link #WIDE}. */
    private static final class Narrow {
        private Narrow() {
        }

        /**
         * Two accumulator rows += three products each, in order:
         * c0[j] = ((c0[j] + a00·b0[j]) + a01·b1[j]) + a02·b2[j], likewise c1 with a10, a11, a12.
         */
        static void mult2x3(double[] c0, double[] c1, double[] b0, double[] b1, double[] b2,
                            double a00, double a01, double a02, double a10, double a11, double a12, int len) {
            for (int j = 0; j < len; j++) {
                double x0 = b0[j];
                double x1 = b1[j];
                double x2 = b2[j];
                c0[j] = c0[j] + a00 * x0 + a01 * x1 + a02 * x2;
                c1[j] = c1[j] + a10 * x0 + a11 * x1 + a12 * x2;
            }
        }

        /** c0[j] = ((c0[j] + a00·b0[j]) + a01·b1[j]) + a02·b2[j]. */
        static void mult1x3(double[] c0, double[] b0, double[] b1, double[] b2, double a00, double a01, double a02,
                            int len) {
            for (int j = 0; j < len; j++) {
                c0[j] = c0[j] + a00 * b0[j] + a01 * b1[j] + a02 * b2[j];
            }
        }

        /** c0[j] = c0[j] + a00·b0[j]. */
        static void mult1x1(double[] c0, double[] b0, double a00, int len) {
            for (int j = 0; j < len; j++) {
                c0[j] = c0[j] + a00 * b0[j];
            }
        }
    }
}
