package dev.backstep.engine;

import java.util.Arrays;

/**
 * One trainable tensor (a layer's weights or its bias) with everything a step leaves behind: its value, the gradient
 * ∂E/∂θ of the reduced batch loss, and the update Δθ that was applied (θ_new = θ_old + Δθ).
 *
 * <p>Arrays are exposed for speed and because the matrix of a layer's weights is a view of {@link #value()}.
 * A frozen parameter still gets its gradient (students ask what it would have been) but never an update.
 */
public final class Parameter {
    private final String name;
    private final int rows;
    private final int cols;
    private final double[] value;
    private final double[] gradient;
    private final double[] update;
    private boolean frozen;

    public Parameter(String name, int rows, int cols) {
        this.name = name;
        this.rows = rows;
        this.cols = cols;
        this.value = new double[rows * cols];
        this.gradient = new double[rows * cols];
        this.update = new double[rows * cols];
    }

    /** Short name such as {@code W1} or {@code b2}, layers counted from 1. */
    public String name() {
        return name;
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    public int size() {
        return value.length;
    }

    public double[] value() {
        return value;
    }

    public double[] gradient() {
        return gradient;
    }

    public double[] update() {
        return update;
    }

    public boolean isFrozen() {
        return frozen;
    }

    public void setFrozen(boolean frozen) {
        this.frozen = frozen;
    }

    /** Copies value, gradient, update and the frozen flag from a parameter of the same shape. */
    public void copyFrom(Parameter other) {
        if (other.rows != rows || other.cols != cols) {
            throw new IllegalArgumentException(name + " is " + rows + "×" + cols + ", cannot copy "
                    + other.name + " of " + other.rows + "×" + other.cols);
        }
        System.arraycopy(other.value, 0, value, 0, value.length);
        System.arraycopy(other.gradient, 0, gradient, 0, gradient.length);
        System.arraycopy(other.update, 0, update, 0, update.length);
        frozen = other.frozen;
    }

    public boolean sameValues(Parameter other) {
        return Arrays.equals(value, other.value);
    }
}
