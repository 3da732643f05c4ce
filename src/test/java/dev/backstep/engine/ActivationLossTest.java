package dev.backstep.engine;

import static dev.backstep.engine.EngineTestSupport.assertRel;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Activations and losses in isolation: derivatives, softmax stability, stable loss values, and allowed pairs. */
class ActivationLossTest {
    private static final double[] POINTS = {-3.0, -0.7, -0.01, 0.02, 0.5, 2.5};
    private static final double H = 1e-3;

    /** Five-point central difference of f at z. */
    private static double numericDerivative(java.util.function.DoubleUnaryOperator f, double z) {
        return (8 * (f.applyAsDouble(z + H) - f.applyAsDouble(z - H))
                - (f.applyAsDouble(z + 2 * H) - f.applyAsDouble(z - 2 * H))) / (12 * H);
    }

    @ParameterizedTest
    @EnumSource(value = Activation.class, names = "SOFTMAX", mode = EnumSource.Mode.EXCLUDE)
    void derivativeMatchesCentralDifference(Activation f) {
        for (double z : POINTS) {
            double analytic = f.derivative(z, f.apply(z));
            double numeric = numericDerivative(f::apply, z);
            // truncation h⁴/30·f⁽⁵⁾ and rounding ~ε/h are both below 1e-12 for these functions
            assertTrue(Math.abs(analytic - numeric) <= 1e-11, f + "′(" + z + "): " + analytic + " vs " + numeric);
        }
        assertTrue(f.isElementwise());
    }

    @ParameterizedTest
    @EnumSource(value = Activation.class, names = "SOFTMAX", mode = EnumSource.Mode.EXCLUDE)
    void arrayFormsAgreeWithScalarForms(Activation f) {
        double[] z = {-3.0, -0.7, 0.0, 0.02, 0.5, 2.5};
        double[] a = new double[6];
        double[] d = new double[6];
        f.forward(z, a, 2, 3);
        f.derivative(z, a, d, 6);
        for (int i = 0; i < 6; i++) {
            assertEquals(f.apply(z[i]), a[i]);
            assertEquals(f.derivative(z[i], a[i]), d[i]);
        }
    }

