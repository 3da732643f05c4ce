package dev.backstep.trace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.backstep.engine.Activation;
import dev.backstep.engine.Batching;
import dev.backstep.engine.Loss;
import dev.backstep.engine.OptimizerKind;
import dev.backstep.engine.OptimizerSettings;
import dev.backstep.engine.Reduction;
import dev.backstep.engine.Trainer;
import dev.backstep.io.NetworkDefinition;
import dev.backstep.io.SampleNetworks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

/**
 * Stepping a trainer term by term and back. The whole observable state (parameters and optimizer state bit for bit,
 * epoch, step in epoch, the loss history, the revealed term and the position) is recorded after every action; going
 * back must reproduce every recorded state, and going forward again must reproduce the later ones.
 */
class TermStepperTest {
    /** Everything a user (or a view) can observe of a stepper and its trainer. */
    record State(double[][] parameters, double[][] optimizerState, long optimizerSteps, long epoch, int stepInEpoch,
                 double[] trainLoss, String currentKey, long currentValueBits, String currentText, int position,
                 boolean applied) {
        static State of(TermStepper stepper) {
            Trainer t = stepper.trainer();
            int count = t.network().parameters().size();
            double[][] state = new double[2 * count][];
            for (int p = 0; p < count; p++) {
                state[2 * p] = t.optimizer().firstState(p).clone();
                state[2 * p + 1] = t.optimizer().secondState(p).clone();
            }
            Term current = stepper.current();
            return new State(TraceTestSupport.snapshot(t.network()), state, t.optimizer().steps(), t.epoch(),
                    t.stepInEpoch(), t.trainLoss().toArray(), current == null ? null : current.key(),
                    current == null ? 0 : Double.doubleToRawLongBits(current.value()),
                    current == null ? null : current.textLine(), stepper.position(), stepper.isApplied());
        }

        boolean same(State o) {
            return Arrays.deepEquals(parameters, o.parameters) && Arrays.deepEquals(optimizerState, o.optimizerState)
                    && optimizerSteps == o.optimizerSteps && epoch == o.epoch && stepInEpoch == o.stepInEpoch
                    && Arrays.equals(trainLoss, o.trainLoss) && java.util.Objects.equals(currentKey, o.currentKey)
                    && currentValueBits == o.currentValueBits && java.util.Objects.equals(currentText, o.currentText)
                    && position == o.position && applied == o.applied;
        }

        @Override
        public String toString() {
            return "epoch " + epoch + " step " + stepInEpoch + " position " + position + (applied ? " applied" : "")
                    + " current " + currentKey + " = " + Double.longBitsToDouble(currentValueBits) + " losses "
                    + Arrays.toString(trainLoss);
        }
    }

    private static void assertSame(State expected, State actual, String what) {
        if (!expected.same(actual)) {
            fail(what + ": expected " + expected + " but was " + actual);
        }
    }

    /** A small network with a stateful optimizer, two mini-batches per epoch, reshuffled every epoch. */
    private static TraceTestSupport.Spec spec() {
        return new TraceTestSupport.Spec(new int[] {2, 3, 2}, Activation.TANH, Activation.SIGMOID, true,
                Loss.HALF_SQUARED_ERROR, Reduction.MEAN, 4, Batching.of(2), true,
                OptimizerSettings.defaults(OptimizerKind.ADAM).withLearningRate(0.05), 5);
    }

    private static TermStepper stepper(Trainer trainer, Notation notation) {
        return new TermStepper(trainer, NetworkLabels.defaults(trainer.network()), notation);
    }

