package dev.backstep.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * Compares the backward pass with finite differences of the loss, parameter by parameter.
 *
 * <p>The numeric derivative uses the five-point stencil
 * (8(E(θ+h) − E(θ−h)) − (E(θ+2h) − E(θ−2h))) / 12h, whose error is O(h⁴), with h = {@value #STEP}: small enough
 * that truncation is negligible. Differences are taken before they are scaled, so four identical losses (a dead
 * ReLU unit) give exactly 0. Rounding still leaves noise of about 10⁻¹²·|E| / h in the numeric value, so the
 * relative difference of an analytic value a and a numeric value n is |a − n| / max(|a|, |n|, f) with the floor
 * f = {@value #FLOOR}·max(1, |E|): gradients that are both practically zero do not count as disagreements.
 */
public final class GradientCheck {
    static final double STEP = 1e-4;
    static final double FLOOR = 1e-5;
    /** The default tolerance of the command line: well above rounding, far below any real mistake. */
    public static final double DEFAULT_TOLERANCE = 1e-6;

    private GradientCheck() {
    }

    /** One parameter element: where it is and both derivatives. */
    public record Entry(String parameter, int index, int row, int col, double analytic, double numeric,
                        double relativeDifference) {
    }

    /** Every checked element and the worst of them. */
    public record Result(List<Entry> entries, Entry worst) {
        public double maxRelativeDifference() {
            return worst == null ? 0 : worst.relativeDifference();
        }
    }

    /** Checks every parameter element of a copy of {@code network} on the whole of {@code data} as one batch. */
    public static Result run(Network network, Dataset data) {
        return run(network, data, Integer.MAX_VALUE);
    }

    /**
     * Checks at most {@code maxElements} parameter elements, spread evenly over every parameter, so that a large
     * network is checked in bounded time.
     */
    public static Result run(Network network, Dataset data, int maxElements) {
        Network copy = network.copy();
        Workspace workspace = new Workspace(copy, data.size());
        BackPropagation.forward(copy, data.inputs(), workspace);
        double loss = BackPropagation.loss(copy, data.targets(), workspace);
        BackPropagation.backward(copy, workspace);
        double floor = FLOOR * Math.max(1, Math.abs(loss));
        int total = copy.parameterCount();
        int stride = Math.max(1, (int) Math.ceil(total / (double) Math.max(1, maxElements)));
        List<Entry> entries = new ArrayList<>();
        Entry worst = null;
        int flat = 0;
        for (Parameter p : copy.parameters()) {
            double[] value = p.value();
            for (int i = 0; i < value.length; i++, flat++) {
                if (flat % stride != 0) {
                    continue;
                }
                double analytic = p.gradient()[i];
                double numeric = numericDerivative(copy, data, workspace, value, i);
                double scale = Math.max(Math.max(Math.abs(analytic), Math.abs(numeric)), floor);
                Entry entry = new Entry(p.name(), i, i / p.cols(), i % p.cols(), analytic, numeric,
                        Math.abs(analytic - numeric) / scale);
                entries.add(entry);
                if (worst == null || !(entry.relativeDifference() <= worst.relativeDifference())) {
                    worst = entry;
                }
            }
        }
        return new Result(entries, worst);
    }

    private static double numericDerivative(Network network, Dataset data, Workspace workspace, double[] value,
                                            int i) {
        double original = value[i];
        double plus2 = lossAt(network, data, workspace, value, i, original + 2 * STEP);
        double plus1 = lossAt(network, data, workspace, value, i, original + STEP);
        double minus1 = lossAt(network, data, workspace, value, i, original - STEP);
        double minus2 = lossAt(network, data, workspace, value, i, original - 2 * STEP);
        value[i] = original;
        return (8 * (plus1 - minus1) - (plus2 - minus2)) / (12 * STEP);
    }

    private static double lossAt(Network network, Dataset data, Workspace workspace, double[] value, int i, double v) {
        value[i] = v;
        BackPropagation.forward(network, data.inputs(), workspace);
        return BackPropagation.loss(network, data.targets(), workspace);
    }
}
