package dev.backstep.engine;

import java.util.Arrays;

/**
 * A dense matrix of doubles in row-major order: element (r, c) lives at {@code data[r * cols + c]}.
 *
 * <p>The backing array is exposed on purpose: the kernels and the network loop over it directly, and a layer's
 * weight matrix is a view of its {@link Parameter} values, so an update is visible without copying.
 */
public final class Matrix {
    private final int rows;
    private final int cols;
    private final double[] data;

    /** A zero matrix. */
    public Matrix(int rows, int cols) {
        this(rows, cols, new double[checkedSize(rows, cols)]);
    }

    private Matrix(int rows, int cols, double[] data) {
        this.rows = rows;
        this.cols = cols;
        this.data = data;
    }

    /** A matrix backed by {@code data} (not copied); its length must be rows × cols. */
    public static Matrix wrap(int rows, int cols, double[] data) {
        if (data.length != checkedSize(rows, cols)) {
            throw new IllegalArgumentException(
                    "array of length " + data.length + " cannot back a " + rows + "×" + cols + " matrix");
        }
        return new Matrix(rows, cols, data);
    }

    /** A copy of a rectangular array of rows. */
    public static Matrix of(double[][] values) {
        int rows = values.length;
        int cols = rows == 0 ? 0 : values[0].length;
        Matrix m = new Matrix(rows, cols);
        for (int r = 0; r < rows; r++) {
            if (values[r].length != cols) {
                throw new IllegalArgumentException("row " + r + " has " + values[r].length + " columns, expected " + cols);
            }
            System.arraycopy(values[r], 0, m.data, r * cols, cols);
        }
        return m;
    }

    private static int checkedSize(int rows, int cols) {
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException("negative matrix shape " + rows + "×" + cols);
        }
        long size = (long) rows * cols;
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("matrix " + rows + "×" + cols + " is too large");
        }
        return (int) size;
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    /** The backing array, row-major; writes are visible through this matrix. */
    public double[] data() {
        return data;
    }

    public double get(int r, int c) {
        return data[r * cols + c];
    }

    public void set(int r, int c, double value) {
        data[r * cols + c] = value;
    }

    /** A copy of row {@code r}. */
    public double[] row(int r) {
        return Arrays.copyOfRange(data, r * cols, (r + 1) * cols);
    }

    public double[][] toArray() {
        double[][] out = new double[rows][];
        for (int r = 0; r < rows; r++) {
            out[r] = row(r);
        }
        return out;
    }

    public Matrix copy() {
        return new Matrix(rows, cols, data.clone());
    }

    /** Overwrites this matrix with {@code source}, which must have the same shape. */
    public void copyFrom(Matrix source) {
        requireShape(source, rows, cols, "source");
        System.arraycopy(source.data, 0, data, 0, data.length);
    }

    public void fill(double value) {
        Arrays.fill(data, value);
    }

    /** Throws with a message naming {@code what} unless {@code m} is rows × cols. */
    public static void requireShape(Matrix m, int rows, int cols, String what) {
        if (m.rows != rows || m.cols != cols) {
            throw new IllegalArgumentException(
                    what + " is " + m.rows + "×" + m.cols + ", expected " + rows + "×" + cols);
        }
    }

    public String shape() {
        return rows + "×" + cols;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Matrix m && m.rows == rows && m.cols == cols && Arrays.equals(m.data, data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * rows + cols) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Matrix ").append(shape()).append(" [");
        for (int r = 0; r < Math.min(rows, 8); r++) {
            sb.append(r == 0 ? "" : ", ").append(Arrays.toString(row(r)));
        }
        return sb.append(rows > 8 ? ", …]" : "]").toString();
    }
}
