package dev.backstep.engine;

import static dev.backstep.engine.EngineTestSupport.assertRel;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each update rule against the formula of the PyTorch documentation (torch.optim), written out below with the
 * documentation's names; gradients are set by hand and the updates applied as the trainer does (θ ← θ + Δθ).
 */
class OptimizerTest {
    private static final double THETA0 = 0.8;
    private static final double[] GRADIENTS = {0.5, -1.2, 0.3, 2.0, -0.7};
    private static final double LR = 0.05;

    /** The PyTorch-documented rule, one scalar parameter, with hyper-parameters taken from {@code s}. */
    private static double[] referenceUpdates(OptimizerSettings s, double theta0, double[] gradients) {
        double theta = theta0;
        double lr = s.learningRate();
        double lambda = s.weightDecay();
        double b = 0; // momentum buffer
        double stateSum = 0; // adagrad
        double v = 0; // rmsprop square average / adam second moment
        double m = 0; // adam first moment
        double[] updates = new double[gradients.length];
        for (int k = 0; k < gradients.length; k++) {
            int t = k + 1;
            double g = gradients[k] + lambda * theta; // weight_decay: g ← g + λθ
            double next;
            switch (s.kind()) {
                case SGD:
                    next = theta - lr * g;
                    break;
                case MOMENTUM:
                    b = t == 1 ? g : s.momentum() * b + g; // dampening τ = 0
                    next = theta - lr * b;
                    break;
                case NESTEROV:
                    b = t == 1 ? g : s.momentum() * b + g;
                    next = theta - lr * (g + s.momentum() * b);
                    break;
                case ADAGRAD:
                    stateSum = stateSum + g * g; // lr_decay 0, initial_accumulator_value 0
                    next = theta - lr * g / (Math.sqrt(stateSum) + s.epsilon());
                    break;
                case RMSPROP:
                    v = s.rho() * v + (1 - s.rho()) * g * g; // alpha = ρ, not centred, no momentum
                    next = theta - lr * g / (Math.sqrt(v) + s.epsilon());
                    break;
                case ADAM:
                    m = s.beta1() * m + (1 - s.beta1()) * g;
                    v = s.beta2() * v + (1 - s.beta2()) * g * g;
                    double mHat = m / (1 - Math.pow(s.beta1(), t));
                    double vHat = v / (1 - Math.pow(s.beta2(), t));
                    next = theta - lr * mHat / (Math.sqrt(vHat) + s.epsilon());
                    break;
                default:
                    throw new AssertionError(s.kind());
            }
            updates[k] = next - theta;
            theta = next;
        }
        return updates;
    }

    /** Feeds {@code gradients} one step at a time into an optimizer over one scalar parameter. */
    private static double[] engineUpdates(OptimizerSettings s, double theta0, double[] gradients, double[] thetaOut) {
        Parameter p = new Parameter("p", 1, 1);
        p.value()[0] = theta0;
        Optimizer optimizer = new Optimizer(s, List.of(p));
        double[] updates = new double[gradients.length];
        for (int k = 0; k < gradients.length; k++) {
            p.gradient()[0] = gradients[k];
            optimizer.computeUpdates();
            updates[k] = p.update()[0];
            p.value()[0] += p.update()[0];
            assertEquals(k + 1, optimizer.steps());
        }
        if (thetaOut != null) {
            thetaOut[0] = p.value()[0];
        }
        return updates;
    }

    @ParameterizedTest
    @EnumSource(OptimizerKind.class)
    void firstFiveUpdatesFollowThePyTorchFormula(OptimizerKind kind) {
        OptimizerSettings s = OptimizerSettings.defaults(kind).withLearningRate(LR);
        double[] theta = new double[1];
        double[] actual = engineUpdates(s, THETA0, GRADIENTS, theta);
        double[] expected = referenceUpdates(s, THETA0, GRADIENTS);
        assertRel(expected, actual, 1e-12, kind.id() + " updates");
        double sum = THETA0;
        for (double u : expected) {
            sum += u;
        }
        assertRel(sum, theta[0], 1e-12, kind.id() + " final θ");
    }

    @ParameterizedTest
    @EnumSource(OptimizerKind.class)
    void weightDecayAddsLambdaThetaToTheGradient(OptimizerKind kind) {
        double lambda = 0.3;
        OptimizerSettings s = OptimizerSettings.defaults(kind).withLearningRate(LR).withWeightDecay(lambda);
        double[] actual = engineUpdates(s, THETA0, GRADIENTS, null);
        assertRel(referenceUpdates(s, THETA0, GRADIENTS), actual, 1e-12, kind.id() + " with weight decay");
        // and it matters: without it the updates differ
        double[] plain = referenceUpdates(OptimizerSettings.defaults(kind).withLearningRate(LR), THETA0, GRADIENTS);
        assertTrue(Math.abs(plain[0] - actual[0]) > 1e-6 || Math.abs(plain[1] - actual[1]) > 1e-6);
    }