    /**
     * Term by term across two step boundaries and an epoch boundary, then back: every state comes back bit for bit, in
     * reverse order. Going back over a step's first term passes through that step's start (nothing of it revealed,
     * the trainer as the previous step left it) before the previous step is shown complete again: one term back from
     * "1 revealed" is "0 revealed".
     */
    @Test
    void termByTermBackAndForthIsExact() {
        TermStepper stepper = stepper(TraceTestSupport.trainer(spec()), Notation.Z_A);
        List<State> states = new ArrayList<>();
        states.add(State.of(stepper));
        assertFalse(stepper.canStepBack());
        int termsPerStep = stepper.upcoming().size();
        // three steps and a bit: across two step boundaries and one epoch boundary (two steps per epoch)
        int actions = 3 * termsPerStep + 5;
        for (int k = 0; k < actions; k++) {
            stepper.next();
            states.add(State.of(stepper));
        }
        assertEquals(1, stepper.trainer().epoch(), "crossed an epoch boundary");
        int boundaries = 0;
        for (int k = states.size() - 2; k >= 0; k--) {
            assertTrue(stepper.previous(), "previous() back to state " + k);
            State later = states.get(k + 1);
            if (later.position() == 1 && states.get(k).applied()) {
                // the start of the later step: nothing revealed, the earlier step's parameters
                State start = State.of(stepper);
                assertEquals(0, start.position());
                assertNull(start.currentKey());
                assertFalse(start.applied());
                assertTrue(Arrays.deepEquals(states.get(k).parameters(), start.parameters()));
                assertTrue(Arrays.deepEquals(states.get(k).optimizerState(), start.optimizerState()));
                assertTrue(stepper.previous());
                boundaries++;
            }
            assertSame(states.get(k), State.of(stepper), "back to state " + k);
        }
        assertEquals(3, boundaries);
        assertFalse(stepper.previous(), "nothing before the start");
        assertFalse(stepper.canStepBack());
        for (int k = 1; k < states.size(); k++) {
            stepper.next();
            assertSame(states.get(k), State.of(stepper), "forward again to state " + k);
        }
    }

    /** From a step's start (nothing revealed), next() reveals its first term; previous() shows the last step again. */
    @Test
    void aStepBoundaryBackAndForth() {
        TermStepper stepper = stepper(TraceTestSupport.trainer(spec()), Notation.Z_A);
        stepper.finishStep();
        State applied = State.of(stepper);
        assertTrue(stepper.isApplied());
        StepTrace first = stepper.trace();
        assertEquals(first.size(), stepper.position());
        assertEquals(first.term(first.size() - 1).key(), stepper.current().key());
        stepper.next();
        assertEquals(1, stepper.position());
        assertFalse(stepper.trace().sameStep(first));
        State second = State.of(stepper);
        stepper.previous();
        assertEquals(0, stepper.position(), "the second step's start");
        assertNull(stepper.current());
        stepper.next();
        assertSame(second, State.of(stepper), "forward from the start again");
        stepper.previous();
        stepper.previous();
        assertSame(applied, State.of(stepper), "back over the boundary");
        stepper.previous();
        assertEquals(first.size() - 1, stepper.position());
        assertFalse(stepper.isApplied());
        assertEquals(0, stepper.trainer().optimizer().steps(), "the step is undone");
    }

    /** A fixed script of every kind of action. */
    private static final List<Consumer<TermStepper>> SCRIPT = List.of(
            TermStepper::next, TermStepper::next, TermStepper::finishSample, TermStepper::next,
            TermStepper::finishSample, TermStepper::next, TermStepper::finishStep, TermStepper::next,
            TermStepper::next, TermStepper::finishEpoch, TermStepper::next, TermStepper::finishSample,
            TermStepper::finishSample, s -> s.runSteps(3), TermStepper::finishEpoch, TermStepper::next,
            TermStepper::finishStep, TermStepper::finishStep, s -> s.runSteps(1), TermStepper::next,
            TermStepper::finishEpoch, TermStepper::finishEpoch, TermStepper::next, TermStepper::next);

