package dev.backstep.engine;

import static dev.backstep.engine.EngineTestSupport.assertRel;
import static dev.backstep.engine.EngineTestSupport.setBias;
import static dev.backstep.engine.EngineTestSupport.setWeights;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The worked examples of the seed texts and the classic Mazur example, each recomputed in the test with named scalar
 * variables, never with numbers copied from the texts (which contain arithmetic mistakes) or from the engine.
 */
class WorkedExamplesTest {

    private static double sigmoid(double z) {
        return 1.0 / (1.0 + Math.exp(-z));
    }

    private static Trainer fullBatchSgd(Network network, double[][] x, double[][] t, double learningRate) {
        return new Trainer(network, new Dataset(Matrix.of(x), Matrix.of(t)), null,
                new TrainingSettings(Batching.full(), false, 1, 1), OptimizerSettings.sgd(learningRate));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Seed 004, "slides-035-07": 2-2-1, sigmoid everywhere, no biases, target 0.5, learning rate 1.
    // ---------------------------------------------------------------------------------------------------------------

    @Test
    void seed004OneStepMatchesScalarComputation() {
        double x1 = 0.35;
        double x2 = 0.7;
        double target = 0.5;
        double lr = 1.0;
        // w_ij from input i to hidden j, and w_h1o, w_h2o from the hidden units to the output
        double w11 = 0.2;
        double w21 = 0.2;
        double w12 = 0.3;
        double w22 = 0.3;
        double wh1o = 0.3;
        double wh2o = 0.9;

        Network network = new Network(new int[] {2, 2, 1},
                new Activation[] {Activation.SIGMOID, Activation.SIGMOID}, new boolean[] {false, false},
                Loss.HALF_SQUARED_ERROR, Reduction.MEAN);
        setWeights(network, 1, new double[][] {{w11, w12}, {w21, w22}});
        setWeights(network, 2, new double[][] {{wh1o}, {wh2o}});
        Trainer trainer = fullBatchSgd(network, new double[][] {{x1, x2}}, new double[][] {{target}}, lr);

        double reportedLoss = trainer.step();

        // --- scalar forward pass
        double zh1 = w11 * x1 + w21 * x2;
        double zh2 = w12 * x1 + w22 * x2;
        double h1 = sigmoid(zh1);
        double h2 = sigmoid(zh2);
        double zo = wh1o * h1 + wh2o * h2;
        double o = sigmoid(zo);
        double error = 0.5 * (target - o) * (target - o);
        // --- scalar backward pass, δ = ∂E/∂z
        double dEdo = o - target;
        double dodzo = o * (1 - o);
        double deltaO = dEdo * dodzo;
        double dEdh1 = deltaO * wh1o;
        double dEdh2 = deltaO * wh2o;
        double dh1dz = h1 * (1 - h1);
        double dh2dz = h2 * (1 - h2);
        double deltaH1 = dEdh1 * dh1dz;
        double deltaH2 = dEdh2 * dh2dz;
        double gW11 = deltaH1 * x1;
        double gW21 = deltaH1 * x2;
        double gW12 = deltaH2 * x1;
        double gW22 = deltaH2 * x2;
        double gWh1o = deltaO * h1;
        double gWh2o = deltaO * h2;

        assertRel(error, reportedLoss, "E before the update");
        Workspace ws = trainer.lastWorkspace();
        LayerState hidden = ws.layer(1);
        LayerState out = ws.layer(2);
        assertRel(zh1, hidden.z().get(0, 0), "z_h1");
        assertRel(zh2, hidden.z().get(0, 1), "z_h2");
        assertRel(h1, hidden.a().get(0, 0), "h1");
        assertRel(h2, hidden.a().get(0, 1), "h2");
        assertRel(zo, out.z().get(0, 0), "z_o");
        assertRel(o, out.a().get(0, 0), "o");
        assertRel(dEdo, out.dEda().get(0, 0), "∂E/∂o");
        assertRel(dodzo, out.dadz().get(0, 0), "∂o/∂z_o");
        assertRel(deltaO, out.delta().get(0, 0), "δ_o");
        assertRel(dEdh1, hidden.dEda().get(0, 0), "∂E/∂h1");
        assertRel(dEdh2, hidden.dEda().get(0, 1), "∂E/∂h2");
        assertRel(dh1dz, hidden.dadz().get(0, 0), "∂h1/∂z");
        assertRel(dh2dz, hidden.dadz().get(0, 1), "∂h2/∂z");
        assertRel(deltaH1, hidden.delta().get(0, 0), "δ_h1");
        assertRel(deltaH2, hidden.delta().get(0, 1), "δ_h2");

        // Seed 004 writes δ₅ = y₅(1 − y₅)(t − y₅), i.e. −∂E/∂z: the engine's δ has the opposite sign.
        double seedDelta5 = o * (1 - o) * (target - o);
        double seedDelta3 = h1 * (1 - h1) * (wh1o * seedDelta5);
        double seedDelta4 = h2 * (1 - h2) * (wh2o * seedDelta5);
        assertRel(-seedDelta5, out.delta().get(0, 0), "engine δ_o = −(seed δ₅)");
        assertRel(-seedDelta3, hidden.delta().get(0, 0), "engine δ_h1 = −(seed δ₃)");
        assertRel(-seedDelta4, hidden.delta().get(0, 1), "engine δ_h2 = −(seed δ₄)");

        Parameter w1 = network.layer(1).weights();
        Parameter w2 = network.layer(2).weights();
        // layout: W1 row-major as input × hidden, so [w11, w12, w21, w22]
        assertRel(new double[] {gW11, gW12, gW21, gW22}, w1.gradient(), 1e-12, "∂E/∂W1");
        assertRel(new double[] {gWh1o, gWh2o}, w2.gradient(), 1e-12, "∂E/∂W2");
        assertRel(new double[] {-lr * gW11, -lr * gW12, -lr * gW21, -lr * gW22}, w1.update(), 1e-12, "ΔW1");
        assertRel(new double[] {-lr * gWh1o, -lr * gWh2o}, w2.update(), 1e-12, "ΔW2");
        // the seed's rule Δw = η δ_j O_j with its own sign convention gives the same update
        assertRel(lr * seedDelta5 * h2, w2.update()[1], "ΔW2 by the seed's rule");
        assertRel(lr * seedDelta3 * x1, w1.update()[0], "ΔW1[x1→h1] by the seed's rule");

        double nw11 = w11 - lr * gW11;
        double nw21 = w21 - lr * gW21;
        double nw12 = w12 - lr * gW12;
        double nw22 = w22 - lr * gW22;
        double nwh1o = wh1o - lr * gWh1o;
        double nwh2o = wh2o - lr * gWh2o;
        assertRel(new double[] {nw11, nw12, nw21, nw22}, w1.value(), 1e-12, "new W1");
        assertRel(new double[] {nwh1o, nwh2o}, w2.value(), 1e-12, "new W2");

        // forward pass after the update
        double h1After = sigmoid(nw11 * x1 + nw21 * x2);
        double h2After = sigmoid(nw12 * x1 + nw22 * x2);
        double oAfter = sigmoid(nwh1o * h1After + nwh2o * h2After);
        Matrix prediction = network.predict(Matrix.of(new double[][] {{x1, x2}}));
        assertRel(oAfter, prediction.get(0, 0), "o after the update");
        assertRel(0.5 * (target - oAfter) * (target - oAfter),
                trainer.evaluateLoss(trainer.trainingData()), "E after the update");
        assertTrue(Math.abs(target - oAfter) < Math.abs(target - o), "one step moves the output towards the target");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Mazur's 2-2-2 example with frozen biases.
    // ---------------------------------------------------------------------------------------------------------------

    @Test
    void mazurOneStepMatchesScalarComputationWithFrozenBiases() {
        double i1 = 0.05;
        double i2 = 0.10;
        double w1 = 0.15; // i1 → h1
        double w2 = 0.20; // i2 → h1
        double w3 = 0.25; // i1 → h2
        double w4 = 0.30; // i2 → h2
        double w5 = 0.40; // h1 → o1
        double w6 = 0.45; // h2 → o1
        double w7 = 0.50; // h1 → o2
        double w8 = 0.55; // h2 → o2
        double b1 = 0.35;
        double b2 = 0.60;
        double t1 = 0.01;
        double t2 = 0.99;
        double lr = 0.5;

        Network network = new Network(new int[] {2, 2, 2},
                new Activation[] {Activation.SIGMOID, Activation.SIGMOID}, new boolean[] {true, true},
                Loss.HALF_SQUARED_ERROR, Reduction.MEAN);
        setWeights(network, 1, new double[][] {{w1, w3}, {w2, w4}});
        setWeights(network, 2, new double[][] {{w5, w7}, {w6, w8}});
        setBias(network, 1, b1, b1);
        setBias(network, 2, b2, b2);
        network.layer(1).bias().setFrozen(true);
        network.layer(2).bias().setFrozen(true);
        Trainer trainer = fullBatchSgd(network, new double[][] {{i1, i2}}, new double[][] {{t1, t2}}, lr);

        double reportedLoss = trainer.step();

        double netH1 = w1 * i1 + w2 * i2 + b1;
        double netH2 = w3 * i1 + w4 * i2 + b1;
        double outH1 = sigmoid(netH1);
        double outH2 = sigmoid(netH2);
        double netO1 = w5 * outH1 + w6 * outH2 + b2;
        double netO2 = w7 * outH1 + w8 * outH2 + b2;
        double outO1 = sigmoid(netO1);
        double outO2 = sigmoid(netO2);
        double eTotal = 0.5 * (t1 - outO1) * (t1 - outO1) + 0.5 * (t2 - outO2) * (t2 - outO2);

        double deltaO1 = (outO1 - t1) * outO1 * (1 - outO1);
        double deltaO2 = (outO2 - t2) * outO2 * (1 - outO2);
        double dEdOutH1 = deltaO1 * w5 + deltaO2 * w7;
        double dEdOutH2 = deltaO1 * w6 + deltaO2 * w8;
        double deltaH1 = dEdOutH1 * outH1 * (1 - outH1);
        double deltaH2 = dEdOutH2 * outH2 * (1 - outH2);
        double g1 = deltaH1 * i1;
        double g2 = deltaH1 * i2;
        double g3 = deltaH2 * i1;
        double g4 = deltaH2 * i2;
        double g5 = deltaO1 * outH1;
        double g6 = deltaO1 * outH2;
        double g7 = deltaO2 * outH1;
        double g8 = deltaO2 * outH2;

        assertRel(eTotal, reportedLoss, "E_total");
        LayerState hidden = trainer.lastWorkspace().layer(1);
        LayerState out = trainer.lastWorkspace().layer(2);
        assertRel(new double[] {netH1, netH2}, hidden.z().row(0), 1e-12, "net_h");
        assertRel(new double[] {outH1, outH2}, hidden.a().row(0), 1e-12, "out_h");
        assertRel(new double[] {netO1, netO2}, out.z().row(0), 1e-12, "net_o");
        assertRel(new double[] {outO1, outO2}, out.a().row(0), 1e-12, "out_o");
        assertRel(new double[] {deltaO1, deltaO2}, out.delta().row(0), 1e-12, "δ_o");
        assertRel(new double[] {dEdOutH1, dEdOutH2}, hidden.dEda().row(0), 1e-12, "∂E/∂out_h");
        assertRel(new double[] {deltaH1, deltaH2}, hidden.delta().row(0), 1e-12, "δ_h");

        Parameter wHidden = network.layer(1).weights();
        Parameter wOut = network.layer(2).weights();
        Parameter bHidden = network.layer(1).bias();
        Parameter bOut = network.layer(2).bias();
        assertRel(new double[] {g1, g3, g2, g4}, wHidden.gradient(), 1e-12, "∂E/∂w1..w4");
        assertRel(new double[] {g5, g7, g6, g8}, wOut.gradient(), 1e-12, "∂E/∂w5..w8");
        // frozen biases: gradients still computed, no update, values unchanged bit for bit
        assertRel(new double[] {deltaH1, deltaH2}, bHidden.gradient(), 1e-12, "∂E/∂b1");
        assertRel(new double[] {deltaO1, deltaO2}, bOut.gradient(), 1e-12, "∂E/∂b2");
        assertArrayEquals(new double[] {0, 0}, bHidden.update(), "frozen b1 gets no update");
        assertArrayEquals(new double[] {0, 0}, bOut.update(), "frozen b2 gets no update");
        assertArrayEquals(new double[] {b1, b1}, bHidden.value(), "frozen b1 did not move");
        assertArrayEquals(new double[] {b2, b2}, bOut.value(), "frozen b2 did not move");

        double[] updates = {-lr * g1, -lr * g3, -lr * g2, -lr * g4};
        assertRel(updates, wHidden.update(), 1e-12, "Δw1..w4");
        assertRel(new double[] {-lr * g5, -lr * g7, -lr * g6, -lr * g8}, wOut.update(), 1e-12, "Δw5..w8");
        double nw1 = w1 - lr * g1;
        double nw2 = w2 - lr * g2;
        double nw3 = w3 - lr * g3;
        double nw4 = w4 - lr * g4;
        double nw5 = w5 - lr * g5;
        double nw6 = w6 - lr * g6;
        double nw7 = w7 - lr * g7;
        double nw8 = w8 - lr * g8;
        assertRel(new double[] {nw1, nw3, nw2, nw4}, wHidden.value(), 1e-12, "new w1..w4");
        assertRel(new double[] {nw5, nw7, nw6, nw8}, wOut.value(), 1e-12, "new w5..w8");

        double outH1After = sigmoid(nw1 * i1 + nw2 * i2 + b1);
        double outH2After = sigmoid(nw3 * i1 + nw4 * i2 + b1);
        double outO1After = sigmoid(nw5 * outH1After + nw6 * outH2After + b2);
        double outO2After = sigmoid(nw7 * outH1After + nw8 * outH2After + b2);
        Matrix prediction = network.predict(Matrix.of(new double[][] {{i1, i2}}));
        assertRel(outO1After, prediction.get(0, 0), "out_o1 after the update");
        assertRel(outO2After, prediction.get(0, 1), "out_o2 after the update");
        double eAfter = 0.5 * (t1 - outO1After) * (t1 - outO1After) + 0.5 * (t2 - outO2After) * (t2 - outO2After);
        assertRel(eAfter, trainer.evaluateLoss(trainer.trainingData()), "E_total after the update");
        assertTrue(eAfter < eTotal, "one step lowers the error");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Seed 002, the XOR exercise: 2-2-1 sigmoid with biases, np.random.seed(42), lr 0.1, full batch.
    // ---------------------------------------------------------------------------------------------------------------

    private static final double[][] XOR_X = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
    private static final double[][] XOR_Y = {{0}, {1}, {1}, {0}};
    private static final double[][] SEED42_W1 = {{0.4967141530112327, -0.13826430117118466},
            {0.6476885381006925, 1.5230298564080254}};
    private static final double[][] SEED42_W2 = {{-0.23415337472333597}, {-0.23413695694918055}};
    private static final double[] SEED42_B1 = {1.5792128155073915, 0.7674347291529088};
    private static final double[] SEED42_B2 = {-0.4694743859349521};

    /** {W1 (2×2), W2 (2×1), b1, b2} after {@code epochs} epochs of seed 002's algorithm, written out in scalars. */
    private static double[][][] seed002Reference(int epochs) {
        double lr = 0.1;
        double[][] w1 = {SEED42_W1[0].clone(), SEED42_W1[1].clone()};
        double[][] w2 = {SEED42_W2[0].clone(), SEED42_W2[1].clone()};
        double[] b1 = SEED42_B1.clone();
        double[] b2 = SEED42_B2.clone();
        int n = XOR_X.length;
        for (int epoch = 0; epoch < epochs; epoch++) {
            double[][] z1 = new double[n][2];
            double[][] a1 = new double[n][2];
            double[] a2 = new double[n];
            for (int s = 0; s < n; s++) {
                for (int j = 0; j < 2; j++) {
                    z1[s][j] = XOR_X[s][0] * w1[0][j] + XOR_X[s][1] * w1[1][j] + b1[j];
                    a1[s][j] = sigmoid(z1[s][j]);
                }
                a2[s] = sigmoid(a1[s][0] * w2[0][0] + a1[s][1] * w2[1][0] + b2[0]);
            }
            // delta = activations[-1] − Y; hidden delta = (delta · W2ᵀ) * sigmoid_derivative(z), all with old W2
            double[] d2 = new double[n];
            double[][] d1 = new double[n][2];
            for (int s = 0; s < n; s++) {
                d2[s] = a2[s] - XOR_Y[s][0];
                for (int j = 0; j < 2; j++) {
                    double s1 = sigmoid(z1[s][j]);
                    d1[s][j] = (d2[s] * w2[j][0]) * (s1 * (1 - s1));
                }
            }
            // weights[i] −= lr · activations[i]ᵀ · deltas[i]; biases[i] −= lr · Σ_rows deltas[i]
            for (int i = 0; i < 2; i++) {
                double sum = 0;
                for (int s = 0; s < n; s++) {
                    sum += a1[s][i] * d2[s];
                }
                w2[i][0] -= lr * sum;
            }
            double sumD2 = 0;
            for (int s = 0; s < n; s++) {
                sumD2 += d2[s];
            }
            b2[0] -= lr * sumD2;
            for (int i = 0; i < 2; i++) {
                for (int j = 0; j < 2; j++) {
                    double sum = 0;
                    for (int s = 0; s < n; s++) {
                        sum += XOR_X[s][i] * d1[s][j];
                    }
                    w1[i][j] -= lr * sum;
                }
            }
            for (int j = 0; j < 2; j++) {
                double sum = 0;
                for (int s = 0; s < n; s++) {
                    sum += d1[s][j];
                }
                b1[j] -= lr * sum;
            }
        }
        return new double[][][] {w1, w2, {b1}, {b2}};
    }

    /**
     * Seed 002 uses the output delta a − y with no σ′ factor. That is exactly ∂E/∂z of binary cross-entropy on a
     * sigmoid output with one output unit (E = −[y log a + (1 − y) log(1 − a)] gives ∂E/∂z = a − y; the engine's
     * (y − t)/K has K = 1), not of squared error. The seed sums aᵀδ and Σδ over the four samples without dividing by
     * the batch size, which is the SUM reduction. With those two choices the engine's gradient is the seed's update
     * direction, and plain SGD with lr 0.1 applies the same update.
     */
    private static Network seed002Network() {
        Network network = new Network(new int[] {2, 2, 1},
                new Activation[] {Activation.SIGMOID, Activation.SIGMOID}, new boolean[] {true, true},
                Loss.BINARY_CROSS_ENTROPY, Reduction.SUM);
        setWeights(network, 1, SEED42_W1);
        setWeights(network, 2, SEED42_W2);
        setBias(network, 1, SEED42_B1);
        setBias(network, 2, SEED42_B2);
        return network;
    }

    private static void assertMatchesSeed002(Network network, int epochs) {
        double[][][] ref = seed002Reference(epochs);
        double[] w1 = {ref[0][0][0], ref[0][0][1], ref[0][1][0], ref[0][1][1]};
        double[] w2 = {ref[1][0][0], ref[1][1][0]};
        assertRel(w1, network.layer(1).weights().value(), 1e-12, "W1 after " + epochs + " epochs");
        assertRel(w2, network.layer(2).weights().value(), 1e-12, "W2 after " + epochs + " epochs");
        assertRel(ref[2][0], network.layer(1).bias().value(), 1e-12, "b1 after " + epochs + " epochs");
        assertRel(ref[3][0], network.layer(2).bias().value(), 1e-12, "b2 after " + epochs + " epochs");
    }

    @Test
    void seed002XorTenEpochsMatchScalarLoop() {
        Network network = seed002Network();
        Trainer trainer = fullBatchSgd(network, XOR_X, XOR_Y, 0.1);
        trainer.runEpochs(10);
        assertEquals(10, trainer.epoch());
        assertMatchesSeed002(network, 10);
    }

    @Test
    void seed002XorThousandEpochsMatchScalarLoop() {
        Network network = seed002Network();
        Trainer trainer = fullBatchSgd(network, XOR_X, XOR_Y, 0.1);
        trainer.runEpochs(1000);
        assertEquals(1000, trainer.epoch());
        assertMatchesSeed002(network, 1000);
        // and the training has moved the parameters a long way from the start (not a vacuous comparison)
        assertTrue(Math.abs(network.layer(2).bias().value()[0] - SEED42_B2[0]) > 1e-2);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // NumpyRandom against values printed by numpy (an independent implementation), so exact equality.
    // ---------------------------------------------------------------------------------------------------------------

    @Test
    void numpySeed42GaussiansAreTheSeed002Parameters() {
        NumpyRandom random = new NumpyRandom(42);
        double[] expected = {SEED42_W1[0][0], SEED42_W1[0][1], SEED42_W1[1][0], SEED42_W1[1][1],
                SEED42_W2[0][0], SEED42_W2[1][0], SEED42_B1[0], SEED42_B1[1], SEED42_B2[0]};
        double[] actual = new double[9];
        for (int i = 0; i < 9; i++) {
            actual[i] = random.nextGaussian();
        }
        assertArrayEquals(expected, actual);
    }

    @Test
    void networkInitializeNormalSeed42GivesSeed002Parameters() {
        Network network = new Network(new int[] {2, 2, 1},
                new Activation[] {Activation.SIGMOID, Activation.SIGMOID}, new boolean[] {true, true},
                Loss.BINARY_CROSS_ENTROPY, Reduction.SUM);
        network.initialize(new InitSettings(Initializer.NORMAL, BiasInit.NORMAL, 42));
        assertArrayEquals(new double[] {SEED42_W1[0][0], SEED42_W1[0][1], SEED42_W1[1][0], SEED42_W1[1][1]},
                network.layer(1).weights().value());
        assertArrayEquals(new double[] {SEED42_W2[0][0], SEED42_W2[1][0]}, network.layer(2).weights().value());
        assertArrayEquals(SEED42_B1, network.layer(1).bias().value());
        assertArrayEquals(SEED42_B2, network.layer(2).bias().value());
    }

    @Test
    void numpySeed1Gaussians() {
        // np.random.seed(1); np.random.randn(2)
        NumpyRandom random = new NumpyRandom(1);
        assertEquals(1.6243453636632417, random.nextGaussian());
        assertEquals(-0.6117564136500754, random.nextGaussian());
    }

    @Test
    void numpySeed7Uniforms() {
        // np.random.seed(7); np.random.uniform(size=3)   (identical to random_sample(3))
        NumpyRandom random = new NumpyRandom(7);
        assertEquals(0.07630828937395717, random.uniform(0, 1));
        assertEquals(0.7799187922401146, random.nextDouble());
        assertEquals(0.4384092314408935, random.uniform(0, 1));
    }

    @Test
    void numpyShuffleOrder() {
        // np.random.seed(1); a = np.arange(10); np.random.shuffle(a) → first; np.random.shuffle(a) again → second
        NumpyRandom random = new NumpyRandom(1);
        int[] order = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        random.shuffle(order);
        assertArrayEquals(new int[] {2, 9, 6, 4, 0, 3, 1, 7, 8, 5}, order);
        random.shuffle(order);
        assertArrayEquals(new int[] {5, 3, 4, 2, 8, 0, 6, 9, 1, 7}, order);
    }

    @Test
    void numpyRandomCopyContinuesIdentically() {
        NumpyRandom random = new NumpyRandom(42);
        random.nextGaussian(); // leaves a spare gaussian behind
        NumpyRandom copy = random.copy();
        for (int i = 0; i < 1000; i++) {
            assertEquals(random.nextGaussian(), copy.nextGaussian());
            assertEquals(random.nextDouble(), copy.nextDouble());
        }
    }
}
