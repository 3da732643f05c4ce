package dev.backstep.trace;

import static dev.backstep.trace.TraceTestSupport.assertRel;
import static dev.backstep.trace.TraceTestSupport.term;
import static dev.backstep.trace.TraceTestSupport.value;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backstep.engine.Network;
import dev.backstep.io.NetworkDefinition;
import dev.backstep.io.SampleNetworks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.DoubleUnaryOperator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The first training step of the two worked examples, term by term, against a scalar forward and backward pass written
 * here with one named variable per quantity (x1, w11, y3, δ5, …). Also the structure of those traces: every phase, in
 * order; indices that are positions; uses that point back; each term on the right unit, edge or bias.
 */
class WorkedTracesTest {
    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    // ---- slides-035-07: x = (0.35, 0.7), t = 0.5, η = 1, no biases --------------------------------------------------

    /** The worked example's numbers, computed as the slides describe them (their signs: δ = −∂E/∂z). */
    private static final class Slides {
        final double x1 = 0.35;
        final double x2 = 0.7;
        final double t = 0.5;
        final double eta = 1.0;
        // w_{i,j}: from unit i to unit j, units numbered across layers (x1 = 1, x2 = 2, h1 = 3, h2 = 4, o1 = 5)
        final double w13in = 0.2; // x1 -> h1 (the slides' w_{1,1})
        final double w14in = 0.3; // x1 -> h2 (w_{1,2})
        final double w23in = 0.2; // x2 -> h1 (w_{2,1})
        final double w24in = 0.3; // x2 -> h2 (w_{2,2})
        final double w35 = 0.3; // h1 -> o1 (w_{1,3})
        final double w45 = 0.9; // h2 -> o1 (w_{2,3})

        final double a3 = w13in * x1 + w23in * x2;
        final double y3 = sigmoid(a3);
        final double a4 = w14in * x1 + w24in * x2;
        final double y4 = sigmoid(a4);
        final double a5 = w35 * y3 + w45 * y4;
        final double y5 = sigmoid(a5);
        final double error = t - y5;
        final double loss = 0.5 * error * error;
        // the slides' deltas: δ = y(1 − y)(t − y) at the output, y(1 − y) Σ w δ below; δ = −∂E/∂z
        final double delta5 = y5 * (1 - y5) * (t - y5);
        final double delta3 = y3 * (1 - y3) * (w35 * delta5);
        final double delta4 = y4 * (1 - y4) * (w45 * delta5);
        // Δw = +η δ O
        final double dw35 = eta * delta5 * y3;
        final double dw45 = eta * delta5 * y4;
        final double dw13 = eta * delta3 * x1;
        final double dw14 = eta * delta4 * x1;
        final double dw23 = eta * delta3 * x2;
        final double dw24 = eta * delta4 * x2;

        /** E as a function of one weight (for the finite-difference sign check). */
        double lossWith(String which, double value) {
            double a = which.equals("x1->h1") ? value : w13in;
            double b = which.equals("x2->h1") ? value : w23in;
            double c = which.equals("x1->h2") ? value : w14in;
            double d = which.equals("x2->h2") ? value : w24in;
            double e = which.equals("h1->o1") ? value : w35;
            double f = which.equals("h2->o1") ? value : w45;
            double h1 = sigmoid(a * x1 + b * x2);
            double h2 = sigmoid(c * x1 + d * x2);
            double y = sigmoid(e * h1 + f * h2);
            return 0.5 * (t - y) * (t - y);
        }

        double weight(String which) {
            switch (which) {
                case "x1->h1": return w13in;
                case "x2->h1": return w23in;
                case "x1->h2": return w14in;
                case "x2->h2": return w24in;
                case "h1->o1": return w35;
                default: return w45;
            }
        }
    }

    private static NetworkDefinition load(String name) throws Exception {
        return SampleNetworks.load(name);
    }

    private static StepTrace firstStep(NetworkDefinition d, Notation notation) {
        return StepTrace.ofNextStep(d.newTrainer(), d.labels(), notation);
    }

