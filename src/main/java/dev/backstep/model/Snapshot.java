package dev.backstep.model;

import dev.backstep.engine.Dataset;
import dev.backstep.engine.Network;
import dev.backstep.engine.OptimizerSettings;
import dev.backstep.engine.TrainingSettings;
import dev.backstep.engine.Workspace;
import dev.backstep.io.NetworkDefinition;
import dev.backstep.trace.Notation;
import dev.backstep.trace.StepTrace;
import dev.backstep.trace.Term;

/**
 * Everything the views show, at one moment, as the training thread saw it. Immutable once published: the FX thread
 * draws it without locks while training goes on. Copies are made by the training thread before publishing.
 *
 * @param version        increases with every snapshot
 * @param definition     the open network file (name, labels, data specification, published values)
 * @param network        a copy of the current parameters, with the gradients and updates of the last step
 * @param units          z, a, ∂E/∂a, ∂a/∂z and δ per layer for the rows of {@code unitSamples}: the step about to
 *                       be taken when paused (computed without updating), the last step while running
 * @param unitSamples    the data-set index of each row of {@code units}
 * @param trainLoss      loss per completed epoch; read only below {@code trainLossCount}
 * @param testLoss       test loss per completed epoch, or empty without a test set
 * @param trace          the step being revealed term by term, or null; while a past moment is shown, that
 *                       moment's step revealed up to its loss
 * @param tracePosition  terms revealed of {@code trace}
 * @param traceApplied   true when the trace's step has been applied to the network
 * @param message        why training stopped (divergence) or what the last command reported; empty otherwise
 * @param epochsPerSecond measured while running
 * @param speed          the chosen speed in epochs per second, or infinity for as fast as possible
 * @param dirty          the network or its data changed since it was opened or saved
 * @param history        the moments that can be gone back to, which one is shown, and per-layer gradient norms
 */
public record Snapshot(long version, NetworkDefinition definition, Network network, Dataset trainingData,
                       Dataset testData, Workspace units, int[] unitSamples, long epoch, int stepInEpoch,
                       int stepsPerEpoch, LossLog trainLoss, int trainLossCount, LossLog testLoss,
                       int testLossCount, StepTrace trace, int tracePosition, boolean traceApplied, RunState state,
                       String message, double epochsPerSecond, double speed, OptimizerSettings optimizer,
                       TrainingSettings training, Notation notation, boolean dirty, boolean canStepBack,
                       History history) {
    /**
     * Going back in time: the epochs of the kept moments (oldest first), the index of the moment shown instead of
     * the present (−1 for the present), ‖∂E/∂W‖ per layer per epoch (read below {@code trainLossCount}), and after
     * a divergence the last epoch that ended finite, where recovery goes back to (−1 otherwise).
     */
    public record History(long[] moments, int viewing, LossLog[] gradientNorms, long lastFiniteEpoch) {
        public static final History NONE = new History(new long[0], -1, new LossLog[0]);

        /** A history without a divergence. */
        public History(long[] moments, int viewing, LossLog[] gradientNorms) {
            this(moments, viewing, gradientNorms, -1);
        }

        public boolean viewingPast() {
            return viewing >= 0;
        }
    }

    /** A snapshot without history (views under test that do not need it). */
    public Snapshot(long version, NetworkDefinition definition, Network network, Dataset trainingData,
                    Dataset testData, Workspace units, int[] unitSamples, long epoch, int stepInEpoch,
                    int stepsPerEpoch, LossLog trainLoss, int trainLossCount, LossLog testLoss, int testLossCount,
                    StepTrace trace, int tracePosition, boolean traceApplied, RunState state, String message,
                    double epochsPerSecond, double speed, OptimizerSettings optimizer, TrainingSettings training,
                    Notation notation, boolean dirty, boolean canStepBack) {
        this(version, definition, network, trainingData, testData, units, unitSamples, epoch, stepInEpoch,
                stepsPerEpoch, trainLoss, trainLossCount, testLoss, testLossCount, trace, tracePosition,
                traceApplied, state, message, epochsPerSecond, speed, optimizer, training, notation, dirty,
                canStepBack, History.NONE);
    }

    /** The last revealed term of the trace, or null. */
    public Term currentTerm() {
        return trace == null || tracePosition == 0 ? null : trace.term(tracePosition - 1);
    }

    /** True when a trace is being revealed and its step has not been applied yet. */
    public boolean midStep() {
        return trace != null && tracePosition > 0 && !traceApplied;
    }

    public boolean running() {
        return state == RunState.RUNNING;
    }

    /** The loss of the last completed epoch, or NaN before the first. */
    public double lastLoss() {
        return trainLossCount == 0 ? Double.NaN : trainLoss.get(trainLossCount - 1);
    }
}
