package dev.backstep.model.race;

import dev.backstep.engine.OptimizerKind;
import dev.backstep.engine.OptimizerSettings;

/**
 * The learning rate each optimizer enters the race with. PyTorch's defaults (10⁻³ for plain SGD) barely move the
 * small sample networks in a few thousand epochs, so these are rates that train them well, each within its rule's
 * usual range; the open network's own optimizer keeps the file's rate, and when that is plain SGD at η, momentum and
 * Nesterov get η(1 − μ), the same long-run step (a step of momentum approaches η/(1 − μ) times the gradient). Every
 * other hyper-parameter is PyTorch's.
 */
public final class RaceDefaults {
    private RaceDefaults() {
    }

    /** The settings {@code kind} races with by default, given the open file's optimizer settings. */
    public static OptimizerSettings settings(OptimizerKind kind, OptimizerSettings file) {
        if (file != null && file.kind() == kind) {
            return OptimizerSettings.defaults(kind).withLearningRate(file.learningRate());
        }
        boolean heavyBall = kind == OptimizerKind.MOMENTUM || kind == OptimizerKind.NESTEROV;
        if (file != null && file.kind() == OptimizerKind.SGD && heavyBall) {
            // rounded to 12 digits, so that 2 × (1 − 0.9) reads 0.2 in the field, not 0.19999999999999996
            double rate = new java.math.BigDecimal(file.learningRate() * (1 - OptimizerSettings.DEFAULT_MOMENTUM))
                    .round(new java.math.MathContext(12)).doubleValue();
            return OptimizerSettings.defaults(kind).withLearningRate(rate);
        }
        return OptimizerSettings.defaults(kind).withLearningRate(learningRate(kind));
    }

    static double learningRate(OptimizerKind kind) {
        switch (kind) {
            case SGD:
                return 0.5;
            case MOMENTUM:
            case NESTEROV:
                // η / (1 − μ) = 2, the same long-run step as plain SGD at 2 on the XOR samples
                return 0.2;
            case ADAGRAD:
                return 0.3;
            case RMSPROP:
                return 0.01;
            case ADAM:
                return 0.02;
            default:
                throw new AssertionError(kind);
        }
    }
}