    @Test
    void everyActionIsUndoneExactly() {
        TermStepper stepper = stepper(TraceTestSupport.trainer(spec()), Notation.Z_A);
        List<State> recorded = new ArrayList<>();
        recorded.add(State.of(stepper));
        for (Consumer<TermStepper> action : SCRIPT) {
            action.accept(stepper);
            recorded.add(State.of(stepper));
        }
        assertTrue(stepper.trainer().epoch() >= 4, "the script crosses several epochs");
        // going back term by term passes through every recorded state, in reverse order
        List<State> visited = new ArrayList<>();
        visited.add(State.of(stepper));
        int guard = 0;
        while (stepper.previous()) {
            visited.add(State.of(stepper));
            assertTrue(++guard < 10_000, "previous() never ends");
        }
        int v = 0;
        for (int k = recorded.size() - 1; k >= 0; k--) {
            while (v < visited.size() && !visited.get(v).same(recorded.get(k))) {
                v++;
            }
            assertTrue(v < visited.size(), "state " + k + " (" + recorded.get(k) + ") not reproduced going back");
            v++; // the next earlier state must come later on the way back
        }
        assertSame(recorded.get(0), State.of(stepper), "back at the start");
        // forward again: the same actions give bit for bit the same states
        for (int k = 0; k < SCRIPT.size(); k++) {
            SCRIPT.get(k).accept(stepper);
            assertSame(recorded.get(k + 1), State.of(stepper), "redo action " + k);
        }
    }

    /** Going back from a fast-path action (runSteps, finishEpoch) is one previous(). */
    @Test
    void fastPathActionsUndoAsOne() {
        TermStepper stepper = stepper(TraceTestSupport.trainer(spec()), Notation.Z_A);
        stepper.finishStep();
        State before = State.of(stepper);
        stepper.runSteps(5);
        assertEquals(6, stepper.trainer().optimizer().steps());
        assertTrue(stepper.previous());
        assertSame(before, State.of(stepper), "runSteps undone in one");
        stepper.finishEpoch();
        assertEquals(0, stepper.trainer().stepInEpoch());
        assertTrue(stepper.previous());
        assertSame(before, State.of(stepper), "finishEpoch undone in one");
        // from a step boundary (nothing revealed): one previous() too
        stepper.runSteps(2);
        State boundary = State.of(stepper);
        assertNull(stepper.current());
        stepper.finishEpoch();
        assertTrue(stepper.previous());
        assertSame(boundary, State.of(stepper), "finishEpoch from a boundary undone in one");
    }

    @Test
    void finishSampleWalksTheBatchSampleBySample() {
        TermStepper stepper = stepper(TraceTestSupport.trainer(spec()), Notation.Z_A);
        StepTrace trace = stepper.upcoming();
        assertEquals(2, trace.sampleCount());
        stepper.finishSample();
        int first = stepper.position();
        assertEquals(trace.samples()[0], stepper.current().sample(), "the first sample's block is revealed");
        assertEquals(trace.samples()[1], trace.term(first).sample(), "the next term is the second sample's");
        stepper.finishSample();
        int second = stepper.position();
        assertTrue(second > first);
        assertEquals(trace.samples()[1], stepper.current().sample());
        assertEquals(-1, trace.term(second).sample(), "the batch part follows");
        stepper.finishSample();
        assertTrue(stepper.isApplied(), "past the last sample, the step is finished");
        assertEquals(1, stepper.trainer().optimizer().steps());
    }

    /** For a one-sample step the sample is the step: finishSample finishes it, as its documentation says. */
    @Test
    void finishSampleOnAOneSampleStepFinishesTheStep() throws Exception {
        NetworkDefinition d = SampleNetworks.load("slides-035-07");
        TermStepper stepper = new TermStepper(d.newTrainer(), d.labels(), Notation.SLIDES);
        stepper.next();
        stepper.finishSample();
        assertTrue(stepper.isApplied());
        assertEquals(stepper.trace().size(), stepper.position());
        assertEquals(1, stepper.trainer().epoch());
    }

