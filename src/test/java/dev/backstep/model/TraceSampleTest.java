package dev.backstep.model;

import dev.backstep.engine.Dataset;
import dev.backstep.engine.Network;
import dev.backstep.io.NetworkDefinition;
import dev.backstep.view.data.DataViewsFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** "Step through this sample": the terms of one training sample's step, looked at without being applied. */
class TraceSampleTest {
    private SessionWorker worker;

    @AfterEach
    void close() {
        if (worker != null) {
            worker.close();
        }
    }

    @Test
    void theLookStepsOneSamplesTermsAndChangesNothing() throws Exception {
        NetworkDefinition definition = DataViewsFixtures.bars();
        worker = new SessionWorker(definition);
        worker.trainEpochs(2);
        Snapshot before = worker.await();
        int sample = 17;
        worker.traceSample(sample);
        Snapshot look = worker.await();
        assertArrayEquals(new int[] {sample}, look.trace().samples(), "the trace is of that sample alone");
        assertEquals(1, look.tracePosition(), "its first term is shown");

        // The loss the look's terms lead to: cross-entropy of a forward pass by plain loops.
        Dataset data = before.trainingData();
        double[] x = data.inputs().row(sample);
        double[] t = data.targets().row(sample);
        double[] y = DataViewsFixtures.forward(before.network(), x);
        double loss = 0;
        for (int k = 0; k < y.length; k++) {
            loss -= t[k] * Math.log(y[k]);
        }
        assertEquals(loss, look.trace().loss(), 1e-12 * Math.abs(loss));

        worker.stepStep();
        Snapshot after = worker.await();
        assertTrue(after.traceApplied(), "every term revealed");
        assertEquals(before.epoch(), after.epoch());
        assertEquals(before.stepInEpoch(), after.stepInEpoch());
        assertSameParameters(before.network(), after.network());

        // Back over the look's end, then on: the next step is the trainer's own batch again.
        worker.stepBack();
        assertEquals(look.trace().size() - 1, worker.await().tracePosition());
        worker.stepStep();
        worker.stepTerm();
        Snapshot next = worker.await();
        assertArrayEquals(before.unitSamples(), next.trace().samples(), "the trainer's next batch");
        assertSameParameters(before.network(), next.network());
    }

    @Test
    void aSampleOutsideTheTrainingSetIsReported() throws Exception {
        worker = new SessionWorker(DataViewsFixtures.bars());
        worker.traceSample(48);
        Snapshot s = worker.await();
        assertTrue(s.message().contains("no training sample 49"), s.message());
        assertEquals(null, s.trace());
    }

    private static void assertSameParameters(Network a, Network b) {
        for (int k = 0; k < a.parameters().size(); k++) {
            assertArrayEquals(a.parameters().get(k).value(), b.parameters().get(k).value());
        }
    }
}
