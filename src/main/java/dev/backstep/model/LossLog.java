package dev.backstep.model;

/**
 * An append-only record of one loss per epoch, written by the training thread and read by the FX thread.
 *
 * <p>Values are stored in fixed chunks that never move, and a value is never changed once written; the writer
 * publishes how many values are valid through the snapshot it hands over (whose publication orders the writes),
 * so a reader may read any index below that count without locks. When history is rewritten (a reset, going back in
 * time) the writer starts a new log instead of changing this one.
 */
public final class LossLog {
    private static final int CHUNK_BITS = 12;
    private static final int CHUNK = 1 << CHUNK_BITS;

    private volatile double[][] chunks = new double[16][];
    private int size;

    /** Appends a value (training thread only). */
    public void add(double value) {
        int chunk = size >>> CHUNK_BITS;
        double[][] current = chunks;
        if (chunk == current.length) {
            double[][] grown = new double[current.length * 2][];
            System.arraycopy(current, 0, grown, 0, current.length);
            chunks = grown;
            current = grown;
        }
        if (current[chunk] == null) {
            current[chunk] = new double[CHUNK];
        }
        current[chunk][size & (CHUNK - 1)] = value;
        size++;
    }

    /** Values written so far (training thread; readers use the count published with a snapshot). */
    public int size() {
        return size;
    }

    /** The value at {@code index}, which must be below a count published to the reader. */
    public double get(int index) {
        return chunks[index >>> CHUNK_BITS][index & (CHUNK - 1)];
    }

    /** A new log holding this log's first {@code count} values. */
    public LossLog prefix(int count) {
        LossLog copy = new LossLog();
        for (int i = 0; i < count; i++) {
            copy.add(get(i));
        }
        return copy;
    }
}
