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

/**
 * Training paused and resumed in the middle of epochs (as Pause does on a 60,000-image epoch) ends bit for bit where
 * uninterrupted training does.
 */
class PausedTrainingTest {
    private SessionWorker worker;

    @AfterEach
    void close() {
        if (worker != null) {
            worker.close();
        }
    }

    @Test
    void pausingMidEpochChangesNoResult() throws Exception {
        int epochs = 4;
        NetworkDefinition definition = DataViewsFixtures.manyBars(800, 8, epochs);
        worker = new SessionWorker(definition);
        worker.setSpeed(Double.POSITIVE_INFINITY);
        int midEpochPauses = 0;
        int pauses = 0;
        Snapshot s = worker.await();
        while (s.epoch() < epochs) {
            worker.play();
            Thread.sleep(3);
            worker.pause();
            s = worker.await();
            pauses++;
            if (s.stepInEpoch() != 0) {
                midEpochPauses++;
            }
        }
        assertEquals(epochs, s.epoch(), "the run stops at the file's epochs");
        assertTrue(midEpochPauses > 0, "some of the " + pauses + " pauses fell inside an epoch");

        Trainer twin = new Trainer(definition.newNetwork(), definition.trainingData().copy(), null,
                definition.training(), definition.optimizer());
        twin.runEpochs(epochs);
        Network trained = worker.query(w -> w.latest().network()).join();
        for (int k = 0; k < trained.parameters().size(); k++) {
            assertArrayEquals(twin.network().parameters().get(k).value(), trained.parameters().get(k).value(),
                    "parameter " + trained.parameters().get(k).name() + " after " + pauses + " pauses, "
                            + midEpochPauses + " inside an epoch");
        }
        assertEquals(twin.trainLoss().get(epochs - 1), s.lastLoss(), 0.0, "the last epoch's loss");
    }
}
