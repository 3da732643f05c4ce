package dev.backstep.view.race;

import dev.backstep.engine.OptimizerKind;
import dev.backstep.model.race.RaceStandings;
import dev.backstep.trace.Numbers;
import dev.backstep.view.Theme;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The race's results as a table: one row per racer, ranked by the final loss (diverged racers last), with its line,
 * learning rate, completed epochs, final and best loss, and whether it is still running, done or diverged.
 * FX thread only.
 */
final class RaceResults {
    private static final String[] HEADERS = {"place", "optimizer", "line", "η", "epochs", "final loss", "best loss",
        "status"};

    private final GridPane grid = new GridPane();
    private Theme theme = Theme.LIGHT;
    private double scale = 1;
    private RaceStandings shown;
    private List<OptimizerKind> kinds = List.of();

    RaceResults() {
        grid.setId("raceResults");
        grid.setHgap(22);
        grid.setVgap(4);
        grid.setPadding(new Insets(4, 8, 4, 8));
        clear();
    }

    Node node() {
        return grid;
    }

    void applyTheme(Theme value, double fontScale) {
        theme = value;
        scale = fontScale;
        if (shown == null) {
            clear();
        } else {
            show(shown, kinds);
        }
    }

    void clear() {
        shown = null;
        grid.getChildren().clear();
        addHeaders();
    }

    private void addHeaders() {
        for (int c = 0; c < HEADERS.length; c++) {
            Label label = new Label(HEADERS[c]);
            label.getStyleClass().add("field-label");
            grid.add(label, c, 0);
        }
    }

    /** Shows the standings; {@code entered} names the optimizer of each racer. */
    void show(RaceStandings standings, List<OptimizerKind> entered) {
        shown = standings;
        kinds = entered;
        grid.getChildren().clear();
        addHeaders();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < standings.racers().size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingDouble(i -> rankKey(standings.racers().get(i))));
        int row = 1;
        for (int i : order) {
            RaceStandings.Racer r = standings.racers().get(i);
            OptimizerKind kind = entered.get(i);
            LineSample sample = new LineSample(kind);
            sample.draw(theme, scale);
            String status = r.diverged() != null ? "diverged"
                    : r.epochs() >= standings.target() ? "done" : standings.running() ? "running" : "paused";
            Label statusLabel = cell(status);
            if (r.diverged() != null) {
                statusLabel.setTooltip(new Tooltip(r.diverged()));
            }
            Label name = cell(RacePalette.label(kind));
            name.setId("raceResult-" + kind.id());
            grid.addRow(row, cell(Integer.toString(row)), name, sample,
                    number(Numbers.format(r.settings().learningRate(), 4, true)),
                    number(String.format(Locale.ROOT, "%,d", r.epochs())), number(formatLoss(r.finalLoss())),
                    number(formatLoss(r.bestLoss())), statusLabel);
            row++;
        }
    }

    /** Lower is better; racers without a finite loss last. */
    private static double rankKey(RaceStandings.Racer r) {
        double loss = r.finalLoss();
        return r.diverged() == null && Double.isFinite(loss) ? loss : Double.POSITIVE_INFINITY;
    }

    private Label cell(String text) {
        Label label = new Label(text);
        label.setStyle("-fx-text-fill: " + css(theme.text()) + ";");
        return label;
    }

    private Label number(String text) {
        Label label = cell(text);
        label.setStyle(label.getStyle() + " -fx-font-family: 'DejaVu Sans Mono', monospace;");
        return label;
    }

    /** Four significant digits, always, so that the column does not jump while the values change. */
    static String formatLoss(double value) {
        if (Double.isNaN(value)) {
            return "–";
        }
        double a = Math.abs(value);
        if (Double.isFinite(value) && (a == 0 || (a >= 1e-4 && a < 1e4))) {
            return String.format(Locale.ROOT, "%.4g", value);
        }
        return Numbers.format(value, 4, true);
    }

    private static String css(javafx.scene.paint.Color c) {
        return String.format(Locale.ROOT, "rgba(%d,%d,%d,%.3f)", Math.round(c.getRed() * 255),
                Math.round(c.getGreen() * 255), Math.round(c.getBlue() * 255), c.getOpacity());
    }
}
