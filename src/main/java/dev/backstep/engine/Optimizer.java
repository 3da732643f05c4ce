package dev.backstep.engine;

import java.util.List;

/**
 * Turns the gradients of a network's parameters into updates Δθ, keeping the per-parameter state its rule needs
 * (velocity, sums of squares, moments). {@link #computeUpdates} only writes each parameter's {@code update()};
 * the trainer applies them after checking they are finite, so a diverging step leaves the parameters untouched.
 *
 * <p>The gradient the rule sees is g = clip(∂E/∂θ) + λθ, kept in {@link #effectiveGradient} for display.
 */
public final class Optimizer {
    private final OptimizerSettings settings;
    private final List<Parameter> parameters;
    private final double[][] effective;
    private final double[][] first;
    private final double[][] second;
    private final long[] parameterSteps;
    private long steps;

    public Optimizer(OptimizerSettings settings, List<Parameter> parameters) {
        this.settings = settings;
        this.parameters = parameters;
        int count = parameters.size();
        this.effective = new double[count][];
        this.first = new double[count][];
        this.second = new double[count][];
        this.parameterSteps = new long[count];
        for (int i = 0; i < count; i++) {
            int size = parameters.get(i).size();
            effective[i] = new double[size];
            first[i] = new double[size];
            second[i] = new double[size];
        }
    }

    public OptimizerSettings settings() {
        return settings;
    }

    /** How many updates have been computed. */
    public long steps() {
        return steps;
    }

    /**
     * How many updates parameter {@code index} has received: the t of its bias correction (and of momentum's first
     * step) is this plus one on its next update. Counted per parameter, as PyTorch does, so a layer that is thawed
     * after being frozen starts its moments afresh.
     */
    public long steps(int index) {
        return parameterSteps[index];
    }

    /** g = clip(∂E/∂θ) + λθ of parameter {@code index} at the last step. */
    public double[] effectiveGradient(int index) {
        return effective[index];
    }

    /** The rule's first state (velocity, or Adam's m, or Adagrad's and RMSprop's running squares) of a parameter. */
    public double[] firstState(int index) {
        return first[index];
    }

    /** Adam's second moment v of a parameter (unused by the other rules). */
    public double[] secondState(int index) {
        return second[index];
    }

    /** Copies step count and state from an optimizer over parameters of the same shapes. */
    public void copyStateFrom(Optimizer other) {
        steps = other.steps;
        System.arraycopy(other.parameterSteps, 0, parameterSteps, 0, parameterSteps.length);
        for (int i = 0; i < first.length; i++) {
            System.arraycopy(other.effective[i], 0, effective[i], 0, effective[i].length);
            System.arraycopy(other.first[i], 0, first[i], 0, first[i].length);
            System.arraycopy(other.second[i], 0, second[i], 0, second[i].length);
        }
    }

    /** Writes Δθ into every trainable parameter's update (zero for frozen ones), advancing the rule's state. */
    public void computeUpdates() {
        steps++;
        prepareGradients();
        for (int i = 0; i < parameters.size(); i++) {
            Parameter p = parameters.get(i);
            if (p.isFrozen()) {
                java.util.Arrays.fill(p.update(), 0.0);
            } else {
                parameterSteps[i]++;
                applyRule(p.value(), effective[i], first[i], second[i], p.update(), parameterSteps[i]);
            }
        }
    }

    private void prepareGradients() {
        double clipValue = settings.clipValue();
        double normSquared = 0;
        for (int i = 0; i < parameters.size(); i++) {
            Parameter p = parameters.get(i);
            double[] g = effective[i];
            System.arraycopy(p.gradient(), 0, g, 0, g.length);
            if (p.isFrozen()) {
                continue;
            }
            if (clipValue > 0) {
                for (int j = 0; j < g.length; j++) {
                    g[j] = Math.max(-clipValue, Math.min(clipValue, g[j]));
                }
            }
            for (double v : g) {
                normSquared += v * v;
            }
        }
        double clipNorm = settings.clipNorm();
        double norm = Math.sqrt(normSquared);
        double factor = clipNorm > 0 ? clipNorm / (norm + 1e-6) : 1.0;
        double decay = settings.weightDecay();
        for (int i = 0; i < parameters.size(); i++) {
            Parameter p = parameters.get(i);
            if (p.isFrozen()) {
                continue;
            }
            double[] g = effective[i];
            double[] w = p.value();
            if (factor < 1.0) {
                for (int j = 0; j < g.length; j++) {
                    g[j] *= factor;
                }
            }
            if (decay != 0) {
                for (int j = 0; j < g.length; j++) {
                    g[j] += decay * w[j];
                }
            }
        }
    }

    private void applyRule(double[] w, double[] g, double[] s1, double[] s2, double[] update, long t) {
        double lr = settings.learningRate();
        int n = g.length;
        switch (settings.kind()) {
            case SGD:
                for (int j = 0; j < n; j++) {
                    update[j] = -lr * g[j];
                }
                break;
            case MOMENTUM:
            case NESTEROV: {
                double mu = settings.momentum();
                boolean nesterov = settings.kind() == OptimizerKind.NESTEROV;
                for (int j = 0; j < n; j++) {
                    s1[j] = t == 1 ? g[j] : mu * s1[j] + g[j];
                    update[j] = -lr * (nesterov ? g[j] + mu * s1[j] : s1[j]);
                }
                break;
            }
            case ADAGRAD: {
                double eps = settings.epsilon();
                for (int j = 0; j < n; j++) {
                    s1[j] += g[j] * g[j];
                    update[j] = -lr * g[j] / (Math.sqrt(s1[j]) + eps);
                }
                break;
            }
            case RMSPROP: {
                double rho = settings.rho();
                double eps = settings.epsilon();
                for (int j = 0; j < n; j++) {
                    s1[j] = rho * s1[j] + (1 - rho) * g[j] * g[j];
                    update[j] = -lr * g[j] / (Math.sqrt(s1[j]) + eps);
                }
                break;
            }
            case ADAM: {
                double b1 = settings.beta1();
                double b2 = settings.beta2();
                double eps = settings.epsilon();
                double correction1 = 1 - Math.pow(b1, t);
                double correction2 = 1 - Math.pow(b2, t);
                for (int j = 0; j < n; j++) {
                    s1[j] = b1 * s1[j] + (1 - b1) * g[j];
                    s2[j] = b2 * s2[j] + (1 - b2) * g[j] * g[j];
                    double mHat = s1[j] / correction1;
                    double vHat = s2[j] / correction2;
                    update[j] = -lr * mHat / (Math.sqrt(vHat) + eps);
                }
                break;
            }
            default:
                throw new AssertionError(settings.kind());
        }
    }
}
