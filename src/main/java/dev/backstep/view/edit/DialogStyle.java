package dev.backstep.view.edit;

import javafx.scene.control.DialogPane;
import javafx.stage.Window;

import java.util.Locale;

/** Gives an editor dialog the window's theme and text size, so it reads like the window behind it. */
final class DialogStyle {
    /** The app's base text size (app.css), scaled for a projector by the view settings' font scale. */
    private static final double BASE_FONT = 14;

    private DialogStyle() {
    }

    static void apply(DialogPane pane, Window owner, double fontScale) {
        if (owner != null && owner.getScene() != null) {
            pane.getStylesheets().setAll(owner.getScene().getStylesheets());
        }
        pane.setStyle(String.format(Locale.ROOT, "-fx-font-size: %.1fpx;", BASE_FONT * fontScale));
    }
}
