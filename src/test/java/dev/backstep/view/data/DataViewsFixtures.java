package dev.backstep.view.data;

import dev.backstep.engine.DenseLayer;
import dev.backstep.engine.Network;
import dev.backstep.io.NetworkDefinition;
import dev.backstep.io.NetworkReader;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

/** The small image classifiers the data views are tested on, and a forward pass written with plain loops. */
public final class DataViewsFixtures {
    private DataViewsFixtures() {
    }

    /** 4×4 images of bars (row, column, diagonal, anti-diagonal), 48 training and 24 test samples, relu + softmax. */
    public static NetworkDefinition bars() throws Exception {
        return NetworkReader.read(Path.of(DataViewsFixtures.class.getResource("bars-4x4.json").toURI()));
    }

    /**
     * The same kind of images, {@code samples} of them (8×8, noisy), in a 64-10-4 network with batches of
     * {@code batch}, shuffled: an epoch of many steps.
     */
    public static NetworkDefinition manyBars(int samples, int batch, int epochs) throws Exception {
        return manyBars(samples, 8, batch, epochs);
    }

    /** As {@link #manyBars(int, int, int)} with images of {@code side} × {@code side} pixels. */
    public static NetworkDefinition manyBars(int samples, int side, int batch, int epochs) throws Exception {
        return manyBars(samples, side, 10, batch, epochs);
    }

    /** As {@link #manyBars(int, int, int, int)} with {@code hidden} relu units. */
    public static NetworkDefinition manyBars(int samples, int side, int hidden, int batch, int epochs)
            throws Exception {
        Random random = new Random(11);
        StringBuilder inputs = new StringBuilder();
        StringBuilder targets = new StringBuilder();
        for (int s = 0; s < samples; s++) {
            int c = s % 4;
            int k = random.nextInt(side);
            inputs.append(s == 0 ? "[" : ",[");
            for (int y = 0; y < side; y++) {
                for (int x = 0; x < side; x++) {
                    boolean on = c == 0 ? y == k : c == 1 ? x == k : c == 2 ? x == y : x == side - 1 - y;
                    double v = (on ? 1 : 0) + 0.1 * random.nextGaussian();
                    inputs.append(y + x == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.2f", v));
                }
            }
            inputs.append(']');
            targets.append(s == 0 ? "[" : ",[").append(c == 0 ? 1 : 0).append(',').append(c == 1 ? 1 : 0).append(',')
                    .append(c == 2 ? 1 : 0).append(',').append(c == 3 ? 1 : 0).append(']');
        }
        String json = "{\"format\": \"backstep-network\", \"version\": 1, \"name\": \"many-bars\","
                + "\"layers\": [{\"size\": " + side * side + "}, {\"size\": " + hidden + ", \"activation\": \"relu\", \"bias\": true},"
                + "{\"size\": 4, \"activation\": \"softmax\", \"bias\": true}],"
                + "\"init\": {\"weights\": \"xavier-uniform\", \"biases\": \"zeros\", \"seed\": 2},"
                + "\"loss\": {\"name\": \"cross-entropy\", \"reduction\": \"mean\"},"
                + "\"optimizer\": {\"name\": \"adam\", \"learningRate\": 0.01},"
                + "\"training\": {\"batch\": " + batch + ", \"shuffle\": true, \"epochs\": " + epochs
                + ", \"seed\": 4},"
                + "\"data\": {\"inputs\": [" + inputs + "], \"targets\": [" + targets + "]}}";
        return NetworkReader.parse("many-bars", json);
    }

    /** The outputs of a relu/sigmoid/tanh/linear network with a softmax or sigmoid output, by plain loops. */
    public static double[] forward(Network network, double[] input) {
        double[] a = input.clone();
        for (DenseLayer layer : network.layers()) {
            double[] z = new double[layer.size()];
            for (int j = 0; j < z.length; j++) {
                double sum = layer.hasBias() ? layer.bias().value()[j] : 0;
                for (int i = 0; i < a.length; i++) {
                    sum += a[i] * layer.weight(i, j);
                }
                z[j] = sum;
            }
            a = activate(layer.activation().id(), z);
        }
        return a;
    }

    private static double[] activate(String name, double[] z) {
        double[] out = new double[z.length];
        switch (name) {
            case "relu":
                for (int j = 0; j < z.length; j++) {
                    out[j] = Math.max(0, z[j]);
                }
                return out;
            case "sigmoid":
                for (int j = 0; j < z.length; j++) {
                    out[j] = 1 / (1 + Math.exp(-z[j]));
                }
                return out;
            case "softmax":
                double max = Double.NEGATIVE_INFINITY;
                for (double v : z) {
                    max = Math.max(max, v);
                }
                double sum = 0;
                for (int j = 0; j < z.length; j++) {
                    out[j] = Math.exp(z[j] - max);
                    sum += out[j];
                }
                for (int j = 0; j < z.length; j++) {
                    out[j] /= sum;
                }
                return out;
            default:
                throw new IllegalArgumentException("no plain version of " + name);
        }
    }

    /** The index of the largest value, the first on ties. */
    public static int argmax(double[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }
}
