package dev.backstep.model;

import dev.backstep.engine.Activation;
import dev.backstep.engine.Dataset;
import dev.backstep.engine.DenseLayer;
import dev.backstep.engine.Network;
import dev.backstep.engine.Parameter;
import dev.backstep.engine.Trainer;
import dev.backstep.io.ArchitectureChange;
import dev.backstep.io.InlineData;
import dev.backstep.io.NetworkDefinition;
import dev.backstep.io.NetworkReader;
import dev.backstep.io.NetworkWriter;
import dev.backstep.io.SampleNetworks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Editing the data and the layers on the training thread, and undoing it exactly. */
class EditingTest {
    /** XOR's four corners, as the sample file lists them. */
    private static final double[][] XOR_INPUTS = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
    private static final double[][] XOR_TARGETS = {{0}, {1}, {1}, {0}};

    private SessionWorker worker;

    @AfterEach
    void close() {
        if (worker != null) {
            worker.close();
        }
    }

    private SessionWorker start(String sample) throws Exception {
        worker = new SessionWorker(SampleNetworks.load(sample));
        return worker;
    }

    @Test
    void addingAPointAppendsExactlyThatSampleAndRestartsAtEpochZero() throws Exception {
        start("xor-2-4-1");
        worker.trainEpochs(25);
        worker.addPoint(new double[] {0.25, 0.75}, new double[] {1});
        Snapshot s = worker.await();

        assertEquals(5, s.trainingData().size());
        for (int r = 0; r < 4; r++) {
            assertArrayEquals(XOR_INPUTS[r], s.trainingData().inputs().row(r), "row " + r + " is untouched");
            assertArrayEquals(XOR_TARGETS[r], s.trainingData().targets().row(r));
        }
        assertArrayEquals(new double[] {0.25, 0.75}, s.trainingData().inputs().row(4));
        assertArrayEquals(new double[] {1}, s.trainingData().targets().row(4));
        assertEquals(0, s.epoch(), "a data edit restarts training");
        assertTrue(s.message().contains("epoch 0"), s.message());
        assertTrue(s.dirty());
        assertTrue(s.network().sameParameters(SampleNetworks.load("xor-2-4-1").newNetwork()),
                "training starts again from the file's initial parameters");
    }

    @Test
    void shiftClickRemovesTheNearestPointAndNothingElse() throws Exception {
        start("circle");
        Snapshot start = worker.await();
        Dataset before = start.trainingData();
        double[] at = {0.31, -0.42};
        // The nearest sample by a plain loop over the original rows.
        int nearest = -1;
        double best = Double.POSITIVE_INFINITY;
        for (int r = 0; r < before.size(); r++) {
            double dx = before.inputs().get(r, 0) - at[0];
            double dy = before.inputs().get(r, 1) - at[1];
            if (dx * dx + dy * dy < best) {
                best = dx * dx + dy * dy;
                nearest = r;
            }
        }
        worker.removeNearestPoint(at);
        Snapshot end = worker.await();
        Dataset after = end.trainingData();

        assertEquals(before.size() - 1, after.size());
        for (int r = 0, a = 0; r < before.size(); r++) {
            if (r == nearest) {
                continue;
            }
            assertArrayEquals(before.inputs().row(r), after.inputs().row(a), "row " + r);
            assertArrayEquals(before.targets().row(r), after.targets().row(a), "row " + r);
            a++;
        }
        assertEquals(start.testData(), end.testData(), "the test set is not edited");
    }

    @Test
    void aNewArchitectureIsTheNetworkAFileWithThoseLayersAndTheSameSeedWouldGive() throws Exception {
        start("xor-2-4-1");
        worker.trainEpochs(10);
        List<ArchitectureChange.Layer> layers = List.of(
                new ArchitectureChange.Layer(5, Activation.TANH, true),
                new ArchitectureChange.Layer(3, Activation.RELU, false),
                new ArchitectureChange.Layer(1, Activation.SIGMOID, true));
        worker.changeArchitecture(layers);
        Snapshot s = worker.await();

        // The same network written as a file by hand, read by the file reader.
        NetworkDefinition fresh = NetworkReader.parse("fresh.json", """
                {"format": "backstep-network", "version": 1,
                 "layers": [{"size": 2},
                            {"size": 5, "activation": "tanh", "bias": true},
                            {"size": 3, "activation": "relu", "bias": false},
                            {"size": 1, "activation": "sigmoid", "bias": true}],
                 "init": {"weights": "xavier-uniform", "biases": "zeros", "seed": 3},
                 "loss": {"name": "half-squared-error", "reduction": "mean"},
                 "optimizer": {"name": "sgd", "learningRate": 2.0},
                 "data": {"inputs": [[0, 0], [0, 1], [1, 0], [1, 1]], "targets": [[0], [1], [1], [0]]}}
                """);
        Network expected = fresh.newNetwork();
        assertArrayEquals(new int[] {2, 5, 3, 1}, s.network().layerSizes());
        for (DenseLayer layer : s.network().layers()) {
            DenseLayer other = expected.layer(layer.index());
            assertEquals(other.activation(), layer.activation(), "layer " + layer.index());
            assertEquals(other.hasBias(), layer.hasBias(), "layer " + layer.index());
        }
        assertTrue(s.network().sameParameters(expected), "bit-for-bit the file's initial parameters");
        assertEquals(0, s.epoch());
        assertEquals("2-5-3-1", ArchitectureChange.shape(2, layers));
        assertTrue(s.message().contains("2-5-3-1"), s.message());
        assertEquals(List.of("h1_1", "h1_2", "h1_3", "h1_4", "h1_5"), s.definition().layers().get(1).names());

        // And it trains as the file's network does.
        worker.trainEpochs(40);
        Trainer twin = fresh.newTrainer();
        twin.runEpochs(40);
        assertTrue(worker.await().network().sameParameters(twin.network()));
    }