    @Test
    void theSlidesFileHoldsTheSlidesProblem() throws Exception {
        NetworkDefinition d = load("slides-035-07");
        Slides s = new Slides();
        Network n = d.newNetwork();
        assertArrayEquals(new double[] {s.w13in, s.w14in, s.w23in, s.w24in}, n.layer(1).weights().value());
        assertArrayEquals(new double[] {s.w35, s.w45}, n.layer(2).weights().value());
        assertArrayEquals(new double[] {s.x1, s.x2}, d.trainingData().inputs().row(0));
        assertArrayEquals(new double[] {s.t}, d.trainingData().targets().row(0));
        assertEquals(s.eta, d.optimizer().learningRate());
        assertEquals(Notation.SLIDES, d.notation());
    }

    @Test
    void slidesValuesInTheSlidesSigns() throws Exception {
        NetworkDefinition d = load("slides-035-07");
        StepTrace trace = firstStep(d, Notation.SLIDES);
        Slides s = new Slides();
        assertRel(s.a3, value(trace, "z(h1)"), "z(h1) = a_3");
        assertRel(s.y3, value(trace, "a(h1)"), "a(h1) = y_3");
        assertRel(s.a4, value(trace, "z(h2)"), "z(h2) = a_4");
        assertRel(s.y4, value(trace, "a(h2)"), "a(h2) = y_4");
        assertRel(s.a5, value(trace, "z(o1)"), "z(o1) = a_5");
        assertRel(s.y5, value(trace, "a(o1)"), "a(o1) = y_5");
        assertRel(s.error, value(trace, "error(o1)"), "error(o1) = t − y_5");
        assertRel(s.loss, value(trace, "loss"), "loss");
        assertRel(s.loss, trace.loss(), "trace.loss()");
        // −∂E/∂y: the error the slides multiply by y(1 − y)
        assertRel(s.t - s.y5, value(trace, "dEda(o1)"), "dEda(o1) = −∂E/∂y_5");
        assertRel(s.y5 * (1 - s.y5), value(trace, "dadz(o1)"), "dadz(o1)");
        assertRel(s.delta5, value(trace, "delta(o1)"), "delta(o1) = δ_5 = y5(1−y5)(t−y5)");
        assertRel(s.w35 * s.delta5, value(trace, "dEda(h1)"), "dEda(h1) = w_{1,3} δ_5");
        assertRel(s.w45 * s.delta5, value(trace, "dEda(h2)"), "dEda(h2) = w_{2,3} δ_5");
        assertRel(s.y3 * (1 - s.y3), value(trace, "dadz(h1)"), "dadz(h1)");
        assertRel(s.y4 * (1 - s.y4), value(trace, "dadz(h2)"), "dadz(h2)");
        assertRel(s.delta3, value(trace, "delta(h1)"), "delta(h1) = δ_3");
        assertRel(s.delta4, value(trace, "delta(h2)"), "delta(h2) = δ_4");
        // the gradient itself keeps its natural sign: ∂E/∂w = −δ O
        assertRel(-s.delta5 * s.y3, value(trace, "dEdw(h1->o1)"), "dEdw(h1->o1)");
        assertRel(-s.delta5 * s.y4, value(trace, "dEdw(h2->o1)"), "dEdw(h2->o1)");
        assertRel(-s.delta3 * s.x1, value(trace, "dEdw(x1->h1)"), "dEdw(x1->h1)");
        assertRel(-s.delta4 * s.x1, value(trace, "dEdw(x1->h2)"), "dEdw(x1->h2)");
        assertRel(-s.delta3 * s.x2, value(trace, "dEdw(x2->h1)"), "dEdw(x2->h1)");
        assertRel(-s.delta4 * s.x2, value(trace, "dEdw(x2->h2)"), "dEdw(x2->h2)");
        // Δw = +η δ O and the new weights
        assertRel(s.dw35, value(trace, "update(h1->o1)"), "update(h1->o1)");
        assertRel(s.dw45, value(trace, "update(h2->o1)"), "update(h2->o1)");
        assertRel(s.dw13, value(trace, "update(x1->h1)"), "update(x1->h1)");
        assertRel(s.dw14, value(trace, "update(x1->h2)"), "update(x1->h2)");
        assertRel(s.dw23, value(trace, "update(x2->h1)"), "update(x2->h1)");
        assertRel(s.dw24, value(trace, "update(x2->h2)"), "update(x2->h2)");
        assertRel(s.w35 + s.dw35, value(trace, "w(h1->o1)"), "w(h1->o1)");
        assertRel(s.w45 + s.dw45, value(trace, "w(h2->o1)"), "w(h2->o1)");
        assertRel(s.w13in + s.dw13, value(trace, "w(x1->h1)"), "w(x1->h1)");
        assertRel(s.w14in + s.dw14, value(trace, "w(x1->h2)"), "w(x1->h2)");
        assertRel(s.w23in + s.dw23, value(trace, "w(x2->h1)"), "w(x2->h1)");
        assertRel(s.w24in + s.dw24, value(trace, "w(x2->h2)"), "w(x2->h2)");
        // no biases in this network
        assertEquals(-1, trace.indexOf("b(h1)"));
        assertEquals(-1, trace.indexOf("dEdb(h1)"));
        assertEquals(-1, trace.indexOf("update(h1)"));
        // the parameters after the step
        Network after = trace.networkAfter();
        assertRel(s.w13in + s.dw13, after.layer(1).weight(0, 0), "networkAfter x1->h1");
        assertRel(s.w45 + s.dw45, after.layer(2).weight(1, 0), "networkAfter h2->o1");
    }

