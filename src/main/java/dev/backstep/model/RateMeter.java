package dev.backstep.model;

/** Epochs per second over the last second or so, smoothed so the display does not flicker. */
final class RateMeter {
    private long startNanos;
    private long startEpoch;
    private double perSecond;

    void restart(long epoch) {
        startNanos = System.nanoTime();
        startEpoch = epoch;
        perSecond = 0;
    }

    void sample(long epoch) {
        long now = System.nanoTime();
        double seconds = (now - startNanos) / 1e9;
        if (seconds >= 0.5) {
            double current = (epoch - startEpoch) / seconds;
            perSecond = perSecond == 0 ? current : 0.5 * perSecond + 0.5 * current;
            startNanos = now;
            startEpoch = epoch;
        }
    }

    double perSecond() {
        return perSecond;
    }
}
