package dev.backstep.view.data;

import dev.backstep.engine.DenseLayer;
import dev.backstep.engine.Network;
import dev.backstep.view.Theme;
import javafx.scene.paint.Color;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FirstLayerImagesTest {

    @Test
    void squareInputCountsHaveASideOthersNone() {
        assertEquals(28, ImageShape.side(784));
        assertEquals(8, ImageShape.side(64));
        assertEquals(4, ImageShape.side(16));
        assertEquals(0, ImageShape.side(10));
        assertEquals(0, ImageShape.side(63));
        assertEquals(0, ImageShape.side(1), "one input is no image");
        assertThrows(IllegalArgumentException.class, () -> new FirstLayerImages(10, 3));
    }

    @Test
    void eachPixelShowsTheWeightFromItsInputOnTheSymmetricScale() throws Exception {
        Network network = DataViewsFixtures.manyBars(8, 4, 1).newNetwork();
        DenseLayer first = network.layer(1);
        Random random = new Random(5);
        double[] w = first.weights().value();
        for (int i = 0; i < w.length; i++) {
            w[i] = random.nextGaussian() * 0.7;
        }
        w[3] = 0;
        w[7] = 9.0;
        for (Theme theme : Theme.all()) {
            FirstLayerImages images = new FirstLayerImages(first.inputSize(), first.size());
            images.paint(first, Palettes.diverging(theme));
            // Saturation at min(largest |w|, 3 · RMS), so one large weight does not wash out the rest.
            double largest = 0;
            double squares = 0;
            for (int from = 0; from < 64; from++) {
                for (int to = 0; to < 10; to++) {
                    largest = Math.max(largest, Math.abs(first.weight(from, to)));
                    squares += first.weight(from, to) * first.weight(from, to);
                }
            }
            largest = Math.min(largest, 3 * Math.sqrt(squares / 640));
            double max = images.max();
            double digit = Math.pow(10, Math.floor(Math.log10(largest)) - 1);
            assertTrue(max >= largest && max < largest + digit * (1 + 1e-9), "scale " + max + " for " + largest);
            double leading = max / digit;
            assertEquals(Math.round(leading), leading, 1e-9, "two significant digits: " + max);

            int side = 8;
            for (int unit = 0; unit < 10; unit++) {
                for (int y = 0; y < side; y++) {
                    for (int x = 0; x < side; x++) {
                        double weight = first.weight(y * side + x, unit);
                        int pixel = images.pixels()[unit * side * side + y * side + x];
                        assertColor(expected(theme, weight, max), pixel, "unit " + unit + " pixel " + x + "," + y);
                    }
                }
            }
        }
    }

    /** Grey at zero, the theme's blue at +max and orange at −max, linear in |w| / max between. */
    private static double[] expected(Theme theme, double weight, double max) {
        double t = Math.min(1, Math.abs(weight) / max);
        Color end = weight >= 0 ? theme.positive() : theme.negative();
        Color zero = theme.neutral();
        return new double[] {zero.getRed() + t * (end.getRed() - zero.getRed()),
                zero.getGreen() + t * (end.getGreen() - zero.getGreen()),
                zero.getBlue() + t * (end.getBlue() - zero.getBlue())};
    }

    /** Within the 1/256 steps of the colour table and 8-bit channels. */
    private static void assertColor(double[] rgb, int argb, String where) {
        int[] actual = {argb >> 16 & 0xFF, argb >> 8 & 0xFF, argb & 0xFF};
        for (int c = 0; c < 3; c++) {
            assertEquals(rgb[c] * 255, actual[c], 1.5, where + " channel " + c);
        }
        assertEquals(0xFF, argb >>> 24, where + " opaque");
    }
}
