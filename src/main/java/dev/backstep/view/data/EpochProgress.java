package dev.backstep.view.data;

/**
 * Where the epoch in progress is, from successive snapshots: the fraction of its samples done, samples per second
 * (smoothed) and the time left. Worth showing only when an epoch lasts longer than {@value #SHOW_SECONDS} s;
 * shorter epochs flash by and the epoch counter says enough.
 */
public final class EpochProgress {
    static final double SHOW_SECONDS = 0.3;
    /** Rates are measured over at least this long, so a display updated every frame does not flicker. */
    private static final long WINDOW_NANOS = 250_000_000L;

    private long lastSamples;
    private long windowNanos = -1;
    private long windowSamples;
    private double perSecond;
    private double fraction;
    private int epochSize;
    private boolean running;
    private boolean midEpoch;

    /**
     * Takes the state of one snapshot.
     *
     * @param nanos       when it was shown ({@link System#nanoTime()})
     * @param stepInEpoch steps of the current epoch taken
     * @param stepSize    samples per step (the last step of an epoch may take fewer)
     * @param epochSize   training samples per epoch
     */
    public void update(long nanos, long epoch, int stepInEpoch, int stepSize, int epochSize, boolean running) {
        long inEpoch = Math.min((long) stepInEpoch * stepSize, epochSize);
        long samples = epoch * epochSize + inEpoch;
        if (epochSize != this.epochSize || samples < lastSamples || (running && !this.running)) {
            // Another network, a step back in time, or training just started: measure afresh.
            perSecond = 0;
            windowNanos = -1;
        }
        this.epochSize = epochSize;
        this.running = running;
        this.midEpoch = stepInEpoch > 0;
        fraction = epochSize == 0 ? 0 : (double) inEpoch / epochSize;
        if (running) {
            if (windowNanos < 0) {
                windowNanos = nanos;
                windowSamples = samples;
            } else if (nanos - windowNanos >= WINDOW_NANOS) {
                double current = (samples - windowSamples) / ((nanos - windowNanos) / 1e9);
                perSecond = perSecond == 0 ? current : 0.6 * perSecond + 0.4 * current;
                windowNanos = nanos;
                windowSamples = samples;
            }
        }
        lastSamples = samples;
    }

    /** Fraction of the current epoch's samples done, in [0, 1). */
    public double fraction() {
        return fraction;
    }

    /** Samples per second while running; 0 until measured. */
    public double samplesPerSecond() {
        return perSecond;
    }

    /** Seconds until the current epoch ends at the measured rate; NaN until measured. */
    public double secondsRemaining() {
        return perSecond > 0 ? (1 - fraction) * epochSize / perSecond : Double.NaN;
    }

    /** Seconds a whole epoch takes at the measured rate; NaN until measured. */
    public double secondsPerEpoch() {
        return perSecond > 0 ? epochSize / perSecond : Double.NaN;
    }

    /** Shown while epochs are long: running with more than 0.3 s per epoch, or paused part way through one. */
    public boolean worthShowing() {
        double seconds = secondsPerEpoch();
        return seconds > SHOW_SECONDS && (running || midEpoch);
    }

    public boolean running() {
        return running;
    }
}
