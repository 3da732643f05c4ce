package dev.backstep.engine;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A per-sample loss E(y, t) over the K outputs of one sample, and its gradient at the output layer.
 *
 * <p>For each pair allowed by {@link #check}, {@link #outputDelta} gives δ = ∂E/∂z of one sample. Squared errors use
 * δ = ∂E/∂y · f′(z). Sigmoid with binary cross-entropy and softmax with cross-entropy use the simplified, numerically
 * stable forms (y − t)/K and y·Σt − t (which is y − t for a one-hot target); their loss values are also computed from
 * z, so saturated outputs give large finite losses instead of log(0).
 */
public enum Loss {
    /** ½ Σₖ (tₖ − yₖ)², the convention of the worked examples. */
    HALF_SQUARED_ERROR("half-squared-error"),
    /** (1/K) Σₖ (tₖ − yₖ)². */
    MSE("mse"),
    /** (1/K) Σₖ −[tₖ log yₖ + (1 − tₖ) log(1 − yₖ)]; needs a sigmoid output. */
    BINARY_CROSS_ENTROPY("binary-cross-entropy"),
    /** −Σₖ tₖ log yₖ; needs a softmax output. */
    CROSS_ENTROPY("cross-entropy");

    private final String id;

    Loss(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Optional<Loss> byId(String id) {
        return Arrays.stream(values()).filter(l -> l.id.equals(id)).findFirst();
    }

    public static String names() {
        return Arrays.stream(values()).map(Loss::id).collect(Collectors.joining(", "));
    }

    /**
     * Why this loss cannot follow an output layer with {@code output} activation, or empty when it can. Softmax needs
     * cross-entropy and cross-entropy needs softmax; binary cross-entropy needs sigmoid outputs in (0, 1).
     */
    public Optional<String> check(Activation output) {
        if (this == CROSS_ENTROPY && output != Activation.SOFTMAX) {
            return Optional.of("cross-entropy needs a softmax output layer, not " + output.id());
        }
        if (output == Activation.SOFTMAX && this != CROSS_ENTROPY) {
            return Optional.of("a softmax output layer needs the cross-entropy loss, not " + id);
        }
        if (this == BINARY_CROSS_ENTROPY && output != Activation.SIGMOID) {
            return Optional.of("binary-cross-entropy needs a sigmoid output layer, not " + output.id());
        }
        return Optional.empty();
    }

    /** True when δ at the output is the pair's simplified form rather than ∂E/∂y · f′(z). */
    public boolean hasSimplifiedDelta() {
        return this == BINARY_CROSS_ENTROPY || this == CROSS_ENTROPY;
    }

    /** The loss of one sample whose output row starts at {@code offset} in z, y and t and is k wide. */
    public double sampleLoss(double[] z, double[] y, double[] t, int offset, int k) {
        double sum = 0;
        switch (this) {
            case HALF_SQUARED_ERROR:
                for (int i = offset; i < offset + k; i++) {
                    double e = t[i] - y[i];
                    sum += e * e;
                }
                return 0.5 * sum;
            case MSE:
                for (int i = offset; i < offset + k; i++) {
                    double e = t[i] - y[i];
                    sum += e * e;
                }
                return sum / k;
            case BINARY_CROSS_ENTROPY:
                // −[t log σ(z) + (1 − t) log(1 − σ(z))] = max(z, 0) − z·t + log(1 + e^−|z|)
                for (int i = offset; i < offset + k; i++) {
                    double zi = z[i];
                    sum += Math.max(zi, 0) - zi * t[i] + Math.log1p(Math.exp(-Math.abs(zi)));
                }
                return sum / k;
            case CROSS_ENTROPY:
                // log yₖ = zₖ − log Σⱼ e^zⱼ, shifted by the row maximum
                double max = Double.NEGATIVE_INFINITY;
                for (int i = offset; i < offset + k; i++) {
                    max = Math.max(max, z[i]);
                }
                double expSum = 0;
                for (int i = offset; i < offset + k; i++) {
                    expSum += Math.exp(z[i] - max);
                }
                double logSum = Math.log(expSum);
                for (int i = offset; i < offset + k; i++) {
                    if (t[i] != 0) {
                        // (z − max) − log Σ rather than z − (max + log Σ): exact even for |z| near 1000
                        sum -= t[i] * ((z[i] - max) - logSum);
                    }
                }
                return sum;
            default:
                throw new AssertionError(this);
        }
    }

    /**
     * ∂E/∂y for one sample row, written into dEdy. For the simplified pairs this is shown for teaching only and may be
     * infinite where an output has saturated; training uses {@link #outputDelta}.
     */
    public void outputGradient(double[] y, double[] t, double[] dEdy, int offset, int k) {
        for (int i = offset; i < offset + k; i++) {
            switch (this) {
                case HALF_SQUARED_ERROR:
                    dEdy[i] = y[i] - t[i];
                    break;
                case MSE:
                    dEdy[i] = 2.0 * (y[i] - t[i]) / k;
                    break;
                case BINARY_CROSS_ENTROPY:
                    dEdy[i] = (y[i] - t[i]) / (y[i] * (1.0 - y[i]) * k);
                    break;
                case CROSS_ENTROPY:
                    dEdy[i] = -t[i] / y[i];
                    break;
                default:
                    throw new AssertionError(this);
            }
        }
    }

    /**
     * δ = ∂E/∂z for one sample row at the output layer, written into delta. {@code dEdy} and {@code dadz} hold what
     * {@link #outputGradient} and the activation's derivative gave (dadz is unused for the simplified pairs).
     */
    public void outputDelta(double[] y, double[] t, double[] dEdy, double[] dadz, double[] delta, int offset, int k) {
        switch (this) {
            case HALF_SQUARED_ERROR:
            case MSE:
                for (int i = offset; i < offset + k; i++) {
                    delta[i] = dEdy[i] * dadz[i];
                }
                break;
            case BINARY_CROSS_ENTROPY:
                for (int i = offset; i < offset + k; i++) {
                    delta[i] = (y[i] - t[i]) / k;
                }
                break;
            case CROSS_ENTROPY:
                double targetSum = 0;
                for (int i = offset; i < offset + k; i++) {
                    targetSum += t[i];
                }
                for (int i = offset; i < offset + k; i++) {
                    delta[i] = y[i] * targetSum - t[i];
                }
                break;
            default:
                throw new AssertionError(this);
        }
    }
}
