package dev.backstep.engine;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** The update rules Backstep knows, each as PyTorch documents it (torch.optim), so results can be cross-checked. */
public enum OptimizerKind {
    /** θ ← θ − η g. */
    SGD("sgd", 1e-3, 0),
    /** v ← μ v + g; θ ← θ − η v (PyTorch's SGD with momentum, dampening 0; the first step sets v = g). */
    MOMENTUM("momentum", 1e-3, 0),
    /** v ← μ v + g; θ ← θ − η (g + μ v) (PyTorch's SGD with nesterov=True). */
    NESTEROV("nesterov", 1e-3, 0),
    /** s ← s + g²; θ ← θ − η g / (√s + ε). */
    ADAGRAD("adagrad", 1e-2, 1e-10),
    /** s ← ρ s + (1 − ρ) g²; θ ← θ − η g / (√s + ε) (non-centred; PyTorch calls ρ alpha). */
    RMSPROP("rmsprop", 1e-2, 1e-8),
    /** m ← β₁m + (1−β₁)g; v ← β₂v + (1−β₂)g²; θ ← θ − η m̂ / (√v̂ + ε) with m̂ = m/(1−β₁ᵗ), v̂ = v/(1−β₂ᵗ). */
    ADAM("adam", 1e-3, 1e-8);

    private final String id;
    private final double defaultLearningRate;
    private final double defaultEpsilon;

    OptimizerKind(String id, double defaultLearningRate, double defaultEpsilon) {
        this.id = id;
        this.defaultLearningRate = defaultLearningRate;
        this.defaultEpsilon = defaultEpsilon;
    }

    public String id() {
        return id;
    }

    public double defaultLearningRate() {
        return defaultLearningRate;
    }

    public double defaultEpsilon() {
        return defaultEpsilon;
    }

    public static Optional<OptimizerKind> byId(String id) {
        return Arrays.stream(values()).filter(k -> k.id.equals(id)).findFirst();
    }

    public static String names() {
        return Arrays.stream(values()).map(OptimizerKind::id).collect(Collectors.joining(", "));
    }
}
