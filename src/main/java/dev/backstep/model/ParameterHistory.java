package dev.backstep.model;

import dev.backstep.engine.Trainer;

import java.util.ArrayList;
import java.util.List;

/**
 * Moments of training kept so a person can go back: trainer checkpoints at completed epochs, in bounded memory.
 * When full, the moment whose neighbours are closest together relative to its age is dropped, so the record stays
 * dense near the present and grows sparse towards the start (the first moment, epoch 0, is always kept).
 *
 * <p>Owned by the training thread; readers get {@link #epochs()} copies through snapshots.
 */
final class ParameterHistory {
    /** The budget for all kept checkpoints together. */
    static final long BUDGET_BYTES = 192L << 20;
    static final int MAX_MOMENTS = 600;
    static final int MIN_MOMENTS = 24;

    private final List<Trainer.Checkpoint> moments = new ArrayList<>();
    private final int capacity;

    /** @param bytesPerMoment an estimate of one checkpoint's size, which fixes how many fit in the budget */
    ParameterHistory(long bytesPerMoment) {
        this((int) Math.max(MIN_MOMENTS, Math.min(MAX_MOMENTS, BUDGET_BYTES / Math.max(1, bytesPerMoment))));
    }

    /** A history holding at most {@code capacity} moments (at least 3: the start, one in between, the newest). */
    ParameterHistory(int capacity) {
        this.capacity = Math.max(3, capacity);
    }

    int capacity() {
        return capacity;
    }

    int size() {
        return moments.size();
    }

    Trainer.Checkpoint get(int index) {
        return moments.get(index);
    }

    /** The epoch of the newest moment, or −1. */
    long lastEpoch() {
        return moments.isEmpty() ? -1 : moments.get(moments.size() - 1).epochsDone();
    }

    /** Records a moment (its epoch must be later than the last one's); thins the record when it is full. */
    void add(Trainer.Checkpoint checkpoint) {
        if (!moments.isEmpty() && checkpoint.epochsDone() <= lastEpoch()) {
            return;
        }
        moments.add(checkpoint);
        while (moments.size() > capacity) {
            moments.remove(leastNeeded());
        }
    }

    /**
     * The moment whose removal loses least: the one whose neighbours are closest together compared with how far it
     * is from the present. Never the first or the newest.
     */
    private int leastNeeded() {
        long present = lastEpoch();
        int best = 1;
        double bestScore = Double.POSITIVE_INFINITY;
        for (int i = 1; i < moments.size() - 1; i++) {
            double gap = moments.get(i + 1).epochsDone() - moments.get(i - 1).epochsDone();
            double age = present - moments.get(i).epochsDone() + 1;
            double score = gap / age;
            if (score < bestScore) {
                bestScore = score;
                best = i;
            }
        }
        return best;
    }

    /**
     * The newest moment taken no later than the end of epoch {@code epoch} (at that boundary or before it), or −1:
     * where training that went wrong during epoch {@code epoch + 1} can start again from.
     */
    int newestUpToEpoch(long epoch) {
        for (int i = moments.size() - 1; i >= 0; i--) {
            Trainer.Checkpoint m = moments.get(i);
            if (m.epochsDone() < epoch || (m.epochsDone() == epoch && m.stepInEpoch() == 0)) {
                return i;
            }
        }
        return -1;
    }

    /** Forgets every moment after {@code index} (training resumed from it). */
    void truncateAfter(int index) {
        while (moments.size() > index + 1) {
            moments.remove(moments.size() - 1);
        }
    }

    /** Forgets everything later than {@code epoch} (training went back before it). */
    void truncateAfterEpoch(long epoch) {
        while (!moments.isEmpty() && lastEpoch() > epoch) {
            moments.remove(moments.size() - 1);
        }
    }

    void clear() {
        moments.clear();
    }

    /** The epochs of the kept moments, oldest first. */
    long[] epochs() {
        long[] epochs = new long[moments.size()];
        for (int i = 0; i < epochs.length; i++) {
            epochs[i] = moments.get(i).epochsDone();
        }
        return epochs;
    }
}
