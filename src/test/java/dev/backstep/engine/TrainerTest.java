package dev.backstep.engine;

import static dev.backstep.engine.EngineTestSupport.assertRel;
import static dev.backstep.engine.EngineTestSupport.gaussianRows;
import static dev.backstep.engine.EngineTestSupport.network;
import static dev.backstep.engine.EngineTestSupport.randomize;
import static dev.backstep.engine.EngineTestSupport.setWeights;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.backstep.engine.EngineTestSupport.ScalarNet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The trainer's batching, loss bookkeeping, shuffling, checkpoints and failure handling. Losses are recomputed with
 * the test's own scalar network ({@link ScalarNet}) from the parameters the trainer had at the time.
 */
class TrainerTest {

    /** A 2-3-2 tanh/identity network with biases and seeded random parameters and data. */
    private record Fixture(Network network, double[][] x, double[][] t) {
        Dataset data() {
            return new Dataset(Matrix.of(x), Matrix.of(t));
        }
    }

    private static Fixture fixture(long seed, int samples, Reduction reduction) {
        Random random = EngineTestSupport.random(seed);
        Network network = network(new int[] {2, 3, 2}, Activation.TANH, Activation.IDENTITY, true,
                Loss.HALF_SQUARED_ERROR, reduction);
        randomize(network, random);
        return new Fixture(network, gaussianRows(random, samples, 2), gaussianRows(random, samples, 2));
    }

    private static TrainingSettings settings(Batching batching, boolean shuffle, long seed) {
        return new TrainingSettings(batching, shuffle, 100, seed);
    }

