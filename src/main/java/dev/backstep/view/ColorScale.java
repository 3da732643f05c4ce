package dev.backstep.view;

import javafx.scene.paint.Color;

/**
 * Maps a signed value to the diverging colour scale and to a line width, symmetric around zero with a maximum that
 * the user can set: |v| ≥ max gets the full colour and width, v = 0 the neutral grey and the thinnest line. Between,
 * colour and width grow linearly with |v| / max (so twice the weight looks twice as strong).
 */
public final class ColorScale {
    public static final double MIN_WIDTH = 0.6;
    public static final double MAX_WIDTH = 7.0;

    private final Theme theme;
    private final double max;

    /** @param max the magnitude that saturates the scale; must be positive */
    public ColorScale(Theme theme, double max) {
        if (!(max > 0) || !Double.isFinite(max)) {
            throw new IllegalArgumentException("scale maximum must be positive and finite: " + max);
        }
        this.theme = theme;
        this.max = max;
    }

    public double max() {
        return max;
    }

    /** |v| / max clipped to [0, 1]; 0 for NaN. */
    public double strength(double value) {
        if (Double.isNaN(value)) {
            return 0;
        }
        return Math.min(1.0, Math.abs(value) / max);
    }

    /** Blue for positive, orange for negative, grey at zero; NaN gives the neutral grey. */
    public Color color(double value) {
        double t = strength(value);
        Color end = value >= 0 ? theme.positive() : theme.negative();
        return theme.neutral().interpolate(end, t);
    }

    /** Line width for an edge of this value. */
    public double width(double value) {
        return MIN_WIDTH + (MAX_WIDTH - MIN_WIDTH) * strength(value);
    }

    /** A "nice" maximum at or above {@code magnitude}: 1, 2 or 5 times a power of ten (0.1 for zero). */
    public static double niceMax(double magnitude) {
        if (!(magnitude > 0) || !Double.isFinite(magnitude)) {
            return magnitude == Double.POSITIVE_INFINITY ? Double.MAX_VALUE : 0.1;
        }
        double power = Math.pow(10, Math.floor(Math.log10(magnitude)));
        for (double step : new double[] {1, 2, 5, 10}) {
            if (step * power >= magnitude * (1 - 1e-12)) {
                return step * power;
            }
        }
        return 10 * power;
    }
}
