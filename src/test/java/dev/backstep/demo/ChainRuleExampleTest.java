package dev.backstep.demo;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The chain-rule demo against the closed form and against finite differences of f. */
class ChainRuleExampleTest {
    private static void close(double expected, double actual, String what) {
        assertEquals(expected, actual, 1e-12 * Math.max(1, Math.abs(expected)), what);
    }

    @Test
    void theSlidesExampleAtTwoGives125And300() {
        ChainRuleExample e = ChainRuleExample.at(2);
        assertEquals(5, e.u());
        assertEquals(4, e.duDx());
        assertEquals(125, e.f());
        assertEquals(75, e.dfDu());
        assertEquals(300, e.dfDx(), "the slide prints f'(2) = 300");
    }

    @Test
    void everyTermMatchesTheClosedForm() {
        for (double x : new double[] {-3.5, -1, -0.25, 0, 0.3, 1.7, 10}) {
            ChainRuleExample e = ChainRuleExample.at(x);
            double inner = x * x + 1;
            close(inner, e.u(), "u at " + x);
            close(Math.pow(inner, 3), e.f(), "f at " + x);
            close(6 * x * inner * inner, e.dfDx(), "df/dx = 6x(x²+1)² at " + x);
            close(e.dfDu() * e.duDx(), e.dfDx(), "the product of the two derivatives at " + x);
        }
    }

    @Test
    void theDerivativeAgreesWithAFivePointFiniteDifference() {
        double h = 1e-4;
        for (double x : new double[] {-2, -0.7, 0.4, 1.3}) {
            double numeric = (8 * (f(x + h) - f(x - h)) - (f(x + 2 * h) - f(x - 2 * h))) / (12 * h);
            double analytic = ChainRuleExample.at(x).dfDx();
            assertEquals(numeric, analytic, 1e-8 * Math.max(1, Math.abs(analytic)), "at " + x);
        }
    }

    private static double f(double x) {
        return Math.pow(x * x + 1, 3);
    }
}
