package dev.backstep.view.race;

import dev.backstep.engine.OptimizerKind;
import dev.backstep.view.Theme;
import javafx.scene.paint.Color;

/**
 * Each optimizer's line in the race: an Okabe–Ito colour (distinct for the common colour-vision deficiencies) and a
 * dash pattern of its own, so that two curves on top of each other (momentum and Nesterov often are) and a grey
 * printout still tell them apart. On dark backgrounds the two Okabe–Ito colours that vanish there (blue, black) give
 * way to sky blue and yellow.
 */
public final class RacePalette {
    private RacePalette() {
    }

    public static Color color(OptimizerKind kind, Theme theme) {
        boolean dark = theme.background().getBrightness() < 0.5;
        switch (kind) {
            case SGD:
                return Color.web(dark ? "#56B4E9" : "#0072B2");
            case MOMENTUM:
                return Color.web("#E69F00");
            case NESTEROV:
                return Color.web("#009E73");
            case ADAGRAD:
                return Color.web("#CC79A7");
            case RMSPROP:
                return Color.web("#D55E00");
            case ADAM:
                return dark ? Color.web("#F0E442") : Color.BLACK;
            default:
                throw new AssertionError(kind);
        }
    }

    /** On-off lengths in pixels at scale 1, or null for a solid line. */
    public static float[] dashes(OptimizerKind kind) {
        switch (kind) {
            case SGD:
                return null;
            case MOMENTUM:
                return new float[] {14f, 6f};
            case NESTEROV:
                return new float[] {14f, 5f, 3f, 5f};
            case ADAGRAD:
                return new float[] {6f, 5f};
            case RMSPROP:
                return new float[] {2f, 5f};
            case ADAM:
                return new float[] {18f, 4f, 3f, 4f, 3f, 4f};
            default:
                throw new AssertionError(kind);
        }
    }

    /** The name people know it by. */
    public static String label(OptimizerKind kind) {
        switch (kind) {
            case SGD:
                return "SGD";
            case MOMENTUM:
                return "Momentum";
            case NESTEROV:
                return "Nesterov";
            case ADAGRAD:
                return "Adagrad";
            case RMSPROP:
                return "RMSprop";
            case ADAM:
                return "Adam";
            default:
                throw new AssertionError(kind);
        }
    }
}
