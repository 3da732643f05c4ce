package dev.backstep.view;

import javafx.scene.paint.Color;

/**
 * The viridis colour map (matplotlib's default): a sequential scale from dark purple through blue and green to
 * yellow whose lightness rises steadily, so that order reads correctly in grey and for every common colour-vision
 * deficiency. Sampled at nine stops and interpolated; {@link #argb} serves canvases from a 256-entry table.
 */
public final class Viridis {
    private static final String[] STOPS = {"#440154", "#472C7A", "#3B518B", "#2C718E", "#21908D", "#27AD81",
        "#5CC863", "#AADC32", "#FDE725"};
    private static final int[] TABLE = new int[256];

    static {
        for (int i = 0; i < TABLE.length; i++) {
            Color c = color(i / 255.0);
            TABLE[i] = 0xFF000000 | (int) Math.round(c.getRed() * 255) << 16
                    | (int) Math.round(c.getGreen() * 255) << 8 | (int) Math.round(c.getBlue() * 255);
        }
    }

    private Viridis() {
    }

    /** The colour at {@code t} in [0, 1] (clamped; NaN gives the lowest). */
    public static Color color(double t) {
        double u = Double.isNaN(t) ? 0 : Math.max(0, Math.min(1, t)) * (STOPS.length - 1);
        int i = (int) Math.min(STOPS.length - 2, Math.floor(u));
        return Color.web(STOPS[i]).interpolate(Color.web(STOPS[i + 1]), u - i);
    }

    /** The colour at {@code t} as opaque ARGB, from the table. */
    public static int argb(double t) {
        double u = Double.isNaN(t) ? 0 : Math.max(0, Math.min(1, t));
        return TABLE[(int) Math.round(u * 255)];
    }

    /** True where text or lines on this colour should be dark (the light, yellow-green end). */
    public static boolean isLight(double t) {
        return t > 0.62;
    }
}