    @Test
    void undoRestoresParametersDataAndTrainingPositionBitForBit() throws Exception {
        start("xor-2-4-1");
        worker.trainEpochs(37);
        worker.stepTerm(); // part-way through a step: the position includes the term cursor
        worker.stepTerm();
        Snapshot before = worker.await();
        List<double[]> parameters = values(before.network());
        double[] losses = losses(before);

        worker.addPoint(new double[] {0.5, 0.5}, new double[] {1});
        worker.trainEpochs(12);
        worker.changeArchitecture(List.of(new ArchitectureChange.Layer(6, Activation.SIGMOID, true),
                new ArchitectureChange.Layer(1, Activation.SIGMOID, true)));
        worker.trainEpochs(3);
        assertEquals(2, worker.undoLevels().join());
        worker.undo();
        Snapshot afterOne = worker.await();
        assertEquals(12, afterOne.epoch(), "first undo: back to the edited data after 12 epochs");
        assertEquals(5, afterOne.trainingData().size());
        assertArrayEquals(new int[] {2, 4, 1}, afterOne.network().layerSizes());
        worker.undo();
        Snapshot after = worker.await();

        assertEquals(before.epoch(), after.epoch());
        assertEquals(before.stepInEpoch(), after.stepInEpoch());
        assertEquals(before.tracePosition(), after.tracePosition(), "the term cursor is where it was");
        List<double[]> restored = values(after.network());
        for (int i = 0; i < parameters.size(); i++) {
            assertArrayEquals(parameters.get(i), restored.get(i), "parameter " + i);
        }
        assertArrayEquals(XOR_INPUTS, after.trainingData().inputs().toArray());
        assertArrayEquals(XOR_TARGETS, after.trainingData().targets().toArray());
        assertArrayEquals(losses, losses(after));
        assertTrue(after.message().startsWith("undone: added a point"), after.message());
        worker.undo();
        assertEquals("nothing to undo", worker.await().message());

        // Going on from there is the run that was never edited: the step in progress, then 13 more epochs.
        worker.trainEpochs(13);
        Snapshot later = worker.await();
        assertEquals(37 + 1 + 13, later.epoch());
        Trainer twin = SampleNetworks.load("xor-2-4-1").newTrainer();
        twin.runEpochs(later.epoch());
        assertTrue(later.network().sameParameters(twin.network()));
    }

    @Test
    void undoAfterASaveLeavesTheNetworkMarkedUnsaved() throws Exception {
        start("xor-2-4-1");
        assertFalse(worker.await().dirty());
        worker.addPoint(new double[] {0.5, 0.5}, new double[] {1});
        worker.markSaved(worker.current().join());
        assertFalse(worker.await().dirty());
        worker.undo();
        assertTrue(worker.await().dirty(), "the file on disk has the point; the session no longer does");
    }

    @Test
    void editsWhileTrainingAreRefusedAndChangeNothing() throws Exception {
        start("xor-2-4-1");
        worker.setSpeed(5);
        worker.play();
        worker.addPoint(new double[] {0.5, 0.5}, new double[] {1});
        worker.pause();
        Snapshot s = worker.await();
        assertEquals("pause training before editing", s.message());
        assertEquals(4, worker.await().trainingData().size());
        assertEquals(0, worker.undoLevels().join());
    }

    @Test
    void aBadTableIsRefusedNamingTheRow() throws Exception {
        start("xor-2-4-1");
        worker.replaceData(new double[][] {{0, 0}, {1}}, new double[][] {{0}, {1}});
        Snapshot s = worker.await();
        assertEquals("the data is unchanged: row 2: 1 input, expected 2", s.message());
        assertEquals(4, s.trainingData().size());
        assertFalse(s.dirty());

        worker.replaceData(new double[][] {{0, 0}, {1, 1}}, new double[][] {{0}, {Double.NaN}});
        assertEquals("the data is unchanged: row 2, target 1: NaN is not a finite number", worker.await().message());
    }

