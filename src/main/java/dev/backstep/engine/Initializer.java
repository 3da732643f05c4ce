package dev.backstep.engine;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** How initial weights are drawn; each draw consumes the numpy-compatible stream in the same way numpy would. */
public enum Initializer {
    /** U[0, 1): {@code np.random.uniform(size=…)}, seed 000. */
    UNIFORM("uniform"),
    /** U[−0.5, 0.5). */
    UNIFORM_SYMMETRIC("uniform-symmetric"),
    /** N(0, 1): {@code np.random.randn(…)}, seeds 002 and 004. */
    NORMAL("normal"),
    /** U[−a, a) with a = √(6 / (fan_in + fan_out)), Glorot and Bengio (2010). */
    XAVIER_UNIFORM("xavier-uniform"),
    /** N(0, 2 / (fan_in + fan_out)). */
    XAVIER_NORMAL("xavier-normal"),
    /** U[−a, a) with a = √(6 / fan_in), He et al. (2015). */
    HE_UNIFORM("he-uniform"),
    /** N(0, 2 / fan_in). */
    HE_NORMAL("he-normal");

    private final String id;

    Initializer(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Optional<Initializer> byId(String id) {
        return Arrays.stream(values()).filter(i -> i.id.equals(id)).findFirst();
    }

    public static String names() {
        return Arrays.stream(values()).map(Initializer::id).collect(Collectors.joining(", "));
    }

    /** One weight of a layer with the given fan-in and fan-out. */
    public double draw(NumpyRandom random, int fanIn, int fanOut) {
        switch (this) {
            case UNIFORM:
                return random.uniform(0.0, 1.0);
            case UNIFORM_SYMMETRIC:
                return random.uniform(-0.5, 0.5);
            case NORMAL:
                return random.nextGaussian();
            case XAVIER_UNIFORM: {
                double a = Math.sqrt(6.0 / (fanIn + fanOut));
                return random.uniform(-a, a);
            }
            case XAVIER_NORMAL:
                return Math.sqrt(2.0 / (fanIn + fanOut)) * random.nextGaussian();
            case HE_UNIFORM: {
                double a = Math.sqrt(6.0 / fanIn);
                return random.uniform(-a, a);
            }
            case HE_NORMAL:
                return Math.sqrt(2.0 / fanIn) * random.nextGaussian();
            default:
                throw new AssertionError(this);
        }
    }
}
