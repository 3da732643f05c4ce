package dev.backstep.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The geometry of TensorFlow Playground's data sets, checked point by point. */
class DataGeneratorTest {
    private static final long SEED = 20240601L;

    @Test
    void circleWithoutNoiseHasClassOneInsideAndClassZeroInTheRing() {
        double[][] points = DataGenerator.CIRCLE.generate(1001, 0, SEED);
        assertEquals(1001, points.length);
        int ones = 0;
        for (double[] p : points) {
            double r = Math.hypot(p[0], p[1]);
            if (p[2] == 1) {
                ones++;
                assertTrue(r <= 2.5, "class 1 at radius " + r);
            } else {
                assertEquals(0, p[2]);
                assertTrue(r >= 3.5 && r <= 5, "class 0 at radius " + r);
            }
        }
        assertEquals(500, ones, "the first half (rounded down) is the inner class");
    }

    @Test
    void circleWithNoiseMovesOnlyTheLabelsNearTheGap() {
        double[][] points = DataGenerator.CIRCLE.generate(2000, 0.5, SEED);
        int flipped = 0;
        for (double[] p : points) {
            double r = Math.hypot(p[0], p[1]);
            assertTrue(r <= 5, "the points themselves stay within radius 5: " + r);
            boolean inner = r <= 2.5;
            flipped += inner != (p[2] == 1) ? 1 : 0;
        }
        assertTrue(flipped > 0, "noise 0.5 changes some labels");
        assertTrue(flipped < points.length / 2, "but not most: " + flipped);
    }

    @Test
    void xorQuadrantsWithoutNoiseLabelsBySignAndKeepsAwayFromTheAxes() {
        double[][] points = DataGenerator.XOR_QUADRANTS.generate(2000, 0, SEED);
        int ones = 0;
        for (double[] p : points) {
            double x = p[0];
            double y = p[1];
            assertTrue(Math.abs(x) >= 0.3 && Math.abs(y) >= 0.3, "(" + x + ", " + y + ") is within 0.3 of an axis");
            assertTrue(Math.abs(x) <= 5.3 && Math.abs(y) <= 5.3, "(" + x + ", " + y + ") is beyond 5.3");
            assertEquals(x * y >= 0 ? 1.0 : 0.0, p[2], "label of (" + x + ", " + y + ")");
            ones += p[2] == 1 ? 1 : 0;
        }
        assertTrue(ones > 800 && ones < 1200, "about half in the first and third quadrants: " + ones);
    }

    @Test
    void gaussiansAreCentredOnPlusAndMinusTwo() {
        int n = 20_000;
        double[][] points = DataGenerator.GAUSSIANS.generate(n, 0, SEED);
        double[] sum1 = new double[2];
        double[] sum0 = new double[2];
        double[] sq1 = new double[2];
        int ones = 0;
        for (double[] p : points) {
            boolean one = p[2] == 1;
            ones += one ? 1 : 0;
            for (int c = 0; c < 2; c++) {
                (one ? sum1 : sum0)[c] += p[c];
                if (one) {
                    sq1[c] += (p[c] - 2) * (p[c] - 2);
                }
            }
        }
        assertEquals(n / 2, ones);
        for (int c = 0; c < 2; c++) {
            // The standard error of each mean is √0.5 / √10000 ≈ 0.007; 0.05 is seven of them.
            assertEquals(2, sum1[c] / ones, 0.05, "class 1 mean, coordinate " + c);
            assertEquals(-2, sum0[c] / (n - ones), 0.05, "class 0 mean, coordinate " + c);
            // Playground's variance is 0.5 at noise 0.
            assertEquals(0.5, sq1[c] / ones, 0.05, "class 1 variance, coordinate " + c);
        }
    }

    @Test
    void gaussiansSpreadWithTheNoise() {
        // Playground scales the variance linearly from 0.5 at noise 0 to 4 at noise 0.5.
        double[][] points = DataGenerator.GAUSSIANS.generate(20_000, 0.5, SEED);
        double sq = 0;
        int count = 0;
        for (double[] p : points) {
            double centre = p[2] == 1 ? 2 : -2;
            sq += (p[0] - centre) * (p[0] - centre);
            count++;
        }
        assertEquals(4, sq / count, 0.2, "variance at noise 0.5");
    }

    @Test
    void spiralWithoutNoiseLiesOnTwoOppositeArchimedeanSpirals() {
        int n = 600;
        double[][] points = DataGenerator.SPIRAL.generate(n, 0, SEED);
        int ones = 0;
        for (double[] p : points) {
            double r = Math.hypot(p[0], p[1]);
            assertTrue(r >= 0 && r <= 5, "radius " + r);
            ones += p[2] == 1 ? 1 : 0;
            // On the spiral the angle from the y axis grows by 1.75 turns over the radius 0…5; class 0 is the same
            // spiral turned by half a turn.
            double theta = 1.75 * 2 * Math.PI * r / 5 + (p[2] == 1 ? 0 : Math.PI);
            assertEquals(r * Math.sin(theta), p[0], 1e-9, "x of a point at radius " + r);
            assertEquals(r * Math.cos(theta), p[1], 1e-9, "y of a point at radius " + r);
        }
        assertEquals(n / 2, ones);
    }

    @Test
    void spiralNoiseStaysWithinItsAmplitude() {
        double noise = 0.3;
        double[][] clean = DataGenerator.SPIRAL.generate(500, 0, SEED);
        double[][] noisy = DataGenerator.SPIRAL.generate(500, noise, SEED);
        double largest = 0;
        for (int i = 0; i < clean.length; i++) {
            // Noise 0 draws nothing else, so the positions on the spiral are the same for both.
            double dx = Math.abs(noisy[i][0] - clean[i][0]);
            double dy = Math.abs(noisy[i][1] - clean[i][1]);
            largest = Math.max(largest, Math.max(dx, dy));
            assertEquals(clean[i][2], noisy[i][2]);
        }
        assertTrue(largest <= noise && largest > noise / 2, "largest shift " + largest);
    }

    @ParameterizedTest
    @EnumSource(DataGenerator.class)
    void theSameSeedGivesTheSameDataAndAnotherSeedOtherData(DataGenerator generator) {
        double[][] a = generator.generate(300, 0.2, 5);
        double[][] b = generator.generate(300, 0.2, 5);
        double[][] c = generator.generate(300, 0.2, 6);
        assertTrue(Arrays.deepEquals(a, b), generator + " with seed 5 twice");
        assertFalse(Arrays.deepEquals(a, c), generator + " with seeds 5 and 6");
        for (double[] p : a) {
            assertEquals(3, p.length);
            assertTrue(p[2] == 0 || p[2] == 1);
            assertTrue(Double.isFinite(p[0]) && Double.isFinite(p[1]));
        }
    }

    @ParameterizedTest
    @EnumSource(DataGenerator.class)
    void generatorsAreFoundByTheirFileName(DataGenerator generator) {
        assertEquals(Optional.of(generator), DataGenerator.byId(generator.id()));
        assertTrue(DataGenerator.names().contains(generator.id()));
    }
}
