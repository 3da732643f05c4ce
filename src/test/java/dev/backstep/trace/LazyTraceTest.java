package dev.backstep.trace;

import static dev.backstep.trace.TraceTestSupport.assertRel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

import java.util.Random;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An MNIST-sized step (784-128-10, relu, softmax with cross-entropy, a mini-batch of 128) has millions of terms; a
 * trace must compute its numbers once and build only the terms that are looked at. Laziness is proved by counting the
 * terms the trace has built ({@code StepTrace.termsBuilt()}, package-private), never by timing.
 */
class LazyTraceTest {
    private static final int IN = 784;
    private static final int HIDDEN = 128;
    private static final int OUT = 10;
    private static final int BATCH = 128;
    private static final int SAMPLES = 2 * BATCH;

    private static Trainer trainer;
    private static double[][] x;
    private static double[][] t;
    private static double[][] w1;
    private static double[] b1;
    private static double[][] w2;
    private static double[] b2;

    @BeforeAll
    static void build() {
        Network network = new Network(new int[] {IN, HIDDEN, OUT}, new Activation[] {Activation.RELU,
            Activation.SOFTMAX}, new boolean[] {true, true}, Loss.CROSS_ENTROPY, Reduction.MEAN);
        Random random = new Random(2024);
        w1 = new double[IN][HIDDEN];
        b1 = new double[HIDDEN];
        w2 = new double[HIDDEN][OUT];
        b2 = new double[OUT];
        double[] v1 = network.layer(1).weights().value();
        for (int i = 0; i < IN; i++) {
            for (int j = 0; j < HIDDEN; j++) {
                w1[i][j] = random.nextGaussian() * Math.sqrt(2.0 / IN);
                v1[i * HIDDEN + j] = w1[i][j];
            }
        }
        for (int j = 0; j < HIDDEN; j++) {
            b1[j] = 0.01 * random.nextGaussian();
            network.layer(1).bias().value()[j] = b1[j];
        }
        double[] v2 = network.layer(2).weights().value();
        for (int i = 0; i < HIDDEN; i++) {
            for (int j = 0; j < OUT; j++) {
                w2[i][j] = random.nextGaussian() * Math.sqrt(1.0 / HIDDEN);
                v2[i * OUT + j] = w2[i][j];
            }
        }
        for (int j = 0; j < OUT; j++) {
            b2[j] = 0.01 * random.nextGaussian();
            network.layer(2).bias().value()[j] = b2[j];
        }
        x = new double[SAMPLES][IN];
        t = new double[SAMPLES][OUT];
        for (int n = 0; n < SAMPLES; n++) {
            for (int i = 0; i < IN; i++) {
                x[n][i] = random.nextDouble() < 0.8 ? 0 : random.nextDouble(); // sparse "pixels"
            }
            t[n][random.nextInt(OUT)] = 1;
        }
        trainer = new Trainer(network, new Dataset(Matrix.of(x), Matrix.of(t)), null,
                new TrainingSettings(Batching.of(BATCH), false, 1, 1), OptimizerSettings.sgd(0.1));
    }

    /** The number of terms of the step, counted from the order TermLayout documents (not read from the code). */
    private static long expectedSize() {
        long perSample = 2L * HIDDEN + 2L * OUT // forward: z and a of every unit
                + OUT + 1 // loss: each output's error, then the sample's loss
                + 2L * OUT + (HIDDEN * OUT + OUT) // output layer: ∂E/∂a and δ (softmax: no ∂a/∂z), its gradients
                + 3L * HIDDEN + (IN * HIDDEN + HIDDEN); // hidden layer: ∂E/∂a, ∂a/∂z, δ, its gradients
        long batch = 1 + (HIDDEN * OUT + OUT) + (IN * HIDDEN + HIDDEN); // batch loss, mean of each gradient
        long update = 2L * (IN * HIDDEN + HIDDEN + HIDDEN * OUT + OUT); // sgd: Δθ and the new θ
        return BATCH * perSample + batch + update;
    }

    /** z, a of one sample by plain loops (relu, then softmax computed without the engine). */
    private static double[][] forward(int n) {
        double[] z1 = new double[HIDDEN];
        double[] a1 = new double[HIDDEN];
        for (int j = 0; j < HIDDEN; j++) {
            double s = 0;
            for (int i = 0; i < IN; i++) {
                s += w1[i][j] * x[n][i];
            }
            z1[j] = s + b1[j];
            a1[j] = Math.max(0, z1[j]);
        }
        double[] z2 = new double[OUT];
        double[] y = new double[OUT];
        double sum = 0;
        for (int k = 0; k < OUT; k++) {
            double s = 0;
            for (int j = 0; j < HIDDEN; j++) {
                s += w2[j][k] * a1[j];
            }
            z2[k] = s + b2[k];
            sum += Math.exp(z2[k]);
        }
        for (int k = 0; k < OUT; k++) {
            y[k] = Math.exp(z2[k]) / sum;
        }
        return new double[][] {z1, a1, z2, y};
    }

