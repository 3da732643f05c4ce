package dev.backstep.view.data;

import dev.backstep.engine.DenseLayer;

/**
 * The first hidden layer's incoming weights as one small image per unit: pixel (x, y) of unit j's image is the weight
 * from input y·side + x to j, so a unit that responds to a stroke shows that stroke. Colours on a symmetric
 * diverging scale (blue positive, orange negative), the same for every unit so their strengths compare. It
 * saturates at three times the root mean square of the weights, or at the largest |w| if that is smaller: a few
 * large weights would otherwise leave the 100,000 others of an MNIST layer grey.
 *
 * <p>Pixels go into one reused ARGB buffer, unit after unit ({@code side × side} each, row by row): painting a new
 * snapshot allocates nothing.
 */
final class FirstLayerImages {
    private final int side;
    private final int units;
    private final int[] pixels;
    private double max;

    /** @throws IllegalArgumentException when the layer's inputs do not form a square image */
    FirstLayerImages(int inputs, int units) {
        this.side = ImageShape.side(inputs);
        if (side == 0) {
            throw new IllegalArgumentException(inputs + " inputs do not form a square image");
        }
        this.units = units;
        this.pixels = new int[units * side * side];
    }

    int side() {
        return side;
    }

    int units() {
        return units;
    }

    /** The scale maximum used by the last {@link #paint}. */
    double max() {
        return max;
    }

    /** The ARGB pixels of every unit, unit j's from offset j·side². */
    int[] pixels() {
        return pixels;
    }

    /** True when this buffer fits a layer of that shape. */
    boolean fits(DenseLayer layer) {
        return layer.inputSize() == side * side && layer.size() == units;
    }

    /**
     * The symmetric scale maximum for a layer's weights: min(largest |w|, 3 · RMS), rounded up to two significant
     * digits for the legend (a 1-2-5 step would leave up to half the scale unused and the images washed out).
     */
    static double scaleMax(DenseLayer layer) {
        double largest = 0;
        double squares = 0;
        int count = 0;
        for (double w : layer.weights().value()) {
            if (Double.isFinite(w)) {
                largest = Math.max(largest, Math.abs(w));
                squares += w * w;
                count++;
            }
        }
        largest = Math.min(largest, 3 * Math.sqrt(squares / Math.max(1, count)));
        if (!(largest > 0)) {
            return 1;
        }
        double unit = Math.pow(10, Math.floor(Math.log10(largest)) - 1);
        return Math.ceil(largest / unit * (1 - 1e-12)) * unit;
    }

    /** Paints every unit's image from the layer's current weights with a diverging table (see {@link Palettes}). */
    void paint(DenseLayer layer, int[] diverging) {
        max = scaleMax(layer);
        double[] w = layer.weights().value();
        int size = layer.size();
        int area = side * side;
        // Weights are stored input-major (w[from · size + to]); walking inputs in the outer loop reads them in order.
        for (int from = 0; from < area; from++) {
            int row = from * size;
            for (int to = 0; to < size; to++) {
                pixels[to * area + from] = diverging[Palettes.divergingIndex(w[row + to], max)];
            }
        }
    }
}
