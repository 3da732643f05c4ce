package dev.backstep.model;

import dev.backstep.engine.Trainer;
import dev.backstep.engine.TrainingDivergedException;
import dev.backstep.io.NetworkDefinition;
import dev.backstep.io.NetworkReader;
import dev.backstep.io.SampleNetworks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Going back in time on the training thread: scrubbing back, going on from a past moment (which replaces what came
 * after it) and recovering from a divergence, each checked against an independent trainer replaying the same run.
 */
class TimeTravelTest {
    /**
     * A linear unit on two samples, one at a time in a shuffled order, with momentum: with a large learning rate
     * every step multiplies the error by about 1 − η·x², so it overflows after some tens of epochs, mid-epoch, with
     * the optimizer's velocity and the shuffling state in play — everything recovery has to get exactly right.
     */
    private static final String DIVERGING = """
            {"format": "backstep-network", "version": 1, "name": "diverge",
             "layers": [{"size": 1}, {"size": 1, "activation": "identity"}],
             "weights": [[[0.5]]], "biases": [[0.1]],
             "loss": "mse", "optimizer": {"name": "momentum", "learningRate": 0.01, "momentum": 0.5},
             "training": {"batch": 1, "shuffle": true, "seed": 7, "epochs": 100000},
             "data": {"inputs": [[3.0], [-2.0]], "targets": [[1.0], [0.5]]}}
            """;
    private static final double LOW_RATE = 0.001;

    private SessionWorker worker;

    @AfterEach
    void close() {
        if (worker != null) {
            worker.close();
        }
    }

    private static NetworkDefinition diverging() throws Exception {
        return NetworkReader.parse("diverge.json", DIVERGING);
    }

    /** A rate at which the network's loss grows by orders of magnitude each epoch. */
    private static double hugeRate(NetworkDefinition definition) {
        return definition.name().equals("diverge") ? 1.0 : 10.0;
    }

    private Snapshot waitUntil(Predicate<Snapshot> condition) throws Exception {
        while (!condition.test(worker.latest())) {
            Thread.sleep(2);
        }
        return worker.await();
    }

    @Test
    void playingFromAPastMomentGoesOnFromItAndReplacesTheLaterHistory() throws Exception {
        worker = new SessionWorker(SampleNetworks.load("xor-2-4-1"));
        for (int e = 0; e < 20; e++) {
            worker.stepEpoch();
        }
        Snapshot before = worker.await();
        worker.viewMoment(5);
        // A changed rate tells the runs apart: going on from epoch 20 instead of 5 would give other numbers.
        worker.setLearningRate(0.5);
        Snapshot viewing = worker.await();
        assertTrue(viewing.history().viewingPast());
        assertEquals(5, viewing.epoch());
        // Play, paused at once (the pause is queued before training can start): it went back to epoch 5.
        worker.play();
        worker.pause();
        Snapshot resumed = worker.await();
        assertFalse(resumed.history().viewingPast());
        assertEquals(5, resumed.epoch());
        assertTrue(resumed.message().contains("replaced"), "said on screen: " + resumed.message());
        assertEquals(5, resumed.trainLossCount(), "the losses after epoch 5 are gone");
        worker.play();
        Snapshot done = waitUntil(s -> s.state() == RunState.PAUSED && s.epoch() == 3000);

        NetworkDefinition definition = SampleNetworks.load("xor-2-4-1");
        Trainer twin = definition.newTrainer();
        twin.runEpochs(5);
        twin.setOptimizer(definition.optimizer().withLearningRate(0.5));
        twin.runEpochs(2995);
        assertTrue(done.network().sameParameters(twin.network()), "went on from epoch 5 with the new rate");
        assertEquals(3000, done.trainLossCount());
        for (int e = 0; e < 3000; e++) {
            assertEquals(twin.trainLoss().get(e), done.trainLoss().get(e), "epoch " + (e + 1));
        }
        assertNotEquals(before.trainLoss().get(10), done.trainLoss().get(10), "epoch 11 of the old run is replaced");
        long[] moments = done.history().moments();
        assertEquals(3000, moments[moments.length - 1], "the end of the run is kept");
        for (int i = 1; i < moments.length; i++) {
            assertTrue(moments[i] > moments[i - 1], "moments in order");
        }
    }

