package dev.backstep.engine;

/**
 * How training runs.
 *
 * @param epochs how many epochs {@code train} runs by default
 * @param seed   seeds the shuffling order (when {@code shuffle} is on)
 */
public record TrainingSettings(Batching batching, boolean shuffle, long epochs, long seed) {
    public static final TrainingSettings DEFAULT = new TrainingSettings(Batching.full(), false, 1000, 1);

    public TrainingSettings withEpochs(long value) {
        return new TrainingSettings(batching, shuffle, value, seed);
    }

    public TrainingSettings withBatching(Batching value) {
        return new TrainingSettings(value, shuffle, epochs, seed);
    }
}
