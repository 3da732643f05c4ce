package dev.backstep.trace;

import static dev.backstep.trace.TraceTestSupport.assertRel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backstep.engine.Activation;
import dev.backstep.engine.Batching;
import dev.backstep.engine.Dataset;
import dev.backstep.engine.Loss;
import dev.backstep.engine.Matrix;
import dev.backstep.engine.Network;
import dev.backstep.engine.OptimizerSettings;
import dev.backstep.engine.Reduction;
import dev.backstep.engine.Trainer;
import dev.backstep.engine.TrainingSettings;
import dev.backstep.io.NetworkDefinition;
import dev.backstep.io.SampleNetworks;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The errata of the slides' worked example, decided here from an independent scalar computation: a printed value
 * agrees when it is within half a unit of its last printed decimal of the exact value.
 *
 * <p>By this computation (x = 0.35, 0.7; weights 0.2, 0.3, 0.2, 0.3 into h1, h2 and 0.3, 0.9 into the output;
 * target 0.5; η = 1; the slides' signs δ = −∂E/∂z, Δw = +ηδO) the slides are right about
 * <pre>
 *   z(h1) 0.21, z(h2) 0.315, a(o1) 0.67, error(o1) −0.17, delta(h1) −0.0027
 * </pre>
 * and wrong about the other 18 printed values:
 * <pre>
 *   a(h1)          0.56      exact 0.552308  (y3 = σ(0.21))
 *   a(h1)          0.57      exact 0.552308  (the y3 they then use in a3)
 *   a(h2)          0.59      exact 0.578105
 *   z(o1)          0.702     exact 0.685987  (computed with their rounded, wrong y3 and y4)
 *   delta(o1)      −0.0376   exact −0.0367703
 *   delta(h2)      −0.0819   exact −0.00807143 (a factor of ten off)
 *   update(h2->o1) −0.022184 exact −0.0212571
 *   w(h2->o1)      0.877816  exact 0.878743
 *   update(x1->h1) 0.000945  exact −0.000954656 (wrong sign: a negative δ times a positive input)
 *   w(x1->h1)      0.200945  exact 0.199045
 *   w(x1->h2)      0.273225  exact 0.297175
 *   w(h1->o1)      0.086615  exact 0.279691
 *   w(x2->h1)      0.269445  exact 0.198091
 *   w(x2->h2)      0.18534   exact 0.294350
 *   next.a(h1)     0.57      exact 0.551895
 *   next.a(h2)     0.56      exact 0.576899
 *   next.a(o1)     0.61      exact 0.659554
 *   next.error(o1) −0.11     exact −0.159554
 * </pre>
 */
class ErrataTest {
    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    /** Every exact value the slides' published terms name, from plain scalar code. */
    private static Map<String, Double> exactValues() {
        double x1 = 0.35;
        double x2 = 0.7;
        double t = 0.5;
        double eta = 1;
        double w11 = 0.2; // x1 -> h1
        double w12 = 0.3; // x1 -> h2
        double w21 = 0.2; // x2 -> h1
        double w22 = 0.3; // x2 -> h2
        double w13 = 0.3; // h1 -> o1
        double w23 = 0.9; // h2 -> o1
        double a1 = w11 * x1 + w21 * x2;
        double y3 = sigmoid(a1);
        double a2 = w12 * x1 + w22 * x2;
        double y4 = sigmoid(a2);
        double a3 = w13 * y3 + w23 * y4;
        double y5 = sigmoid(a3);
        double delta5 = y5 * (1 - y5) * (t - y5);
        double delta3 = y3 * (1 - y3) * (w13 * delta5);
        double delta4 = y4 * (1 - y4) * (w23 * delta5);
        double nw11 = w11 + eta * delta3 * x1;
        double nw12 = w12 + eta * delta4 * x1;
        double nw21 = w21 + eta * delta3 * x2;
        double nw22 = w22 + eta * delta4 * x2;
        double nw13 = w13 + eta * delta5 * y3;
        double nw23 = w23 + eta * delta5 * y4;
        double ny3 = sigmoid(nw11 * x1 + nw21 * x2);
        double ny4 = sigmoid(nw12 * x1 + nw22 * x2);
        double ny5 = sigmoid(nw13 * ny3 + nw23 * ny4);
        Map<String, Double> v = new HashMap<>();
        v.put("z(h1)", a1);
        v.put("a(h1)", y3);
        v.put("z(h2)", a2);
        v.put("a(h2)", y4);
        v.put("z(o1)", a3);
        v.put("a(o1)", y5);
        v.put("error(o1)", t - y5);
        v.put("delta(o1)", delta5);
        v.put("delta(h1)", delta3);
        v.put("delta(h2)", delta4);
        v.put("update(h2->o1)", eta * delta5 * y4);
        v.put("w(h2->o1)", nw23);
        v.put("update(x1->h1)", eta * delta3 * x1);
        v.put("w(x1->h1)", nw11);
        v.put("w(x1->h2)", nw12);
        v.put("w(h1->o1)", nw13);
        v.put("w(x2->h1)", nw21);
        v.put("w(x2->h2)", nw22);
        v.put("next.a(h1)", ny3);
        v.put("next.a(h2)", ny4);
        v.put("next.a(o1)", ny5);
        v.put("next.error(o1)", t - ny5);
        return v;
    }

    /** My verdict: within half a unit of the last printed decimal. */
    private static boolean agrees(double exact, String printed) {
        BigDecimal p = new BigDecimal(printed);
        BigDecimal halfUnit = BigDecimal.ONE.movePointLeft(Math.max(0, p.scale())).divide(BigDecimal.valueOf(2));
        return new BigDecimal(exact).subtract(p).abs().compareTo(halfUnit) <= 0;
    }

    @Test
    void slidesVerdictsAndExactValues() throws Exception {
        NetworkDefinition d = SampleNetworks.load("slides-035-07");
        Published published = d.published();
        assertEquals(Notation.SLIDES, published.notation());
        Trainer trainer = d.newTrainer();
        List<Errata.Entry> entries = Errata.check(published, trainer, d.labels());
        assertEquals(1, trainer.optimizer().steps(), "the trainer is advanced one step");
        assertEquals(published.values().size(), entries.size());
        Map<String, Double> exact = exactValues();
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            Errata.Entry e = entries.get(i);
            PublishedValue p = published.values().get(i);
            String what = i + " " + p.term() + " printed " + p.printed();
            assertEquals(p, e.published());
            assertTrue(e.checked(), what + ": " + e.problem());
            assertEquals(p.term().startsWith("next."), e.afterStep(), what);
            Double mine = exact.get(p.term());
            assertTrue(mine != null, "the test knows " + p.term());
            assertRel(mine, e.exact(), what + ": exact value");
            boolean verdict = agrees(mine, p.printed());
            assertEquals(verdict, e.agrees(), what + ": verdict (exact " + mine + ")");
            assertEquals(0, new BigDecimal(mine).setScale(p.decimals(), RoundingMode.HALF_UP).compareTo(e.rounded()),
                    what + ": rounded to the printed precision, " + e.rounded());
            if (!verdict) {
                wrong.add(p.term() + " " + p.printed());
            }
        }
        // the list in the class comment, from the computation above
        assertEquals(List.of("a(h1) 0.56", "a(h1) 0.57", "a(h2) 0.59", "z(o1) 0.702", "delta(o1) -0.0376",
                "delta(h2) -0.0819", "update(h2->o1) -0.022184", "w(h2->o1) 0.877816", "update(x1->h1) 0.000945",
                "w(x1->h1) 0.200945", "w(x1->h2) 0.273225", "w(h1->o1) 0.086615", "w(x2->h1) 0.269445",
                "w(x2->h2) 0.18534", "next.a(h1) 0.57", "next.a(h2) 0.56", "next.a(o1) 0.61", "next.error(o1) -0.11"),
                wrong);
    }

    @Test
    void theIndexOfAnEntryIsItsTerm() throws Exception {
        NetworkDefinition d = SampleNetworks.load("slides-035-07");
        List<Errata.Entry> entries = Errata.check(d.published(), d.newTrainer(), d.labels());
        StepTrace first = StepTrace.ofNextStep(d.newTrainer(), d.labels(), Notation.SLIDES);
        for (Errata.Entry e : entries) {
            if (!e.afterStep()) {
                assertEquals(first.indexOf(e.published().term()), e.index(), e.published().term());
                assertEquals(first.term(e.index()).value(), e.exact(), 0.0);
            } else {
                assertTrue(e.index() >= 0);
            }
        }
    }

    @Test
    void theNotationOfThePublishedValuesFixesTheSigns() throws Exception {
        NetworkDefinition d = SampleNetworks.load("slides-035-07");
        Published natural = new Published("test", Notation.Z_A,
                List.of(new PublishedValue("delta(o1)", "0.0368", "", ""),
                        new PublishedValue("update(x1->h1)", "-0.000955", "", "")));
        List<Errata.Entry> entries = Errata.check(natural, d.newTrainer(), d.labels());
        double delta5 = exactValues().get("delta(o1)");
        assertRel(-delta5, entries.get(0).exact(), "δ in z-a is ∂E/∂z, the slides' δ negated");
        assertTrue(entries.get(0).agrees());
        assertRel(exactValues().get("update(x1->h1)"), entries.get(1).exact(), "Δw is the change in any notation");
        assertTrue(entries.get(1).agrees());
    }

    /** A saturated softmax makes ∂E/∂a = −t/y infinite: that is checked (and wrong), not a crash. */
    @Test
    void aValueThatIsNotFiniteAgreesWithNoPrintedNumber() {
        Network network = new Network(new int[] {1, 2}, new Activation[] {Activation.SOFTMAX}, new boolean[] {false},
                Loss.CROSS_ENTROPY, Reduction.MEAN);
        network.layer(1).weights().value()[0] = 0;
        network.layer(1).weights().value()[1] = 800; // z = (0, 800): y1 = e^−800 / … underflows to 0
        Trainer trainer = new Trainer(network, new Dataset(Matrix.of(new double[][] {{1}}),
                Matrix.of(new double[][] {{1, 0}})), null, new TrainingSettings(Batching.full(), false, 1, 1),
                OptimizerSettings.sgd(0.1));
        Published published = new Published("test", Notation.Z_A, List.of(
                new PublishedValue("dEda(o1)", "-1.0", "", ""), new PublishedValue("a(o2)", "1.00", "", "")));
        List<Errata.Entry> entries = Errata.check(published, trainer, NetworkLabels.defaults(network));
        Errata.Entry infinite = entries.get(0);
        assertTrue(infinite.checked(), infinite.problem());
        assertEquals(Double.NEGATIVE_INFINITY, infinite.exact(), "−t/y with y = 0");
        assertNull(infinite.rounded());
        assertFalse(infinite.agrees());
        assertTrue(entries.get(1).agrees(), "the other output is 1 to two decimals");
    }

    @Test
    void unknownTermsAndNextOnABackwardTermAreProblems() throws Exception {
        NetworkDefinition d = SampleNetworks.load("slides-035-07");
        Published bad = new Published("test", Notation.SLIDES, List.of(
                new PublishedValue("z(h9)", "0.5", "", ""),
                new PublishedValue("next.delta(o1)", "-0.03", "", ""),
                new PublishedValue("next.update(x1->h1)", "0.1", "", ""),
                new PublishedValue("delta(x1)", "0.1", "", ""),
                new PublishedValue("b(h1)", "0.1", "", ""),
                new PublishedValue("nonsense", "1", "", ""),
                new PublishedValue("a(h1)@3", "0.5", "", ""),
                new PublishedValue("next.a(o1)", "0.66", "", ""),
                new PublishedValue("next.error(o1)", "-0.16", "", "")));
        List<Errata.Entry> entries = Errata.check(bad, d.newTrainer(), d.labels());
        assertEquals(9, entries.size());
        for (int i = 0; i < 7; i++) {
            Errata.Entry e = entries.get(i);
            String term = bad.values().get(i).term();
            assertFalse(e.checked(), term + " should be a problem");
            assertFalse(e.problem().isEmpty(), term);
            assertTrue(e.problem().contains(term), e.problem());
            assertEquals(-1, e.index(), term);
            assertTrue(Double.isNaN(e.exact()), term);
            assertNull(e.rounded(), term);
            assertFalse(e.agrees(), term);
        }
        // the repeated forward pass is checked (and these two are right)
        assertTrue(entries.get(7).checked() && entries.get(7).agrees(), entries.get(7).toString());
        assertTrue(entries.get(8).checked() && entries.get(8).agrees(), entries.get(8).toString());
        assertRel(exactValues().get("next.a(o1)"), entries.get(7).exact(), "next.a(o1)");
    }
}