    /** The slides' signs checked against the definition of the derivative, by central differences. */
    @Test
    void slidesSignsAgreeWithFiniteDifferences() throws Exception {
        NetworkDefinition d = load("slides-035-07");
        StepTrace trace = firstStep(d, Notation.SLIDES);
        Slides s = new Slides();
        for (String edge : List.of("x1->h1", "x2->h1", "x1->h2", "x2->h2", "h1->o1", "h2->o1")) {
            double w = s.weight(edge);
            double h = 1e-6;
            double numeric = (s.lossWith(edge, w + h) - s.lossWith(edge, w - h)) / (2 * h);
            assertRel(numeric, value(trace, "dEdw(" + edge + ")"), 1e-6, "∂E/∂w by central differences, " + edge);
            // Δw = +η δ O = −η ∂E/∂w: the update goes downhill
            assertRel(-s.eta * numeric, value(trace, "update(" + edge + ")"), 1e-6, "Δw downhill, " + edge);
        }
        // δ_5 = −∂E/∂a_5: perturb the output's weighted sum directly
        double h = 1e-6;
        DoubleUnaryOperator lossOfA5 = a5 -> 0.5 * (s.t - sigmoid(a5)) * (s.t - sigmoid(a5));
        double dEda5 = (lossOfA5.applyAsDouble(s.a5 + h) - lossOfA5.applyAsDouble(s.a5 - h)) / (2 * h);
        assertRel(-dEda5, value(trace, "delta(o1)"), 1e-6, "δ_5 = −∂E/∂a_5");
    }

    @Test
    void slidesNetworkInTheZaNotationHasNaturalSigns() throws Exception {
        NetworkDefinition d = load("slides-035-07");
        StepTrace trace = firstStep(d, Notation.Z_A);
        Slides s = new Slides();
        double deltaO = (s.y5 - s.t) * (s.y5 * (1 - s.y5)); // ∂E/∂z of the output
        double deltaH1 = (s.w35 * deltaO) * (s.y3 * (1 - s.y3));
        double deltaH2 = (s.w45 * deltaO) * (s.y4 * (1 - s.y4));
        assertRel(s.a3, value(trace, "z(h1)"), "z(h1)");
        assertRel(s.y5, value(trace, "a(o1)"), "a(o1)");
        assertRel(s.t - s.y5, value(trace, "error(o1)"), "error(o1)");
        assertRel(s.loss, value(trace, "loss"), "loss");
        assertRel(s.y5 - s.t, value(trace, "dEda(o1)"), "dEda(o1) = ∂E/∂a");
        assertRel(s.y5 * (1 - s.y5), value(trace, "dadz(o1)"), "dadz(o1)");
        assertRel(deltaO, value(trace, "delta(o1)"), "delta(o1) = ∂E/∂z");
        assertRel(s.w35 * deltaO, value(trace, "dEda(h1)"), "dEda(h1)");
        assertRel(deltaH1, value(trace, "delta(h1)"), "delta(h1)");
        assertRel(deltaH2, value(trace, "delta(h2)"), "delta(h2)");
        assertRel(deltaO * s.y3, value(trace, "dEdw(h1->o1)"), "dEdw(h1->o1)");
        assertRel(deltaH1 * s.x1, value(trace, "dEdw(x1->h1)"), "dEdw(x1->h1)");
        assertRel(deltaH2 * s.x2, value(trace, "dEdw(x2->h2)"), "dEdw(x2->h2)");
        assertRel(-s.eta * deltaH1 * s.x1, value(trace, "update(x1->h1)"), "update(x1->h1) = −η ∂E/∂w");
        assertRel(s.w13in - s.eta * deltaH1 * s.x1, value(trace, "w(x1->h1)"), "w(x1->h1)");
        assertRel(s.w45 - s.eta * deltaO * s.y4, value(trace, "w(h2->o1)"), "w(h2->o1)");
        // the same step, the same numbers: only δ and ∂E/∂a change sign between the notations
        StepTrace slides = trace.withNotation(Notation.SLIDES);
        assertTrue(slides.sameStep(trace));
        for (int i = 0; i < trace.size(); i++) {
            Term za = trace.term(i);
            Term sl = slides.term(i);
            assertEquals(za.key(), sl.key());
            boolean flips = za.key().startsWith("delta(") || za.key().startsWith("dEda(");
            assertEquals(flips ? -za.value() : za.value(), sl.value(), 0.0, za.key());
        }
    }

