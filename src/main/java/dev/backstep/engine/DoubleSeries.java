package dev.backstep.engine;

import java.util.Arrays;

/** A growable list of doubles (loss per epoch), without boxing: a million epochs cost eight megabytes. */
public final class DoubleSeries {
    private double[] values;
    private int size;

    public DoubleSeries() {
        this(64);
    }

    public DoubleSeries(int capacity) {
        values = new double[Math.max(1, capacity)];
    }

    public void add(double value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, values.length * 2);
        }
        values[size++] = value;
    }

    public double get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("index " + index + " of " + size);
        }
        return values[index];
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public double last() {
        return get(size - 1);
    }

    /** Drops every value from {@code newSize} on. */
    public void truncate(int newSize) {
        if (newSize < 0 || newSize > size) {
            throw new IndexOutOfBoundsException("cannot truncate " + size + " values to " + newSize);
        }
        size = newSize;
    }

    public double[] toArray() {
        return Arrays.copyOf(values, size);
    }

    public DoubleSeries copy() {
        DoubleSeries copy = new DoubleSeries(size);
        System.arraycopy(values, 0, copy.values, 0, size);
        copy.size = size;
        return copy;
    }
}
