package dev.backstep.view.data;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EpochProgressTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void fractionRateAndTimeLeftFollowTheSamplesDone() {
        EpochProgress p = new EpochProgress();
        // 60,000 samples in steps of 128: 469 steps, the last one of 96.
        p.update(0, 2, 0, 128, 60_000, true);
        p.update(SECOND, 2, 100, 128, 60_000, true);
        assertEquals(12_800.0 / 60_000, p.fraction(), 1e-15);
        assertEquals(12_800.0, p.samplesPerSecond(), 1e-9);
        assertEquals((60_000 - 12_800) / 12_800.0, p.secondsRemaining(), 1e-12);
        assertTrue(p.worthShowing(), "a 4.7 s epoch");
        // Over an epoch boundary the count goes on: 400 steps later, step 31 of the next epoch.
        p.update(3 * SECOND, 3, 100 + 400 - 469, 128, 60_000, true);
        double samples = 60_000 - 12_800 + 31 * 128.0;
        assertEquals(0.6 * 12_800 + 0.4 * samples / 2, p.samplesPerSecond(), 1e-9);
    }

    @Test
    void shortEpochsAreNotShown() {
        EpochProgress p = new EpochProgress();
        p.update(0, 0, 0, 4, 4, true);
        p.update(SECOND, 1000, 0, 4, 4, true);
        assertEquals(4000, p.samplesPerSecond(), 1e-9);
        assertFalse(p.worthShowing(), "a millisecond per epoch");
    }

    @Test
    void pausedPartWayTheProgressStaysWithoutARate() {
        EpochProgress p = new EpochProgress();
        p.update(0, 0, 0, 100, 10_000, true);
        p.update(SECOND, 0, 10, 100, 10_000, true);
        p.update(2 * SECOND, 0, 20, 100, 10_000, false);
        assertFalse(p.running());
        assertEquals(0.2, p.fraction(), 1e-15);
        assertTrue(p.worthShowing(), "paused in a 10 s epoch");
    }
}
