package dev.backstep.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backstep.engine.MatrixMultiply.Strategy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fast products against plain triple loops written here. Every path sums each element in the same order as these
 * loops (one product at a time, increasing p, no fused multiply-add), so results are compared bit for bit; integer
 * matrices, whose sums are exact in any order, check the indexing independently of that promise.
 */
class MatrixMultiplyTest {
    enum Op { MULT, TRANS_A, TRANS_B }

    // ---- the plain definitions ----

    /** c[i][j] = Σₚ a[i][p]·b[p][j], summed from 0 in increasing p. */
    private static Matrix plainMult(Matrix a, Matrix b) {
        Matrix c = new Matrix(a.rows(), b.cols());
        for (int i = 0; i < a.rows(); i++) {
            for (int j = 0; j < b.cols(); j++) {
                double sum = 0;
                for (int p = 0; p < a.cols(); p++) {
                    sum += a.get(i, p) * b.get(p, j);
                }
                c.set(i, j, sum);
            }
        }
        return c;
    }

    private static Matrix transpose(Matrix m) {
        Matrix t = new Matrix(m.cols(), m.rows());
        for (int r = 0; r < m.rows(); r++) {
            for (int c = 0; c < m.cols(); c++) {
                t.set(c, r, m.get(r, c));
            }
        }
        return t;
    }

    /** The operands of op as stored: A is m×k (k×m for Aᵀ), B is k×n (n×k for Bᵀ). */
    private static Matrix[] operands(Op op, int m, int k, int n, Random random, boolean integers) {
        Matrix a = op == Op.TRANS_A ? random(k, m, random, integers) : random(m, k, random, integers);
        Matrix b = op == Op.TRANS_B ? random(n, k, random, integers) : random(k, n, random, integers);
        return new Matrix[]{a, b};
    }

    private static Matrix expected(Op op, Matrix a, Matrix b) {
        switch (op) {
            case MULT:
                return plainMult(a, b);
            case TRANS_A:
                return plainMult(transpose(a), b);
            case TRANS_B:
                return plainMult(a, transpose(b));
            default:
                throw new AssertionError(op);
        }
    }

    private static int resultRows(Op op, Matrix a) {
        return op == Op.TRANS_A ? a.cols() : a.rows();
    }

    private static int resultCols(Op op, Matrix b) {
        return op == Op.TRANS_B ? b.rows() : b.cols();
    }

    /** The product by one path into a C filled with garbage first (C must be overwritten). */
    private static Matrix compute(Op op, Matrix a, Matrix b, Strategy strategy) {
        Matrix c = new Matrix(resultRows(op, a), resultCols(op, b));
        c.fill(Double.NaN);
        switch (op) {
            case MULT:
                MatrixMultiply.mult(a, b, c, strategy);
                break;
            case TRANS_A:
                MatrixMultiply.multTransA(a, b, c, strategy);
                break;
            case TRANS_B:
                MatrixMultiply.multTransB(a, b, c, strategy);
                break;
            default:
                throw new AssertionError(op);
        }
        return c;
    }

    /** The public entry point (size decides the path). */
    private static Matrix computePublic(Op op, Matrix a, Matrix b) {
        Matrix c = new Matrix(resultRows(op, a), resultCols(op, b));
        c.fill(Double.NaN);
        switch (op) {
            case MULT:
                MatrixMultiply.mult(a, b, c);
                break;
            case TRANS_A:
                MatrixMultiply.multTransA(a, b, c);
                break;
            case TRANS_B:
                MatrixMultiply.multTransB(a, b, c);
                break;
            default:
                throw new AssertionError(op);
        }
        return c;
    }

