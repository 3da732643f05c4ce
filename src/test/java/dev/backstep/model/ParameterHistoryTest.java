package dev.backstep.model;

import dev.backstep.engine.Trainer;
import dev.backstep.io.SampleNetworks;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ParameterHistoryTest {
    @Test
    void aFullHistoryKeepsTheStartAndThePresentAndThinsThePast() throws Exception {
        Trainer trainer = SampleNetworks.load("xor-2-2-1").newTrainer();
        ParameterHistory history = new ParameterHistory(64);
        history.add(trainer.checkpoint());
        for (int e = 0; e < 5000; e++) {
            trainer.finishEpoch();
            history.add(trainer.checkpoint());
            assertTrue(history.size() <= 64);
        }
        long[] epochs = history.epochs();
        assertEquals(64, epochs.length);
        assertEquals(0, epochs[0], "the start");
        assertEquals(5000, epochs[63], "the present");
        // Dense near the present, sparse in the past: gaps grow (never shrink by much) going back in time.
        double recent = (epochs[63] - epochs[53]) / 10.0;
        double middle = (epochs[37] - epochs[27]) / 10.0;
        double old = (epochs[11] - epochs[1]) / 10.0;
        assertTrue(old > middle && middle > recent, "gaps old " + old + ", middle " + middle + ", recent " + recent);
        assertTrue(recent <= 5, "the last moments are close together: " + recent);
    }

    @Test
    void truncationForgetsTheFuture() throws Exception {
        Trainer trainer = SampleNetworks.load("xor-2-2-1").newTrainer();
        ParameterHistory history = new ParameterHistory(100);
        for (int e = 0; e <= 10; e++) {
            history.add(trainer.checkpoint());
            trainer.finishEpoch();
        }
        history.truncateAfterEpoch(6);
        assertEquals(6, history.lastEpoch());
        history.truncateAfter(2);
        assertEquals(3, history.size());
        assertEquals(2, history.lastEpoch());
    }

    @Test
    void aMomentNoLaterThanTheLastIsIgnored() throws Exception {
        Trainer trainer = SampleNetworks.load("xor-2-2-1").newTrainer();
        ParameterHistory history = new ParameterHistory(10);
        history.add(trainer.checkpoint());
        history.add(trainer.checkpoint());
        assertEquals(1, history.size());
    }
}
