package dev.backstep.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.backstep.engine.Activation;
import dev.backstep.engine.Batching;
import dev.backstep.engine.Dataset;
import dev.backstep.engine.Loss;
import dev.backstep.engine.Matrix;
import dev.backstep.engine.Network;
import dev.backstep.engine.OptimizerKind;
import dev.backstep.engine.OptimizerSettings;
import dev.backstep.engine.Parameter;
import dev.backstep.engine.Reduction;
import dev.backstep.engine.Trainer;
import dev.backstep.engine.TrainingSettings;
import dev.backstep.io.NetworkDefinition;
import dev.backstep.io.SampleNetworks;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every term of every sample network's first step, in every notation: the formula with numbers evaluates to the value
 * shown; the key finds the term; LaTeX is well formed; text is free of LaTeX.
 *
 * <p>No exception is needed at 1e-12 for these steps. Where the value and the formula are computed differently, the
 * difference is only rounding as long as outputs are not saturated:
 * <ul>
 *   <li>binary cross-entropy's per-sample loss: the value comes from z in the stable form
 *       max(z, 0) − z·t + log(1 + e^−|z|), the formula shows −[t log y + (1 − t) log(1 − y)] with y = σ(z) rounded to
 *       a double; near y = 0 or 1 the logarithm amplifies that rounding (about 1e-16 / min(y, 1 − y)), so a saturated
 *       output would need a looser tolerance (none of the steps below saturates);</li>
 *   <li>cross-entropy's loss (log-sum-exp against −Σ t log y) and softmax's output (max-shifted against e^z / Σ e^z):
 *       same remark;</li>
 *   <li>relu's and leaky-relu's derivative: the formula is the rule "1 if z &gt; 0, else 0", a {@link Expr.Raw} that
 *       does not evaluate; its substituted form is the number and is checked.</li>
 * </ul>
 */
