package dev.backstep.view.formula;

import dev.backstep.trace.Phase;
import dev.backstep.view.Theme;
import javafx.scene.paint.Color;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * The stylesheet of the formula panel and the term list, and the theme tokens it reads. The stylesheet refers only
 * to looked-up colours ({@code -bs-f-text}, …) that {@link #tokens(Theme)} defines on each view's root from the
 * {@link Theme}, so a theme change is one {@code setStyle} call and the formula images are re-rendered in the
 * theme's text colour. Shipped as a {@code data:} URI (JavaFX 17+) so the feature is one package.
 */
final class FormulaStyles {
    private FormulaStyles() {
    }

    static final String CSS = """
            .formula-panel {
                -fx-background-color: -bs-f-surface;
                -fx-padding: 18 22 18 22;
                -fx-spacing: 14;
            }
            .formula-panel .label {
                -fx-text-fill: -bs-f-text;
            }
            .formula-panel .formula-header {
                -fx-spacing: 6;
            }
            .formula-panel .formula-header-row {
                -fx-hgap: 14;
                -fx-vgap: 6;
                -fx-alignment: center-left;
            }
            .formula-panel .phase-chip {
                -fx-font-size: 1.2857em;
                -fx-font-weight: bold;
                -fx-padding: 3 12 3 12;
                -fx-background-radius: 6;
                -fx-background-color: -bs-f-result;
            }
            .formula-panel .phase-chip.forward { -fx-background-color: -bs-f-forward; -fx-text-fill: -bs-f-on-forward; }
            .formula-panel .phase-chip.loss { -fx-background-color: -bs-f-loss; -fx-text-fill: -bs-f-on-loss; }
            .formula-panel .phase-chip.backward { -fx-background-color: -bs-f-backward; -fx-text-fill: -bs-f-on-backward; }
            .formula-panel .phase-chip.update { -fx-background-color: -bs-f-update; -fx-text-fill: -bs-f-on-update; }
            .formula-panel .formula-progress {
                -fx-font-size: 1.2857em;
                -fx-text-fill: -bs-f-muted;
            }
            .formula-panel .formula-element {
                -fx-font-size: 1.4286em;
                -fx-font-weight: bold;
            }
            .formula-panel .formula-notation {
                -fx-font-size: 1.0714em;
                -fx-text-fill: -bs-f-muted;
            }
            .formula-panel .scroll-pane,
            .formula-panel .scroll-pane > .viewport {
                -fx-background-color: transparent;
                -fx-background-insets: 0;
                -fx-padding: 0;
            }
            .formula-panel .formula-term {
                -fx-padding: 0 6 4 0;
            }
            .formula-panel .formula-result {
                -fx-background-color: -bs-f-accent, -bs-f-result;
                -fx-background-insets: 0, 0 0 0 6;
                -fx-background-radius: 8, 0 8 8 0;
                -fx-padding: 4 20 6 22;
                -fx-spacing: 12;
                -fx-alignment: baseline-left;
                -fx-font-size: 2.8571em;
            }

            .formula-panel .formula-result #formulaValue {
                -fx-font-weight: bold;
            }
            .formula-panel .formula-note {
                -fx-font-size: 1.2143em;
                -fx-font-style: italic;
                -fx-text-fill: -bs-f-muted;
                -fx-wrap-text: true;
            }
            .formula-panel .formula-uses {
                -fx-hgap: 8;
                -fx-vgap: 6;
                -fx-alignment: center-left;
            }
            .formula-panel .formula-uses .label,
            .formula-panel .formula-uses .hyperlink {
                -fx-font-size: 1.2143em;
            }
            .formula-panel .formula-uses .uses-title {
                -fx-text-fill: -bs-f-muted;
            }
            .formula-panel .formula-uses .use {
                -fx-background-color: -bs-f-result;
                -fx-background-radius: 5;
                -fx-padding: 2 8 2 8;
                -fx-text-fill: -bs-f-text;
                -fx-border-color: transparent;
                -fx-underline: false;
            }
            .formula-panel .formula-uses .hyperlink.use:hover {
                -fx-underline: true;
            }
            .formula-panel .formula-uses .hyperlink.use:focused {
                -fx-border-color: -bs-f-accent;
                -fx-border-radius: 5;
            }
            .formula-panel .formula-hint {
                -fx-font-size: 1.7143em;
                -fx-wrap-text: true;
            }
            .formula-panel .formula-next {
                -fx-font-size: 1.2857em;
                -fx-text-fill: -bs-f-muted;
                -fx-wrap-text: true;
            }

            .formula-panel .scroll-bar,
            .term-list .scroll-bar {
                -fx-background-color: transparent;
                -fx-background-insets: 0;
                -fx-padding: 2;
            }
            .formula-panel .scroll-bar .thumb,
            .term-list .scroll-bar .thumb {
                -fx-background-color: -bs-f-thumb;
                -fx-background-insets: 0;
                -fx-background-radius: 5;
            }
            .formula-panel .scroll-bar .increment-button,
            .formula-panel .scroll-bar .decrement-button,
            .term-list .scroll-bar .increment-button,
            .term-list .scroll-bar .decrement-button {
                -fx-background-color: transparent;
            }
            .formula-panel .scroll-bar:vertical .increment-button,
            .formula-panel .scroll-bar:vertical .decrement-button,
            .term-list .scroll-bar:vertical .increment-button,
            .term-list .scroll-bar:vertical .decrement-button {
                -fx-padding: 0 5 0 5;
            }
            .formula-panel .scroll-bar:horizontal .increment-button,
            .formula-panel .scroll-bar:horizontal .decrement-button,
            .term-list .scroll-bar:horizontal .increment-button,
            .term-list .scroll-bar:horizontal .decrement-button {
                -fx-padding: 5 0 5 0;
            }
            .formula-panel .scroll-bar .increment-arrow,
            .formula-panel .scroll-bar .decrement-arrow,
            .term-list .scroll-bar .increment-arrow,
            .term-list .scroll-bar .decrement-arrow {
                -fx-shape: " ";
                -fx-padding: 0;
            }
            .term-list .corner {
                -fx-background-color: transparent;
            }

            .term-list {
                -fx-background-color: -bs-f-border, -bs-f-surface;
                -fx-background-insets: 0, 1;
                -fx-control-inner-background: -bs-f-surface;
                -fx-control-inner-background-alt: -bs-f-surface;
                -fx-selection-bar: -bs-f-accent;
                -fx-selection-bar-non-focused: -bs-f-accent;
                -fx-font-size: 1.1429em;
            }
            .term-list .list-cell {
                -fx-padding: 0 10 0 8;
                -fx-background-color: -bs-f-surface;
            }
            .term-list .list-cell .label {
                -fx-text-fill: -bs-f-text;
            }
            .term-list .list-cell .term-index {
                -fx-text-fill: -bs-f-muted;
                -fx-font-family: monospace;
                -fx-font-size: 1.0714em;
            }
            .term-list .list-cell .term-phase {
                -fx-font-weight: bold;
                -fx-font-family: monospace;
                -fx-font-size: 1.0714em;
            }
            .term-list .list-cell .term-phase.forward { -fx-text-fill: -bs-f-forward; }
            .term-list .list-cell .term-phase.loss { -fx-text-fill: -bs-f-loss; }
            .term-list .list-cell .term-phase.backward { -fx-text-fill: -bs-f-backward; }
            .term-list .list-cell .term-phase.update { -fx-text-fill: -bs-f-update; }
            .term-list .list-cell:unrevealed .term-text,
            .term-list .list-cell:unrevealed .term-value,
            .term-list .list-cell:unrevealed .term-index {
                -fx-opacity: 0.5;
            }
            .term-list .list-cell:phase-start {
                -fx-border-color: -bs-f-border transparent transparent transparent;
                -fx-border-width: 1 0 0 0;
            }
            .term-list .list-cell:filled:selected {
                -fx-background-color: -bs-f-accent;
            }
            .term-list .list-cell:filled:selected .label,
            .term-list .list-cell:filled:selected .label.term-phase.forward,
            .term-list .list-cell:filled:selected .label.term-phase.loss,
            .term-list .list-cell:filled:selected .label.term-phase.backward,
            .term-list .list-cell:filled:selected .label.term-phase.update {
                -fx-text-fill: -bs-f-on-accent;
                -fx-opacity: 1;
            }
            .term-list .list-cell:filled:hover:!selected {
                -fx-background-color: -bs-f-result;
            }
            .term-list .placeholder {
                -fx-padding: 16;
            }
            .term-list .placeholder .label {
                -fx-text-fill: -bs-f-muted;
                -fx-font-size: 1.2143em;
                -fx-wrap-text: true;
                -fx-text-alignment: center;
            }
            """;

    /** The stylesheet as a {@code data:} URI for {@code getStylesheets().add(…)}. */
    static final String URI = "data:text/css;base64,"
            + Base64.getEncoder().encodeToString(CSS.getBytes(StandardCharsets.UTF_8));

    /** The looked-up colours of a theme, as an inline style for the root of a view. */
    static String tokens(Theme theme) {
        Color accent = theme.uses();
        StringBuilder s = new StringBuilder();
        token(s, "surface", theme.surface());
        token(s, "text", theme.text());
        token(s, "muted", theme.mutedText());
        token(s, "border", theme.grid());
        token(s, "result", mix(theme.surface(), theme.grid(), 0.7));
        token(s, "accent", accent);
        token(s, "thumb", mix(theme.surface(), theme.mutedText(), 0.45));
        token(s, "on-accent", onColor(accent));
        for (Phase phase : Phase.values()) {
            Color c = phaseColor(theme, phase);
            token(s, phase.id(), c);
            token(s, "on-" + phase.id(), onColor(c));
        }
        return s.toString();
    }

    /** A phase's colour: Okabe–Ito blue, pink, orange and green (colour-blind safe, as the class colours). */
    static Color phaseColor(Theme theme, Phase phase) {
        return switch (phase) {
            case FORWARD -> theme.classColor(0);
            case LOSS -> theme.classColor(3);
            case BACKWARD -> theme.classColor(1);
            case UPDATE -> theme.classColor(2);
        };
    }

    /** Black or white, whichever reads better on {@code background}. */
    static Color onColor(Color background) {
        double luminance = 0.2126 * linear(background.getRed()) + 0.7152 * linear(background.getGreen())
                + 0.0722 * linear(background.getBlue());
        return luminance > 0.22 ? Color.web("#111111") : Color.WHITE;
    }

    private static double linear(double c) {
        return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }

    static Color mix(Color a, Color b, double t) {
        return a.interpolate(b, t);
    }

    private static void token(StringBuilder s, String name, Color c) {
        s.append("-bs-f-").append(name).append(": ").append(web(c)).append("; ");
    }

    static String web(Color c) {
        return String.format(Locale.ROOT, "#%02x%02x%02x", Math.round(c.getRed() * 255),
                Math.round(c.getGreen() * 255), Math.round(c.getBlue() * 255));
    }
}
