package dev.backstep.model.race;

import dev.backstep.engine.OptimizerSettings;
import dev.backstep.model.LossLog;

import java.util.List;

/**
 * Where every racer of an {@link OptimizerRace} stands at one moment, as the race thread saw it. Immutable once
 * published: the FX thread reads it without locks while the race goes on.
 *
 * @param version increases with every publication
 * @param target  the epochs each racer runs before the race is over
 * @param running true while the race thread is stepping
 */
public record RaceStandings(long version, List<Racer> racers, long target, boolean running) {
    public RaceStandings {
        racers = List.copyOf(racers);
    }

    /**
     * One optimizer's progress.
     *
     * @param loss     the training loss per completed epoch; read only below {@code epochs}
     * @param epochs   completed epochs
     * @param bestLoss the smallest finite loss so far, or NaN
     * @param diverged why this racer stopped early (a non-finite loss or parameter), or null
     */
    public record Racer(OptimizerSettings settings, LossLog loss, int epochs, double bestLoss, String diverged) {
        /** The loss of the last completed epoch, or NaN before the first. */
        public double finalLoss() {
            return epochs == 0 ? Double.NaN : loss.get(epochs - 1);
        }
    }

    /** True when every racer has run its epochs or diverged. */
    public boolean finished() {
        for (Racer r : racers) {
            if (r.diverged() == null && r.epochs() < target) {
                return false;
            }
        }
        return true;
    }
}
