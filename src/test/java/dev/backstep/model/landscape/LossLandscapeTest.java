package dev.backstep.model.landscape;

import dev.backstep.engine.Network;
import dev.backstep.engine.Trainer;
import dev.backstep.io.NetworkDefinition;
import dev.backstep.io.SampleNetworks;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The landscape's grid against the loss of a plain scalar forward pass written here. */
class LossLandscapeTest {
    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    /**
     * xor-2-4-1's mean half squared error from scalar loops: W1 is 2×4 (from × to), b1 has 4, W2 is 4×1, b2 has 1;
     * w1[from][to], with the listed overrides already applied by the caller.
     */
    private static double scalarLoss(double[][] w1, double[] b1, double[] w2, double b2, double[][] x, double[] t) {
        double sum = 0;
        for (int s = 0; s < x.length; s++) {
            double out = b2;
            for (int j = 0; j < 4; j++) {
                double z = b1[j];
                for (int i = 0; i < 2; i++) {
                    z += x[s][i] * w1[i][j];
                }
                out += sigmoid(z) * w2[j];
            }
            double y = sigmoid(out);
            sum += 0.5 * (y - t[s]) * (y - t[s]);
        }
        return sum / x.length;
    }

    private static void assertClose(double expected, double actual, String what) {
        assertEquals(expected, actual, 1e-12 * Math.max(1e-300, Math.abs(expected)), what);
    }

    @Test
    void gridPointsEqualAScalarForwardPassWithTheTwoParametersMoved() throws Exception {
        NetworkDefinition definition = SampleNetworks.load("xor-2-4-1");
        Trainer trainer = definition.newTrainer();
        trainer.runEpochs(250);
        Network network = trainer.network();
        List<ParameterAxis> axes = ParameterAxis.all(network, definition.labels());
        ParameterAxis x = axes.stream().filter(a -> a.name().equals("w(x1→h2)")).findFirst().orElseThrow();
        ParameterAxis y = axes.stream().filter(a -> a.name().equals("b(o1)")).findFirst().orElseThrow();
        LossLandscape.Grid grid = LossLandscape.compute(network, definition.trainingData(), x, y, 2.0, 1.5, 41);

        double[] w1Flat = network.layer(1).weights().value();
        double[] b1 = network.layer(1).bias().value().clone();
        double[] w2 = network.layer(2).weights().value().clone();
        double b2 = network.layer(2).bias().value()[0];
        double[][] inputs = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
        double[] targets = {0, 1, 1, 0};
        assertEquals(w1Flat[1], grid.centreX(), 0.0, "x is W1 from x1 (row 0) to h2 (column 1)");
        assertEquals(b2, grid.centreY(), 0.0);
        int[][] points = {{0, 0}, {40, 40}, {20, 20}, {7, 33}, {40, 3}, {12, 0}};
        for (int[] p : points) {
            int row = p[0];
            int col = p[1];
            double xv = grid.centreX() - 2.0 + 4.0 * col / 40;
            double yv = grid.centreY() - 1.5 + 3.0 * row / 40;
            assertEquals(xv, grid.xs()[col], 1e-15);
            assertEquals(yv, grid.ys()[row], 1e-15);
            double[][] w1 = {{w1Flat[0], w1Flat[1], w1Flat[2], w1Flat[3]}, {w1Flat[4], w1Flat[5], w1Flat[6],
                w1Flat[7]}};
            w1[0][1] = grid.xs()[col];
            double expected = scalarLoss(w1, b1, w2, grid.ys()[row], inputs, targets);
            assertClose(expected, grid.loss()[row][col], "loss at row " + row + ", column " + col);
        }
        double[][] w1 = {{w1Flat[0], w1Flat[1], w1Flat[2], w1Flat[3]}, {w1Flat[4], w1Flat[5], w1Flat[6], w1Flat[7]}};
        assertClose(scalarLoss(w1, b1, w2, b2, inputs, targets), grid.loss()[20][20], "the centre is the present");
        assertEquals(w1Flat[1], network.layer(1).weights().value()[1], 0.0, "the network itself is untouched");
    }

    @Test
    void axesNameEveryWeightAndBiasOnce() throws Exception {
        NetworkDefinition definition = SampleNetworks.load("xor-2-3-1");
        Network network = definition.newNetwork();
        List<ParameterAxis> axes = ParameterAxis.all(network, definition.labels());
        assertEquals(network.parameterCount(), axes.size());
        assertEquals("w(x2→h3)", axes.get(5).name());
        assertEquals(network.layer(1).weight(1, 2), axes.get(5).value(network), 0.0);
        assertEquals("b(h1)", axes.get(6).name());
        assertEquals(axes.size(), axes.stream().map(ParameterAxis::name).distinct().count());
    }

    @Test
    void theReplayedPathEndsAtThePresentOrIsRefused() throws Exception {
        NetworkDefinition definition = SampleNetworks.load("xor-2-4-1");
        Trainer trainer = definition.newTrainer();
        trainer.runEpochs(30);
        List<ParameterAxis> axes = ParameterAxis.all(trainer.network(), definition.labels());
        ParameterAxis x = axes.get(0);
        ParameterAxis y = axes.get(9);
        double[][] path = LossLandscape.replayPath(definition.newNetwork(), definition.trainingData(),
                definition.training(), definition.optimizer(), 30, x, y, trainer.network());
        assertNotNull(path);
        assertEquals(x.value(definition.newNetwork()), path[0][0], 0.0);
        assertEquals(x.value(trainer.network()), path[0][30], 0.0);
        assertEquals(y.value(trainer.network()), path[1][30], 0.0);
        Trainer other = definition.newTrainer();
        other.runEpochs(10);
        double[] xsAfter10 = {x.value(other.network()), y.value(other.network())};
        assertArrayEquals(xsAfter10, new double[] {path[0][10], path[1][10]}, 0.0);
        assertNull(LossLandscape.replayPath(definition.newNetwork(), definition.trainingData(),
                definition.training(), definition.optimizer().withLearningRate(0.5), 30, x, y, trainer.network()),
                "another learning rate does not end at the present");
    }

    @Test
    void theSameParameterOnBothAxesIsRefused() throws Exception {
        NetworkDefinition definition = SampleNetworks.load("xor-2-2-1");
        Network network = definition.newNetwork();
        ParameterAxis a = ParameterAxis.all(network, definition.labels()).get(0);
        assertThrows(IllegalArgumentException.class,
                () -> LossLandscape.compute(network, definition.trainingData(), a, a, 1, 1, 5));
    }
}
