package dev.backstep.view.data;

import dev.backstep.engine.Dataset;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;

/**
 * Draws a sample's inputs as a greyscale image (black at the data set's smallest input value, white at its largest),
 * as the digits and MNIST are usually shown. The range is measured once per data set.
 */
final class SampleImages {
    private Dataset ranged;
    private double low;
    private double high;

    /** A new image of sample {@code index}; {@code data} must have a square number of inputs. */
    WritableImage image(Dataset data, int index) {
        int side = ImageShape.side(data.inputWidth());
        WritableImage image = new WritableImage(side, side);
        paint(data, index, image, new int[side * side]);
        return image;
    }

    /** Paints sample {@code index} into {@code image} (side × side), using {@code buffer} for its pixels. */
    void paint(Dataset data, int index, WritableImage image, int[] buffer) {
        measure(data);
        int width = data.inputWidth();
        double[] inputs = data.inputs().data();
        double span = high > low ? high - low : 1;
        for (int i = 0; i < width; i++) {
            int grey = (int) Math.round(Math.max(0, Math.min(1, (inputs[index * width + i] - low) / span)) * 255);
            buffer[i] = 0xFF000000 | grey << 16 | grey << 8 | grey;
        }
        int side = ImageShape.side(width);
        image.getPixelWriter().setPixels(0, 0, side, side, PixelFormat.getIntArgbInstance(), buffer, 0, side);
    }

    private void measure(Dataset data) {
        if (data == ranged) {
            return;
        }
        low = Double.POSITIVE_INFINITY;
        high = Double.NEGATIVE_INFINITY;
        for (double v : data.inputs().data()) {
            if (Double.isFinite(v)) {
                low = Math.min(low, v);
                high = Math.max(high, v);
            }
        }
        ranged = data;
    }
}
