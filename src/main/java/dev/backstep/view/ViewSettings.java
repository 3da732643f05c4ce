package dev.backstep.view;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * How the views show the session, as opposed to what the session is: the graph's mode and scale, which sample's
 * values the units show, the theme. Changing these never touches the network. FX thread only.
 */
public final class ViewSettings {
    private final ObjectProperty<GraphMode> graphMode = new SimpleObjectProperty<>(this, "graphMode",
            GraphMode.WEIGHTS);
    private final BooleanProperty autoScale = new SimpleBooleanProperty(this, "autoScale", true);
    private final DoubleProperty scaleMax = new SimpleDoubleProperty(this, "scaleMax", 2.0);
    private final DoubleProperty threshold = new SimpleDoubleProperty(this, "threshold", 0.0);
    private final IntegerProperty focusRow = new SimpleIntegerProperty(this, "focusRow", 0);
    private final ObjectProperty<Theme> theme = new SimpleObjectProperty<>(this, "theme", Theme.LIGHT);
    private final BooleanProperty showFps = new SimpleBooleanProperty(this, "showFps", false);
    private final BooleanProperty logLoss = new SimpleBooleanProperty(this, "logLoss", false);
    private final DoubleProperty fontScale = new SimpleDoubleProperty(this, "fontScale", 1.0);
    private final BooleanProperty spotlight = new SimpleBooleanProperty(this, "spotlight", false);
    private final BooleanProperty presentation = new SimpleBooleanProperty(this, "presentation", false);

    /** The presentation scales, smallest first; + and − step through them. */
    public static final java.util.List<Double> SCALES = java.util.List.of(1.0, 1.25, 1.5, 2.0);

    public ObjectProperty<GraphMode> graphModeProperty() {
        return graphMode;
    }

    /** When on, the colour scale's maximum follows the largest magnitude shown (rounded up to 1, 2 or 5). */
    public BooleanProperty autoScaleProperty() {
        return autoScale;
    }

    /** The magnitude that saturates colour and width when {@link #autoScaleProperty()} is off. */
    public DoubleProperty scaleMaxProperty() {
        return scaleMax;
    }

    /** Edges weaker than this fraction of the scale's maximum are hidden (0 shows all). */
    public DoubleProperty thresholdProperty() {
        return threshold;
    }

    /** Which row of the snapshot's batch the units show. */
    public IntegerProperty focusRowProperty() {
        return focusRow;
    }

    public ObjectProperty<Theme> themeProperty() {
        return theme;
    }

    public BooleanProperty showFpsProperty() {
        return showFps;
    }

    public BooleanProperty logLossProperty() {
        return logLoss;
    }

    /** Presentation scale of every font, line and unit: 1, 1.25, 1.5 or 2 (the lecture hall's back row). */
    public DoubleProperty fontScaleProperty() {
        return fontScale;
    }

    /** The next larger presentation scale (stays at the largest). */
    public void scaleUp() {
        double now = fontScale.get();
        fontScale.set(SCALES.stream().filter(s -> s > now + 1e-9).findFirst().orElse(SCALES.get(SCALES.size() - 1)));
    }

    /** The next smaller presentation scale (stays at the smallest). */
    public void scaleDown() {
        double now = fontScale.get();
        double smaller = SCALES.get(0);
        for (double s : SCALES) {
            if (s < now - 1e-9) {
                smaller = s;
            }
        }
        fontScale.set(smaller);
    }

    /** Full screen without menus, status bar and graph settings: what a lecture hall sees. */
    public BooleanProperty presentationProperty() {
        return presentation;
    }

    /** When on, the graph dims everything but the current term's element and the elements it uses. */
    public BooleanProperty spotlightProperty() {
        return spotlight;
    }
}
