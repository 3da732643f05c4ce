package dev.backstep.view.teach;

import dev.backstep.demo.ChainRuleExample;
import dev.backstep.model.Snapshot;
import dev.backstep.trace.Numbers;
import dev.backstep.view.SnapshotView;
import dev.backstep.view.ViewSettings;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

import java.util.Locale;

/**
 * Seed 000's slide 9 as a page: the chain rule on f(x) = (x² + 1)³, one term per row (inner function, its
 * derivative, outer function, its derivative, their product), each with its formula, the numbers put in, and the
 * value, for an x set with a slider or typed in. The last row checks the product against the derivative worked out
 * by hand, 6x(x² + 1)². The maths is {@link ChainRuleExample}; this page only shows it.
 */
public final class ChainRuleView extends VBox implements SnapshotView {
    private final Slider slider = new Slider(-3, 3, 2);
    private final TextField field = new TextField("2");
    private final GridPane steps = new GridPane();
    private final Label[][] cells = new Label[6][4];
    private final TangentPlot plot = new TangentPlot();
    private final ViewSettings settings;
    private ChainRuleExample shown;

    public ChainRuleView(ViewSettings settings) {
        this.settings = settings;
        setId("chainRuleView");
        TeachStyles.apply(this, settings);
        Label title = new Label("The chain rule, term by term: f(x) = (x² + 1)³");
        title.getStyleClass().add("teach-title");
        Label explain = new Label("Backpropagation is the chain rule applied again and again. Split f into an inner"
                + " function u = x² + 1 and an outer one f = u³; differentiate each on its own; multiply.");
        explain.getStyleClass().add("teach-note");
        explain.setWrapText(true);
        Label xLabel = new Label("x =");
        xLabel.getStyleClass().add("step-label");
        field.setId("chainRuleX");
        field.setPrefColumnCount(6);
        field.getStyleClass().add("step-value");
        slider.setId("chainRuleSlider");
        slider.setPrefWidth(420);
        slider.setMajorTickUnit(1);
        slider.setShowTickMarks(true);
        slider.setShowTickLabels(true);
        slider.valueProperty().addListener((o, a, b) -> {
            // The slider moves in hundredths so that the numbers stay readable.
            double x = Math.round(b.doubleValue() * 100) / 100.0;
            field.setText(Numbers.format(x, true).replace('−', '-'));
            update(x);
        });
        field.setOnAction(e -> typed());
        field.focusedProperty().addListener((o, a, focused) -> {
            if (!focused) {
                typed();
            }
        });
        HBox controls = new HBox(14, xLabel, field, slider);
        controls.setStyle("-fx-alignment: center-left;");
        buildGrid();
        plot.setId("chainRulePlot");
        HBox body = new HBox(30, steps, plot);
        HBox.setHgrow(plot, javafx.scene.layout.Priority.ALWAYS);
        VBox.setVgrow(body, javafx.scene.layout.Priority.ALWAYS);
        getChildren().setAll(title, explain, controls, body);
        settings.themeProperty().addListener((o, a, b) -> redrawPlot());
        settings.fontScaleProperty().addListener((o, a, b) -> redrawPlot());
        update(2);
    }

    private void buildGrid() {
        steps.setId("chainRuleSteps");
        steps.setHgap(28);
        steps.setVgap(12);
        steps.setStyle("-fx-padding: 1em 0 0 0; -fx-font-size: 1.3em;");
        steps.setMinWidth(USE_PREF_SIZE);
        String[] heads = {"step", "formula", "numbers put in", "value"};
        for (int c = 0; c < heads.length; c++) {
            Label head = new Label(heads[c]);
            head.getStyleClass().add("step-why");
            steps.add(head, c, 0);
        }
        for (int r = 0; r < cells.length; r++) {
            for (int c = 0; c < 4; c++) {
                cells[r][c] = new Label();
                cells[r][c].getStyleClass().add(c == 0 ? "step-why" : c == 3 ? "step-value" : "step-label");
                steps.add(cells[r][c], c, r + 1);
            }
            cells[r][3].setId("chainRuleValue" + r);
        }
    }

    private void typed() {
        try {
            double x = Double.parseDouble(field.getText().strip().replace('−', '-'));
            if (!Double.isFinite(x)) {
                throw new NumberFormatException();
            }
            field.getStyleClass().remove("invalid");
            update(x);
        } catch (NumberFormatException e) {
            if (!field.getStyleClass().contains("invalid")) {
                field.getStyleClass().add("invalid");
            }
        }
    }

    private void update(double x) {
        ChainRuleExample e = ChainRuleExample.at(x);
        shown = e;
        String xs = paren(x);
        row(0, "1. inner function", "u = x² + 1", "u = " + xs + "² + 1", e.u());
        row(1, "2. its derivative", "du/dx = 2x", "du/dx = 2 · " + xs, e.duDx());
        row(2, "3. outer function", "f = u³", "f = " + n(e.u()) + "³", e.f());
        row(3, "4. its derivative", "df/du = 3u²", "df/du = 3 · " + n(e.u()) + "²", e.dfDu());
        row(4, "5. chain rule", "df/dx = df/du · du/dx", "df/dx = " + n(e.dfDu()) + " · " + paren(e.duDx()),
                e.dfDx());
        double closed = 6 * x * (x * x + 1) * (x * x + 1);
        row(5, "check", "6x(x² + 1)²", "6 · " + xs + " · " + n(e.u()) + "²", closed);
        redrawPlot();
    }

    private void redrawPlot() {
        plot.show(shown, settings.themeProperty().get(), TeachStyles.fontSize(settings));
    }

    private void row(int r, String step, String formula, String numbers, double value) {
        cells[r][0].setText(step);
        cells[r][1].setText(formula);
        cells[r][2].setText(numbers);
        cells[r][3].setText("= " + n(value));
    }

    private static String paren(double v) {
        return v < 0 ? "(" + n(v) + ")" : n(v);
    }

    private static String n(double v) {
        return Numbers.format(v, 6, true);
    }

    @Override
    public Node node() {
        return this;
    }

    @Override
    public void show(Snapshot snapshot) {
        // The demo does not depend on the open network.
    }

    /** Sets x as if typed (for tests and screenshots). */
    void setX(double x) {
        field.setText(String.format(Locale.ROOT, "%s", x));
        typed();
    }
}
