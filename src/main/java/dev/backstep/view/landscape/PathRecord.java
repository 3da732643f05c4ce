package dev.backstep.view.landscape;

import java.util.Arrays;

/**
 * The two chosen parameters' values over the epochs, oldest first, in bounded memory: when full, every second
 * point of the older half is dropped, so the recent path stays exact and the old one keeps its shape. Going back in
 * time (a reset, the timeline) drops the points after the epoch shown. FX thread only.
 */
final class PathRecord {
    private final int capacity;
    private long[] epochs = new long[64];
    private double[] xs = new double[64];
    private double[] ys = new double[64];
    private int size;

    PathRecord(int capacity) {
        this.capacity = Math.max(8, capacity);
    }

    int size() {
        return size;
    }

    long epoch(int i) {
        return epochs[i];
    }

    double x(int i) {
        return xs[i];
    }

    double y(int i) {
        return ys[i];
    }

    void clear() {
        size = 0;
    }

    /** Records the values at {@code epoch}; a repeated epoch updates its point, an earlier one cuts the path. */
    void record(long epoch, double x, double y) {
        while (size > 0 && epochs[size - 1] > epoch) {
            size--;
        }
        if (size > 0 && epochs[size - 1] == epoch) {
            xs[size - 1] = x;
            ys[size - 1] = y;
            return;
        }
        add(epoch, x, y);
    }

    /**
     * Puts a replayed path (x and y after each epoch from 0) before the points recorded later than it; recorded
     * points at or before its last epoch give way to it.
     */
    void prepend(double[][] path) {
        long last = path[0].length - 1;
        long[] keptEpochs = new long[size];
        double[] keptX = new double[size];
        double[] keptY = new double[size];
        int kept = 0;
        for (int i = 0; i < size; i++) {
            if (epochs[i] > last) {
                keptEpochs[kept] = epochs[i];
                keptX[kept] = xs[i];
                keptY[kept] = ys[i];
                kept++;
            }
        }
        size = 0;
        for (int e = 0; e <= last; e++) {
            add(e, path[0][e], path[1][e]);
        }
        for (int i = 0; i < kept; i++) {
            add(keptEpochs[i], keptX[i], keptY[i]);
        }
    }

    private void add(long epoch, double x, double y) {
        if (size == capacity) {
            thinOlderHalf();
        }
        if (size == epochs.length) {
            int grown = Math.min(capacity, epochs.length * 2);
            epochs = Arrays.copyOf(epochs, grown);
            xs = Arrays.copyOf(xs, grown);
            ys = Arrays.copyOf(ys, grown);
        }
        epochs[size] = epoch;
        xs[size] = x;
        ys[size] = y;
        size++;
    }

    private void thinOlderHalf() {
        int half = size / 2;
        int w = 1;
        for (int r = 1; r < size; r++) {
            if (r >= half || r % 2 == 0) {
                epochs[w] = epochs[r];
                xs[w] = xs[r];
                ys[w] = ys[r];
                w++;
            }
        }
        size = w;
    }
}
