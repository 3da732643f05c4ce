package dev.backstep.engine;

/**
 * How an epoch is cut into steps: the whole data set at once ({@link #full()}), one sample at a time
 * ({@link #sample()}), or mini-batches of a fixed size, the last one smaller when the size does not divide the data.
 *
 * @param size 0 for full batch, otherwise the number of samples per step
 */
public record Batching(int size) {
    public Batching {
        if (size < 0) {
            throw new IllegalArgumentException("batch size must not be negative: " + size);
        }
    }

    public static Batching full() {
        return new Batching(0);
    }

    public static Batching sample() {
        return new Batching(1);
    }

    public static Batching of(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("batch size must be at least 1: " + size);
        }
        return new Batching(size);
    }

    public boolean isFull() {
        return size == 0;
    }

    /** Samples per step for a data set of {@code datasetSize} samples (the last step may take fewer). */
    public int stepSize(int datasetSize) {
        return size == 0 ? datasetSize : Math.min(size, datasetSize);
    }

    /** Steps per epoch. */
    public int stepsPerEpoch(int datasetSize) {
        int step = stepSize(datasetSize);
        return (datasetSize + step - 1) / step;
    }
}
