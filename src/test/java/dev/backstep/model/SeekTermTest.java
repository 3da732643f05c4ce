package dev.backstep.model;

import dev.backstep.io.SampleNetworks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Seeking a term by its key, as the errata panel does: within the step on screen (even one just applied), into the
 * step after it with a {@code next.} prefix, and never moving on an unknown key. Values are checked against the
 * slides example worked out here by hand.
 */
class SeekTermTest {
    private SessionWorker worker;

    @AfterEach
    void close() {
        if (worker != null) {
            worker.close();
        }
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    @Test
    void aTermOfTheStepOnScreenIsFoundThereEvenAfterTheStepWasApplied() throws Exception {
        worker = new SessionWorker(SampleNetworks.load("slides-035-07"));
        worker.stepStep();
        Snapshot applied = worker.await();
        assertTrue(applied.traceApplied());
        assertEquals(1, applied.epoch());
        worker.seekTerm("z(h2)");
        Snapshot back = worker.await();
        assertEquals("z(h2)", back.currentTerm().key());
        assertFalse(back.traceApplied(), "going back over the application undid it");
        assertEquals(0, back.epoch());
        assertEquals(0.3 * 0.35 + 0.3 * 0.7, back.currentTerm().value(), 1e-15);
    }

    @Test
    void aNextTermIsRevealedInTheStepAfterTheOneOnScreen() throws Exception {
        worker = new SessionWorker(SampleNetworks.load("slides-035-07"));
        worker.seekTerm("delta(o1)");
        worker.seekTerm("next.a(h1)");
        Snapshot s = worker.await();
        assertEquals("a(h1)", s.currentTerm().key());
        assertEquals(1, s.epoch(), "the first step was completed");
        // a(h1) after the update, in the slides' signs (Δw = +η δ O, δ = y(1 − y)·Σ w δ), by hand:
        double y3 = sigmoid(0.2 * 0.35 + 0.2 * 0.7);
        double y4 = sigmoid(0.3 * 0.35 + 0.3 * 0.7);
        double y5 = sigmoid(0.3 * y3 + 0.9 * y4);
        double d5 = y5 * (1 - y5) * (0.5 - y5);
        double d3 = y3 * (1 - y3) * 0.3 * d5;
        double w11 = 0.2 + d3 * 0.35;
        double w21 = 0.2 + d3 * 0.7;
        double expected = sigmoid(w11 * 0.35 + w21 * 0.7);
        assertEquals(expected, s.currentTerm().value(), 1e-12 * expected);
    }

    @Test
    void anUnknownNextTermMovesNothing() throws Exception {
        worker = new SessionWorker(SampleNetworks.load("slides-035-07"));
        worker.seekTerm("delta(h1)");
        worker.seekTerm("next.no-such(term)");
        Snapshot s = worker.await();
        assertEquals("delta(h1)", s.currentTerm().key());
        assertEquals(0, s.epoch());
        assertTrue(s.message().contains("no term"), s.message());
    }
}
