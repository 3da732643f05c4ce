package dev.backstep.model.landscape;

import dev.backstep.engine.BackPropagation;
import dev.backstep.engine.Dataset;
import dev.backstep.engine.Network;
import dev.backstep.engine.OptimizerSettings;
import dev.backstep.engine.Trainer;
import dev.backstep.engine.TrainingDivergedException;
import dev.backstep.engine.TrainingSettings;
import dev.backstep.engine.Workspace;

/**
 * The loss over two parameters around the network's current point, every other parameter held where it is: the
 * picture students draw of gradient descent, computed for the real network. Pure computation, no threads; the view
 * runs it on its own worker over a copy.
 */
public final class LossLandscape {
    private LossLandscape() {
    }

    /**
     * The loss on a {@code size} × {@code size} grid.
     *
     * @param xs     the x parameter's values, left to right
     * @param ys     the y parameter's values, bottom to top
     * @param loss   loss[row][col] at (xs[col], ys[row]); NaN or ∞ where the loss is not finite
     * @param centreX the network's own value of x (the middle column when the size is odd)
     * @param centreY the network's own value of y
     */
    public record Grid(ParameterAxis x, ParameterAxis y, double[] xs, double[] ys, double[][] loss,
                       double centreX, double centreY) {
        public int size() {
            return xs.length;
        }

        /** The smallest and largest finite loss, or {NaN, NaN}. */
        public double[] range() {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (double[] row : loss) {
                for (double v : row) {
                    if (Double.isFinite(v)) {
                        min = Math.min(min, v);
                        max = Math.max(max, v);
                    }
                }
            }
            return min > max ? new double[] {Double.NaN, Double.NaN} : new double[] {min, max};
        }
    }

    /**
     * Computes the grid: x from centre − halfRangeX to centre + halfRangeX in {@code size} even steps (the middle
     * column is the current value when {@code size} is odd), likewise y; at each point the reduced loss of the whole
     * data set, one forward pass. {@code network} is not changed (a copy is used).
     *
     * @throws IllegalArgumentException when size is below 2, a range is not positive, or the axes are the same
     */
    public static Grid compute(Network network, Dataset data, ParameterAxis x, ParameterAxis y, double halfRangeX,
                               double halfRangeY, int size) {
        if (size < 2) {
            throw new IllegalArgumentException("a landscape grid needs at least 2×2 points, got " + size);
        }
        if (!(halfRangeX > 0) || !(halfRangeY > 0)) {
            throw new IllegalArgumentException("the ranges must be positive, got ±" + halfRangeX + " and ±"
                    + halfRangeY);
        }
        if (x.parameter() == y.parameter() && x.element() == y.element()) {
            throw new IllegalArgumentException("the two axes are the same parameter " + x.name());
        }
        Network copy = network.copy();
        double cx = x.value(network);
        double cy = y.value(network);
        double[] xs = steps(cx, halfRangeX, size);
        double[] ys = steps(cy, halfRangeY, size);
        double[][] loss = new double[size][size];
        Workspace workspace = new Workspace(copy, data.size());
        for (int row = 0; row < size; row++) {
            y.set(copy, ys[row]);
            for (int col = 0; col < size; col++) {
                x.set(copy, xs[col]);
                BackPropagation.forward(copy, data.inputs(), workspace);
                loss[row][col] = BackPropagation.loss(copy, data.targets(), workspace);
            }
        }
        return new Grid(x, y, xs, ys, loss, cx, cy);
    }

    private static double[] steps(double centre, double half, int size) {
        double[] values = new double[size];
        for (int i = 0; i < size; i++) {
            values[i] = centre - half + 2 * half * i / (size - 1);
        }
        return values;
    }

    /**
     * The path the two parameters took: trains a copy of {@code initial} for {@code epochs} epochs with the given
     * settings and records x and y before the first epoch and after each one. Returns null when the replay does not
     * end where {@code present} is (the run was edited or its settings changed on the way), so that no invented
     * path is ever drawn.
     *
     * @return path[0] the x values, path[1] the y values, epochs + 1 of each; or null
     */
    public static double[][] replayPath(Network initial, Dataset data, TrainingSettings training,
                                        OptimizerSettings optimizer, long epochs, ParameterAxis x, ParameterAxis y,
                                        Network present) {
        Trainer trainer = new Trainer(initial.copy(), data.copy(), null, training, optimizer);
        int n = (int) Math.min(epochs, Integer.MAX_VALUE - 1);
        double[][] path = new double[2][n + 1];
        path[0][0] = x.value(trainer.network());
        path[1][0] = y.value(trainer.network());
        try {
            for (int e = 1; e <= n; e++) {
                trainer.finishEpoch();
                path[0][e] = x.value(trainer.network());
                path[1][e] = y.value(trainer.network());
            }
        } catch (TrainingDivergedException diverged) {
            return null;
        }
        return trainer.network().sameParameters(present) ? path : null;
    }
}
