package dev.backstep.trace;

import static dev.backstep.trace.TraceTestSupport.assertRel;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backstep.engine.Activation;
import dev.backstep.engine.Batching;
import dev.backstep.engine.Loss;
import dev.backstep.engine.Network;
import dev.backstep.engine.OptimizerKind;
import dev.backstep.engine.OptimizerSettings;
import dev.backstep.engine.Reduction;
import dev.backstep.engine.Trainer;
import dev.backstep.io.NetworkDefinition;
import dev.backstep.io.SampleNetworks;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The term-by-term path (the trace's own scalar arithmetic) and the fast batched path ({@link Trainer#step()}) reach
 * the same parameters after every step, to 1e-12 per element, over several consecutive steps so that optimizer state
 * (velocity, moments, step counts) is carried by both. Also the trace's loss is the step's loss, and building a trace
 * changes nothing.
 */
class TermPathEqualsFastPathTest {
    private static final int STEPS = 6;

    static Stream<String> samples() {
        return TraceTestSupport.sampleNames().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void everySampleNetwork(String name) throws Exception {
        NetworkDefinition d = SampleNetworks.load(name);
        Trainer trainer = d.newTrainer();
        int steps = Math.max(STEPS, trainer.stepsPerEpoch() + 2); // across an epoch boundary (and a reshuffle)
        compareSteps(trainer, d.labels(), steps, name);
    }

    /** Every sample network again, but with each optimizer and clipping in place of its own settings. */
    static Stream<Arguments> samplesWithOptimizers() {
        List<Arguments> all = new ArrayList<>();
        int k = 0;
        for (String name : TraceTestSupport.sampleNames()) {
            for (OptimizerKind kind : OptimizerKind.values()) {
                OptimizerSettings o = OptimizerSettings.defaults(kind).withLearningRate(0.05);
                if (k % 3 == 1) {
                    o = o.withClipping(0.01, 0).withWeightDecay(0.02);
                } else if (k % 3 == 2) {
                    o = o.withClipping(0, 0.05);
                }
                all.add(Arguments.of(name, o));
                k++;
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("samplesWithOptimizers")
    void everySampleNetworkWithEveryOptimizer(String name, OptimizerSettings optimizer) throws Exception {
        NetworkDefinition d = SampleNetworks.load(name).withOptimizer(optimizer);
        compareSteps(d.newTrainer(), d.labels(), STEPS, name + " " + optimizer);
    }

    static Stream<TraceTestSupport.Spec> randomNetworks() {
        int[][] shapes = {{2, 3, 1}, {3, 4, 3, 2}, {4, 5, 3}, {1, 2, 2, 2, 1}};
        Activation[] hidden = {Activation.SIGMOID, Activation.TANH, Activation.RELU, Activation.LEAKY_RELU,
            Activation.IDENTITY};
        // every output activation with every loss it may follow
        Object[][] pairs = {
            {Activation.SIGMOID, Loss.HALF_SQUARED_ERROR}, {Activation.SIGMOID, Loss.MSE},
            {Activation.SIGMOID, Loss.BINARY_CROSS_ENTROPY}, {Activation.IDENTITY, Loss.HALF_SQUARED_ERROR},
            {Activation.IDENTITY, Loss.MSE}, {Activation.TANH, Loss.HALF_SQUARED_ERROR}, {Activation.TANH, Loss.MSE},
            {Activation.RELU, Loss.MSE}, {Activation.LEAKY_RELU, Loss.HALF_SQUARED_ERROR},
            {Activation.SOFTMAX, Loss.CROSS_ENTROPY}};
        Batching[] batchings = {Batching.full(), Batching.of(3), Batching.sample()};
        List<TraceTestSupport.Spec> all = new ArrayList<>();
        long seed = 100;
        for (OptimizerKind kind : OptimizerKind.values()) {
            for (int clipping = 0; clipping < 5; clipping++) {
                for (int variant = 0; variant < 4; variant++) {
                    OptimizerSettings o = OptimizerSettings.defaults(kind).withLearningRate(0.1);
                    switch (clipping) {
                        case 1:
                            o = o.withClipping(0.02, 0);
                            break;
                        case 2:
                            o = o.withClipping(0, 0.05);
                            break;
                        case 3:
                            o = o.withWeightDecay(0.03);
                            break;
                        case 4:
                            o = o.withClipping(0.05, 0.08).withWeightDecay(0.01);
                            break;
                        default:
                            break;
                    }
                    int i = (int) seed;
                    int[] shape = shapes[i % shapes.length].clone();
                    Object[] pair = pairs[(i / 2) % pairs.length];
                    if (pair[0] == Activation.SOFTMAX && shape[shape.length - 1] == 1) {
                        shape[shape.length - 1] = 3;
                    }
                    all.add(new TraceTestSupport.Spec(shape, hidden[(i / 3) % hidden.length], (Activation) pair[0],
                            variant % 2 == 0, (Loss) pair[1], variant < 2 ? Reduction.MEAN : Reduction.SUM, 7,
                            batchings[i % batchings.length], i % 5 == 0, o, seed));
                    seed++;
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("randomNetworks")
    void randomNetworksEveryOptimizer(TraceTestSupport.Spec spec) {
        Trainer trainer = TraceTestSupport.trainer(spec);
        compareSteps(trainer, NetworkLabels.defaults(trainer.network()), STEPS, spec.toString());
    }

    @Test
    void everyActivationAndLossPairIsCovered() {
        List<TraceTestSupport.Spec> specs = randomNetworks().toList();
        for (OptimizerKind kind : OptimizerKind.values()) {
            assertTrue(specs.stream().anyMatch(s -> s.optimizer().kind() == kind && s.optimizer().clipNorm() > 0));
            assertTrue(specs.stream().anyMatch(s -> s.optimizer().kind() == kind && s.optimizer().clipValue() > 0));
            assertTrue(specs.stream().anyMatch(s -> s.optimizer().kind() == kind && s.optimizer().weightDecay() > 0));
        }
        for (Loss loss : Loss.values()) {
            assertTrue(specs.stream().anyMatch(s -> s.loss() == loss), loss.id());
        }
        for (Activation a : Activation.values()) {
            assertTrue(specs.stream().anyMatch(s -> s.output() == a), "output " + a.id());
            if (a != Activation.SOFTMAX) {
                assertTrue(specs.stream().anyMatch(s -> s.hidden() == a), "hidden " + a.id());
            }
        }
    }

    /** Frozen layers and biases: neither path moves them, both agree on the rest, also after thawing. */
    @ParameterizedTest
    @MethodSource("optimizers")
    void frozenLayersAndBiases(OptimizerKind kind) {
        TraceTestSupport.Spec spec = new TraceTestSupport.Spec(new int[] {3, 4, 4, 2}, Activation.TANH,
                Activation.SIGMOID, true, Loss.HALF_SQUARED_ERROR, Reduction.MEAN, 6, Batching.of(4), false,
                OptimizerSettings.defaults(kind).withLearningRate(0.1).withClipping(0, 0.05).withWeightDecay(0.01),
                77);
        Trainer trainer = TraceTestSupport.trainer(spec);
        Network network = trainer.network();
        NetworkLabels labels = NetworkLabels.defaults(network);
        network.layer(2).setTrainable(false);
        network.layer(1).bias().setFrozen(true);
        network.layer(3).bias().setFrozen(true);
        double[] frozenWeights = network.layer(2).weights().value().clone();
        double[] frozenBias = network.layer(1).bias().value().clone();
        compareSteps(trainer, labels, 4, "frozen " + kind.id());
        assertArrayEquals(frozenWeights, network.layer(2).weights().value(), "a frozen layer stays");
        assertArrayEquals(frozenBias, network.layer(1).bias().value(), "a frozen bias stays");
        StepTrace trace = StepTrace.ofNextStep(trainer, labels, Notation.Z_A);
        assertEquals(-1, trace.indexOf("update(h1_1->h2_1)"), "a frozen weight has no update term");
        assertEquals(frozenWeights[0], trace.term(trace.indexOf("w(h1_1->h2_1)")).value(), 0.0);
        // thawed: the optimizer's state for these parameters starts now, in both paths
        network.layer(2).setTrainable(true);
        network.layer(1).bias().setFrozen(false);
        compareSteps(trainer, labels, 4, "thawed " + kind.id());
        assertTrue(network.layer(2).weights().value()[0] != frozenWeights[0], "a thawed layer moves");
    }

    static Stream<OptimizerKind> optimizers() {
        return Stream.of(OptimizerKind.values());
    }

    /** Traces the next step, takes it on the fast path, and compares; {@code steps} times. */
    static void compareSteps(Trainer trainer, NetworkLabels labels, int steps, String what) {
        for (int s = 0; s < steps; s++) {
            String where = what + ", step " + (s + 1);
            double[][] before = TraceTestSupport.snapshot(trainer.network());
            int[] samples = trainer.nextSamples();
            StepTrace trace = StepTrace.ofNextStep(trainer, labels, Notation.Z_A);
            double[][] untouched = TraceTestSupport.snapshot(trainer.network());
            for (int p = 0; p < before.length; p++) {
                assertArrayEquals(before[p], untouched[p], where + ": building a trace changed the network");
            }
            assertArrayEquals(samples, trace.samples(), where + ": the trace is of the next batch");
            Network after = trace.networkAfter();
            double loss = trainer.step();
            assertArrayEquals(samples, trainer.lastSamples(), where + ": the step took the traced batch");
            assertRel(loss, trace.loss(), where + ": loss");
            Network fast = trainer.network();
            for (int p = 0; p < fast.parameters().size(); p++) {
                double[] expected = fast.parameters().get(p).value();
                double[] actual = after.parameters().get(p).value();
                assertEquals(expected.length, actual.length);
                for (int e = 0; e < expected.length; e++) {
                    assertRel(expected[e], actual[e], where + ": " + fast.parameters().get(p).name() + "[" + e + "]");
                }
                if (fast.parameters().get(p).isFrozen()) {
                    assertArrayEquals(before[p], actual, where + ": a frozen parameter moved in the trace");
                }
            }
            // the new-value terms say what networkAfter holds
            for (int l = 1; l < labels.layerCount(); l++) {
                int out = labels.size(l);
                for (int i = 0; i < labels.size(l - 1); i++) {
                    for (int j = 0; j < out; j++) {
                        String key = "w(" + labels.unit(l - 1, i) + "->" + labels.unit(l, j) + ")";
                        assertEquals(after.layer(l).weight(i, j), TraceTestSupport.value(trace, key), 0.0, where + key);
                    }
                }
                if (after.layer(l).hasBias()) {
                    for (int j = 0; j < out; j++) {
                        String key = "b(" + labels.unit(l, j) + ")";
                        assertEquals(after.layer(l).bias().value()[j], TraceTestSupport.value(trace, key), 0.0,
                                where + key);
                    }
                }
            }
        }
    }
}