    @Test
    void scrubbingBackAndForthNeverChangesThePresent() throws Exception {
        worker = new SessionWorker(SampleNetworks.load("xor-2-4-1"));
        for (int e = 0; e < 12; e++) {
            worker.stepEpoch();
        }
        Snapshot present = worker.await();
        Trainer twin = SampleNetworks.load("xor-2-4-1").newTrainer();
        for (int index = 0; index < 12; index++) {
            worker.viewMoment(index);
            Snapshot past = worker.await();
            assertEquals(index, past.history().viewing());
            assertEquals(index, past.epoch());
            assertTrue(past.network().sameParameters(twin.network()), "moment " + index);
            twin.finishEpoch();
        }
        worker.viewMoment(12);
        Snapshot back = worker.await();
        assertFalse(back.history().viewingPast(), "the newest moment is the present");
        assertTrue(back.network().sameParameters(present.network()));
        assertArrayEquals(present.history().moments(), back.history().moments(), "nothing was forgotten");
    }

    /** The run the worker makes: a few epochs at the file's rate, then {@code hugeEpochs} at the huge one. */
    private static Trainer twinUpTo(NetworkDefinition definition, long epochsBeforeHugeRate, long hugeEpochs) {
        Trainer twin = definition.newTrainer();
        twin.runEpochs(epochsBeforeHugeRate);
        twin.setOptimizer(definition.optimizer().withLearningRate(hugeRate(definition)));
        twin.runEpochs(hugeEpochs);
        return twin;
    }

    private static long epochOfDivergence(Trainer twin) {
        try {
            twin.runEpochs(1_000_000);
        } catch (TrainingDivergedException e) {
            return e.epoch();
        }
        throw new AssertionError("the twin did not diverge");
    }

    /**
     * The last epoch whose end training can go on from, found by an independent trainer: run into the NaN (in epoch
     * D), then check whether the state after epoch D − 1 can take one step with a finite loss.
     */
    private static long lastFiniteEpoch(NetworkDefinition definition, long epochsBeforeHugeRate) {
        long diverging = epochOfDivergence(twinUpTo(definition, epochsBeforeHugeRate, 0));
        Trainer end = twinUpTo(definition, epochsBeforeHugeRate, diverging - 1 - epochsBeforeHugeRate);
        try {
            end.step();
            return diverging - 1;
        } catch (TrainingDivergedException e) {
            assertTrue(Double.isFinite(end.network().layer(1).weight(0, 0)), "finite but unusable parameters");
            return diverging - 2;
        }
    }

    private Snapshot divergeAfter(NetworkDefinition definition, long epochsBeforeHugeRate) throws Exception {
        worker = new SessionWorker(definition);
        worker.trainEpochs(epochsBeforeHugeRate);
        worker.setLearningRate(hugeRate(definition));
        worker.play();
        return waitUntil(s -> s.state() == RunState.DIVERGED);
    }

