package dev.backstep.view.data;

import javafx.scene.text.Font;
import javafx.scene.text.Text;

/** The width of a label in a font, for canvas layouts (measured on a detached text node: redraws only). */
final class TextWidths {
    private static final Text PROBE = new Text();

    private TextWidths() {
    }

    static double of(String text, Font font) {
        PROBE.setFont(font);
        PROBE.setText(text);
        return PROBE.getLayoutBounds().getWidth();
    }
}