    private static double lossOfSamples(ScalarNet net, Fixture f, int[] samples) {
        double sum = 0;
        for (int s : samples) {
            sum += net.sampleLoss(f.x()[s], f.t()[s]);
        }
        return sum;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Batching and the recorded epoch loss.
    // ---------------------------------------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Reduction.class)
    void miniBatchesRunInOrderWithASmallerLastBatch(Reduction reduction) {
        Fixture f = fixture(11, 10, reduction);
        Network network = f.network();
        OptimizerSettings sgd = OptimizerSettings.sgd(0.1);
        Trainer trainer = new Trainer(network, f.data(), null, settings(Batching.of(4), false, 1), sgd);
        assertEquals(3, trainer.stepsPerEpoch());
        assertNull(trainer.lastSamples());
        int[][] batches = {{0, 1, 2, 3}, {4, 5, 6, 7}, {8, 9}};
        double epochSum = 0;
        for (int k = 0; k < batches.length; k++) {
            int[] batch = batches[k];
            assertArrayEquals(batch, trainer.nextSamples());
            double batchSum = lossOfSamples(ScalarNet.of(network), f, batch);
            // the same step taken by a full-batch trainer on a data set made of exactly this batch
            Network twin = network.copy();
            Trainer twinTrainer = new Trainer(twin, f.data().select(batch), null,
                    settings(Batching.full(), false, 1), sgd);
            double reported = trainer.step();
            twinTrainer.step();
            assertArrayEquals(batch, trainer.lastSamples(), "step " + (k + 1));
            assertEquals(batch.length, trainer.lastWorkspace().rows());
            assertRel(reduction == Reduction.MEAN ? batchSum / batch.length : batchSum, reported,
                    "reduced loss of batch " + (k + 1));
            for (int p = 0; p < network.parameters().size(); p++) {
                assertRel(twin.parameters().get(p).value(), network.parameters().get(p).value(), 1e-12,
                        "step " + (k + 1) + " equals a full-batch step on its batch: "
                                + network.parameters().get(p).name());
            }
            epochSum += batchSum;
            assertEquals(k < 2 ? k + 1 : 0, trainer.stepInEpoch());
            assertEquals(k < 2 ? 0 : 1, trainer.epoch());
        }
        assertEquals(1, trainer.trainLoss().size());
        assertRel(reduction == Reduction.MEAN ? epochSum / 10 : epochSum, trainer.trainLoss().get(0),
                "epoch loss from that epoch's forward passes");
        // the next epoch starts again at the first batch
        assertArrayEquals(batches[0], trainer.nextSamples());
        trainer.step();
        assertArrayEquals(batches[0], trainer.lastSamples());
    }

    @Test
    void sampleModeTakesOneSampleAtATime() {
        Fixture f = fixture(12, 5, Reduction.MEAN);
        Network network = f.network();
        Trainer trainer = new Trainer(network, f.data(), null, settings(Batching.sample(), false, 1),
                OptimizerSettings.sgd(0.2));
        assertEquals(5, trainer.stepsPerEpoch());
        double sum = 0;
        for (int s = 0; s < 5; s++) {
            double before = lossOfSamples(ScalarNet.of(network), f, new int[] {s});
            double reported = trainer.step();
            assertArrayEquals(new int[] {s}, trainer.lastSamples());
            assertRel(before, reported, "sample " + s + " loss before its own update");
            sum += before;
        }
        assertEquals(1, trainer.epoch());
        assertRel(sum / 5, trainer.trainLoss().get(0), "epoch loss is the mean over the samples' own passes");
        // the parameters moved during the epoch, so this differs from the loss at the start or end of the epoch
        assertNotEquals(sum / 5, ScalarNet.of(network).loss(f.x(), f.t()));
    }

    @Test
    void fullBatchEpochLossIsTheLossBeforeTheUpdate() {
        Fixture f = fixture(13, 6, Reduction.MEAN);
        Network network = f.network();
        Trainer trainer = new Trainer(network, f.data(), null, settings(Batching.full(), false, 1),
                OptimizerSettings.defaults(OptimizerKind.MOMENTUM).withLearningRate(0.05));
        assertEquals(1, trainer.stepsPerEpoch());
        for (int e = 0; e < 4; e++) {
            double before = ScalarNet.of(network).loss(f.x(), f.t());
            double reported = trainer.step();
            assertRel(before, reported, "step() returns the loss before the update");
            assertEquals(e + 1, trainer.trainLoss().size());
            assertRel(before, trainer.trainLoss().get(e), "epoch " + (e + 1) + " loss");
            double after = trainer.evaluateLoss(trainer.trainingData());
            assertRel(ScalarNet.of(network).loss(f.x(), f.t()), after, "evaluateLoss after the update");
            assertTrue(after < before, "training lowers the loss");
        }
        assertEquals(0, trainer.testLoss().size(), "no test set, no test losses");
    }

    @Test
    void testSetLossIsRecordedAfterEachEpoch() {
        Fixture f = fixture(14, 16, Reduction.MEAN);
        Network network = f.network();
        Fixture held = new Fixture(network, Arrays.copyOfRange(f.x(), 10, 16), Arrays.copyOfRange(f.t(), 10, 16));
        Dataset train = f.data().slice(0, 10);
        Fixture trainPart = new Fixture(network, Arrays.copyOfRange(f.x(), 0, 10), Arrays.copyOfRange(f.t(), 0, 10));
        Trainer trainer = new Trainer(network, train, held.data(), settings(Batching.of(4), true, 5),
                OptimizerSettings.sgd(0.1));
        for (int e = 0; e < 3; e++) {
            trainer.finishEpoch();
            assertEquals(e + 1, trainer.testLoss().size());
            assertRel(ScalarNet.of(network).loss(held.x(), held.t()), trainer.testLoss().get(e),
                    "test loss after epoch " + (e + 1) + " uses the parameters after its last update");
            assertNotEquals(ScalarNet.of(network).loss(trainPart.x(), trainPart.t()), trainer.testLoss().get(e));
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Shuffling.
    // ---------------------------------------------------------------------------------------------------------------

    private static List<int[]> runSteps(Trainer trainer, int steps) {
        List<int[]> seen = new ArrayList<>();
        for (int k = 0; k < steps; k++) {
            trainer.step();
            seen.add(trainer.lastSamples());
        }
        return seen;
    }

    @Test
    void seededShuffleIsDeterministic() {
        Fixture f = fixture(15, 10, Reduction.MEAN);
        Network a = f.network();
        Network b = a.copy();
        Network c = a.copy();
        OptimizerSettings adam = OptimizerSettings.defaults(OptimizerKind.ADAM).withLearningRate(0.01);
        Trainer ta = new Trainer(a, f.data(), null, settings(Batching.of(3), true, 1), adam);
        Trainer tb = new Trainer(b, f.data(), null, settings(Batching.of(3), true, 1), adam);
        Trainer tc = new Trainer(c, f.data(), null, settings(Batching.of(3), true, 3), adam);
        int steps = 4 * ta.stepsPerEpoch();
        List<int[]> sa = runSteps(ta, steps);
        List<int[]> sb = runSteps(tb, steps);
        List<int[]> sc = runSteps(tc, steps);
        for (int k = 0; k < steps; k++) {
            assertArrayEquals(sa.get(k), sb.get(k), "same seed, same batch at step " + (k + 1));
        }
        assertTrue(a.sameParameters(b), "same seed, bit-identical parameters");
        assertArrayEquals(ta.trainLoss().toArray(), tb.trainLoss().toArray());
        boolean differs = false;
        for (int k = 0; k < steps; k++) {
            differs |= !Arrays.equals(sa.get(k), sc.get(k));
        }
        assertTrue(differs, "a different seed gives a different order");
        assertFalse(a.sameParameters(c));

        // every epoch visits each sample once; the order changes from epoch to epoch
        List<int[]> epochs = new ArrayList<>();
        for (int e = 0; e < 4; e++) {
            int[] order = new int[0];
            for (int k = 0; k < 4; k++) {
                int[] batch = sa.get(e * 4 + k);
                assertEquals(k < 3 ? 3 : 1, batch.length);
                order = concat(order, batch);
            }
            int[] sorted = order.clone();
            Arrays.sort(sorted);
            assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, sorted, "epoch " + (e + 1));
            epochs.add(order);
        }
        assertFalse(Arrays.equals(epochs.get(0), epochs.get(1)));
        // np.random.seed(1); a = np.arange(10); np.random.shuffle(a) → epoch 1; shuffling a again → epoch 2
        assertArrayEquals(new int[] {2, 9, 6, 4, 0, 3, 1, 7, 8, 5}, epochs.get(0));
        assertArrayEquals(new int[] {5, 3, 4, 2, 8, 0, 6, 9, 1, 7}, epochs.get(1));
    }

    @Test
    void nextSamplesPredictsTheNextStepWithoutDisturbingIt() {
        Fixture f = fixture(16, 10, Reduction.MEAN);
        Network a = f.network();
        Network b = a.copy();
        OptimizerSettings sgd = OptimizerSettings.sgd(0.05);
        Trainer peeking = new Trainer(a, f.data(), null, settings(Batching.of(4), true, 9), sgd);
        Trainer plain = new Trainer(b, f.data(), null, settings(Batching.of(4), true, 9), sgd);
        for (int k = 0; k < 3 * peeking.stepsPerEpoch(); k++) {
            int[] predicted = peeking.nextSamples();
            assertArrayEquals(predicted, peeking.nextSamples(), "peeking twice gives the same answer");
            peeking.step();
            plain.step();
            assertArrayEquals(predicted, peeking.lastSamples(), "step " + (k + 1));
            assertArrayEquals(plain.lastSamples(), peeking.lastSamples());
        }
        assertTrue(a.sameParameters(b), "peeking does not change the training");
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Checkpoints.
    // ---------------------------------------------------------------------------------------------------------------

    /**
     * @param extraSteps 0: checkpoint at an epoch boundary, right after the smaller last batch; 1: mid-epoch, after a
     *                   full-size batch
     */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(ints = {0, 1})
    void checkpointAndRestoreAreExact(int extraSteps) {
        Fixture f = fixture(17, 10, Reduction.MEAN);
        Dataset test = new Dataset(Matrix.of(gaussianRows(new Random(18), 4, 2)),
                Matrix.of(gaussianRows(new Random(19), 4, 2)));
        Network initial = f.network().copy();
        OptimizerSettings adam = OptimizerSettings.defaults(OptimizerKind.ADAM).withLearningRate(0.02);
        TrainingSettings ts = settings(Batching.of(4), true, 21);

        Network network = f.network();
        Trainer trainer = new Trainer(network, f.data(), test, ts, adam);
        trainer.runEpochs(2);
        for (int k = 0; k < extraSteps; k++) {
            trainer.step(); // mid-epoch: position, shuffled order and optimizer moments all matter
        }
        Trainer.Checkpoint checkpoint = trainer.checkpoint();
        Network atCheckpoint = network.copy();
        double[] trainLossAt = trainer.trainLoss().toArray();
        double[] testLossAt = trainer.testLoss().toArray();
        int[] lastSamplesAt = trainer.lastSamples();
        Workspace workspaceAt = trainer.lastWorkspace().copy();
        long stepsAt = trainer.optimizer().steps();

        int more = 7; // crosses two epoch boundaries and ends mid-epoch
        List<int[]> firstRun = runSteps(trainer, more);
        Network afterFirstRun = network.copy();
        double[] trainLossFirst = trainer.trainLoss().toArray();
        double[] testLossFirst = trainer.testLoss().toArray();
        assertFalse(network.sameParameters(atCheckpoint));

        for (int round = 0; round < 2; round++) { // restoring twice from the same checkpoint works too
            trainer.restore(checkpoint);
            assertTrue(network.sameParameters(atCheckpoint), "parameters restored bit for bit");
            assertEquals(2, trainer.epoch());
            assertEquals(extraSteps, trainer.stepInEpoch());
            assertEquals(extraSteps == 0 ? 2 : 4, trainer.lastWorkspace().rows());
            assertEquals(stepsAt, trainer.optimizer().steps());
            assertArrayEquals(trainLossAt, trainer.trainLoss().toArray());
            assertArrayEquals(testLossAt, trainer.testLoss().toArray());
            assertArrayEquals(lastSamplesAt, trainer.lastSamples());
            for (DenseLayer layer : network.layers()) {
                LayerState saved = workspaceAt.layer(layer.index());
                LayerState now = trainer.lastWorkspace().layer(layer.index());
                assertEquals(saved.z(), now.z());
                assertEquals(saved.a(), now.a());
                assertEquals(saved.delta(), now.delta());
            }
            List<int[]> again = runSteps(trainer, more);
            for (int k = 0; k < more; k++) {
                assertArrayEquals(firstRun.get(k), again.get(k), "same batches after restore, step " + (k + 1));
            }
            assertTrue(network.sameParameters(afterFirstRun), "bit-identical training after restore");
            assertArrayEquals(trainLossFirst, trainer.trainLoss().toArray());
            assertArrayEquals(testLossFirst, trainer.testLoss().toArray());
        }

        // and identical to a trainer that never left
        Trainer straight = new Trainer(initial, f.data(), test, ts, adam);
        runSteps(straight, 2 * straight.stepsPerEpoch() + extraSteps + more);
        assertTrue(initial.sameParameters(afterFirstRun), "same as never having checkpointed");
        assertArrayEquals(trainLossFirst, straight.trainLoss().toArray());
    }

    /**
     * Checkpoints only go back: after returning to an earlier one, a later checkpoint's losses are no longer kept,
     * so restoring it is refused rather than leaving {@code trainLoss().size() != epoch()}. Going forward again is
     * training again, which reproduces the later moment bit for bit.
     */
    @Test
    void aLaterCheckpointIsRefusedAndRetrainingReproducesIt() {
        Fixture f = fixture(22, 6, Reduction.MEAN);
        Trainer trainer = new Trainer(f.network(), f.data(), null, settings(Batching.full(), false, 1),
                OptimizerSettings.sgd(0.05));
        trainer.runEpochs(2);
        Trainer.Checkpoint earlier = trainer.checkpoint();
        trainer.runEpochs(3);
        Trainer.Checkpoint later = trainer.checkpoint();
        double[] lossesAtLater = trainer.trainLoss().toArray();
        Network atLater = f.network().copy();
        trainer.restore(earlier);
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> trainer.restore(later));
        assertTrue(refused.getMessage().contains("only earlier checkpoints"), refused.getMessage());
        assertEquals(2, trainer.epoch(), "a refused restore changes nothing");
        assertEquals(2, trainer.trainLoss().size());
        trainer.runEpochs(3);
        assertTrue(f.network().sameParameters(atLater));
        assertEquals(5, trainer.epoch());
        assertArrayEquals(lossesAtLater, trainer.trainLoss().toArray());
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Divergence and bad data.
    // ---------------------------------------------------------------------------------------------------------------

    @Test
    void divergenceNamesTheEpochAndKeepsTheLastFiniteParameters() {
        Fixture f = fixture(20, 6, Reduction.MEAN);
        Network network = f.network();
        Trainer trainer = new Trainer(network, f.data(), null, settings(Batching.full(), false, 1),
                OptimizerSettings.sgd(1e6));
        Network lastGood = network.copy();
        TrainingDivergedException thrown = null;
        for (int e = 1; e <= 1000 && thrown == null; e++) {
            lastGood = network.copy();
            try {
                trainer.step();
            } catch (TrainingDivergedException ex) {
                thrown = ex;
                assertEquals(e, ex.epoch(), "the exception names the epoch in which it happened");
            }
        }
        if (thrown == null) {
            fail("lr 1e6 did not diverge in 1000 epochs");
        }
        assertTrue(thrown.epoch() > 1, "diverged only after some finite epochs: " + thrown.epoch());
        assertTrue(thrown.getMessage().contains("epoch " + thrown.epoch()), thrown.getMessage());
        assertTrue(network.sameParameters(lastGood), "parameters are the last finite ones");
        for (Parameter p : network.parameters()) {
            assertTrue(MatrixOps.allFinite(p.value()), p.name() + " stays finite");
        }
        assertEquals(thrown.epoch() - 1, trainer.epoch());
        assertEquals(thrown.epoch() - 1, trainer.trainLoss().size());
    }

    @Test
    void overflowingInputsAreReportedInTheFirstEpoch() {
        Network network = new Network(new int[] {1, 1}, new Activation[] {Activation.IDENTITY},
                new boolean[] {false}, Loss.HALF_SQUARED_ERROR, Reduction.MEAN);
        setWeights(network, 1, new double[][] {{10}});
        Dataset data = new Dataset(Matrix.of(new double[][] {{1e308}}), Matrix.of(new double[][] {{0}}));
        Trainer trainer = new Trainer(network, data, null, settings(Batching.full(), false, 1),
                OptimizerSettings.sgd(0.1));
        TrainingDivergedException ex = assertThrows(TrainingDivergedException.class, () -> trainer.runEpochs(5));
        assertEquals(1, ex.epoch());
        assertTrue(ex.getMessage().contains("epoch 1"), ex.getMessage());
        assertTrue(ex.getMessage().contains("layer 1"), "names the layer whose z overflowed: " + ex.getMessage());
        assertArrayEquals(new double[] {10}, network.layer(1).weights().value());
        assertEquals(0, trainer.trainLoss().size());
    }

    @Test
    void anOverflowingUpdateIsRejectedBeforeItIsWritten() {
        // σ/BCE keeps the loss finite while lr·g overflows
        Network network = new Network(new int[] {1, 1}, new Activation[] {Activation.SIGMOID},
                new boolean[] {true}, Loss.BINARY_CROSS_ENTROPY, Reduction.MEAN);
        setWeights(network, 1, new double[][] {{1}});
        network.layer(1).bias().value()[0] = 0.25;
        Dataset data = new Dataset(Matrix.of(new double[][] {{10}}), Matrix.of(new double[][] {{0}}));
        Trainer trainer = new Trainer(network, data, null, settings(Batching.full(), false, 1),
                OptimizerSettings.sgd(1e308));
        TrainingDivergedException ex = assertThrows(TrainingDivergedException.class, trainer::step);
        assertEquals(1, ex.epoch());
        assertTrue(ex.getMessage().contains("W1"), ex.getMessage());
        assertArrayEquals(new double[] {1}, network.layer(1).weights().value());
        assertArrayEquals(new double[] {0.25}, network.layer(1).bias().value(), "no parameter is written");
    }

    @Test
    void mismatchedDataIsRejectedWithAClearMessage() {
        Network network = network(new int[] {2, 3, 1}, Activation.TANH, Activation.IDENTITY, true,
                Loss.HALF_SQUARED_ERROR, Reduction.MEAN);
        Dataset good = new Dataset(new Matrix(4, 2), new Matrix(4, 1));
        TrainingSettings ts = settings(Batching.full(), false, 1);
        OptimizerSettings sgd = OptimizerSettings.sgd(0.1);

        IllegalArgumentException inputs = assertThrows(IllegalArgumentException.class,
                () -> new Trainer(network, new Dataset(new Matrix(4, 3), new Matrix(4, 1)), null, ts, sgd));
        assertTrue(inputs.getMessage().contains("training data has 3 inputs"), inputs.getMessage());
        assertTrue(inputs.getMessage().contains("2"), inputs.getMessage());

        IllegalArgumentException targets = assertThrows(IllegalArgumentException.class,
                () -> new Trainer(network, new Dataset(new Matrix(4, 2), new Matrix(4, 2)), null, ts, sgd));
        assertTrue(targets.getMessage().contains("training data has 2 targets"), targets.getMessage());
        assertTrue(targets.getMessage().contains("1 outputs"), targets.getMessage());

        IllegalArgumentException test = assertThrows(IllegalArgumentException.class,
                () -> new Trainer(network, good, new Dataset(new Matrix(2, 5), new Matrix(2, 1)), ts, sgd));
        assertTrue(test.getMessage().startsWith("test data has 5 inputs"), test.getMessage());

        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> new Trainer(network, new Dataset(new Matrix(0, 2), new Matrix(0, 1)), null, ts, sgd));
        assertTrue(empty.getMessage().contains("empty"), empty.getMessage());

        IllegalArgumentException rows = assertThrows(IllegalArgumentException.class,
                () -> new Dataset(new Matrix(3, 2), new Matrix(2, 1)));
        assertTrue(rows.getMessage().contains("3 input rows but 2 target rows"), rows.getMessage());
    }
}
