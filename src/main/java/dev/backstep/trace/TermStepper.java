package dev.backstep.trace;

import dev.backstep.engine.Trainer;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Steps a trainer one chain-rule term at a time, and back. While a step is in progress the network is unchanged and
 * the trace reveals its terms; revealing the last term applies the step. Applying always goes through
 * {@link Trainer#step()}, so a network reaches bit-for-bit the same parameters however it was stepped.
 *
 * <p>Going back is exact: every change to the trainer first saves a checkpoint, and stepping back restores it.
 * Not thread-safe: call from the thread that owns the trainer.
 */
public final class TermStepper {
    /** Checkpoints are dropped oldest first beyond this many bytes of parameters and optimizer state. */
    static final long HISTORY_BYTES = 256L << 20;

    private final Trainer trainer;
    private final NetworkLabels labels;
    private Notation notation;
    private StepTrace trace;
    private int position;
    private boolean applied;
    /** True while the trace is a look at one sample (see {@link #look}): revealing its last term applies nothing. */
    private boolean look;
    private final Deque<Memento> history = new ArrayDeque<>();
    private final int historyLimit;

    /** The stepper's whole state before a change to the trainer. */
    private record Memento(Trainer.Checkpoint checkpoint, StepTrace trace, int position, boolean applied,
                           boolean termStep) {
    }

    public TermStepper(Trainer trainer, NetworkLabels labels, Notation notation) {
        this.trainer = trainer;
        this.labels = labels;
        this.notation = notation;
        long bytesPerCheckpoint = Math.max(1, 8L * 6 * trainer.network().parameterCount());
        this.historyLimit = (int) Math.max(16, Math.min(100_000, HISTORY_BYTES / bytesPerCheckpoint));
    }

    public Trainer trainer() {
        return trainer;
    }

    public Notation notation() {
        return notation;
    }

    /** Writes the same trace in another notation; the position is kept. */
    public void setNotation(Notation value) {
        notation = value;
        if (trace != null) {
            trace = trace.withNotation(value);
        }
    }

    /** The step being revealed (or just applied), or null before the first term of a step. */
    public StepTrace trace() {
        return trace;
    }

    /** The trace of the step the trainer takes next, building it if no step is in progress. */
    public StepTrace upcoming() {
        if (trace == null || applied) {
            return StepTrace.ofNextStep(trainer, labels, notation);
        }
        return trace;
    }

    /** Terms revealed of the current trace (0 to its size). */
    public int position() {
        return position;
    }

    /** The last revealed term, or null. */
    public Term current() {
        return trace == null || position == 0 ? null : trace.term(position - 1);
    }

    /** True once the current trace's last term has been revealed and its step applied. */
    public boolean isApplied() {
        return applied;
    }

    public boolean canStepBack() {
        return (trace != null && position > 0) || !history.isEmpty();
    }

    /**
     * Shows the terms of a step on one training sample alone, on the current parameters, without taking it: its
     * forward pass, loss, backward pass and the update it would make. A step in progress is finished first.
     * Revealing the look's last term changes nothing; the next step after it is the trainer's own again. The first
     * term is revealed at once.
     */
    public void look(int sample) {
        if (trace != null && !applied && position > 0) {
            apply();
        }
        int[] samples = {sample};
        trace = StepTrace.of(trainer.network(), trainer.optimizer(), trainer.trainingData().select(samples), samples,
                labels, notation);
        position = Math.min(1, trace.size() - 1);
        applied = false;
        look = true;
    }

    /** True while the trace is a look at one sample rather than the trainer's next step. */
    public boolean isLook() {
        return look;
    }

    /** Reveals the next term; revealing a step's last term applies the step. */
    public void next() {
        beginIfNeeded();
        if (position == trace.size() - 1) {
            apply();
        } else {
            position++;
        }
    }

    /** Goes back one term, undoing the step's application when stepping back over its last term. */
    public boolean previous() {
        if (look && applied) {
            applied = false;
            position = trace.size() - 1;
            return true;
        }
        if (trace != null && applied) {
            Memento m = history.peek();
            if (m != null && m.termStep() && trace.sameStep(m.trace())) {
                history.pop();
                restore(m);
                return true;
            }
            trace = null;
            position = 0;
            applied = false;
        }
        if (trace != null && position > 0) {
            position--;
            if (position == 0) {
                trace = null;
                look = false;
            }
            return true;
        }
        Memento m = history.peek();
        if (m == null) {
            return false;
        }
        if (m.termStep()) {
            // Back over a step boundary: show the previous step complete; the trainer is already in that state.
            showApplied(m);
        } else {
            history.pop();
            restore(m);
        }
        return true;
    }

    /** Reveals the rest of the current sample's terms (for a one-sample step: the rest of the step). */
    public void finishSample() {
        beginIfNeeded();
        int end = trace.endOfSampleBlock(position);
        if (end >= trace.size() || trace.sampleCount() == 1) {
            apply();
        } else {
            position = end;
        }
    }

    /** Reveals every remaining term of the step and applies it. */
    public void finishStep() {
        beginIfNeeded();
        apply();
    }

    /** Finishes the step in progress, then the rest of the epoch on the fast path. */
    public void finishEpoch() {
        if (prepareEpochFinish()) {
            trainer.finishEpoch();
        }
    }

    /**
     * The first half of {@link #finishEpoch}, for a caller that steps the trainer to the epoch's end itself (in
     * slices, so that a long epoch can be paused): finishes the step in progress and keeps the state to step back
     * to. Returns false when that step already ended the epoch.
     */
    public boolean prepareEpochFinish() {
        if (trace != null && !applied) {
            apply();
            if (trainer.stepInEpoch() == 0) {
                return false;
            }
        }
        remember(false);
        trace = null;
        position = 0;
        applied = false;
        look = false;
        return true;
    }

    /** Runs {@code steps} whole steps on the fast path (after finishing the step in progress), undoable as one. */
    public void runSteps(long steps) {
        if (trace != null && !applied) {
            apply();
        }
        remember(false);
        trace = null;
        position = 0;
        applied = false;
        for (long i = 0; i < steps; i++) {
            trainer.step();
        }
    }

    /** Forgets the trace and the history, after the trainer changed behind the stepper's back. */
    public void reset() {
        trace = null;
        position = 0;
        applied = false;
        look = false;
        history.clear();
    }

    private void beginIfNeeded() {
        if (trace == null || applied) {
            trace = StepTrace.ofNextStep(trainer, labels, notation);
            position = 0;
            applied = false;
            look = false;
        }
    }

    private void apply() {
        if (look) {
            position = trace.size();
            applied = true;
            return;
        }
        position = trace.size() - 1;
        remember(true);
        trainer.step();
        position = trace.size();
        applied = true;
    }

    private void remember(boolean termStep) {
        // A look is never returned to: it describes no step the trainer took.
        history.push(look ? new Memento(trainer.checkpoint(), null, 0, false, termStep)
                : new Memento(trainer.checkpoint(), trace, position, applied, termStep));
        while (history.size() > historyLimit) {
            history.removeLast();
        }
    }

    /** Shows the step of a term-step checkpoint as applied; the trainer must already be in its after-state. */
    private void showApplied(Memento m) {
        look = false;
        trace = m.trace().withNotation(notation);
        position = trace.size();
        applied = true;
    }

    private void restore(Memento m) {
        look = false;
        trainer.restore(m.checkpoint());
        trace = m.trace() == null ? null : m.trace().withNotation(notation);
        position = m.position();
        applied = m.applied();
    }
}