    // ---- mazur-2-2-2: i = (0.05, 0.10), t = (0.01, 0.99), η = 0.5, frozen biases --------------------------------

    private static final class Mazur {
        final double i1 = 0.05;
        final double i2 = 0.10;
        final double t1 = 0.01;
        final double t2 = 0.99;
        final double eta = 0.5;
        final double w1 = 0.15; // i1 -> h1
        final double w2 = 0.20; // i2 -> h1
        final double w3 = 0.25; // i1 -> h2
        final double w4 = 0.30; // i2 -> h2
        final double w5 = 0.40; // h1 -> o1
        final double w6 = 0.45; // h2 -> o1
        final double w7 = 0.50; // h1 -> o2
        final double w8 = 0.55; // h2 -> o2
        final double b1 = 0.35; // both hidden units
        final double b2 = 0.60; // both outputs

        final double netH1 = w1 * i1 + w2 * i2 + b1;
        final double outH1 = sigmoid(netH1);
        final double netH2 = w3 * i1 + w4 * i2 + b1;
        final double outH2 = sigmoid(netH2);
        final double netO1 = w5 * outH1 + w6 * outH2 + b2;
        final double outO1 = sigmoid(netO1);
        final double netO2 = w7 * outH1 + w8 * outH2 + b2;
        final double outO2 = sigmoid(netO2);
        final double eTotal = 0.5 * (t1 - outO1) * (t1 - outO1) + 0.5 * (t2 - outO2) * (t2 - outO2);
        final double dEdOutO1 = -(t1 - outO1);
        final double dEdOutO2 = -(t2 - outO2);
        final double deltaO1 = dEdOutO1 * outO1 * (1 - outO1);
        final double deltaO2 = dEdOutO2 * outO2 * (1 - outO2);
        final double dEdOutH1 = deltaO1 * w5 + deltaO2 * w7;
        final double dEdOutH2 = deltaO1 * w6 + deltaO2 * w8;
        final double deltaH1 = dEdOutH1 * outH1 * (1 - outH1);
        final double deltaH2 = dEdOutH2 * outH2 * (1 - outH2);
    }

