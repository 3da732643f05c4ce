package dev.backstep.view.chart;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntToDoubleFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The thinned output against brute-force scans of the whole history. */
class ThinnedSeriesTest {
    private static final int MAX = 200;

    private static ThinnedSeries build(int n, IntToDoubleFunction f) {
        ThinnedSeries s = new ThinnedSeries(MAX);
        for (int i = 0; i < n; i++) {
            s.append(f.applyAsDouble(i));
        }
        s.refresh();
        return s;
    }

    /**
     * Every property the thinning promises, checked by scanning the history: bounded size, increasing indices,
     * the first and last points, each bucket's (earliest) minimum and maximum, the values as stored (NaN for
     * non-finite ones), and a gap at each bucket's first and last non-finite value.
     */
    private static void checkAgainstBruteForce(ThinnedSeries s, double[] history) {
        int n = history.length;
        assertEquals(n, s.size());
        int count = s.pointCount();
        assertTrue(count <= s.maxPoints(), "at most " + s.maxPoints() + " points, got " + count);
        if (n == 0) {
            assertEquals(0, count);
            return;
        }
        List<Integer> indices = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int index = s.indexAt(i);
            if (i > 0) {
                assertTrue(index > s.indexAt(i - 1), "indices strictly increase at point " + i);
            }
            double expected = Double.isFinite(history[index]) ? history[index] : Double.NaN;
            assertEquals(expected, s.valueAt(i), 0.0, "value of point " + i + " (index " + index + ")");
            indices.add(index);
        }
        assertEquals(0, s.indexAt(0), "first point");
        assertEquals(n - 1, s.indexAt(count - 1), "last point");
        if (n <= s.maxPoints()) {
            assertEquals(n, count, "a history that fits is shown whole");
        }
        int bucket = s.bucketSize();
        int firstBad = -1;
        int globalMin = -1;
        int globalMax = -1;
        for (int from = 0; from < n; from += bucket) {
            int to = Math.min(n, from + bucket);
            int min = -1;
            int max = -1;
            int bad1 = -1;
            int bad2 = -1;
            for (int i = from; i < to; i++) {
                double v = history[i];
                if (Double.isFinite(v)) {
                    if (min < 0 || v < history[min]) {
                        min = i;
                    }
                    if (max < 0 || v > history[max]) {
                        max = i;
                    }
                } else {
                    if (bad1 < 0) {
                        bad1 = i;
                    }
                    bad2 = i;
                }
            }
            if (min >= 0) {
                assertTrue(indices.contains(min), "minimum of bucket [" + from + ", " + to + ") at " + min);
                assertTrue(indices.contains(max), "maximum of bucket [" + from + ", " + to + ") at " + max);
                if (globalMin < 0 || history[min] < history[globalMin]) {
                    globalMin = min;
                }
                if (globalMax < 0 || history[max] > history[globalMax]) {
                    globalMax = max;
                }
            }
            if (bad1 >= 0) {
                assertTrue(indices.contains(bad1), "gap at the bucket's first non-finite value " + bad1);
                assertTrue(indices.contains(bad2), "gap at the bucket's last non-finite value " + bad2);
                if (firstBad < 0) {
                    firstBad = bad1;
                }
            }
        }
        assertEquals(firstBad, s.firstNonFiniteIndex());
        assertEquals(firstBad >= 0, s.hasNonFinite());
        assertEquals(globalMin, s.minIndex());
        assertEquals(globalMax, s.maxIndex());
        if (globalMin >= 0) {
            assertTrue(indices.contains(globalMin), "global minimum");
            assertTrue(indices.contains(globalMax), "global maximum");
        }
    }

    private static double[] history(int n, IntToDoubleFunction f) {
        double[] h = new double[n];
        for (int i = 0; i < n; i++) {
            h[i] = f.applyAsDouble(i);
        }
        return h;
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 15, 199, 200, 201, 202, 1000, 4097, 65_537, 300_001})
    void randomSeries(int n) {
        Random random = new Random(42 + n);
        double[] h = history(n, i -> random.nextGaussian());
        checkAgainstBruteForce(build(n, i -> h[i]), h);
    }

    @ParameterizedTest
    @ValueSource(ints = {1000, 12_345, 100_000})
    void singleSpikeSurvives(int n) {
        for (int at : new int[] {0, 1, n / 3, n / 2 + 7, n - 2, n - 1}) {
            double[] h = history(n, i -> i == at ? 1e6 : Math.exp(-i / 1000.0));
            ThinnedSeries s = build(n, i -> h[i]);
            checkAgainstBruteForce(s, h);
            assertEquals(at, s.maxIndex());
            double[] dip = history(n, i -> i == at ? -1e6 : 1.0);
            ThinnedSeries d = build(n, i -> dip[i]);
            checkAgainstBruteForce(d, dip);
            assertEquals(at, d.minIndex());
        }
    }

    @Test
    void monotoneSeries() {
        int n = 77_777;
        double[] down = history(n, i -> 1.0 / (1 + i));
        checkAgainstBruteForce(build(n, i -> down[i]), down);
        double[] up = history(n, i -> i * 0.5);
        checkAgainstBruteForce(build(n, i -> up[i]), up);
    }

    @Test
    void constantSeriesUsesEarliestIndexOnTies() {
        int n = 10_000;
        double[] h = history(n, i -> 0.25);
        ThinnedSeries s = build(n, i -> h[i]);
        checkAgainstBruteForce(s, h);
        assertEquals(0, s.minIndex());
        assertEquals(0, s.maxIndex());
        // a bucket of equal values shows its first index (and the series its last)
        assertTrue(s.pointCount() <= n / s.bucketSize() + 2);
    }

    @Test
    void nonFiniteValuesBreakTheLine() {
        int n = 50_000;
        double[] h = history(n, i -> {
            if (i == 1234) {
                return Double.NaN;
            }
            if (i >= 30_000 && i < 30_500) {
                return Double.POSITIVE_INFINITY;
            }
            if (i == n - 1) {
                return Double.NEGATIVE_INFINITY;
            }
            return Math.sin(i / 100.0);
        });
        ThinnedSeries s = build(n, i -> h[i]);
        checkAgainstBruteForce(s, h);
        assertEquals(1234, s.firstNonFiniteIndex());
        int gaps = 0;
        for (int i = 0; i < s.pointCount(); i++) {
            if (Double.isNaN(s.valueAt(i))) {
                gaps++;
            }
        }
        assertTrue(gaps >= 3, "gaps at 1234, around 30000 and at the end: " + gaps);
    }

    @Test
    void allNonFinite() {
        int n = 5000;
        double[] h = history(n, i -> Double.NaN);
        ThinnedSeries s = build(n, i -> h[i]);
        checkAgainstBruteForce(s, h);
        assertEquals(-1, s.minIndex());
        assertEquals(0, s.firstNonFiniteIndex());
    }

    @Test
    void shortHistoryWithNaNIsShownWhole() {
        double[] h = {3, 2, Double.NaN, 1, Double.POSITIVE_INFINITY, 0.5};
        ThinnedSeries s = build(h.length, i -> h[i]);
        checkAgainstBruteForce(s, h);
        assertEquals(6, s.pointCount());
        assertTrue(Double.isNaN(s.valueAt(2)));
        assertTrue(Double.isNaN(s.valueAt(4)));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 8, 97, 1024, 5000})
    void incrementalAppendsEqualAFromScratchBuild(int chunk) {
        Random random = new Random(7);
        int n = 120_000;
        double[] h = history(n, i -> i % 9_999 == 5 ? Double.NaN : Math.exp(-i / 20_000.0) + 0.1 * random.nextDouble());
        ThinnedSeries incremental = new ThinnedSeries(MAX);
        int i = 0;
        int step = 0;
        int nextCheck = 0;
        while (i < n) {
            // uneven chunks, refreshing after each as the chart does once per frame
            int count = Math.min(n - i, chunk + (step++ % 3) * chunk / 2);
            incremental.appendAll(h, i, count);
            i += count;
            incremental.refresh();
            if (i >= nextCheck || i == n) {
                nextCheck += 9_001;
                double[] prefix = java.util.Arrays.copyOf(h, i);
                ThinnedSeries scratch = build(i, k -> h[k]);
                assertSameOutput(scratch, incremental);
                checkAgainstBruteForce(incremental, prefix);
            }
        }
    }

    private static void assertSameOutput(ThinnedSeries expected, ThinnedSeries actual) {
        assertEquals(expected.pointCount(), actual.pointCount(), "point count");
        for (int i = 0; i < expected.pointCount(); i++) {
            assertEquals(expected.indexAt(i), actual.indexAt(i), "index of point " + i);
            assertEquals(expected.valueAt(i), actual.valueAt(i), 0.0, "value of point " + i);
        }
    }

    @Test
    void outputIsBoundedForAMillionValues() {
        ThinnedSeries s = new ThinnedSeries(2000);
        Random random = new Random(1);
        for (int i = 0; i < 1_000_000; i++) {
            s.append(random.nextDouble());
        }
        s.refresh();
        assertTrue(s.pointCount() <= 2000);
        assertTrue(s.pointCount() > 1000, "uses most of its budget: " + s.pointCount());
        assertEquals(999_999, s.indexAt(s.pointCount() - 1));
    }

    @Test
    void clearStartsOver() {
        ThinnedSeries s = build(10_000, i -> i);
        s.clear();
        assertEquals(0, s.size());
        s.refresh();
        assertEquals(0, s.pointCount());
        double[] h = history(500, i -> -i);
        for (double v : h) {
            s.append(v);
        }
        s.refresh();
        checkAgainstBruteForce(s, h);
        assertFalse(s.hasNonFinite());
    }

    @Test
    void nearestPoint() {
        ThinnedSeries s = build(10, i -> i);
        assertEquals(0, s.nearestPoint(-5));
        assertEquals(4, s.nearestPoint(4.4));
        assertEquals(9, s.nearestPoint(100));
    }
}
