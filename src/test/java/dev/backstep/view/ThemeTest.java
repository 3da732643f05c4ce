package dev.backstep.view;

import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The themes' stylesheets load and define the tokens, and every theme's colours stay apart where they carry meaning. */
class ThemeTest {
    @BeforeAll
    static void startFx() throws Exception {
        CompletableFuture<Void> started = new CompletableFuture<>();
        try {
            Platform.startup(() -> started.complete(null));
        } catch (IllegalStateException alreadyRunning) {
            started.complete(null);
        }
        Platform.setImplicitExit(false);
        started.get(30, TimeUnit.SECONDS);
    }

    @Test
    void threeThemesAndTheHighContrastOneIsFoundById() {
        assertEquals(3, Theme.all().size());
        assertSame(Theme.HIGH_CONTRAST, Theme.byId("high-contrast"));
        assertSame(Theme.DARK, Theme.byId("dark"));
        assertEquals(null, Theme.byId("sepia"));
    }

    @Test
    void everyThemesStylesheetLoadsAndSetsItsTextToken() throws Exception {
        for (Theme theme : Theme.all()) {
            assertNotNull(Theme.class.getResource(theme.stylesheet()), theme.stylesheet());
            CompletableFuture<Color> fill = new CompletableFuture<>();
            Platform.runLater(() -> {
                try {
                    Label label = new Label("x");
                    label.setStyle("-fx-text-fill: -bs-text;");
                    Scene scene = new Scene(new StackPane(label), 100, 100);
                    scene.getStylesheets().setAll(Theme.class.getResource("app.css").toExternalForm(),
                            Theme.class.getResource(theme.stylesheet()).toExternalForm());
                    label.applyCss();
                    fill.complete((Color) label.getTextFill());
                } catch (RuntimeException e) {
                    fill.completeExceptionally(e);
                }
            });
            assertEquals(theme.text(), fill.get(30, TimeUnit.SECONDS), theme.id() + ": CSS and canvas text agree");
        }
    }

    @Test
    void highContrastMeetsAaaContrastForTextAndTheHighlight() {
        Theme t = Theme.HIGH_CONTRAST;
        assertTrue(contrast(t.text(), t.background()) >= 7, "text");
        assertTrue(contrast(t.mutedText(), t.background()) >= 7, "muted text");
        assertTrue(contrast(t.highlight(), t.background()) >= 7, "current element");
        assertTrue(contrast(t.positive(), t.background()) >= 4.5, "positive end");
        assertTrue(contrast(t.negative(), t.background()) >= 4.5, "negative end");
    }

    @Test
    void everyThemeKeepsBlueAgainstOrangeAndDarkThemesKeepTheirClassColoursVisible() {
        for (Theme t : Theme.all()) {
            double positive = t.positive().getHue();
            double negative = t.negative().getHue();
            assertTrue(positive > 190 && positive < 230, t.id() + " positive is blue: " + positive);
            assertTrue(negative > 20 && negative < 40, t.id() + " negative is orange: " + negative);
            // Blue against orange differs in lightness too, which survives every colour-vision deficiency.
            assertTrue(Math.abs(luminance(t.positive()) - luminance(t.negative())) > 0.05
                    || Math.abs(t.positive().getBlue() - t.negative().getBlue()) > 0.5, t.id());
            if (t == Theme.LIGHT) {
                continue; // Okabe–Ito's yellow is faint on white; the boundary outlines its points for that.
            }
            for (int k = 0; k < t.classes().size(); k++) {
                assertTrue(contrast(t.classColor(k), t.background()) >= 1.5,
                        t.id() + " class " + k + " stands out from the background");
            }
        }
    }

    private static double luminance(Color c) {
        return 0.2126 * linear(c.getRed()) + 0.7152 * linear(c.getGreen()) + 0.0722 * linear(c.getBlue());
    }

    private static double linear(double v) {
        return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    }

    /** WCAG 2 contrast ratio. */
    private static double contrast(Color a, Color b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }
}