    @Test
    void mazurValuesInTheNetOutNotation() throws Exception {
        NetworkDefinition d = load("mazur-2-2-2");
        assertEquals(Notation.NET_OUT, d.notation());
        StepTrace trace = firstStep(d, Notation.NET_OUT);
        Mazur m = new Mazur();
        assertRel(m.netH1, value(trace, "z(h1)"), "net_h1");
        assertRel(m.outH1, value(trace, "a(h1)"), "out_h1");
        assertRel(m.netH2, value(trace, "z(h2)"), "net_h2");
        assertRel(m.outH2, value(trace, "a(h2)"), "out_h2");
        assertRel(m.netO1, value(trace, "z(o1)"), "net_o1");
        assertRel(m.outO1, value(trace, "a(o1)"), "out_o1");
        assertRel(m.netO2, value(trace, "z(o2)"), "net_o2");
        assertRel(m.outO2, value(trace, "a(o2)"), "out_o2");
        assertRel(m.t1 - m.outO1, value(trace, "error(o1)"), "error(o1)");
        assertRel(m.t2 - m.outO2, value(trace, "error(o2)"), "error(o2)");
        assertRel(m.eTotal, value(trace, "loss"), "E_total");
        assertRel(m.eTotal, trace.loss(), "trace.loss()");
        assertRel(m.dEdOutO1, value(trace, "dEda(o1)"), "∂E/∂out_o1");
        assertRel(m.dEdOutO2, value(trace, "dEda(o2)"), "∂E/∂out_o2");
        assertRel(m.outO1 * (1 - m.outO1), value(trace, "dadz(o1)"), "∂out_o1/∂net_o1");
        assertRel(m.deltaO1, value(trace, "delta(o1)"), "δ_o1");
        assertRel(m.deltaO2, value(trace, "delta(o2)"), "δ_o2");
        assertRel(m.deltaO1 * m.outH1, value(trace, "dEdw(h1->o1)"), "∂E/∂w5");
        assertRel(m.deltaO1 * m.outH2, value(trace, "dEdw(h2->o1)"), "∂E/∂w6");
        assertRel(m.deltaO2 * m.outH1, value(trace, "dEdw(h1->o2)"), "∂E/∂w7");
        assertRel(m.deltaO2 * m.outH2, value(trace, "dEdw(h2->o2)"), "∂E/∂w8");
        assertRel(m.deltaO1, value(trace, "dEdb(o1)"), "∂E/∂b_o1");
        assertRel(m.dEdOutH1, value(trace, "dEda(h1)"), "∂E/∂out_h1");
        assertRel(m.dEdOutH2, value(trace, "dEda(h2)"), "∂E/∂out_h2");
        assertRel(m.outH1 * (1 - m.outH1), value(trace, "dadz(h1)"), "∂out_h1/∂net_h1");
        assertRel(m.deltaH1, value(trace, "delta(h1)"), "δ_h1");
        assertRel(m.deltaH2, value(trace, "delta(h2)"), "δ_h2");
        assertRel(m.deltaH1 * m.i1, value(trace, "dEdw(i1->h1)"), "∂E/∂w1");
        assertRel(m.deltaH1 * m.i2, value(trace, "dEdw(i2->h1)"), "∂E/∂w2");
        assertRel(m.deltaH2 * m.i1, value(trace, "dEdw(i1->h2)"), "∂E/∂w3");
        assertRel(m.deltaH2 * m.i2, value(trace, "dEdw(i2->h2)"), "∂E/∂w4");
        assertRel(m.deltaH1, value(trace, "dEdb(h1)"), "∂E/∂b_h1 (computed although frozen)");
        assertRel(m.deltaH2, value(trace, "dEdb(h2)"), "∂E/∂b_h2");
        double[][] weights = {
            {m.w1, m.deltaH1 * m.i1}, {m.w2, m.deltaH1 * m.i2}, {m.w3, m.deltaH2 * m.i1}, {m.w4, m.deltaH2 * m.i2},
            {m.w5, m.deltaO1 * m.outH1}, {m.w6, m.deltaO1 * m.outH2}, {m.w7, m.deltaO2 * m.outH1},
            {m.w8, m.deltaO2 * m.outH2}};
        String[] edges = {"i1->h1", "i2->h1", "i1->h2", "i2->h2", "h1->o1", "h2->o1", "h1->o2", "h2->o2"};
        for (int k = 0; k < edges.length; k++) {
            double change = -m.eta * weights[k][1];
            assertRel(change, value(trace, "update(" + edges[k] + ")"), "Δ" + edges[k]);
            assertRel(weights[k][0] + change, value(trace, "w(" + edges[k] + ")"), "new " + edges[k]);
        }
        // frozen biases: no update term, the new value is the old one, and the note says why
        for (String unit : List.of("h1", "h2", "o1", "o2")) {
            assertEquals(-1, trace.indexOf("update(" + unit + ")"), "a frozen bias has no update term");
            Term b = term(trace, "b(" + unit + ")");
            assertEquals(unit.startsWith("h") ? m.b1 : m.b2, b.value(), 0.0, "b(" + unit + ")");
            assertTrue(b.note().contains("frozen"), b.note());
            assertEquals(Element.Kind.BIAS, b.element().kind());
        }
        Network after = trace.networkAfter();
        assertArrayEquals(new double[] {m.b1, m.b1}, after.layer(1).bias().value());
        assertArrayEquals(new double[] {m.b2, m.b2}, after.layer(2).bias().value());
        assertRel(m.w5 - m.eta * m.deltaO1 * m.outH1, after.layer(2).weight(0, 0), "networkAfter w5");
    }

