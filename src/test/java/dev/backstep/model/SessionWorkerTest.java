package dev.backstep.model;

import dev.backstep.engine.Activation;
import dev.backstep.engine.Network;
import dev.backstep.engine.Trainer;
import dev.backstep.io.NetworkDefinition;
import dev.backstep.io.NetworkReader;
import dev.backstep.io.SampleNetworks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SessionWorkerTest {
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
    void playTrainsAndPauseStopsTraining() throws Exception {
        start("xor-2-4-1");
        worker.setSpeed(Double.POSITIVE_INFINITY);
        worker.play();
        Snapshot running;
        do {
            Thread.sleep(5);
            running = worker.latest();
        } while (running.epoch() < 50);
        worker.pause();
        Snapshot paused = worker.await();
        assertEquals(RunState.PAUSED, paused.state());
        Thread.sleep(100);
        Snapshot later = worker.await();
        assertEquals(paused.epoch(), later.epoch(), "no epoch after pause");
        assertTrue(paused.lastLoss() < paused.trainLoss().get(0), "the loss dropped");
    }

    @Test
    void theLossLogHoldsEveryEpochOnceInOrderAsATwinTrainerComputesIt() throws Exception {
        start("xor-2-3-1");
        worker.setSpeed(Double.POSITIVE_INFINITY);
        worker.play();
        while (worker.latest().state() == RunState.RUNNING || worker.latest().epoch() == 0) {
            Thread.sleep(10);
        }
        Snapshot done = worker.await();
        NetworkDefinition definition = SampleNetworks.load("xor-2-3-1");
        assertEquals(definition.training().epochs(), done.epoch(), "Play stops at the file's epochs");
        Trainer twin = definition.newTrainer();
        twin.runEpochs(done.epoch());
        assertEquals(done.epoch(), done.trainLossCount());
        for (int e = 0; e < done.trainLossCount(); e++) {
            assertEquals(twin.trainLoss().get(e), done.trainLoss().get(e), "epoch " + (e + 1));
        }
        assertTrue(done.network().sameParameters(twin.network()));
    }

    @Test
    void editingAWeightChangesTheShownOutputByTheNetworksOwnArithmetic() throws Exception {
        start("slides-035-07");
        worker.editWeight(2, 1, 0, 0.5);
        Snapshot s = worker.await();
        assertTrue(s.dirty());
        // Independent forward pass of seed 004's network with w23 (h2 -> o1) changed from 0.9 to 0.5.
        double h1 = sigmoid(0.2 * 0.35 + 0.2 * 0.7);
        double h2 = sigmoid(0.3 * 0.35 + 0.3 * 0.7);
        double o = sigmoid(0.3 * h1 + 0.5 * h2);
        double shown = s.units().layer(2).a().get(0, 0);
        assertEquals(o, shown, 1e-15 * o);
        assertEquals(0.5, s.network().layer(2).weight(1, 0));
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    @Test
    void editingDataChangesWhatTheNextStepSeesAndWhatIsSaved() throws Exception {
        start("xor-2-4-1");
        worker.editTarget(3, 0, 1.0);
        worker.editInput(0, 1, 0.25);
        NetworkDefinition saved = worker.current().get();
        assertEquals(1.0, saved.trainingData().targets().get(3, 0));
        assertEquals(0.25, saved.trainingData().inputs().get(0, 1));
        Snapshot s = worker.await();
        assertEquals(1.0, s.trainingData().targets().get(3, 0));
        NetworkDefinition reread = NetworkReader.parse("saved.json", dev.backstep.io.NetworkWriter.toJson(saved));
        assertEquals(1.0, reread.trainingData().targets().get(3, 0));
    }

    @Test
    void termSteppingIsExactBothWays() throws Exception {
        start("mazur-2-2-2");
        for (int i = 0; i < 20; i++) {
            worker.stepTerm();
        }
        Snapshot at20 = worker.await();
        assertEquals(20, at20.tracePosition());
        worker.stepTerm();
        worker.stepBack();
        Snapshot back = worker.await();
        assertEquals(20, back.tracePosition());
        assertEquals(at20.currentTerm().key(), back.currentTerm().key());
        assertEquals(at20.currentTerm().value(), back.currentTerm().value());
        assertTrue(at20.network().sameParameters(back.network()));
    }

    @Test
    void finishingTheStepAppliesTheSameParametersAsTheFastPath() throws Exception {
        start("mazur-2-2-2");
        worker.stepTerm();
        worker.stepEpoch();
        Snapshot s = worker.await();
        Trainer twin = SampleNetworks.load("mazur-2-2-2").newTrainer();
        twin.step();
        assertTrue(s.network().sameParameters(twin.network()));
        assertEquals(1, s.epoch());
    }

    @Test
    void divergenceStopsWithAMessageAndKeepsFiniteParameters() throws Exception {
        String json = """
                {"format": "backstep-network", "version": 1, "name": "diverge",
                 "layers": [{"size": 1}, {"size": 1, "activation": "identity"}],
                 "weights": [[[1.0]]], "biases": [[0.0]],
                 "loss": "mse", "optimizer": {"name": "sgd", "learningRate": 10.0},
                 "training": {"epochs": 100000},
                 "data": {"inputs": [[3.0]], "targets": [[1.0]]}}
                """;
        worker = new SessionWorker(NetworkReader.parse("diverge.json", json));
        worker.play();
        while (worker.latest().state() == RunState.RUNNING || worker.latest().epoch() == 0) {
            Thread.sleep(5);
        }
        Snapshot s = worker.await();
        assertEquals(RunState.DIVERGED, s.state());
        assertTrue(s.message().contains("diverged in epoch"), s.message());
        double w = s.network().layer(1).weight(0, 0);
        assertTrue(Double.isFinite(w));
    }

    @Test
    void changingTheLearningRateKeepsEpochsAndHistory() throws Exception {
        start("xor-2-4-1");
        worker.trainEpochs(10);
        worker.setLearningRate(0.5);
        Snapshot s = worker.await();
        assertEquals(10, s.epoch());
        assertEquals(10, s.trainLossCount());
        assertEquals(0.5, s.optimizer().learningRate());
        assertTrue(s.dirty());
    }

    @Test
    void publishedSnapshotsDoNotChangeWhenTrainingGoesOn() throws Exception {
        start("xor-2-4-1");
        Snapshot first = worker.await();
        double[] before = first.network().layer(1).weights().value().clone();
        worker.trainEpochs(100);
        worker.await();
        assertArrayEquals(before, first.network().layer(1).weights().value());
    }

    @Test
    void seekTermRevealsUpToTheNamedTerm() throws Exception {
        start("slides-035-07");
        worker.seekTerm("delta(h2)");
        Snapshot s = worker.await();
        assertNotNull(s.currentTerm());
        assertEquals("delta(h2)", s.currentTerm().key());
        worker.seekTerm("no-such(term)");
        Snapshot after = worker.await();
        assertTrue(after.message().contains("no term"), after.message());
        assertEquals("delta(h2)", after.currentTerm().key(), "an unknown key moves nothing");
    }

    @Test
    void resetReturnsToTheInitialParameters() throws Exception {
        start("xor-2-2-1");
        worker.trainEpochs(50);
        worker.reset();
        Snapshot s = worker.await();
        assertEquals(0, s.epoch());
        assertEquals(0, s.trainLossCount());
        Network initial = SampleNetworks.load("xor-2-2-1").newNetwork();
        assertTrue(s.network().sameParameters(initial));
        assertNull(s.currentTerm());
        assertEquals(Activation.SIGMOID, s.network().layer(1).activation());
    }

    @Test
    void viewingAPastMomentShowsItsParametersAndLeavesThePresentAlone() throws Exception {
        start("xor-2-4-1");
        for (int e = 0; e < 30; e++) {
            worker.stepEpoch();
        }
        Snapshot present = worker.await();
        long[] moments = present.history().moments();
        assertEquals(31, moments.length, "paused, every epoch is kept: 0 to 30");
        int index = 12;
        worker.viewMoment(index);
        Snapshot past = worker.await();
        assertTrue(past.history().viewingPast());
        assertEquals(moments[index], past.epoch());
        Trainer twin = SampleNetworks.load("xor-2-4-1").newTrainer();
        twin.runEpochs(moments[index]);
        assertTrue(past.network().sameParameters(twin.network()), "the moment's parameters");
        assertEquals(30, past.trainLossCount(), "the whole curve stays, with a cursor at the moment");
        worker.viewMoment(-1);
        Snapshot back = worker.await();
        assertEquals(30, back.epoch());
        assertTrue(back.network().sameParameters(present.network()), "the present was never touched");
    }

    @Test
    void goingOnFromAPastMomentReplacesWhatCameAfterIt() throws Exception {
        start("xor-2-4-1");
        for (int e = 0; e < 20; e++) {
            worker.stepEpoch();
        }
        worker.viewMoment(5);
        worker.stepEpoch();
        Snapshot s = worker.await();
        assertEquals(6, s.epoch());
        assertTrue(s.message().contains("replaced"), s.message());
        assertEquals(6, s.trainLossCount(), "the losses after epoch 5 are gone");
        long[] moments = s.history().moments();
        assertEquals(6, moments[moments.length - 1]);
        Trainer twin = SampleNetworks.load("xor-2-4-1").newTrainer();
        twin.runEpochs(6);
        assertTrue(s.network().sameParameters(twin.network()), "as if it had always gone on from epoch 5");
        for (int e = 0; e < 6; e++) {
            assertEquals(twin.trainLoss().get(e), s.trainLoss().get(e));
        }
    }

    @Test
    void recoveryAfterDivergenceGoesBackAndKeepsTheLoweredLearningRate() throws Exception {
        String json = """
                {"format": "backstep-network", "version": 1, "name": "diverge",
                 "layers": [{"size": 1}, {"size": 1, "activation": "identity"}],
                 "weights": [[[1.0]]], "biases": [[0.0]],
                 "loss": "mse", "optimizer": {"name": "sgd", "learningRate": 0.06},
                 "training": {"epochs": 100000},
                 "data": {"inputs": [[3.0]], "targets": [[1.0]]}}
                """;
        worker = new SessionWorker(NetworkReader.parse("diverge.json", json));
        for (int e = 0; e < 5; e++) {
            worker.stepEpoch();
        }
        worker.setLearningRate(10);
        worker.play();
        while (worker.latest().state() != RunState.DIVERGED) {
            Thread.sleep(5);
        }
        worker.setLearningRate(0.01);
        worker.recover();
        Snapshot s = worker.await();
        assertEquals(RunState.PAUSED, s.state());
        assertTrue(s.message().contains("last finite state"), s.message());
        assertEquals(0.01, s.optimizer().learningRate(), "the lowered rate stays");
        assertTrue(Double.isFinite(s.network().layer(1).weight(0, 0)));
        assertEquals(s.history().moments()[s.history().moments().length - 1], s.epoch());
        worker.stepEpoch();
        assertTrue(Double.isFinite(worker.await().lastLoss()), "training goes on from there");
    }

    @Test
    void whileRunningMomentsAreKeptInOrderFromTheStart() throws Exception {
        start("xor-2-4-1");
        worker.trainEpochs(3000);
        worker.play();
        // Moments are kept at most 50 times a second, so the run must last a while; and it must be long in epochs,
        // which a loaded machine takes longer to reach: wait for both.
        long start = System.nanoTime();
        long deadline = start + 120_000_000_000L;
        while ((worker.latest().epoch() <= 100_000 || System.nanoTime() - start < 2_500_000_000L)
                && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        worker.pause();
        Snapshot s = worker.await();
        long[] moments = s.history().moments();
        assertTrue(moments.length > 30, "moments kept: " + moments.length);
        assertTrue(moments.length <= ParameterHistory.MAX_MOMENTS);
        assertEquals(0, moments[0], "the start is always kept");
        assertTrue(s.epoch() > 100_000, "a long run: " + s.epoch());
        for (int i = 1; i < moments.length; i++) {
            assertTrue(moments[i] > moments[i - 1]);
        }
    }

    @Test
    void gradientNormsPerLayerMatchATwinTrainer() throws Exception {
        start("xor-2-4-1");
        worker.trainEpochs(25);
        Snapshot s = worker.await();
        Trainer twin = SampleNetworks.load("xor-2-4-1").newTrainer();
        for (int e = 1; e <= 25; e++) {
            twin.finishEpoch();
            for (int l = 1; l <= 2; l++) {
                double squares = 0;
                for (double g : twin.network().layer(l).weights().gradient()) {
                    squares += g * g;
                }
                assertEquals(Math.sqrt(squares), s.history().gradientNorms()[l - 1].get(e - 1),
                        "layer " + l + " epoch " + e);
            }
        }
    }
}
