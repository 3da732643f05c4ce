package dev.backstep.demo;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The gradient-descent demo against the closed form x_k = (1 − 2η)^k x₀. */
class GradientDescentExampleTest {
    @Test
    void iteratesFollowTheClosedForm() {
        for (double rate : new double[] {0.05, 0.1, 0.45, 0.5, 0.9, 1.0, 1.1}) {
            GradientDescentExample walk = GradientDescentExample.start(10, rate).steps(30);
            for (int k = 0; k <= 30; k++) {
                double expected = Math.pow(1 - 2 * rate, k) * 10;
                assertEquals(expected, walk.iterates()[k], 1e-12 * Math.max(1, Math.abs(expected)),
                        "x_" + k + " at η = " + rate);
            }
        }
    }

    @Test
    void theSlidesRunEndsNextToTheMinimum() {
        // The slide's own loop: start 10, η = 0.1, 100 iterations, i.e. 10·0.8¹⁰⁰.
        GradientDescentExample walk = GradientDescentExample.start(10, 0.1).steps(100);
        assertEquals(10 * Math.pow(0.8, 100), walk.current(), 1e-12 * 10 * Math.pow(0.8, 100));
        assertEquals(5, GradientDescentExample.f(walk.current()), 1e-12);
    }

    @Test
    void aRateAboveOneDivergesAndBelowOneConverges() {
        assertEquals(GradientDescentExample.Behaviour.CONVERGES, GradientDescentExample.start(1, 0.3).behaviour());
        assertEquals(GradientDescentExample.Behaviour.OSCILLATES, GradientDescentExample.start(1, 1).behaviour());
        GradientDescentExample diverging = GradientDescentExample.start(1, 1.05);
        assertEquals(GradientDescentExample.Behaviour.DIVERGES, diverging.behaviour());
        GradientDescentExample walk = diverging.steps(20);
        assertTrue(Math.abs(walk.current()) > Math.abs(walk.start()) * 5, "|x| grows: " + walk.current());
        assertTrue(walk.iterates()[1] < 0 && walk.iterates()[2] > 0, "and alternates in sign");
    }

    @Test
    void aWalkStopsAtItsLimitAndRejectsANonPositiveRate() {
        GradientDescentExample walk = GradientDescentExample.start(3, 0.2).steps(GradientDescentExample.MAX_STEPS + 5);
        assertEquals(GradientDescentExample.MAX_STEPS, walk.steps());
        assertThrows(IllegalArgumentException.class, () -> GradientDescentExample.start(1, 0));
        assertThrows(IllegalArgumentException.class, () -> GradientDescentExample.start(1, Double.NaN));
    }
}
