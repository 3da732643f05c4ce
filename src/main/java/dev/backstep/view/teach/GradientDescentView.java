package dev.backstep.view.teach;

import dev.backstep.demo.GradientDescentExample;
import dev.backstep.model.Snapshot;
import dev.backstep.trace.Numbers;
import dev.backstep.view.SnapshotView;
import dev.backstep.view.ViewSettings;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * Seed 000's slide 10 as a page: gradient descent on f(x) = x² + 5. A learning-rate slider, a start point, and
 * buttons that take one step or ten; the iterates appear on the parabola and in a table, and a verdict says why
 * they converge (|1 − 2η| &lt; 1) or diverge (η &gt; 1). Changing η or the start begins a new walk. The maths is
 * {@link GradientDescentExample}.
 */
public final class GradientDescentView extends VBox implements SnapshotView {
    private static final int ROWS = 8;
    /** The page opens on the slide's run (x₀ = 10, η = 0.1) a few steps in, so the idea shows before any click. */
    private static final int OPENING_STEPS = 5;

    private final ViewSettings settings;
    private final Slider rate = new Slider(0.01, 1.2, 0.1);
    private final Slider start = new Slider(-10, 10, 10);
    private final Label rateValue = new Label();
    private final Label startValue = new Label();
    private final Label verdict = new Label();
    private final ParabolaPlot plot = new ParabolaPlot();
    private final GridPane table = new GridPane();
    private GradientDescentExample walk;

    public GradientDescentView(ViewSettings settings) {
        this.settings = settings;
        setId("gradientDescentView");
        TeachStyles.apply(this, settings);
        Label title = new Label("Gradient descent on f(x) = x² + 5");
        title.getStyleClass().add("teach-title");
        Label explain = new Label("Each step goes against the slope: xₖ₊₁ = xₖ − η·f′(xₖ) = xₖ − η·2xₖ = (1 − 2η)·xₖ."
                + " The minimum is at x = 0, where f = 5.");
        explain.getStyleClass().add("teach-note");
        explain.setWrapText(true);
        rate.setId("learningRateSlider");
        rate.setMajorTickUnit(0.1);
        rate.setShowTickMarks(true);
        rate.setPrefWidth(360);
        start.setId("startSlider");
        start.setMajorTickUnit(5);
        start.setShowTickMarks(true);
        start.setPrefWidth(220);
        rateValue.getStyleClass().add("step-value");
        startValue.getStyleClass().add("step-value");
        rateValue.setMinWidth(USE_PREF_SIZE);
        startValue.setMinWidth(USE_PREF_SIZE);
        rateValue.setStyle("-fx-padding: 0 1.2em 0 0;");
        startValue.setStyle("-fx-padding: 0 1.2em 0 0;");
        rate.valueProperty().addListener((o, a, b) -> restart());
        start.valueProperty().addListener((o, a, b) -> restart());
        Button step = new Button("Step");
        step.setId("gradientDescentStep");
        step.setOnAction(e -> advance(1));
        Button ten = new Button("10 steps");
        ten.setId("gradientDescentTen");
        ten.setOnAction(e -> advance(10));
        Button reset = new Button("Start again");
        reset.setOnAction(e -> restart());
        Label rateLabel = new Label("learning rate η");
        rateLabel.getStyleClass().add("step-label");
        Label startLabel = new Label("start x₀");
        startLabel.getStyleClass().add("step-label");
        HBox controls = new HBox(12, rateLabel, rate, rateValue, startLabel, start, startValue, step, ten, reset);
        controls.setStyle("-fx-alignment: center-left;");
        verdict.setId("gradientDescentVerdict");
        verdict.getStyleClass().add("teach-summary");
        verdict.setWrapText(true);
        table.setId("gradientDescentIterates");
        table.setHgap(24);
        table.setVgap(6);
        table.setMinWidth(USE_PREF_SIZE);
        plot.setId("gradientDescentPlot");
        HBox body = new HBox(18, plot, table);
        HBox.setHgrow(plot, Priority.ALWAYS);
        VBox.setVgrow(body, Priority.ALWAYS);
        getChildren().setAll(title, explain, controls, verdict, body);
        settings.themeProperty().addListener((o, a, b) -> refresh());
        settings.fontScaleProperty().addListener((o, a, b) -> refresh());
        restart();
        advance(OPENING_STEPS);
    }

    /** Begins a new walk from the chosen start at the chosen rate (rounded as the sliders show them). */
    private void restart() {
        double eta = Math.round(rate.getValue() * 100) / 100.0;
        double x0 = Math.round(start.getValue() * 10) / 10.0;
        walk = GradientDescentExample.start(x0, eta);
        refresh();
    }

    private void advance(int steps) {
        walk = walk.steps(steps);
        refresh();
    }

    private void refresh() {
        rateValue.setText(Numbers.format(walk.rate(), 3, true));
        startValue.setText(Numbers.format(walk.start(), 3, true));
        double factor = 1 - 2 * walk.rate();
        String each = "η = " + Numbers.format(walk.rate(), 3, true) + ": each step multiplies x by 1 − 2η = "
                + Numbers.format(factor, 3, true);
        verdict.setText(switch (walk.behaviour()) {
            case CONVERGES -> "✓ " + each + "; |1 − 2η| < 1, so x shrinks towards the minimum at 0.";
            case OSCILLATES -> "⚠ " + each + ": x jumps between ±x₀ for ever and never gets closer.";
            case DIVERGES -> "✗ " + each + "; η > 1 makes |1 − 2η| > 1: every step overshoots the minimum by more"
                    + " than the last, and gradient descent diverges.";
        });
        verdict.getStyleClass().remove("wrong");
        if (walk.behaviour() != GradientDescentExample.Behaviour.CONVERGES) {
            verdict.getStyleClass().add("wrong");
        }
        plot.show(walk, settings.themeProperty().get(), TeachStyles.fontSize(settings));
        fillTable();
    }

    /** The last iterates: k, xₖ, f(xₖ), f′(xₖ). */
    private void fillTable() {
        table.getChildren().clear();
        String[] heads = {"k", "xₖ", "f(xₖ)", "f′(xₖ)"};
        for (int c = 0; c < heads.length; c++) {
            Label head = new Label(heads[c]);
            head.getStyleClass().add("step-why");
            table.add(head, c, 0);
        }
        double[] xs = walk.iterates();
        int from = Math.max(0, xs.length - ROWS);
        for (int k = from; k < xs.length; k++) {
            String[] cells = {Integer.toString(k), Numbers.format(xs[k], 5, true),
                Numbers.format(GradientDescentExample.f(xs[k]), 5, true),
                Numbers.format(GradientDescentExample.gradient(xs[k]), 5, true)};
            for (int c = 0; c < cells.length; c++) {
                Label cell = new Label(cells[c]);
                cell.getStyleClass().add("step-value");
                table.add(cell, c, k - from + 1);
            }
        }
    }

    @Override
    public Node node() {
        return this;
    }

    @Override
    public void show(Snapshot snapshot) {
        // The demo does not depend on the open network.
    }

    /** The walk on screen (for tests). */
    GradientDescentExample walk() {
        return walk;
    }

    /** Sets the learning rate as the slider would (for tests and screenshots). */
    void setRate(double eta) {
        rate.setValue(eta);
    }
}