    @Test
    void mazurInTheZaNotationHasTheSameNaturalValues() throws Exception {
        NetworkDefinition d = load("mazur-2-2-2");
        StepTrace za = firstStep(d, Notation.Z_A);
        StepTrace netOut = firstStep(d, Notation.NET_OUT);
        Mazur m = new Mazur();
        assertEquals(netOut.size(), za.size());
        for (int i = 0; i < za.size(); i++) {
            assertEquals(netOut.term(i).key(), za.term(i).key());
            assertEquals(netOut.term(i).value(), za.term(i).value(), 0.0, za.term(i).key());
        }
        assertRel(m.deltaH1, value(za, "delta(h1)"), "δ⁽¹⁾₁");
        assertRel(m.dEdOutO2, value(za, "dEda(o2)"), "∂E/∂a⁽²⁾₂");
        assertRel(m.w8 - m.eta * m.deltaO2 * m.outH2, value(za, "w(h2->o2)"), "W⁽²⁾₂₂ after");
    }

    // ---- structure --------------------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Notation.class)
    void slidesTraceStructure(Notation notation) throws Exception {
        NetworkDefinition d = load("slides-035-07");
        checkStructure(firstStep(d, notation), d.labels(), false);
    }

    @ParameterizedTest
    @EnumSource(Notation.class)
    void mazurTraceStructure(Notation notation) throws Exception {
        NetworkDefinition d = load("mazur-2-2-2");
        checkStructure(firstStep(d, notation), d.labels(), true);
    }

    @Test
    void usesNameTheTermsTheFormulaReads() throws Exception {
        NetworkDefinition d = load("mazur-2-2-2");
        StepTrace t = firstStep(d, Notation.NET_OUT);
        assertUses(t, "z(o1)", "a(h1)", "a(h2)");
        assertUses(t, "a(o1)", "z(o1)");
        assertUses(t, "error(o1)", "a(o1)");
        assertUses(t, "loss", "error(o1)", "error(o2)");
        assertUses(t, "delta(o1)", "dEda(o1)", "dadz(o1)");
        assertUses(t, "dEda(h1)", "delta(o1)", "delta(o2)");
        assertUses(t, "dEdw(h1->o1)", "delta(o1)", "a(h1)");
        assertUses(t, "dEdw(i1->h1)", "delta(h1)");
        assertUses(t, "update(i1->h1)", "dEdw(i1->h1)");
        assertUses(t, "w(i1->h1)", "update(i1->h1)");
        assertUses(t, "z(h1)");
    }

    private static void assertUses(StepTrace trace, String key, String... used) {
        int[] expected = Arrays.stream(used).mapToInt(trace::indexOf).sorted().toArray();
        int[] actual = term(trace, key).uses().clone();
        Arrays.sort(actual);
        assertArrayEquals(expected, actual, "uses of " + key);
    }

