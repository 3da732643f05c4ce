package dev.backstep.view.units;

import dev.backstep.engine.BackPropagation;
import dev.backstep.engine.DenseLayer;
import dev.backstep.engine.Matrix;
import dev.backstep.engine.Network;
import dev.backstep.engine.Workspace;
import dev.backstep.view.boundary.Plane;

/**
 * What every unit of a two-input network computes over the input plane: one batched forward pass over the centres
 * of a {@code size} × {@code size} grid of cells, keeping each layer's activations. Pure computation (no JavaFX);
 * reuses its buffers while the network's shape and the size stay the same. Not thread-safe.
 */
final class UnitMapGrid {
    private int size;
    private Plane plane;
    private Matrix inputs;
    private Workspace workspace;
    private int[] shape;

    /**
     * Computes the activations of {@code network} (two inputs) at the cell centres: row 0 is the top of the plane
     * (largest second input), column 0 its left (smallest first input).
     */
    void compute(Network network, Plane area, int gridSize) {
        if (network.inputSize() != 2) {
            throw new IllegalArgumentException("unit maps need two inputs, the network has " + network.inputSize());
        }
        if (workspace == null || gridSize != size || !java.util.Arrays.equals(shape, network.layerSizes())) {
            size = gridSize;
            shape = network.layerSizes();
            inputs = new Matrix(size * size, 2);
            workspace = new Workspace(network, size * size);
            plane = null;
        }
        if (!area.equals(plane)) {
            plane = area;
            for (int row = 0; row < size; row++) {
                for (int col = 0; col < size; col++) {
                    inputs.set(row * size + col, 0, x(col));
                    inputs.set(row * size + col, 1, y(row));
                }
            }
        }
        BackPropagation.forward(network, inputs, workspace);
    }

    int size() {
        return size;
    }

    Plane plane() {
        return plane;
    }

    /** The first input at the centre of column {@code col}. */
    double x(int col) {
        return plane.minX() + (col + 0.5) * plane.width() / size;
    }

    /** The second input at the centre of row {@code row} (row 0 at the top). */
    double y(int row) {
        return plane.maxY() - (row + 0.5) * plane.height() / size;
    }

    /** The activation of unit {@code unit} of layer {@code layer} (from 1) at a cell. */
    double value(int layer, int unit, int row, int col) {
        return workspace.layer(layer).a().get(row * size + col, unit);
    }

    /** The smallest and largest finite activation of a layer over the grid (NaN, NaN when there is none). */
    double[] layerRange(DenseLayer layer) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : workspace.layer(layer.index()).a().data()) {
            if (Double.isFinite(v)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        return min > max ? new double[] {Double.NaN, Double.NaN} : new double[] {min, max};
    }
}
