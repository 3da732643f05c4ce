package dev.backstep.view.data;

import dev.backstep.view.ColorScale;
import dev.backstep.view.Theme;
import javafx.scene.paint.Color;

/**
 * Colour lookup tables for pixels: the theme's blue–orange diverging scale for signed values, viridis for counts
 * and a grey ramp for input images. Tables, because a 128-unit 28×28 weight grid is 100,000 pixels a frame and a
 * {@link Color} per pixel would be 100,000 allocations.
 */
final class Palettes {
    /** Steps of the diverging table on each side of zero. */
    static final int STEPS = 256;

    /** Viridis (perceptually uniform, readable in greyscale and with the common colour-vision deficiencies). */
    private static final Color[] VIRIDIS = {Color.web("#440154"), Color.web("#482878"), Color.web("#3E4A89"),
            Color.web("#31688E"), Color.web("#26828E"), Color.web("#1F9E89"), Color.web("#35B779"),
            Color.web("#6DCD59"), Color.web("#B4DE2C"), Color.web("#FDE725")};

    private Palettes() {
    }

    /**
     * The diverging scale as ARGB: entry {@code STEPS + k} is the colour of value k / STEPS of the maximum,
     * for k from −STEPS to STEPS.
     */
    static int[] diverging(Theme theme) {
        ColorScale scale = new ColorScale(theme, 1.0);
        int[] table = new int[2 * STEPS + 1];
        for (int k = -STEPS; k <= STEPS; k++) {
            table[STEPS + k] = argb(scale.color((double) k / STEPS));
        }
        return table;
    }

    /** The table entry of {@code value} on a symmetric scale saturating at ±{@code max}. */
    static int divergingIndex(double value, double max) {
        if (Double.isNaN(value)) {
            return STEPS;
        }
        double t = Math.max(-1, Math.min(1, value / max));
        return STEPS + (int) Math.round(t * STEPS);
    }

    /** Viridis at t in [0, 1]. */
    static Color viridis(double t) {
        double x = Math.max(0, Math.min(1, t)) * (VIRIDIS.length - 1);
        int i = Math.min(VIRIDIS.length - 2, (int) Math.floor(x));
        return VIRIDIS[i].interpolate(VIRIDIS[i + 1], x - i);
    }

    static int argb(Color c) {
        return (int) Math.round(c.getOpacity() * 255) << 24 | (int) Math.round(c.getRed() * 255) << 16
                | (int) Math.round(c.getGreen() * 255) << 8 | (int) Math.round(c.getBlue() * 255);
    }
}
