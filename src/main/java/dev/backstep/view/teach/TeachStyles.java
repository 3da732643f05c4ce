package dev.backstep.view.teach;

import dev.backstep.view.ViewSettings;
import javafx.beans.binding.Bindings;
import javafx.scene.Parent;

import java.util.Locale;

/**
 * What the teaching views share in looks: their stylesheet, and a font size that follows the presentation scale
 * (every size in teach.css is in em, so the whole view grows with it for the back of a lecture hall).
 */
final class TeachStyles {
    /** The app's base font size in pixels at scale 1. */
    private static final double BASE = 14;

    private TeachStyles() {
    }

    static void apply(Parent view, ViewSettings settings) {
        view.getStylesheets().add(TeachStyles.class.getResource("teach.css").toExternalForm());
        view.getStyleClass().add("teach-view");
        view.styleProperty().bind(Bindings.createStringBinding(() -> String.format(Locale.ROOT,
                "-fx-font-size: %.1fpx;", BASE * settings.fontScaleProperty().get()), settings.fontScaleProperty()));
    }

    /** The font size in pixels the view's text has now (for what is drawn on canvases). */
    static double fontSize(ViewSettings settings) {
        return BASE * settings.fontScaleProperty().get();
    }
}
