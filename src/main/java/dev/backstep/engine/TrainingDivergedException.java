package dev.backstep.engine;

/**
 * Training produced a NaN or an infinity. The network keeps the last finite parameters: a non-finite loss is
 * detected before the update, a non-finite parameter before it is written.
 */
public final class TrainingDivergedException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final long epoch;

    public TrainingDivergedException(long epoch, String what) {
        super("training diverged in epoch " + epoch + ": " + what
                + "; the last finite parameters are kept (try a smaller learning rate)");
        this.epoch = epoch;
    }

    /** The epoch (counted from 1) in which the non-finite value appeared. */
    public long epoch() {
        return epoch;
    }
}
