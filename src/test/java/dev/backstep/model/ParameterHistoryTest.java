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

    @Test
    void theNewestMomentUpToAnEpochsEndIgnoresMomentsPartWayIntoTheNext() throws Exception {
        String oneSampleSteps = """
                {"format": "backstep-network", "version": 1, "name": "steps",
                 "layers": [{"size": 1}, {"size": 1, "activation": "identity"}],
                 "weights": [[[0.5]]], "biases": [[0.1]], "loss": "mse",
                 "optimizer": {"name": "sgd", "learningRate": 0.01}, "training": {"batch": 1},
                 "data": {"inputs": [[3.0], [-2.0]], "targets": [[1.0], [0.5]]}}
                """;
        Trainer trainer = dev.backstep.io.NetworkReader.parse("steps.json", oneSampleSteps).newTrainer();
        ParameterHistory history = new ParameterHistory(100);
        history.add(trainer.checkpoint());
        trainer.finishEpoch();
        trainer.step();
        history.add(trainer.checkpoint());
        assertEquals(1, history.lastEpoch());
        assertEquals(0, history.newestUpToEpoch(1), "the moment one step into epoch 2 is past epoch 1's end");
        assertEquals(1, history.newestUpToEpoch(2));
        assertEquals(-1, new ParameterHistory(10).newestUpToEpoch(5), "an empty history");
    }
}