    /**
     * Indices are positions; phases run forward, loss, backward, update and never go back (one-sample steps); uses
     * point to earlier terms; keys find their own term; elements are the unit, edge or bias the key names.
     */
    static void checkStructure(StepTrace trace, NetworkLabels labels, boolean biases) {
        Set<Phase> seen = EnumSet.noneOf(Phase.class);
        Phase last = Phase.FORWARD;
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < trace.size(); i++) {
            Term term = trace.term(i);
            assertEquals(i, term.index(), "index of term " + i);
            assertEquals(trace.phaseAt(i), term.phase(), "phaseAt " + i);
            assertTrue(term.phase().ordinal() >= last.ordinal(), "phase went back at " + i + ": " + term.key());
            last = term.phase();
            seen.add(term.phase());
            for (int u : term.uses()) {
                assertTrue(u >= 0 && u < i, term.key() + " uses " + u + ", not an earlier term");
            }
            assertEquals(i, trace.indexOf(term.key()), "indexOf(" + term.key() + ")");
            keys.add(term.key());
            checkElement(term, labels);
            int sample = term.sample();
            assertTrue(sample == -1 || Arrays.stream(trace.samples()).anyMatch(id -> id == sample),
                    term.key() + " names sample " + sample);
            assertEquals(term.phase() == Phase.UPDATE ? -1 : trace.samples()[0], sample,
                    "per-sample terms name their sample, update terms none: " + term.key());
        }
        assertEquals(EnumSet.allOf(Phase.class), seen, "every phase present");
        assertEquals(keys.size(), Set.copyOf(keys).size(), "keys are unique");
        for (String key : keys) {
            String quantity = key.contains("(") ? key.substring(0, key.indexOf('(')) : key;
            Phase phase = trace.term(trace.indexOf(key)).phase();
            switch (quantity) {
                case "z":
                case "a":
                    assertEquals(Phase.FORWARD, phase, key);
                    break;
                case "error":
                case "loss":
                    assertEquals(Phase.LOSS, phase, key);
                    break;
                case "dEda":
                case "dadz":
                case "delta":
                case "dEdw":
                case "dEdb":
                    assertEquals(Phase.BACKWARD, phase, key);
                    break;
                default:
                    assertEquals(Phase.UPDATE, phase, key);
            }
        }
        int units = 0;
        int weights = 0;
        for (int l = 1; l < labels.layerCount(); l++) {
            units += labels.size(l);
            weights += labels.size(l - 1) * labels.size(l);
        }
        long z = keys.stream().filter(k -> k.startsWith("z(")).count();
        long w = keys.stream().filter(k -> k.startsWith("w(")).count();
        long b = keys.stream().filter(k -> k.startsWith("b(")).count();
        assertEquals(units, z, "one z per unit");
        assertEquals(weights, w, "one new value per weight");
        assertEquals(biases ? units : 0, b, "one new value per bias");
    }

    /** The term's element is the unit, edge or bias its key names ({@code quantity(name)@sample}). */
    static void checkElement(Term term, NetworkLabels labels) {
        String key = term.key().replaceFirst("@\\d+$", "");
        int open = key.indexOf('(');
        String quantity = open < 0 ? key : key.substring(0, open);
        String name = open < 0 ? "" : key.substring(open + 1, key.lastIndexOf(')'));
        Element e = term.element();
        assertEquals(name, e.name(labels), "element of " + key);
        switch (quantity) {
            case "z":
            case "a":
            case "error":
            case "dEda":
            case "dadz":
            case "delta":
                assertEquals(Element.Kind.UNIT, e.kind(), key);
                int[] unit = labels.find(name);
                assertEquals(unit[0], e.layer(), key);
                assertEquals(unit[1], e.to(), key);
                break;
            case "loss":
            case "norm":
                assertEquals(Element.Kind.NETWORK, e.kind(), key);
                break;
            case "dEdb":
            case "b":
                assertEquals(Element.Kind.BIAS, e.kind(), key);
                break;
            case "dEdw":
            case "w":
                assertEquals(Element.Kind.EDGE, e.kind(), key);
                break;
            default:
                assertEquals(name.contains("->") ? Element.Kind.EDGE : Element.Kind.BIAS, e.kind(), key);
        }
        if (e.kind() == Element.Kind.EDGE) {
            String[] ends = name.split("->", 2);
            int[] from = labels.find(ends[0]);
            int[] to = labels.find(ends[1]);
            assertEquals(to[0], e.layer(), key);
            assertEquals(from[0] + 1, e.layer(), key);
            assertEquals(from[1], e.from(), key);
            assertEquals(to[1], e.to(), key);
        }
        if (e.kind() == Element.Kind.BIAS) {
            int[] unit = labels.find(name);
            assertEquals(unit[0], e.layer(), key);
            assertEquals(unit[1], e.to(), key);
        }
    }
}