    @Test
    void savingWritesTheEditedNetworkWithItsDataInline(@TempDir Path dir) throws Exception {
        start("circle"); // generated data: saving must write the edited samples themselves
        worker.removeNearestPoint(new double[] {0, 0});
        worker.changeArchitecture(List.of(new ArchitectureChange.Layer(3, Activation.TANH, true),
                new ArchitectureChange.Layer(1, Activation.SIGMOID, true)));
        worker.trainEpochs(5);
        Snapshot s = worker.await();
        Path file = dir.resolve("edited.json");
        NetworkWriter.write(worker.current().join(), file);

        NetworkDefinition reread = NetworkReader.read(file);
        InlineData data = assertInstanceOf(InlineData.class, reread.data());
        assertArrayEquals(s.trainingData().inputs().toArray(), data.inputs());
        assertArrayEquals(s.trainingData().targets().toArray(), data.targets());
        assertArrayEquals(s.testData().inputs().toArray(), data.testInputs());
        assertEquals(199, data.inputs().length);
        assertEquals(3, reread.layers().get(1).size());
        assertEquals(Activation.TANH, reread.layers().get(1).activation());
        assertTrue(reread.newNetwork().sameParameters(s.network()), "the trained parameters");
    }

    @Test
    void aTableReplacesTheTrainingData() throws Exception {
        start("xor-2-4-1");
        double[][] inputs = {{-1, -1}, {1, 1}, {0.5, -0.5}};
        double[][] targets = {{0}, {1}, {1}};
        worker.replaceData(inputs, targets);
        Snapshot s = worker.await();
        assertArrayEquals(inputs, s.trainingData().inputs().toArray());
        assertArrayEquals(targets, s.trainingData().targets().toArray());
        assertEquals(0, s.epoch());
    }

    @Test
    void aLayerListThatMakesNoNetworkIsRefusedSayingWhy() throws Exception {
        start("xor-2-4-1");
        NetworkDefinition xor = SampleNetworks.load("xor-2-4-1");
        ArchitectureChange.Layer output = new ArchitectureChange.Layer(1, Activation.SIGMOID, true);
        assertEquals("hidden layer 1: softmax is only allowed on the output layer", ArchitectureChange.problem(xor,
                List.of(new ArchitectureChange.Layer(3, Activation.SOFTMAX, true), output)));
        assertEquals("hidden layer 1 has 0 units (expected 1 to 1000)", ArchitectureChange.problem(xor,
                List.of(new ArchitectureChange.Layer(0, Activation.TANH, true), output)));
        assertEquals("the output layer has 2 units, but the data has 1 target per sample",
                ArchitectureChange.problem(xor, List.of(new ArchitectureChange.Layer(2, Activation.SIGMOID, true))));
        assertEquals(null, ArchitectureChange.problem(xor, List.of(output)), "no hidden layer is a network too");

        worker.changeArchitecture(List.of(new ArchitectureChange.Layer(3, Activation.SOFTMAX, true), output));
        Snapshot s = worker.await();
        assertEquals("hidden layer 1: softmax is only allowed on the output layer", s.message());
        assertArrayEquals(new int[] {2, 4, 1}, s.network().layerSizes(), "nothing changed");
        assertEquals(0, worker.undoLevels().join());
    }

    @Test
    void theUndoStackKeepsTheNewestTwenty() {
        UndoStack<Integer> stack = new UndoStack<>(SessionWorker.UNDO_LEVELS);
        for (int i = 0; i < 25; i++) {
            stack.push(i);
        }
        assertEquals(20, stack.size());
        for (int i = 24; i >= 5; i--) {
            assertEquals(i, stack.pop());
        }
        assertNull(stack.pop());
    }

    @Test
    void classesBecomeTargetsForTheOutput() {
        Network binary = new Network(new int[] {2, 1}, new Activation[] {Activation.TANH}, new boolean[] {true},
                dev.backstep.engine.Loss.HALF_SQUARED_ERROR, dev.backstep.engine.Reduction.MEAN);
        assertArrayEquals(new double[] {-1}, DataEdits.targetsForClass(binary, 0));
        assertArrayEquals(new double[] {1}, DataEdits.targetsForClass(binary, 1));
        Network three = new Network(new int[] {2, 3}, new Activation[] {Activation.SOFTMAX}, new boolean[] {true},
                dev.backstep.engine.Loss.CROSS_ENTROPY, dev.backstep.engine.Reduction.MEAN);
        assertEquals(3, DataEdits.classCount(three));
        assertArrayEquals(new double[] {0, 0, 1}, DataEdits.targetsForClass(three, 2));
    }

    private static List<double[]> values(Network network) {
        List<double[]> values = new ArrayList<>();
        for (Parameter p : network.parameters()) {
            values.add(p.value().clone());
        }
        return values;
    }

    private static double[] losses(Snapshot s) {
        double[] losses = new double[s.trainLossCount()];
        for (int e = 0; e < losses.length; e++) {
            losses[e] = s.trainLoss().get(e);
        }
        return losses;
    }
}
