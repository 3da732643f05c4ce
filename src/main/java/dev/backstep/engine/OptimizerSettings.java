package dev.backstep.engine;

/**
 * An optimizer and its hyper-parameters. Clipping limits of 0 mean "no clipping".
 *
 * @param momentum    μ of momentum and nesterov
 * @param rho         the decay ρ of RMSprop's running mean of g²
 * @param weightDecay λ: adds λθ to the gradient (L2, as PyTorch's weight_decay), after clipping
 * @param clipValue   clamps each gradient element to [−clipValue, clipValue] before anything else
 * @param clipNorm    rescales the gradient of all parameters together to at most this Euclidean norm (after
 *                    value clipping), by clipNorm / (‖g‖ + 10⁻⁶) as PyTorch's clip_grad_norm_
 */
public record OptimizerSettings(OptimizerKind kind, double learningRate, double momentum, double beta1,
                                double beta2, double epsilon, double rho, double weightDecay, double clipValue,
                                double clipNorm) {
    public static final double DEFAULT_MOMENTUM = 0.9;
    public static final double DEFAULT_BETA1 = 0.9;
    public static final double DEFAULT_BETA2 = 0.999;
    public static final double DEFAULT_RHO = 0.99;

    /** The kind with PyTorch's default hyper-parameters (momentum 0.9 where PyTorch has no default). */
    public static OptimizerSettings defaults(OptimizerKind kind) {
        return new OptimizerSettings(kind, kind.defaultLearningRate(), DEFAULT_MOMENTUM, DEFAULT_BETA1, DEFAULT_BETA2,
                kind.defaultEpsilon(), DEFAULT_RHO, 0, 0, 0);
    }

    public static OptimizerSettings sgd(double learningRate) {
        return defaults(OptimizerKind.SGD).withLearningRate(learningRate);
    }

    public OptimizerSettings withLearningRate(double value) {
        return new OptimizerSettings(kind, value, momentum, beta1, beta2, epsilon, rho, weightDecay, clipValue,
                clipNorm);
    }

    public OptimizerSettings withKind(OptimizerKind value) {
        return new OptimizerSettings(value, learningRate, momentum, beta1, beta2, value.defaultEpsilon(), rho,
                weightDecay, clipValue, clipNorm);
    }

    public OptimizerSettings withWeightDecay(double value) {
        return new OptimizerSettings(kind, learningRate, momentum, beta1, beta2, epsilon, rho, value, clipValue,
                clipNorm);
    }

    public OptimizerSettings withClipping(double value, double norm) {
        return new OptimizerSettings(kind, learningRate, momentum, beta1, beta2, epsilon, rho, weightDecay, value,
                norm);
    }
}
