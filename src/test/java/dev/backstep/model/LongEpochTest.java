package dev.backstep.model;

import dev.backstep.engine.Network;
import dev.backstep.engine.Trainer;
import dev.backstep.io.NetworkDefinition;
import dev.backstep.view.data.DataViewsFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** "Finish this epoch" on an epoch of more than ten thousand samples can be paused part way, and changes no result. */
class LongEpochTest {
    private SessionWorker worker;

    @AfterEach
    void close() {
        if (worker != null) {
            worker.close();
        }
    }

    @Test
    void finishingALongEpochPausesPartWayAndEndsWhereOneCallDoes() throws Exception {
        NetworkDefinition definition = DataViewsFixtures.manyBars(SessionWorker.LONG_EPOCH_SAMPLES + 2000, 16, 64, 4,
                3);
        // 16×16 images into 64 hidden units: an epoch long enough (a few hundred ms) that the pause below always
        // lands inside it, however fast the machine.
        worker = new SessionWorker(definition);
        worker.stepEpoch();
        while (worker.latest().stepInEpoch() == 0 && worker.latest().epoch() == 0) {
            Thread.sleep(1);
        }
        worker.pause();
        Snapshot paused = worker.await();
        assertEquals(RunState.PAUSED, paused.state());
        assertEquals(0, paused.epoch(), "paused inside the first epoch");
        assertTrue(paused.stepInEpoch() > 0);
        Snapshot later = worker.await();
        assertEquals(paused.stepInEpoch(), later.stepInEpoch(), "nothing trains after the pause");

        worker.stepEpoch();
        while (worker.latest().epoch() < 1) {
            Thread.sleep(5);
        }
        Snapshot done = worker.await();
        assertEquals(RunState.PAUSED, done.state(), "it stops at the epoch's end");
        assertEquals(1, done.epoch());
        assertEquals(0, done.stepInEpoch());

        Trainer twin = new Trainer(definition.newNetwork(), definition.trainingData().copy(), null,
                definition.training(), definition.optimizer());
        twin.runEpochs(1);
        Network trained = done.network();
        for (int k = 0; k < trained.parameters().size(); k++) {
            assertArrayEquals(twin.network().parameters().get(k).value(), trained.parameters().get(k).value(),
                    trained.parameters().get(k).name());
        }
        assertEquals(twin.trainLoss().get(0), done.lastLoss(), 0.0);
    }
}
