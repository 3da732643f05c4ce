package dev.backstep.engine;

/**
 * How initial biases are set: all zero, all one constant, or drawn from N(0, 1) after the weights (as seed 002's
 * {@code np.random.randn} does).
 */
public record BiasInit(Kind kind, double constant) {
    public enum Kind { ZEROS, CONSTANT, NORMAL }

    public static final BiasInit ZEROS = new BiasInit(Kind.ZEROS, 0);
    public static final BiasInit NORMAL = new BiasInit(Kind.NORMAL, 0);

    public static BiasInit constant(double value) {
        return new BiasInit(Kind.CONSTANT, value);
    }

    public double draw(NumpyRandom random) {
        switch (kind) {
            case ZEROS:
                return 0.0;
            case CONSTANT:
                return constant;
            case NORMAL:
                return random.nextGaussian();
            default:
                throw new AssertionError(kind);
        }
    }
}