    @Test
    void aHandfulOfTermsOfAStepOfMillions() {
        StepTrace trace = StepTrace.ofNextStep(trainer, NetworkLabels.defaults(trainer.network()), Notation.Z_A);
        assertEquals(expectedSize(), trace.size());
        assertTrue(trace.size() > 10_000_000, "millions of terms: " + trace.size());
        assertEquals(0, trace.termsBuilt(), "making the trace builds no term");
        assertEquals(BATCH, trace.sampleCount());

        // first, last, middle, and by key
        Term first = trace.term(0);
        Term last = trace.term(trace.size() - 1);
        Term middle = trace.term(trace.size() / 2);
        int byKey = trace.indexOf("dEda(h7)@5");
        int reduced = trace.indexOf("dEdw(x300->h2)");
        int hiddenZ = trace.indexOf("z(h3)@9");
        assertTrue(byKey > 0 && reduced > 0 && hiddenZ > 0);
        assertEquals(3, trace.termsBuilt(), "looking up indices builds nothing");
        Term dEda = trace.term(byKey);
        Term gradient = trace.term(reduced);
        Term z = trace.term(hiddenZ);
        assertEquals(6, trace.termsBuilt(), "only the six terms asked for were built");
        trace.term(0);
        trace.term(byKey);
        assertEquals(6, trace.termsBuilt(), "terms are built once");

        assertEquals("z(h1)@0", first.key());
        assertEquals("b(o10)", last.key());
        assertEquals("dEda(h7)@5", dEda.key());
        for (Term term : new Term[] {first, last, middle, dEda, gradient, z}) {
            assertRel(term.value(), term.substituted().eval(), term.key() + " evaluates to its value");
        }
        assertEquals(6, trace.termsBuilt());
    }

    @Test
    void longSumsAreShortenedButEvaluatedInFull() {
        StepTrace trace = StepTrace.ofNextStep(trainer, NetworkLabels.defaults(trainer.network()), Notation.Z_A);
        int n = 9;
        double[][] f = forward(n);

        // z of a hidden unit: 784 products and a bias
        Term z = trace.term(trace.indexOf("z(h3)@" + n));
        assertRel(f[0][2], z.value(), "z(h3) against the plain loop");
        assertRel(z.value(), z.substituted().eval(), "z(h3) substituted");
        assertTrue(z.substituted() instanceof Expr.Sum, z.substituted().getClass().getName());
        assertEquals(IN + 1, ((Expr.Sum) z.substituted()).parts().size(), "every product is kept, only hidden");
        assertEquals(IN + 1, ((Expr.Sum) z.formula()).parts().size());
        String text = z.substituted().text();
        String latex = z.substituted().latex();
        assertTrue(text.contains("…"), text);
        assertTrue(latex.contains("\\cdots"), latex);
        assertTrue(text.length() < 400, "shortened: " + text.length() + " characters");
        assertTrue(z.formula().text().contains("…"), z.formula().text());
        assertTrue(z.textLine().length() < 800, z.textLine());
        TermConsistencyTest.checkLatex(z.latexLine(), "z(h3) latex");

        // ∂E/∂a of a hidden unit: the sum over the 10 outputs of weight × δ, δ = y − t for softmax + cross-entropy
        int j = 6;
        Term dEda = trace.term(trace.indexOf("dEda(h7)@" + n));
        double expected = 0;
        for (int k = 0; k < OUT; k++) {
            expected += w2[j][k] * (f[3][k] - t[n][k]);
        }
        assertRel(expected, dEda.value(), 1e-10, "∂E/∂a of h7 against the plain loops");
        assertRel(dEda.value(), dEda.substituted().eval(), "∂E/∂a substituted");
        assertEquals(OUT, ((Expr.Sum) dEda.substituted()).parts().size());
        assertTrue(dEda.substituted().text().contains("…"), dEda.substituted().text());
        assertTrue(dEda.formula().latex().contains("\\cdots"), dEda.formula().latex());
        assertFalse(dEda.substituted().text().contains("\\"));

        // the batch gradient of one weight: the mean of 128 per-sample gradients, shown shortened
        Term g = trace.term(trace.indexOf("dEdw(x300->h2)"));
        assertTrue(g.substituted().text().contains("…"), g.substituted().text());
        assertRel(g.value(), g.substituted().eval(), "mean of the samples' gradients");
        assertTrue(trace.termsBuilt() <= 3, "built: " + trace.termsBuilt());
    }
}