    @Test
    void setNotationKeepsThePositionAndTheNumbers() throws Exception {
        NetworkDefinition d = SampleNetworks.load("slides-035-07");
        TermStepper stepper = new TermStepper(d.newTrainer(), d.labels(), Notation.SLIDES);
        int size = stepper.upcoming().size();
        int deltaIndex = stepper.upcoming().indexOf("delta(o1)");
        for (int k = 0; k <= deltaIndex; k++) {
            stepper.next();
        }
        Term slides = stepper.current();
        assertEquals("delta(o1)", slides.key());
        double[][] parameters = TraceTestSupport.snapshot(stepper.trainer().network());
        stepper.setNotation(Notation.Z_A);
        Term za = stepper.current();
        assertEquals(deltaIndex + 1, stepper.position(), "position kept");
        assertEquals("delta(o1)", za.key());
        assertEquals(-slides.value(), za.value(), 0.0, "the slides write δ = −∂E/∂z");
        assertEquals("δ⁽²⁾₁", za.symbol().text());
        assertEquals("δ₅", slides.symbol().text());
        assertTrue(Arrays.deepEquals(parameters, TraceTestSupport.snapshot(stepper.trainer().network())));
        stepper.previous();
        assertEquals("dadz(o1)", stepper.current().key());
        assertEquals(Notation.Z_A, stepper.trace().notation());
        stepper.setNotation(Notation.NET_OUT);
        assertEquals(stepper.current().value(), stepper.trace().term(deltaIndex - 1).value(), 0.0);
        assertEquals("∂out_o1/∂net_o1", stepper.current().symbol().text());
        // values that are not deltas or ∂E/∂a are the same in every notation
        for (int k = stepper.position(); k < size - 1; k++) {
            stepper.next();
        }
        stepper.next(); // applies the step
        Term lastNetOut = stepper.current();
        stepper.setNotation(Notation.SLIDES);
        assertEquals(lastNetOut.value(), stepper.current().value(), 0.0);
        assertEquals(lastNetOut.key(), stepper.current().key());
        // across a step boundary and back, the notation in force is kept
        stepper.next();
        stepper.setNotation(Notation.Z_A);
        stepper.previous(); // the second step's start
        assertNull(stepper.current());
        stepper.previous(); // the first step, complete
        assertNotNull(stepper.current());
        assertEquals(Notation.Z_A, stepper.trace().notation(), "the previous step is shown in the notation in force");
        assertEquals("w(h2->o1)", stepper.current().key());
        assertEquals("w₂₃′", stepper.current().symbol().text(), "the file's weight name, primed as z-a primes");
        stepper.previous();
        assertEquals(Notation.Z_A, stepper.trace().notation(), "an undone step is shown in the notation in force");
    }

    /** Revealing every term of an epoch ends bit for bit where the fast path ends. */
    @Test
    void termsThroughAWholeEpochEndWhereFinishEpochEnds() {
        Trainer twin = TraceTestSupport.trainer(spec());
        twin.finishEpoch();
        twin.finishEpoch();
        TermStepper stepper = stepper(TraceTestSupport.trainer(spec()), Notation.SLIDES);
        int guard = 0;
        while (stepper.trainer().epoch() < 2) {
            stepper.next();
            assertTrue(++guard < 100_000);
        }
        assertTrue(twin.network().sameParameters(stepper.trainer().network()), "same parameters, bit for bit");
        assertArrayEquals(twin.trainLoss().toArray(), stepper.trainer().trainLoss().toArray());
        assertEquals(twin.optimizer().steps(), stepper.trainer().optimizer().steps());
        for (int p = 0; p < twin.network().parameters().size(); p++) {
            assertArrayEquals(twin.optimizer().firstState(p), stepper.trainer().optimizer().firstState(p));
            assertArrayEquals(twin.optimizer().secondState(p), stepper.trainer().optimizer().secondState(p));
        }
        assertArrayEquals(twin.nextSamples(), stepper.trainer().nextSamples(), "same shuffle for the next epoch");
    }

    @Test
    void theRevealedTermsAreTheTracesTerms() {
        TermStepper stepper = stepper(TraceTestSupport.trainer(spec()), Notation.NET_OUT);
        StepTrace upcoming = stepper.upcoming();
        assertNull(stepper.current());
        assertNull(stepper.trace());
        for (int k = 0; k < upcoming.size(); k++) {
            stepper.next();
            assertEquals(upcoming.term(k).key(), stepper.current().key());
            assertEquals(upcoming.term(k).value(), stepper.current().value(), 0.0);
            assertEquals(k < upcoming.size() - 1 ? 0 : 1, stepper.trainer().optimizer().steps(),
                    "the step is applied with its last term");
        }
    }
}