    /** Recovers after a divergence and checks the result against the independent run, bit for bit. */
    private void recoverAndCompare(NetworkDefinition definition, long epochsBeforeHugeRate) throws Exception {
        long k = lastFiniteEpoch(definition, epochsBeforeHugeRate);
        assertTrue(k > epochsBeforeHugeRate + 5, "diverges a while after the rate is raised: " + k);
        Snapshot diverged = divergeAfter(definition, epochsBeforeHugeRate);
        assertEquals(k, diverged.history().lastFiniteEpoch(), "the banner's epoch");
        long[] kept = diverged.history().moments();
        assertTrue(kept[kept.length - 1] < epochOfDivergence(twinUpTo(definition, epochsBeforeHugeRate, 0)),
                "nothing kept from the diverged state");

        worker.setLearningRate(LOW_RATE);
        Snapshot stillDiverged = worker.await();
        assertEquals(RunState.DIVERGED, stillDiverged.state());
        assertArrayEquals(kept, stillDiverged.history().moments(), "no moment kept while diverged");
        worker.recover();
        Snapshot recovered = worker.await();

        assertEquals(RunState.PAUSED, recovered.state());
        assertEquals(-1, recovered.history().lastFiniteEpoch(), "the divergence is over");
        assertEquals(k, recovered.epoch());
        assertEquals(k, recovered.trainLossCount());
        assertTrue(recovered.message().contains("back to epoch " + k), recovered.message());
        assertEquals(LOW_RATE, recovered.optimizer().learningRate(), "the lowered rate stays");
        Trainer twin = twinUpTo(definition, epochsBeforeHugeRate, k - epochsBeforeHugeRate);
        assertTrue(recovered.network().sameParameters(twin.network()), "the parameters of epoch " + k);
        for (int e = 0; e < k; e++) {
            assertEquals(twin.trainLoss().get(e), recovered.trainLoss().get(e), "loss of epoch " + (e + 1));
        }

        // Going on: optimizer state and shuffling were restored too, so the next epochs go as the twin's do (with
        // momentum's velocity from the huge rate, possibly into the NaN again: then both stop at the same point).
        twin.setOptimizer(twin.optimizer().settings().withLearningRate(LOW_RATE));
        boolean twinDiverged = false;
        try {
            twin.runEpochs(3);
        } catch (TrainingDivergedException e) {
            twinDiverged = true;
        }
        worker.trainEpochs(3);
        Snapshot next = worker.await();
        assertEquals(twinDiverged ? RunState.DIVERGED : RunState.PAUSED, next.state(), next.message());
        assertEquals(twin.epoch(), next.epoch());
        assertTrue(next.network().sameParameters(twin.network()), "after going on from the recovered epoch");
    }

    @Test
    void recoveryRestoresTheLastFiniteEpochBitForBitWithMomentumAndShuffledSteps() throws Exception {
        recoverAndCompare(diverging(), 3);
    }

    @Test
    void recoveryFromAnOverflowingLossGoesBackToTheLastEpochTrainingCanGoOnFrom() throws Exception {
        // The bundled one-path network at rate 10: its loss overflows at the first step of the diverging epoch, so
        // the parameters after the epoch before, finite as they are, cannot be trained on either.
        NetworkDefinition scalar = SampleNetworks.load("scalar-1-1-1");
        long d = epochOfDivergence(twinUpTo(scalar, 50, 0));
        assertEquals(d - 2, lastFiniteEpoch(scalar, 50));
        recoverAndCompare(scalar, 50);
    }

    @Test
    void steppingOnAfterADivergenceStartsFromTheLastFiniteEpoch() throws Exception {
        NetworkDefinition definition = SampleNetworks.load("scalar-1-1-1");
        long k = lastFiniteEpoch(definition, 2);
        divergeAfter(definition, 2);
        worker.setLearningRate(LOW_RATE);
        worker.stepEpoch();
        Snapshot s = worker.await();
        assertEquals(RunState.PAUSED, s.state(), s.message());
        assertEquals(k + 1, s.epoch());
        Trainer twin = twinUpTo(definition, 2, k - 2);
        twin.setOptimizer(twin.optimizer().settings().withLearningRate(LOW_RATE));
        twin.finishEpoch();
        assertTrue(s.network().sameParameters(twin.network()));
        assertTrue(Double.isFinite(s.lastLoss()));
    }

    @Test
    void goingOnFromAPastMomentAfterADivergenceClearsIt() throws Exception {
        divergeAfter(diverging(), 4);
        worker.viewMoment(1);
        Snapshot past = worker.await();
        assertEquals(RunState.DIVERGED, past.state(), "looking back changes nothing");
        long epoch = past.epoch();
        worker.setLearningRate(LOW_RATE);
        worker.stepEpoch();
        Snapshot s = worker.await();
        assertEquals(RunState.PAUSED, s.state());
        assertEquals(-1, s.history().lastFiniteEpoch());
        assertEquals(epoch + 1, s.epoch());
        assertEquals(epoch + 1, s.trainLossCount(), "the diverged run's losses are gone");
    }

    @Test
    void recoverWithoutADivergenceChangesNothing() throws Exception {
        worker = new SessionWorker(SampleNetworks.load("xor-2-4-1"));
        worker.trainEpochs(7);
        Snapshot before = worker.await();
        worker.recover();
        Snapshot after = worker.await();
        assertEquals(7, after.epoch());
        assertTrue(after.network().sameParameters(before.network()));
        assertTrue(after.message().contains("nothing to recover"), after.message());
    }
}