    @Test
    void closedForms() {
        for (double z : POINTS) {
            double s = 1 / (1 + Math.exp(-z));
            assertRel(s, Activation.SIGMOID.apply(z), 1e-15, "σ(" + z + ")");
            assertRel(s * (1 - s), Activation.SIGMOID.derivative(z, s), 1e-15, "σ′");
            double th = Math.tanh(z);
            assertRel(2 / (1 + Math.exp(-2 * z)) - 1, Activation.TANH.apply(z), 1e-13, "tanh(" + z + ") = 2σ(2z) − 1");
            assertRel(1 - th * th, Activation.TANH.derivative(z, th), 1e-15, "tanh′");
            assertEquals(Math.max(z, 0), Activation.RELU.apply(z));
            assertEquals(z > 0 ? z : 0.01 * z, Activation.LEAKY_RELU.apply(z));
            assertEquals(z, Activation.IDENTITY.apply(z));
            assertEquals(1.0, Activation.IDENTITY.derivative(z, z));
        }
        // at the kink z = 0 the rectifiers use the slope of the negative side (a valid subgradient)
        assertEquals(0.0, Activation.RELU.derivative(0, 0));
        assertEquals(Activation.LEAKY_SLOPE, Activation.LEAKY_RELU.derivative(0, 0));
        assertEquals(0.01, Activation.LEAKY_SLOPE);
        // saturated sigmoid and tanh stay finite with a zero derivative
        assertEquals(0.0, Activation.SIGMOID.apply(-1000));
        assertEquals(1.0, Activation.SIGMOID.apply(1000));
        assertEquals(0.0, Activation.SIGMOID.derivative(1000, Activation.SIGMOID.apply(1000)));
        assertEquals(-1.0, Activation.TANH.apply(-1000));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Softmax.
    // ---------------------------------------------------------------------------------------------------------------

    private static double[] softmax(double... z) {
        double[] a = new double[z.length];
        Activation.SOFTMAX.forward(z, a, 1, z.length);
        return a;
    }

    @Test
    void softmaxRowsSumToOneAndMatchTheDefinition() {
        Random random = EngineTestSupport.random(3);
        int rows = 20;
        int cols = 5;
        double[] z = new double[rows * cols];
        for (int i = 0; i < z.length; i++) {
            z[i] = 4 * random.nextGaussian();
        }
        double[] a = new double[z.length];
        Activation.SOFTMAX.forward(z, a, rows, cols);
        for (int r = 0; r < rows; r++) {
            double sum = 0;
            double denominator = 0;
            for (int c = 0; c < cols; c++) {
                denominator += Math.exp(z[r * cols + c]);
            }
            for (int c = 0; c < cols; c++) {
                sum += a[r * cols + c];
                assertRel(Math.exp(z[r * cols + c]) / denominator, a[r * cols + c], 1e-14, "row " + r + " col " + c);
            }
            assertEquals(1.0, sum, 4 * Math.ulp(1.0), "row " + r + " sums to 1");
        }
    }

    @Test
    void softmaxIsStableForHugeInputs() {
        double e1 = Math.exp(-1);
        assertArrayEquals(new double[] {1 / (1 + e1), e1 / (1 + e1), 0}, softmax(1000, 999, -1000), 1e-16);
        assertArrayEquals(new double[] {0.5, 0.5}, softmax(-1000, -1000));
        assertArrayEquals(new double[] {1.0 / 3, 1.0 / 3, 1.0 / 3}, softmax(1000, 1000, 1000), 1e-16);
        double e = Math.E;
        assertArrayEquals(new double[] {1 / (1 + e), e / (1 + e)}, softmax(-1000, -999), 1e-16);
        assertArrayEquals(new double[] {1, 0}, softmax(1000, -1000));
        // rows are independent: a huge row next to a small one
        double[] a = new double[4];
        Activation.SOFTMAX.forward(new double[] {1000, -1000, 0, Math.log(3)}, a, 2, 2);
        assertArrayEquals(new double[] {1, 0, 0.25, 0.75}, a, 1e-15);
    }

    @Test
    void softmaxHasNoElementwiseForm() {
        assertFalse(Activation.SOFTMAX.isElementwise());
        assertThrows(UnsupportedOperationException.class, () -> Activation.SOFTMAX.apply(1));
        assertThrows(UnsupportedOperationException.class, () -> Activation.SOFTMAX.derivative(1, 0.5));
        assertThrows(UnsupportedOperationException.class,
                () -> Activation.SOFTMAX.derivative(new double[1], new double[1], new double[1], 1));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Loss values from z for saturated outputs, against closed forms.
    // ---------------------------------------------------------------------------------------------------------------

    /** log(1 + e^x) without overflow, written for the test. */
    private static double softplus(double x) {
        return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
    }

    private static double bce(double[] z, double[] t) {
        double[] y = new double[z.length];
        Activation.SIGMOID.forward(z, y, 1, z.length);
        return Loss.BINARY_CROSS_ENTROPY.sampleLoss(z, y, t, 0, z.length);
    }

    private static double ce(double[] z, double[] t) {
        double[] y = softmax(z);
        return Loss.CROSS_ENTROPY.sampleLoss(z, y, t, 0, z.length);
    }

    @Test
    void binaryCrossEntropyIsFiniteAndCorrectWhenSaturated() {
        // −[t log σ(z) + (1 − t) log(1 − σ(z))] = t·softplus(−z) + (1 − t)·softplus(z)
        assertEquals(1000.0, bce(new double[] {-1000}, new double[] {1}));
        assertEquals(1000.0, bce(new double[] {1000}, new double[] {0}));
        assertEquals(0.0, bce(new double[] {1000}, new double[] {1}));
        assertEquals(0.0, bce(new double[] {-1000}, new double[] {0}));
        double[][] cases = {{40, 0.3}, {-40, 0.3}, {37, 1}, {-745, 1}, {800, 0.9}, {-36.5, 0}};
        for (double[] c : cases) {
            double z = c[0];
            double t = c[1];
            double expected = t * softplus(-z) + (1 - t) * softplus(z);
            double actual = bce(new double[] {z}, new double[] {t});
            assertTrue(Double.isFinite(actual));
            assertRel(expected, actual, 1e-12, "BCE(z=" + z + ", t=" + t + ")");
        }
        // the mean over K outputs
        double[] z = {-1000, 3, 1000};
        double[] t = {1, 0.5, 0};
        double expected = 0;
        for (int k = 0; k < 3; k++) {
            expected += (t[k] * softplus(-z[k]) + (1 - t[k]) * softplus(z[k])) / 3;
        }
        assertRel(expected, bce(z, t), 1e-12, "BCE over K = 3");
    }

    @Test
    void binaryCrossEntropyMatchesTheTextbookFormulaWhereItIsSafe() {
        for (double z : POINTS) {
            for (double t : new double[] {0, 0.25, 1}) {
                double y = 1 / (1 + Math.exp(-z));
                double naive = -(t * Math.log(y) + (1 - t) * Math.log(1 - y));
                assertRel(naive, bce(new double[] {z}, new double[] {t}), 1e-12, "BCE(" + z + ", " + t + ")");
            }
        }
    }

    @Test
    void crossEntropyIsFiniteAndCorrectWhenSaturated() {
        // −Σ t_k log y_k with log y_k = z_k − log Σ e^z_j; e^−1000 and e^−2000 vanish next to 1 in double
        assertEquals(2000.0, ce(new double[] {1000, -1000, 0}, new double[] {0, 1, 0}));
        assertEquals(0.0, ce(new double[] {1000, -1000, 0}, new double[] {1, 0, 0}));
        assertEquals(1000.0, ce(new double[] {1000, -1000, 0}, new double[] {0, 0, 1}));
        // The engine forms lse = max + log Σ e^(z − max) and then z_k − lse, so for |z| ≈ 1000 the loss carries an
        // absolute rounding error of about ulp(1000) ≈ 1.1e-13 (it is still finite and correct to that precision).
        double tolerance = 4 * Math.ulp(1000.0);
        assertEquals(Math.log(2), ce(new double[] {-1000, -1000}, new double[] {1, 0}), tolerance, "equal logits");
        assertEquals(1 + Math.log1p(Math.exp(-1)), ce(new double[] {1000, 999}, new double[] {0, 1}), tolerance,
                "logits 1000, 999");
        // soft targets: −Σ t_k log y_k with log y = (log(1/(1+e^−1)), log(e^−1/(1+e^−1)))
        double logY1 = -Math.log1p(Math.exp(-1));
        double logY2 = -1 - Math.log1p(Math.exp(-1));
        assertEquals(-(0.25 * logY1 + 0.75 * logY2), ce(new double[] {1000, 999}, new double[] {0.25, 0.75}),
                tolerance, "soft targets");
    }

    @Test
    void crossEntropyMatchesTheTextbookFormulaWhereItIsSafe() {
        Random random = EngineTestSupport.random(4);
        for (int n = 0; n < 20; n++) {
            double[] z = new double[4];
            double[] t = new double[4];
            double sumExp = 0;
            for (int k = 0; k < 4; k++) {
                z[k] = 3 * random.nextGaussian();
                t[k] = random.nextDouble();
                sumExp += Math.exp(z[k]);
            }
            double naive = 0;
            for (int k = 0; k < 4; k++) {
                naive -= t[k] * Math.log(Math.exp(z[k]) / sumExp);
            }
            assertRel(naive, ce(z, t), 1e-12, "CE sample " + n);
        }
    }

    @Test
    void squaredErrorValues() {
        double[] y = {0.2, -1.5, 3.0};
        double[] t = {0.5, 0.5, 1.0};
        double sumSq = 0.3 * 0.3 + 2.0 * 2.0 + 2.0 * 2.0;
        assertRel(0.5 * sumSq, Loss.HALF_SQUARED_ERROR.sampleLoss(y, y, t, 0, 3), 1e-15, "½Σ(t − y)²");
        assertRel(sumSq / 3, Loss.MSE.sampleLoss(y, y, t, 0, 3), 1e-15, "(1/K)Σ(t − y)²");
        // offsets select one row of a batch
        double[] batch = {9, 9, 9, 0.2, -1.5, 3.0};
        double[] targets = {0, 0, 0, 0.5, 0.5, 1.0};
        assertRel(0.5 * sumSq, Loss.HALF_SQUARED_ERROR.sampleLoss(batch, batch, targets, 3, 3), 1e-15, "row 2");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // δ = ∂E/∂z at the output, against a finite difference of the loss in z.
    // ---------------------------------------------------------------------------------------------------------------

    private static double[] outputs(Activation f, double[] z) {
        double[] y = new double[z.length];
        f.forward(z, y, 1, z.length);
        return y;
    }

    private static double lossAtZ(Loss loss, Activation f, double[] z, double[] t) {
        return loss.sampleLoss(z, outputs(f, z), t, 0, z.length);
    }

    private static double[] delta(Loss loss, Activation f, double[] z, double[] t) {
        int k = z.length;
        double[] y = outputs(f, z);
        double[] dEdy = new double[k];
        double[] dadz = new double[k];
        double[] delta = new double[k];
        if (f.isElementwise()) {
            f.derivative(z, y, dadz, k);
        }
        loss.outputGradient(y, t, dEdy, 0, k);
        loss.outputDelta(y, t, dEdy, dadz, delta, 0, k);
        return delta;
    }

    @Test
    void outputDeltaIsTheDerivativeOfTheLossInZ() {
        Object[][] pairs = {
                {Loss.HALF_SQUARED_ERROR, Activation.IDENTITY}, {Loss.HALF_SQUARED_ERROR, Activation.SIGMOID},
                {Loss.HALF_SQUARED_ERROR, Activation.TANH}, {Loss.MSE, Activation.TANH},
                {Loss.MSE, Activation.LEAKY_RELU}, {Loss.MSE, Activation.RELU},
                {Loss.BINARY_CROSS_ENTROPY, Activation.SIGMOID}, {Loss.CROSS_ENTROPY, Activation.SOFTMAX}};
        double[] z = {0.7, -1.3, 2.1};
        for (Object[] pair : pairs) {
            Loss loss = (Loss) pair[0];
            Activation f = (Activation) pair[1];
            double[] t = loss == Loss.CROSS_ENTROPY ? new double[] {0.2, 0.5, 0.6} : new double[] {0.3, 0.9, -0.4};
            double[] analytic = delta(loss, f, z, t);
            for (int k = 0; k < z.length; k++) {
                final int index = k;
                double numeric = numericDerivative(v -> {
                    double[] moved = z.clone();
                    moved[index] = v;
                    return lossAtZ(loss, f, moved, t);
                }, z[k]);
                assertTrue(Math.abs(analytic[k] - numeric) <= 1e-10,
                        loss + "/" + f + " δ[" + k + "]: " + analytic[k] + " vs " + numeric);
            }
        }
    }

    @Test
    void simplifiedDeltasStayFiniteWhenSaturated() {
        assertArrayEquals(new double[] {1.0}, delta(Loss.BINARY_CROSS_ENTROPY, Activation.SIGMOID,
                new double[] {1000}, new double[] {0}));
        assertArrayEquals(new double[] {-0.5, 0.5}, delta(Loss.BINARY_CROSS_ENTROPY, Activation.SIGMOID,
                new double[] {-1000, 1000}, new double[] {1, 0}));
        assertArrayEquals(new double[] {1, -1, 0}, delta(Loss.CROSS_ENTROPY, Activation.SOFTMAX,
                new double[] {1000, -1000, 0}, new double[] {0, 1, 0}));
        assertTrue(Loss.BINARY_CROSS_ENTROPY.hasSimplifiedDelta());
        assertTrue(Loss.CROSS_ENTROPY.hasSimplifiedDelta());
        assertFalse(Loss.MSE.hasSimplifiedDelta());
        assertFalse(Loss.HALF_SQUARED_ERROR.hasSimplifiedDelta());
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Allowed pairs.
    // ---------------------------------------------------------------------------------------------------------------

    @Test
    void lossCheckRejectsMismatchedPairs() {
        assertRejected(Loss.MSE, Activation.SOFTMAX, "softmax");
        assertRejected(Loss.HALF_SQUARED_ERROR, Activation.SOFTMAX, "softmax");
        assertRejected(Loss.BINARY_CROSS_ENTROPY, Activation.SOFTMAX, "softmax");
        assertRejected(Loss.CROSS_ENTROPY, Activation.SIGMOID, "cross-entropy needs a softmax");
        assertRejected(Loss.CROSS_ENTROPY, Activation.IDENTITY, "cross-entropy needs a softmax");
        assertRejected(Loss.BINARY_CROSS_ENTROPY, Activation.TANH, "binary-cross-entropy needs a sigmoid");
        assertRejected(Loss.BINARY_CROSS_ENTROPY, Activation.RELU, "binary-cross-entropy needs a sigmoid");

        for (Activation f : new Activation[] {Activation.IDENTITY, Activation.SIGMOID, Activation.TANH,
                Activation.RELU, Activation.LEAKY_RELU}) {
            assertEquals(Optional.empty(), Loss.MSE.check(f));
            assertEquals(Optional.empty(), Loss.HALF_SQUARED_ERROR.check(f));
        }
        assertEquals(Optional.empty(), Loss.BINARY_CROSS_ENTROPY.check(Activation.SIGMOID));
        assertEquals(Optional.empty(), Loss.CROSS_ENTROPY.check(Activation.SOFTMAX));
    }

    private static void assertRejected(Loss loss, Activation output, String fragment) {
        Optional<String> problem = loss.check(output);
        assertTrue(problem.isPresent(), loss + " after " + output + " must be rejected");
        assertTrue(problem.get().contains(fragment), problem.get());
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> new Network(new int[] {2, 3}, new Activation[] {output}, new boolean[] {true}, loss,
                        Reduction.MEAN));
        assertEquals(problem.get(), ex.getMessage());
    }

    @Test
    void softmaxIsOnlyAllowedOnTheOutputLayer() {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> new Network(new int[] {2, 3, 2}, new Activation[] {Activation.SOFTMAX, Activation.SOFTMAX},
                        new boolean[] {true, true}, Loss.CROSS_ENTROPY, Reduction.MEAN));
        assertTrue(ex.getMessage().contains("softmax is only allowed on the output layer"), ex.getMessage());
    }

    @Test
    void idsRoundTrip() {
        for (Activation f : Activation.values()) {
            assertEquals(Optional.of(f), Activation.byId(f.id()));
        }
        for (Loss l : Loss.values()) {
            assertEquals(Optional.of(l), Loss.byId(l.id()));
        }
        assertEquals(Optional.empty(), Loss.byId("squared"));
        assertEquals(Optional.of(Activation.LEAKY_RELU), Activation.byId("leaky-relu"));
    }
}
