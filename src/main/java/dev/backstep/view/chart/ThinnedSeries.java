package dev.backstep.view.chart;

import java.util.Arrays;

/**
 * A whole, append-only history of doubles (a loss per epoch, possibly millions) and a thinned version of it for
 * display: at most {@link #maxPoints()} points that always contain the first and the last value and, for every
 * bucket of consecutive values, the bucket's minimum and maximum, so a spike or the global minimum never vanishes
 * however long the history grows.
 *
 * <p><b>Buckets.</b> When the history fits, every value is a display point. Otherwise the history is cut into
 * buckets of {@code 2^k} values, aligned at multiples of the bucket size, with the smallest {@code k} that keeps the
 * output within the bound. Aligned power-of-two buckets do not move when values are appended, so the picture is
 * stable (points already shown stay put) until the bucket size doubles.
 *
 * <p><b>Cost.</b> A min/max pyramid over aligned power-of-two blocks (from {@value #BASE_BLOCK} values up) gives a
 * full bucket's extremes in O(1) and a partial bucket's in O(log n); it is extended in O(1) amortised per appended
 * value. {@link #refresh()} re-emits only the buckets that changed since the last call (the old partial bucket and
 * the new ones), so the per-frame cost depends on what was appended, not on the length of the history; only a
 * change of bucket size re-emits everything, which is O(maxPoints).
 *
 * <p><b>Non-finite values.</b> NaN and ±∞ are stored as given but never count as a minimum or maximum. In the
 * thinned output they appear as gap points (value NaN) at the first and the last non-finite index of their bucket,
 * which breaks a line drawn through the points; {@link #firstNonFiniteIndex()} reports where the first one is.
 * A bucket then contributes at most four points (gap, minimum, maximum, gap) instead of two.
 *
 * <p>Ties: the minimum and maximum of a bucket are the earliest index holding that value.
 *
 * <p>Not thread-safe; pure Java (no JavaFX), so it can be tested and benchmarked alone.
 */
public final class ThinnedSeries {
    /** log2 of the smallest pyramid block; buckets below this size are scanned directly. */
    static final int BASE_LEVEL = 3;
    static final int BASE_BLOCK = 1 << BASE_LEVEL;

    private final int maxPoints;

    private double[] values = new double[1024];
    private int size;
    private int firstNonFinite = -1;
    private int globalMin = -1;
    private int globalMax = -1;

    /**
     * levelMin[L][b] (and max, first and last non-finite) describe the block of 2^L values starting at b·2^L, for
     * L ≥ BASE_LEVEL and complete blocks only; -1 where the block has no finite (or no non-finite) value.
     */
    private int[][] levelMin = new int[0][];
    private int[][] levelMax = new int[0][];
    private int[][] levelFirstBad = new int[0][];
    private int[][] levelLastBad = new int[0][];
    private int[] levelCount = new int[0];

    // The thinned output, kept up to date by refresh().
    private int[] outIndex;
    private double[] outValue;
    private int outCount;
    private int outBucketSize = -1;
    private boolean outAllowsGaps;
    /** Full buckets already emitted (with the current bucket size), and the output length after them. */
    private int emittedFullBuckets;
    private int outCountAfterFull;
    private boolean outOfDate = true;

    /** @param maxPoints the most display points {@link #refresh()} may produce; at least 16 */
    public ThinnedSeries(int maxPoints) {
        if (maxPoints < 16) {
            throw new IllegalArgumentException("maxPoints must be at least 16: " + maxPoints);
        }
        this.maxPoints = maxPoints;
        this.outIndex = new int[maxPoints];
        this.outValue = new double[maxPoints];
    }

    public int maxPoints() {
        return maxPoints;
    }

    // ---- the history -----------------------------------------------------------------------------------------------