class TermConsistencyTest {
    static Stream<Arguments> samplesAndNotations() {
        List<Arguments> all = new ArrayList<>();
        for (String name : TraceTestSupport.sampleNames()) {
            for (Notation notation : Notation.values()) {
                all.add(Arguments.of(name, notation));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} in {1}")
    @MethodSource("samplesAndNotations")
    void everyTermOfEverySampleIsConsistent(String name, Notation notation) throws Exception {
        NetworkDefinition d = SampleNetworks.load(name);
        StepTrace trace = StepTrace.ofNextStep(d.newTrainer(), d.labels(), notation);
        checkAllTerms(trace, name + " " + notation.id());
    }

    /** Random networks reach what the samples do not: relu, leaky-relu, identity, softmax, optimizers, clipping. */
    static Stream<Arguments> randomNetworks() {
        List<Arguments> all = new ArrayList<>();
        Activation[] hidden = {Activation.SIGMOID, Activation.TANH, Activation.RELU, Activation.LEAKY_RELU,
            Activation.IDENTITY};
        Object[][] outputs = {{Activation.SIGMOID, Loss.HALF_SQUARED_ERROR}, {Activation.IDENTITY, Loss.MSE},
            {Activation.SIGMOID, Loss.BINARY_CROSS_ENTROPY}, {Activation.SOFTMAX, Loss.CROSS_ENTROPY},
            {Activation.TANH, Loss.HALF_SQUARED_ERROR}};
        long seed = 1;
        for (Activation h : hidden) {
            for (Object[] out : outputs) {
                for (OptimizerKind kind : OptimizerKind.values()) {
                    OptimizerSettings o = OptimizerSettings.defaults(kind).withLearningRate(0.05);
                    if (seed % 3 == 0) {
                        o = o.withClipping(0.05, 0.1).withWeightDecay(0.01);
                    } else if (seed % 3 == 1) {
                        o = o.withClipping(0, 0.5);
                    }
                    boolean bias = seed % 2 == 0;
                    Batching batching = seed % 4 == 0 ? Batching.sample() : Batching.of(3);
                    all.add(Arguments.of(new TraceTestSupport.Spec(new int[] {3, 4, 3, 3}, h, (Activation) out[0],
                            bias, (Loss) out[1], seed % 5 == 0 ? Reduction.SUM : Reduction.MEAN, 5, batching, false,
                            o, seed)));
                    seed++;
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("randomNetworks")
    void everyTermOfRandomNetworksIsConsistent(TraceTestSupport.Spec spec) {
        Trainer trainer = TraceTestSupport.trainer(spec);
        // a second step too, so that optimizer state enters the formulas
        trainer.step();
        for (Notation notation : Notation.values()) {
            checkAllTerms(StepTrace.ofNextStep(trainer, NetworkLabels.defaults(trainer.network()), notation),
                    spec + " " + notation.id());
        }
    }

    static void checkAllTerms(StepTrace trace, String what) {
        for (int i = 0; i < trace.size(); i++) {
            Term term = trace.term(i);
            String where = what + ": term " + i + " " + term.key();
            assertEquals(i, trace.indexOf(term.key()), where + ": indexOf(key)");
            assertEquals(i, term.index(), where);
            assertEquals(trace.phaseAt(i), term.phase(), where);
            for (int u : term.uses()) {
                assertTrue(u >= 0 && u < i, where + " uses " + u + ", not an earlier term");
            }
            WorkedTracesTest.checkElement(term, trace.labels());
            if (i > 0) {
                Term before = trace.term(i - 1);
                if (term.phase().ordinal() < before.phase().ordinal()) {
                    // within a batch, the phases start over only with the next sample, never within the update
                    assertTrue(term.sample() != before.sample() && before.phase() != Phase.UPDATE,
                            where + ": phase " + term.phase() + " after " + before.phase());
                }
            }
            double evaluated = term.substituted().eval();
            TraceTestSupport.assertRel(term.value(), evaluated, TraceTestSupport.REL, where + ": substituted "
                    + term.substituted().text());
            for (Expr e : List.of(term.symbol(), term.formula(), term.substituted())) {
                String latex = e.latex();
                checkLatex(latex, where);
                assertFalse(UNESCAPED.matcher(latex).find(), where + ": unescaped special character in " + latex);
            }
            checkLatex(term.latexLine(), where + " latexLine");
            for (String text : List.of(term.symbol().text(), term.formula().text(), term.substituted().text(),
                    term.textLine(), term.note())) {
                assertFalse(text.contains("\\"), where + ": LaTeX in text: " + text);
                assertFalse(text.contains("^{") || text.contains("\\frac"), where + ": LaTeX in text: " + text);
            }
            assertFalse(term.key().isBlank(), where);
        }
    }

    /** TeX's specials that must not appear bare in a formula (they would end it, align it or comment it out). */
    private static final Pattern UNESCAPED = Pattern.compile("(?<!\\\\)[%&#$~]");

    private static final Pattern TOKENS = Pattern.compile("\\\\left(?![A-Za-z])|\\\\right(?![A-Za-z])|\\\\[{}]|[{}]");

    /** Braces balance and nest; every \left has its \right inside the same group. */
    static void checkLatex(String latex, String where) {
        Deque<String> stack = new ArrayDeque<>();
        Matcher m = TOKENS.matcher(latex);
        while (m.find()) {
            String token = m.group();
            switch (token) {
                case "{":
                case "\\left":
                    stack.push(token);
                    break;
                case "}":
                    if (stack.isEmpty() || !stack.pop().equals("{")) {
                        fail(where + ": unbalanced } at " + m.start() + " in " + latex);
                    }
                    break;
                case "\\right":
                    if (stack.isEmpty() || !stack.pop().equals("\\left")) {
                        fail(where + ": unbalanced \\right at " + m.start() + " in " + latex);
                    }
                    break;
                default:
                    break; // an escaped brace
            }
        }
        assertTrue(stack.isEmpty(), where + ": unclosed " + stack + " in " + latex);
    }

    /** Unit and weight names are any non-blank strings in a file: TeX's specials and parentheses must not break. */
    @Test
    void namesWithSpecialCharactersAreEscapedAndFound() {
        Network network = new Network(new int[] {2, 3, 2}, new Activation[] {Activation.RELU, Activation.SIGMOID},
                new boolean[] {true, true}, Loss.HALF_SQUARED_ERROR, Reduction.MEAN);
        java.util.Random random = new java.util.Random(1);
        for (Parameter p : network.parameters()) {
            for (int i = 0; i < p.size(); i++) {
                p.value()[i] = random.nextGaussian();
            }
        }
        Trainer trainer = new Trainer(network, new Dataset(Matrix.of(new double[][] {{1, 2}, {-1, 0.5}}),
                Matrix.of(new double[][] {{0.1, 0.9}, {0.5, 0.5}})), null,
                new TrainingSettings(Batching.full(), false, 1, 1), OptimizerSettings.sgd(0.1));
        NetworkLabels labels = new NetworkLabels(List.of(List.of("a&b", "50%"), List.of("x#1", "h{1}", "c^2"),
                List.of("(p)", "q_r")), new String[][][] {
                    {{"w#1", "w$2", "w~3"}, {"w@4", "w&5", "w%6"}}, {{"v1", "v2"}, {"v_3", "v4"}, {"#", "%"}}});
        for (Notation notation : Notation.values()) {
            StepTrace trace = StepTrace.ofNextStep(trainer, labels, notation);
            checkAllTerms(trace, "special names " + notation.id());
            assertTrue(trace.indexOf("z((p))@1") >= 0, "a name with parentheses is found");
            assertTrue(trace.indexOf("dEdw(c^2->(p))") >= 0);
            assertEquals("z((p))@1", trace.term(trace.indexOf("z((p))@1")).key());
            if (notation == Notation.SLIDES) {
                // relu's derivative is a rule; as the first factor of the slides' δ it must be parenthesised
                String delta = trace.term(trace.indexOf("delta(x#1)@0")).formula().text();
                assertTrue(delta.startsWith("(1 if a₃ > 0, else 0) ("), delta);
            }
        }
        assertEquals("a\\backslash{}b\\_c\\%\\&\\#\\$\\{\\}", Symbols.escapeMath("a\\b_c%&#${}"));
    }

    @Test
    void negativeZeroIsWrittenAsZeroWithoutParentheses() {
        assertEquals("0 \\cdot 2", Expr.product(Expr.num(-0.0), Expr.num(2)).latex());
        assertEquals("1 + 0", Expr.sum(List.of(Expr.num(1), Expr.num(-0.0))).text());
        assertEquals("1 + (−2)", Expr.sum(List.of(Expr.num(1), Expr.num(-2))).text());
    }

    @Test
    void theLatexCheckerCatchesWhatItShould() {
        checkLatex("\\frac{a}{b}\\left(x\\right)", "ok");
        checkLatex("\\{ a \\}", "escaped braces");
        assertThrowsAssertion(() -> checkLatex("\\frac{a}{b", "open brace"));
        assertThrowsAssertion(() -> checkLatex("\\left( {x\\right) }", "crossed"));
        assertThrowsAssertion(() -> checkLatex("x\\right)", "lone right"));
    }

    private static void assertThrowsAssertion(Runnable r) {
        try {
            r.run();
        } catch (AssertionError expected) {
            return;
        }
        fail("the checker accepted a malformed formula");
    }
}
