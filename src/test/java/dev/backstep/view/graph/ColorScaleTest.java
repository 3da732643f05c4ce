package dev.backstep.view.graph;

import dev.backstep.view.ColorScale;
import dev.backstep.view.Theme;
import javafx.scene.paint.Color;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The diverging scale the graph draws with: sign to hue, magnitude to strength and width, clipping, NaN, niceMax. */
class ColorScaleTest {
    static List<Theme> themes() {
        return Theme.all();
    }

    private static double distance(Color a, Color b) {
        double dr = a.getRed() - b.getRed();
        double dg = a.getGreen() - b.getGreen();
        double db = a.getBlue() - b.getBlue();
        return Math.sqrt(dr * dr + dg * dg + db * db);
    }

    @ParameterizedTest
    @MethodSource("themes")
    void signPicksTheThemesEnd(Theme theme) {
        ColorScale scale = new ColorScale(theme, 2);
        assertEquals(theme.positive(), scale.color(2));
        assertEquals(theme.negative(), scale.color(-2));
        assertEquals(theme.neutral(), scale.color(0));
        // Half way: nearer the sign's end than the other end, and between neutral and that end.
        Color halfPositive = scale.color(1);
        assertTrue(distance(halfPositive, theme.positive()) < distance(halfPositive, theme.negative()));
        Color halfNegative = scale.color(-1);
        assertTrue(distance(halfNegative, theme.negative()) < distance(halfNegative, theme.positive()));
    }

    @ParameterizedTest
    @MethodSource("themes")
    void magnitudeInterpolatesMonotonically(Theme theme) {
        ColorScale scale = new ColorScale(theme, 1);
        for (double sign : new double[] {1, -1}) {
            Color end = sign > 0 ? theme.positive() : theme.negative();
            double lastDistance = Double.POSITIVE_INFINITY;
            double lastWidth = 0;
            double lastStrength = -1;
            for (int i = 0; i <= 20; i++) {
                double v = sign * i / 20.0;
                double d = distance(scale.color(v), end);
                assertTrue(d <= lastDistance + 1e-12, "colour moves towards the end as |v| grows, at " + v);
                assertTrue(scale.width(v) >= lastWidth, "width grows with |v|, at " + v);
                assertTrue(scale.strength(v) > lastStrength, "strength grows with |v|, at " + v);
                lastDistance = d;
                lastWidth = scale.width(v);
                lastStrength = scale.strength(v);
            }
            assertEquals(0.5, scale.strength(sign * 0.5), 1e-12, "linear in |v| / max");
        }
        assertEquals(ColorScale.MIN_WIDTH, scale.width(0), 1e-12);
        assertEquals(ColorScale.MAX_WIDTH, scale.width(1), 1e-12);
    }

    @Test
    void clipsAtTheMaximum() {
        ColorScale scale = new ColorScale(Theme.LIGHT, 0.5);
        assertEquals(scale.color(0.5), scale.color(7));
        assertEquals(scale.color(-0.5), scale.color(-1e9));
        assertEquals(ColorScale.MAX_WIDTH, scale.width(1e9), 1e-12);
        assertEquals(ColorScale.MAX_WIDTH, scale.width(Double.NEGATIVE_INFINITY), 1e-12);
        assertEquals(1.0, scale.strength(Double.POSITIVE_INFINITY), 0);
    }

    @Test
    void nanIsNeutral() {
        ColorScale scale = new ColorScale(Theme.DARK, 1);
        assertEquals(Theme.DARK.neutral(), scale.color(Double.NaN));
        assertEquals(0, scale.strength(Double.NaN));
        assertEquals(ColorScale.MIN_WIDTH, scale.width(Double.NaN), 1e-12);
    }

    @Test
    void rejectsBadMaximum() {
        assertThrows(IllegalArgumentException.class, () -> new ColorScale(Theme.LIGHT, 0));
        assertThrows(IllegalArgumentException.class, () -> new ColorScale(Theme.LIGHT, -1));
        assertThrows(IllegalArgumentException.class, () -> new ColorScale(Theme.LIGHT, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new ColorScale(Theme.LIGHT, Double.POSITIVE_INFINITY));
    }

    @Test
    void niceMaxRoundsUpToOneTwoFive() {
        assertEquals(1, ColorScale.niceMax(1), 0);
        assertEquals(2, ColorScale.niceMax(1.2), 0);
        assertEquals(5, ColorScale.niceMax(3.6), 0);
        assertEquals(10, ColorScale.niceMax(7.1), 1e-12);
        assertEquals(0.05, ColorScale.niceMax(0.0367), 1e-15);
        assertEquals(0.002, ColorScale.niceMax(0.00191), 1e-15);
        assertEquals(200, ColorScale.niceMax(101), 1e-9);
        assertEquals(0.1, ColorScale.niceMax(0), 0);
        assertEquals(0.1, ColorScale.niceMax(Double.NaN), 0);
        assertEquals(0.1, ColorScale.niceMax(-3), 0);
        assertTrue(ColorScale.niceMax(Double.POSITIVE_INFINITY) > 0);
        for (double m = 1e-6; m < 1e6; m *= 1.37) {
            double nice = ColorScale.niceMax(m);
            assertTrue(nice >= m * (1 - 1e-12) && nice <= 2.5 * m + 1e-12, "nice max of " + m + " is " + nice);
        }
    }
}