    private static Matrix random(int rows, int cols, Random random, boolean integers) {
        Matrix m = new Matrix(rows, cols);
        double[] d = m.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = integers ? random.nextInt(19) - 9 : random.nextDouble() * 2 - 1;
        }
        return m;
    }

    private static void assertBits(Matrix expected, Matrix actual, String what) {
        assertEquals(expected.rows(), actual.rows(), what + ": rows");
        assertEquals(expected.cols(), actual.cols(), what + ": cols");
        double[] e = expected.data();
        double[] x = actual.data();
        for (int i = 0; i < e.length; i++) {
            if (Double.doubleToRawLongBits(e[i]) != Double.doubleToRawLongBits(x[i])) {
                int cols = Math.max(1, expected.cols());
                throw new AssertionError(what + ": element (" + i / cols + ", " + i % cols + ") is " + x[i]
                        + ", expected " + e[i]);
            }
        }
    }

    // ---- sizes ----

    /** m, k, n: tiny, awkward, ending mid-block and mid-panel (rows of 128, columns of 512, panels of 12 and 3). */
    private static final int[][] SIZES = {
        {1, 1, 1}, {1, 1, 5}, {5, 1, 1}, {1, 7, 1}, {2, 2, 2}, {4, 2, 4}, {4, 4, 1}, {3, 5, 7}, {7, 5, 3},
        {10, 13, 9}, {2, 12, 2}, {3, 13, 17}, {17, 25, 3}, {33, 37, 35}, {1, 784, 128}, {128, 10, 64},
        {129, 785, 65}, {65, 64, 513}, {130, 11, 257}, {257, 14, 40}, {31, 100, 1030},
    };

    static Stream<Arguments> opsAndSizes() {
        List<Arguments> all = new ArrayList<>();
        for (Op op : Op.values()) {
            for (int[] s : SIZES) {
                all.add(Arguments.of(op, s[0], s[1], s[2]));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} {1}×{2}×{3}")
    @MethodSource("opsAndSizes")
    void everyPathEqualsThePlainLoopBitForBit(Op op, int m, int k, int n) {
        Random random = new Random(31L * m + 17L * k + n);
        Matrix[] ab = operands(op, m, k, n, random, false);
        Matrix expected = expected(op, ab[0], ab[1]);
        for (Strategy strategy : Strategy.values()) {
            assertBits(expected, compute(op, ab[0], ab[1], strategy), op + " " + strategy);
        }
        assertBits(expected, computePublic(op, ab[0], ab[1]), op + " public");
    }

    @ParameterizedTest(name = "{0} {1}×{2}×{3}")
    @MethodSource("opsAndSizes")
    void integerProductsAreExactWhateverTheOrder(Op op, int m, int k, int n) {
        Random random = new Random(7L * m + 5L * k + 3L * n);
        Matrix[] ab = operands(op, m, k, n, random, true);
        Matrix expected = expected(op, ab[0], ab[1]);
        for (Strategy strategy : new Strategy[]{Strategy.BLOCKED, Strategy.PARALLEL}) {
            Matrix actual = compute(op, ab[0], ab[1], strategy);
            assertArrayEquals(expected.data(), actual.data(), 0.0, op + " " + strategy);
        }
    }

    /**
     * Small blocks on small matrices, so that every block and task boundary falls mid-way (as EJML tests 10×13 with
     * block 4).
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Op.class)
    void smallBlocksEndingMidWay(Op op) {
        Random random = new Random(4);
        int[][] blocks = {{1, 1}, {2, 3}, {3, 4}, {4, 8}, {5, 7}};
        int[][] sizes = {{10, 13, 9}, {11, 26, 17}, {9, 3, 33}, {1, 40, 5}, {6, 1, 6}};
        for (int[] s : sizes) {
            Matrix[] ab = operands(op, s[0], s[1], s[2], random, false);
            Matrix expected = expected(op, ab[0], ab[1]);
            for (int[] block : blocks) {
                for (boolean parallel : new boolean[]{false, true}) {
                    Matrix c = new Matrix(s[0], s[2]);
                    c.fill(Double.NaN);
                    BlockedMultiply.multiply(ab[0].data(), op == Op.TRANS_A, ab[1].data(), op == Op.TRANS_B,
                            c.data(), s[0], s[1], s[2], block[0], block[1], parallel);
                    assertBits(expected, c, op + " " + Arrays.toString(s) + " blocks " + Arrays.toString(block)
                            + (parallel ? " parallel" : ""));
                }
            }
        }
    }

    /** Products just below and above the two thresholds, through the public methods. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Op.class)
    void sizesAroundTheThresholds(Op op) {
        Random random = new Random(5);
        List<int[]> sizes = new ArrayList<>();
        for (long limit : new long[]{MatrixMultiply.LEAN_LIMIT, MatrixMultiply.PARALLEL_LIMIT}) {
            int side = (int) Math.cbrt(limit);
            while ((long) side * side * side < limit) {
                side++;
            }
            // side³ ≥ limit > (side − 1)·side·side when side is the smallest such: both sides of the line
            sizes.add(new int[]{side - 1, side, side});
            sizes.add(new int[]{side, side, side});
            sizes.add(new int[]{side + 1, side, side - 1});
        }
        for (int[] s : sizes) {
            Matrix[] ab = operands(op, s[0], s[1], s[2], random, false);
            assertBits(expected(op, ab[0], ab[1]), computePublic(op, ab[0], ab[1]), op + " " + Arrays.toString(s));
        }
    }

    @Test
    void thresholdsAreOrdered() {
        assertTrue(0 < MatrixMultiply.LEAN_LIMIT && MatrixMultiply.LEAN_LIMIT < MatrixMultiply.PARALLEL_LIMIT);
    }

    // ---- empty shapes ----

    @ParameterizedTest(name = "{0}")
    @EnumSource(Op.class)
    void emptyShapes(Op op) {
        Random random = new Random(6);
        int[][] sizes = {{0, 3, 4}, {3, 0, 4}, {3, 4, 0}, {0, 0, 0}, {40, 0, 40}, {0, 60, 70}};
        for (int[] s : sizes) {
            Matrix[] ab = operands(op, s[0], s[1], s[2], random, false);
            for (Strategy strategy : Strategy.values()) {
                Matrix c = compute(op, ab[0], ab[1], strategy);
                assertEquals(s[0], c.rows());
                assertEquals(s[2], c.cols());
                for (double v : c.data()) {
                    assertEquals(0.0, v, op + " " + strategy + " " + Arrays.toString(s) + ": an empty sum is 0");
                }
            }
        }
    }

    // ---- special values ----

    @Test
    void infinitiesAndNaNsPropagateAsInThePlainLoop() {
        Random random = new Random(8);
        for (Op op : Op.values()) {
            Matrix[] ab = operands(op, 40, 30, 50, random, false);
            ab[0].data()[7] = Double.POSITIVE_INFINITY;
            ab[0].data()[100] = Double.NaN;
            ab[1].data()[3] = -0.0;
            ab[1].data()[20] = Double.NEGATIVE_INFINITY;
            Matrix expected = expected(op, ab[0], ab[1]);
            for (Strategy strategy : Strategy.values()) {
                assertBits(expected, compute(op, ab[0], ab[1], strategy), op + " " + strategy);
            }
        }
    }

    // ---- determinism ----

    @Test
    void sameBitsEveryTimeAndOnAnyNumberOfThreads() {
        Random random = new Random(9);
        for (Op op : Op.values()) {
            Matrix[] ab = operands(op, 300, 257, 301, random, false);
            Matrix sequential = compute(op, ab[0], ab[1], Strategy.BLOCKED);
            for (int run = 0; run < 3; run++) {
                assertBits(sequential, compute(op, ab[0], ab[1], Strategy.PARALLEL), op + " parallel run " + run);
                assertBits(sequential, computePublic(op, ab[0], ab[1]), op + " public run " + run);
            }
            assertBits(sequential, compute(op, ab[0], ab[1], Strategy.PLAIN), op + " plain");
        }
    }

    @Test
    void transposesAreReadInPlace() {
        Random random = new Random(10);
        Matrix a = random(70, 45, random, false);
        Matrix b = random(70, 33, random, false);
        Matrix c = new Matrix(45, 33);
        MatrixMultiply.multTransA(a, b, c);
        Matrix viaCopy = new Matrix(45, 33);
        MatrixMultiply.mult(transpose(a), b, viaCopy);
        assertBits(viaCopy, c, "Aᵀ·B");

        Matrix d = random(33, 45, random, false);
        Matrix e = new Matrix(70, 33);
        MatrixMultiply.multTransB(a, d, e);
        Matrix viaCopy2 = new Matrix(70, 33);
        MatrixMultiply.mult(a, transpose(d), viaCopy2);
        assertBits(viaCopy2, e, "A·Bᵀ");
    }

    @Test
    void operandsAreNotModified() {
        Random random = new Random(11);
        for (Op op : Op.values()) {
            Matrix[] ab = operands(op, 90, 80, 70, random, false);
            Matrix a0 = ab[0].copy();
            Matrix b0 = ab[1].copy();
            for (Strategy strategy : Strategy.values()) {
                compute(op, ab[0], ab[1], strategy);
                assertEquals(a0, ab[0], op + " " + strategy + " changed A");
                assertEquals(b0, ab[1], op + " " + strategy + " changed B");
            }
        }
    }

    // ---- errors ----

    @Test
    void innerDimensionMismatchIsReported() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MatrixMultiply.mult(new Matrix(2, 3), new Matrix(4, 5), new Matrix(2, 5)));
        assertEquals("mult: inner dimensions differ, A is 2×3, B is 4×5", e.getMessage());

        e = assertThrows(IllegalArgumentException.class,
                () -> MatrixMultiply.multTransA(new Matrix(3, 2), new Matrix(4, 5), new Matrix(2, 5)));
        assertEquals("multTransA: inner dimensions differ, A is 3×2, B is 4×5", e.getMessage());

        e = assertThrows(IllegalArgumentException.class,
                () -> MatrixMultiply.multTransB(new Matrix(2, 3), new Matrix(5, 4), new Matrix(2, 5)));
        assertEquals("multTransB: inner dimensions differ, A is 2×3, B is 5×4", e.getMessage());
    }

    @Test
    void wrongResultShapeIsReported() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MatrixMultiply.mult(new Matrix(2, 3), new Matrix(3, 5), new Matrix(5, 2)));
        assertEquals("mult: C is 5×2, expected 2×5", e.getMessage());

        e = assertThrows(IllegalArgumentException.class,
                () -> MatrixMultiply.multTransA(new Matrix(3, 2), new Matrix(3, 5), new Matrix(3, 5)));
        assertEquals("multTransA: C is 3×5, expected 2×5", e.getMessage());

        e = assertThrows(IllegalArgumentException.class,
                () -> MatrixMultiply.multTransB(new Matrix(2, 3), new Matrix(5, 3), new Matrix(2, 3)));
        assertEquals("multTransB: C is 2×3, expected 2×5", e.getMessage());
    }

    @Test
    void aliasingIsRejected() {
        Matrix square = new Matrix(3, 3);
        Matrix other = new Matrix(3, 3);
        String message = "C must not share storage with A or B";
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MatrixMultiply.mult(square, other, square))
                .getMessage().endsWith(message));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MatrixMultiply.mult(other, square, square))
                .getMessage().endsWith(message));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> MatrixMultiply.multTransA(square, other, square)).getMessage().startsWith("multTransA"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> MatrixMultiply.multTransB(other, square, square)).getMessage().startsWith("multTransB"));
        // a second matrix over the same array is the same storage
        Matrix view = Matrix.wrap(3, 3, square.data());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MatrixMultiply.mult(square, other, view))
                .getMessage().endsWith(message));
    }

    @Test
    void badBlocksAreRejected() {
        double[] x = new double[4];
        assertThrows(IllegalArgumentException.class,
                () -> BlockedMultiply.multiply(x, false, x.clone(), false, new double[4], 2, 2, 2, 0, 8, false));
        assertThrows(IllegalArgumentException.class, () -> BlockedMultiply.multiply(x, false, x.clone(), false,
                new double[4], 2, 2, 2, 2, BlockedMultiply.COLUMN_BLOCK + 1, false));
    }
}