    /** Appends one value (any double, NaN and infinities included). Amortised O(1). */
    public void append(double value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, values.length * 2);
        }
        int index = size++;
        values[index] = value;
        if (Double.isFinite(value)) {
            if (globalMin < 0 || value < values[globalMin]) {
                globalMin = index;
            }
            if (globalMax < 0 || value > values[globalMax]) {
                globalMax = index;
            }
        } else if (firstNonFinite < 0) {
            firstNonFinite = index;
        }
        if ((size & (BASE_BLOCK - 1)) == 0) {
            completeBaseBlock(size - BASE_BLOCK);
        }
        outOfDate = true;
    }

    /** Appends {@code count} values of {@code source} from {@code from}. */
    public void appendAll(double[] source, int from, int count) {
        for (int i = from; i < from + count; i++) {
            append(source[i]);
        }
    }

    /** Forgets the whole history (keeps the buffers). */
    public void clear() {
        size = 0;
        firstNonFinite = -1;
        globalMin = -1;
        globalMax = -1;
        Arrays.fill(levelCount, 0);
        outBucketSize = -1;
        outCount = 0;
        outOfDate = true;
    }

    /** Values appended so far. */
    public int size() {
        return size;
    }

    /** The value at {@code index} as appended. */
    public double get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("index " + index + " of " + size);
        }
        return values[index];
    }

    /** The last value, or NaN when empty. */
    public double last() {
        return size == 0 ? Double.NaN : values[size - 1];
    }

    /** The index of the first NaN or infinity, or -1 when every value is finite. */
    public int firstNonFiniteIndex() {
        return firstNonFinite;
    }

    public boolean hasNonFinite() {
        return firstNonFinite >= 0;
    }

    /** The index of the smallest finite value (earliest on ties), or -1 when there is none. */
    public int minIndex() {
        return globalMin;
    }

    /** The index of the largest finite value (earliest on ties), or -1 when there is none. */
    public int maxIndex() {
        return globalMax;
    }

    // ---- the pyramid -----------------------------------------------------------------------------------------------

    private void completeBaseBlock(int start) {
        int min = -1;
        int max = -1;
        int firstBad = -1;
        int lastBad = -1;
        for (int i = start; i < start + BASE_BLOCK; i++) {
            double v = values[i];
            if (Double.isFinite(v)) {
                if (min < 0 || v < values[min]) {
                    min = i;
                }
                if (max < 0 || v > values[max]) {
                    max = i;
                }
            } else {
                if (firstBad < 0) {
                    firstBad = i;
                }
                lastBad = i;
            }
        }
        int level = BASE_LEVEL;
        push(level, min, max, firstBad, lastBad);
        // Combine pairs upwards while the block just completed is the second of a pair.
        while ((levelCount[level - BASE_LEVEL] & 1) == 0) {
            int[] mins = levelMin[level - BASE_LEVEL];
            int[] maxs = levelMax[level - BASE_LEVEL];
            int[] firsts = levelFirstBad[level - BASE_LEVEL];
            int[] lasts = levelLastBad[level - BASE_LEVEL];
            int b = levelCount[level - BASE_LEVEL] - 2;
            push(level + 1, minOf(mins[b], mins[b + 1]), maxOf(maxs[b], maxs[b + 1]),
                    firsts[b] >= 0 ? firsts[b] : firsts[b + 1], lasts[b + 1] >= 0 ? lasts[b + 1] : lasts[b]);
            level++;
        }
    }

    private void push(int level, int min, int max, int firstBad, int lastBad) {
        int l = level - BASE_LEVEL;
        if (l == levelCount.length) {
            levelMin = Arrays.copyOf(levelMin, l + 1);
            levelMax = Arrays.copyOf(levelMax, l + 1);
            levelFirstBad = Arrays.copyOf(levelFirstBad, l + 1);
            levelLastBad = Arrays.copyOf(levelLastBad, l + 1);
            levelCount = Arrays.copyOf(levelCount, l + 1);
            levelMin[l] = new int[16];
            levelMax[l] = new int[16];
            levelFirstBad[l] = new int[16];
            levelLastBad[l] = new int[16];
        }
        int n = levelCount[l];
        if (n == levelMin[l].length) {
            levelMin[l] = Arrays.copyOf(levelMin[l], n * 2);
            levelMax[l] = Arrays.copyOf(levelMax[l], n * 2);
            levelFirstBad[l] = Arrays.copyOf(levelFirstBad[l], n * 2);
            levelLastBad[l] = Arrays.copyOf(levelLastBad[l], n * 2);
        }
        levelMin[l][n] = min;
        levelMax[l][n] = max;
        levelFirstBad[l][n] = firstBad;
        levelLastBad[l][n] = lastBad;
        levelCount[l] = n + 1;
    }

    /** The index of the smaller value (the earlier on ties; -1 means "none"). */
    private int minOf(int a, int b) {
        if (a < 0) {
            return b;
        }
        if (b < 0) {
            return a;
        }
        return values[b] < values[a] || (values[b] == values[a] && b < a) ? b : a;
    }

    private int maxOf(int a, int b) {
        if (a < 0) {
            return b;
        }
        if (b < 0) {
            return a;
        }
        return values[b] > values[a] || (values[b] == values[a] && b < a) ? b : a;
    }

    /** Scratch for {@link #scan}: min, max, first non-finite, last non-finite. */
    private final int[] found = new int[4];

    /**
     * The extremes and the outer non-finite indices of [from, to) into {@link #found}, from the largest aligned
     * pyramid blocks that fit and direct scans of the rest.
     */
    private void scan(int from, int to) {
        int min = -1;
        int max = -1;
        int firstBad = -1;
        int lastBad = -1;
        int i = from;
        while (i < to) {
            int level = -1;
            if ((i & (BASE_BLOCK - 1)) == 0) {
                // the largest aligned complete block starting at i that ends by `to`
                for (int l = levelCount.length - 1; l >= 0; l--) {
                    int blockSize = 1 << (l + BASE_LEVEL);
                    if ((i & (blockSize - 1)) == 0 && i + blockSize <= to && (i >> (l + BASE_LEVEL)) < levelCount[l]) {
                        level = l;
                        break;
                    }
                }
            }
            if (level >= 0) {
                int b = i >> (level + BASE_LEVEL);
                min = minOf(min, levelMin[level][b]);
                max = maxOf(max, levelMax[level][b]);
                if (firstBad < 0) {
                    firstBad = levelFirstBad[level][b];
                }
                if (levelLastBad[level][b] >= 0) {
                    lastBad = levelLastBad[level][b];
                }
                i += 1 << (level + BASE_LEVEL);
            } else {
                double v = values[i];
                if (Double.isFinite(v)) {
                    if (min < 0 || v < values[min]) {
                        min = i;
                    }
                    if (max < 0 || v > values[max]) {
                        max = i;
                    }
                } else {
                    if (firstBad < 0) {
                        firstBad = i;
                    }
                    lastBad = i;
                }
                i++;
            }
        }
        found[0] = min;
        found[1] = max;
        found[2] = firstBad;
        found[3] = lastBad;
    }

    // ---- the thinned output ----------------------------------------------------------------------------------------

    /**
     * The size of the buckets the output uses for the current history: 1 when every value is shown, otherwise the
     * smallest power of two with {@code pointsPerBucket · buckets + 2 ≤ maxPoints}.
     */
    public int bucketSize() {
        if (size <= maxPoints) {
            return 1;
        }
        int perBucket = firstNonFinite >= 0 ? 4 : 2;
        int bucket = 2;
        while ((long) perBucket * ceilDiv(size, bucket) + 2 > maxPoints) {
            bucket <<= 1;
        }
        return bucket;
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    /**
     * Brings the thinned output up to date with the history (cheap when nothing changed). Call once after a batch
     * of appends, before reading {@link #pointCount()}, {@link #indexAt} and {@link #valueAt}.
     */
    public void refresh() {
        if (!outOfDate) {
            return;
        }
        outOfDate = false;
        int bucket = bucketSize();
        boolean gaps = firstNonFinite >= 0;
        if (bucket != outBucketSize || gaps != outAllowsGaps) {
            outBucketSize = bucket;
            outAllowsGaps = gaps;
            emittedFullBuckets = 0;
            outCountAfterFull = 0;
        }
        outCount = outCountAfterFull;
        int fullBuckets = size / bucket;
        for (int b = emittedFullBuckets; b < fullBuckets; b++) {
            emitBucket(b * bucket, (b + 1) * bucket);
        }
        emittedFullBuckets = fullBuckets;
        outCountAfterFull = outCount;
        if (fullBuckets * bucket < size) {
            emitBucket(fullBuckets * bucket, size);
        }
        // The last value is always shown (it is the partial bucket's end, or a full bucket's).
        if (size > 0 && (outCount == 0 || outIndex[outCount - 1] != size - 1)) {
            add(size - 1);
        }
    }

    /** Emits the points of the bucket [from, to) in index order. */
    private void emitBucket(int from, int to) {
        if (to - from == 1) {
            add(from);
            return;
        }
        scan(from, to);
        int a = found[0];
        int b = found[1];
        int c = found[2];
        int d = found[3];
        int first = from == 0 ? 0 : -1;
        // at most five candidates (first, min, max, first gap, last gap): sort by index, drop repeats
        int[] candidates = this.candidates;
        int n = 0;
        if (first >= 0) {
            candidates[n++] = first;
        }
        if (a >= 0) {
            candidates[n++] = a;
        }
        if (b >= 0) {
            candidates[n++] = b;
        }
        if (c >= 0) {
            candidates[n++] = c;
        }
        if (d >= 0) {
            candidates[n++] = d;
        }
        for (int i = 1; i < n; i++) {
            int v = candidates[i];
            int j = i - 1;
            while (j >= 0 && candidates[j] > v) {
                candidates[j + 1] = candidates[j];
                j--;
            }
            candidates[j + 1] = v;
        }
        for (int i = 0; i < n; i++) {
            if (i == 0 || candidates[i] != candidates[i - 1]) {
                add(candidates[i]);
            }
        }
    }

    private final int[] candidates = new int[5];

    private void add(int index) {
        if (outCount == outIndex.length) {
            // Cannot happen within the bound; grow rather than fail if it ever does.
            outIndex = Arrays.copyOf(outIndex, outIndex.length * 2);
            outValue = Arrays.copyOf(outValue, outValue.length * 2);
        }
        double v = values[index];
        outIndex[outCount] = index;
        outValue[outCount] = Double.isFinite(v) ? v : Double.NaN;
        outCount++;
    }

    /** Display points after the last {@link #refresh()}; at most {@link #maxPoints()}. */
    public int pointCount() {
        return outCount;
    }

    /** The history index of display point {@code i} (increasing with i). */
    public int indexAt(int i) {
        return outIndex[i];
    }

    /** The value of display point {@code i}: the stored value, or NaN for a gap (a non-finite value). */
    public double valueAt(int i) {
        return outValue[i];
    }

    /** The display point whose index is nearest to {@code index}, or -1 when there are none (binary search). */
    public int nearestPoint(double index) {
        if (outCount == 0) {
            return -1;
        }
        int lo = 0;
        int hi = outCount - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (outIndex[mid] < index) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        if (lo > 0 && Math.abs(outIndex[lo - 1] - index) <= Math.abs(outIndex[lo] - index)) {
            return lo - 1;
        }
        return lo;
    }
}
