package dev.backstep.view.units;

import dev.backstep.engine.Activation;
import dev.backstep.view.ColorScale;
import dev.backstep.view.Theme;
import dev.backstep.view.Viridis;
import javafx.scene.paint.Color;

/**
 * The colours of one layer's maps, chosen by what its activation can produce: a bounded non-negative output
 * (sigmoid, softmax: 0 to 1; ReLU: 0 to the layer's largest value) on the sequential viridis scale, a signed one
 * (tanh: −1 to 1; identity, leaky ReLU: symmetric around 0 up to the layer's largest magnitude) on the theme's
 * blue–orange diverging scale with grey at zero, as the weights are drawn. Every map of a layer shares its scale,
 * so the units of a layer can be compared by eye.
 *
 * @param diverging true for the signed scale from −hi to hi; false for the sequential one from lo to hi
 */
record UnitScale(boolean diverging, double lo, double hi) {
    static UnitScale of(Activation activation, double[] layerRange) {
        double min = layerRange[0];
        double max = layerRange[1];
        switch (activation) {
            case SIGMOID:
            case SOFTMAX:
                return new UnitScale(false, 0, 1);
            case TANH:
                return new UnitScale(true, -1, 1);
            case RELU: {
                double top = Double.isFinite(max) && max > 0 ? ColorScale.niceMax(max) : 1;
                return new UnitScale(false, 0, top);
            }
            default: {
                double magnitude = Double.isFinite(min) ? Math.max(Math.abs(min), Math.abs(max)) : 1;
                double top = ColorScale.niceMax(magnitude);
                return new UnitScale(true, -top, top);
            }
        }
    }

    /** Where v falls on the scale, 0 at lo and 1 at hi (clamped). */
    double t(double v) {
        return Math.max(0, Math.min(1, (v - lo) / (hi - lo)));
    }

    Color color(double v, Theme theme) {
        if (Double.isNaN(v)) {
            return theme.grid();
        }
        return diverging ? new ColorScale(theme, hi).color(v) : Viridis.color(t(v));
    }

    /** A table of {@code steps} + 1 opaque ARGB colours from lo to hi, for filling images fast. */
    int[] table(Theme theme, int steps) {
        int[] table = new int[steps + 1];
        for (int i = 0; i <= steps; i++) {
            Color c = color(lo + (hi - lo) * i / steps, theme);
            table[i] = 0xFF000000 | (int) Math.round(c.getRed() * 255) << 16
                    | (int) Math.round(c.getGreen() * 255) << 8 | (int) Math.round(c.getBlue() * 255);
        }
        return table;
    }

    String describe() {
        return diverging ? "diverging, 0 grey" : "sequential (viridis)";
    }
}
