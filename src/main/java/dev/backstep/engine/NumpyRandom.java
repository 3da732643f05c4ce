package dev.backstep.engine;

/**
 * The Mersenne Twister MT19937 with numpy's legacy {@code RandomState} conversions, so that a seed gives exactly the
 * numbers {@code np.random.seed(s)} followed by {@code uniform}, {@code randn} or {@code random_sample} gives.
 *
 * <p>Why numpy's: the seed texts initialise their networks with {@code np.random}. Matching its stream lets a network
 * file say {@code "init": {"weights": "normal", "seed": 42}} and start from the very weights the tutorial printed.
 * Not thread-safe; one instance per consumer.
 */
public final class NumpyRandom {
    private static final int N = 624;
    private static final int M = 397;
    private static final int MATRIX_A = 0x9908b0df;
    private static final int UPPER_MASK = 0x80000000;
    private static final int LOWER_MASK = 0x7fffffff;

    private final int[] mt = new int[N];
    private int index;
    private boolean hasSpareGaussian;
    private double spareGaussian;

    /** Seeds like {@code np.random.seed(seed)}; the seed must lie in [0, 2³² − 1] as numpy requires. */
    public NumpyRandom(long seed) {
        if (seed < 0 || seed > 0xffffffffL) {
            throw new IllegalArgumentException("seed " + seed + " is outside [0, 4294967295]");
        }
        mt[0] = (int) seed;
        for (int i = 1; i < N; i++) {
            mt[i] = 1812433253 * (mt[i - 1] ^ (mt[i - 1] >>> 30)) + i;
        }
        index = N;
    }

    private NumpyRandom(NumpyRandom other) {
        copyStateFrom(other);
    }

    /** Puts this generator into exactly {@code other}'s state. */
    public void copyStateFrom(NumpyRandom other) {
        System.arraycopy(other.mt, 0, mt, 0, N);
        index = other.index;
        hasSpareGaussian = other.hasSpareGaussian;
        spareGaussian = other.spareGaussian;
    }

    /** An independent generator in exactly this generator's state. */
    public NumpyRandom copy() {
        return new NumpyRandom(this);
    }

    /** The next 32 random bits (MT19937 {@code genrand_int32}). */
    public int nextInt32() {
        if (index >= N) {
            regenerate();
        }
        int y = mt[index++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        return y;
    }

    private void regenerate() {
        for (int k = 0; k < N; k++) {
            int y = (mt[k] & UPPER_MASK) | (mt[(k + 1) % N] & LOWER_MASK);
            mt[k] = mt[(k + M) % N] ^ (y >>> 1) ^ ((y & 1) != 0 ? MATRIX_A : 0);
        }
        index = 0;
    }

    /** Uniform on [0, 1) with 53 random bits: numpy's {@code random_sample()}. */
    public double nextDouble() {
        long a = (nextInt32() & 0xffffffffL) >>> 5;
        long b = (nextInt32() & 0xffffffffL) >>> 6;
        return (a * 67108864.0 + b) / 9007199254740992.0;
    }

    /** Uniform on [low, high): numpy's {@code uniform(low, high)}. */
    public double uniform(double low, double high) {
        return low + (high - low) * nextDouble();
    }

    /** A standard normal draw by numpy's legacy polar method, which yields pairs and keeps the spare. */
    public double nextGaussian() {
        if (hasSpareGaussian) {
            hasSpareGaussian = false;
            return spareGaussian;
        }
        double x1;
        double x2;
        double r2;
        do {
            x1 = 2.0 * nextDouble() - 1.0;
            x2 = 2.0 * nextDouble() - 1.0;
            r2 = x1 * x1 + x2 * x2;
        } while (r2 >= 1.0 || r2 == 0.0);
        double f = Math.sqrt(-2.0 * Math.log(r2) / r2);
        spareGaussian = f * x1;
        hasSpareGaussian = true;
        return f * x2;
    }

    /** Uniform on {0, …, bound − 1} without modulo bias (rejection on the smallest covering bit mask). */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive: " + bound);
        }
        int mask = bound == 1 ? 0 : -1 >>> Integer.numberOfLeadingZeros(bound - 1);
        int value;
        do {
            value = nextInt32() & mask;
        } while (Integer.compareUnsigned(value, bound) >= 0);
        return value;
    }

    /** Fisher–Yates shuffle of {@code values} in place. */
    public void shuffle(int[] values) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int t = values[i];
            values[i] = values[j];
            values[j] = t;
        }
    }
}