    @Test
    void effectiveGradientIsTheDecayedGradient() {
        Parameter p = new Parameter("p", 1, 2);
        p.value()[0] = 2.0;
        p.value()[1] = -4.0;
        p.gradient()[0] = 0.25;
        p.gradient()[1] = 1.5;
        Optimizer optimizer = new Optimizer(OptimizerSettings.sgd(0.1).withWeightDecay(0.5), List.of(p));
        optimizer.computeUpdates();
        assertArrayEquals(new double[] {0.25 + 0.5 * 2.0, 1.5 + 0.5 * -4.0}, optimizer.effectiveGradient(0), 1e-15);
        assertArrayEquals(new double[] {-0.1 * 1.25, -0.1 * -0.5}, p.update(), 1e-15);
    }

    @Test
    void defaultsArePyTorchDefaults() {
        // torch.optim: SGD lr 1e-3; Adagrad lr 1e-2, eps 1e-10; RMSprop lr 1e-2, alpha 0.99, eps 1e-8;
        // Adam lr 1e-3, betas (0.9, 0.999), eps 1e-8
        assertEquals(1e-3, OptimizerSettings.defaults(OptimizerKind.SGD).learningRate());
        assertEquals(1e-2, OptimizerSettings.defaults(OptimizerKind.ADAGRAD).learningRate());
        assertEquals(1e-10, OptimizerSettings.defaults(OptimizerKind.ADAGRAD).epsilon());
        assertEquals(1e-2, OptimizerSettings.defaults(OptimizerKind.RMSPROP).learningRate());
        assertEquals(0.99, OptimizerSettings.defaults(OptimizerKind.RMSPROP).rho());
        assertEquals(1e-8, OptimizerSettings.defaults(OptimizerKind.RMSPROP).epsilon());
        OptimizerSettings adam = OptimizerSettings.defaults(OptimizerKind.ADAM);
        assertEquals(1e-3, adam.learningRate());
        assertEquals(0.9, adam.beta1());
        assertEquals(0.999, adam.beta2());
        assertEquals(1e-8, adam.epsilon());
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Clipping.
    // ---------------------------------------------------------------------------------------------------------------

    @Test
    void clipValueClampsEachElement() {
        Parameter p = new Parameter("p", 1, 4);
        double[] g = {5.0, -0.2, -7.0, 1.0};
        System.arraycopy(g, 0, p.gradient(), 0, 4);
        Optimizer optimizer = new Optimizer(OptimizerSettings.sgd(0.5).withClipping(1.0, 0), List.of(p));
        optimizer.computeUpdates();
        assertArrayEquals(new double[] {1.0, -0.2, -1.0, 1.0}, optimizer.effectiveGradient(0));
        assertArrayEquals(new double[] {-0.5, -0.5 * -0.2, 0.5, -0.5}, p.update());
        assertArrayEquals(g, p.gradient(), "the raw gradient is kept for display");
    }

    @Test
    void clipNormRescalesAllParametersTogether() {
        Parameter a = new Parameter("a", 1, 2);
        Parameter b = new Parameter("b", 2, 1);
        a.gradient()[0] = 3;
        a.gradient()[1] = 4;
        b.gradient()[0] = 0;
        b.gradient()[1] = 12; // ‖g‖ over both = 13
        double clipNorm = 6.5;
        Optimizer optimizer = new Optimizer(OptimizerSettings.sgd(1.0).withClipping(0, clipNorm), List.of(a, b));
        optimizer.computeUpdates();
        double factor = clipNorm / (13 + 1e-6); // torch.nn.utils.clip_grad_norm_
        assertRel(new double[] {-3 * factor, -4 * factor}, a.update(), 1e-15, "a");
        assertRel(new double[] {-0 * factor, -12 * factor}, b.update(), 1e-15, "b");
        double norm = Math.sqrt(sq(a.update()[0]) + sq(a.update()[1]) + sq(b.update()[0]) + sq(b.update()[1]));
        assertTrue(norm <= clipNorm && norm > clipNorm * (1 - 1e-6), "clipped norm " + norm);
    }

    @Test
    void clipNormLeavesASmallGradientAlone() {
        Parameter a = new Parameter("a", 1, 2);
        a.gradient()[0] = 3;
        a.gradient()[1] = 4; // ‖g‖ = 5
        Optimizer optimizer = new Optimizer(OptimizerSettings.sgd(1.0).withClipping(0, 5.5), List.of(a));
        optimizer.computeUpdates();
        assertArrayEquals(new double[] {-3, -4}, a.update());
    }

    @Test
    void clipValueComesBeforeClipNorm() {
        Parameter a = new Parameter("a", 1, 2);
        a.gradient()[0] = 30;
        a.gradient()[1] = -1; // after clipValue 2: (2, −1), norm √5
        Optimizer optimizer = new Optimizer(OptimizerSettings.sgd(1.0).withClipping(2, 1), List.of(a));
        optimizer.computeUpdates();
        double factor = 1 / (Math.sqrt(5) + 1e-6);
        assertRel(new double[] {-2 * factor, 1 * factor}, a.update(), 1e-15, "value then norm");
    }

    @Test
    void clippingHappensBeforeWeightDecay() {
        // clipValue: g = clip(10) + λθ = 0.5 + 0.1·2, not clip(10 + 0.2) = 0.5
        Parameter p = new Parameter("p", 1, 1);
        p.value()[0] = 2;
        p.gradient()[0] = 10;
        Optimizer byValue = new Optimizer(OptimizerSettings.sgd(1.0).withWeightDecay(0.1).withClipping(0.5, 0),
                List.of(p));
        byValue.computeUpdates();
        assertRel(-(0.5 + 0.1 * 2), p.update()[0], 1e-15, "clip value then decay");

        // clipNorm: the decay term is neither part of the norm nor rescaled
        Parameter q = new Parameter("q", 1, 1);
        q.value()[0] = 3;
        q.gradient()[0] = 10;
        Optimizer byNorm = new Optimizer(OptimizerSettings.sgd(1.0).withWeightDecay(0.5).withClipping(0, 1),
                List.of(q));
        byNorm.computeUpdates();
        assertRel(-(10 * (1 / (10 + 1e-6)) + 0.5 * 3), q.update()[0], 1e-15, "clip norm then decay");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Frozen parameters.
    // ---------------------------------------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(OptimizerKind.class)
    void frozenParametersGetZeroUpdateAndDoNotEnterTheNorm(OptimizerKind kind) {
        Parameter frozen = new Parameter("f", 1, 2);
        Parameter live = new Parameter("l", 1, 1);
        frozen.setFrozen(true);
        frozen.value()[0] = 1.5;
        frozen.value()[1] = -2.5;
        frozen.gradient()[0] = 100;
        frozen.gradient()[1] = -100;
        Parameter liveAlone = new Parameter("l", 1, 1);
        OptimizerSettings s = OptimizerSettings.defaults(kind).withLearningRate(LR).withWeightDecay(0.1)
                .withClipping(0, 1.0);
        Optimizer optimizer = new Optimizer(s, List.of(frozen, live));
        Optimizer alone = new Optimizer(s, List.of(liveAlone));
        live.value()[0] = liveAlone.value()[0] = THETA0;
        for (double g : GRADIENTS) {
            live.gradient()[0] = liveAlone.gradient()[0] = g;
            optimizer.computeUpdates();
            alone.computeUpdates();
            assertArrayEquals(new double[] {0, 0}, frozen.update(), "frozen parameter gets no update");
            assertEquals(liveAlone.update()[0], live.update()[0], "a frozen parameter does not affect the others");
            live.value()[0] += live.update()[0];
            liveAlone.value()[0] += liveAlone.update()[0];
        }
        assertArrayEquals(new double[] {1.5, -2.5}, frozen.value());
        assertArrayEquals(new double[] {0, 0}, optimizer.firstState(0), "no state accumulates while frozen");
    }

    /**
     * PyTorch keeps Adam's step count t per parameter (state['step']), and a parameter without a gradient is skipped
     * without advancing it, so a parameter that was frozen for the first steps starts with t = 1 when thawed:
     * m̂ = g and the first update is ≈ −lr·sign(g).
     */
    @Test
    void adamBiasCorrectionOfAThawedParameterStartsAtOne() {
        Parameter other = new Parameter("o", 1, 1);
        Parameter thawed = new Parameter("t", 1, 1);
        thawed.setFrozen(true);
        OptimizerSettings s = OptimizerSettings.defaults(OptimizerKind.ADAM).withLearningRate(LR);
        Optimizer optimizer = new Optimizer(s, List.of(other, thawed));
        for (int k = 0; k < 50; k++) {
            other.gradient()[0] = 0.3;
            thawed.gradient()[0] = 0.7;
            optimizer.computeUpdates();
        }
        thawed.setFrozen(false);
        thawed.value()[0] = THETA0;
        double[] expected = referenceUpdates(s, THETA0, GRADIENTS);
        for (int k = 0; k < GRADIENTS.length; k++) {
            thawed.gradient()[0] = GRADIENTS[k];
            optimizer.computeUpdates();
            assertRel(expected[k], thawed.update()[0], 1e-12, "update " + (k + 1) + " after thawing");
            thawed.value()[0] += thawed.update()[0];
        }
    }

    @Test
    void copyStateFromContinuesIdentically() {
        OptimizerSettings s = OptimizerSettings.defaults(OptimizerKind.ADAM).withLearningRate(LR);
        Parameter p = new Parameter("p", 1, 1);
        Parameter q = new Parameter("p", 1, 1);
        p.value()[0] = THETA0;
        Optimizer first = new Optimizer(s, List.of(p));
        for (int k = 0; k < 2; k++) {
            p.gradient()[0] = GRADIENTS[k];
            first.computeUpdates();
            p.value()[0] += p.update()[0];
        }
        Optimizer second = new Optimizer(s, List.of(q));
        second.copyStateFrom(first);
        q.value()[0] = p.value()[0];
        for (int k = 2; k < GRADIENTS.length; k++) {
            p.gradient()[0] = q.gradient()[0] = GRADIENTS[k];
            first.computeUpdates();
            second.computeUpdates();
            assertEquals(p.update()[0], q.update()[0]);
        }
        assertEquals(first.steps(), second.steps());
    }

    private static double sq(double v) {
        return v * v;
    }
}
