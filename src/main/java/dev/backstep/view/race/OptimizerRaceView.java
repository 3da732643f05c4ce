package dev.backstep.view.race;

import dev.backstep.engine.OptimizerKind;
import dev.backstep.engine.OptimizerSettings;
import dev.backstep.io.NetworkDefinition;
import dev.backstep.model.Snapshot;
import dev.backstep.model.race.OptimizerRace;
import dev.backstep.model.race.RaceDefaults;
import dev.backstep.model.race.RaceStandings;
import dev.backstep.view.SnapshotView;
import dev.backstep.view.Theme;
import dev.backstep.view.ViewSettings;
import dev.backstep.view.chart.RaceChart;
import javafx.animation.AnimationTimer;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The optimizer race page: the open network, from its initial parameters, trained side by side with the optimizers
 * the person ticks, each at its own learning rate, on the race's own thread ({@link OptimizerRace}); the loss curves
 * overlaid in one chart and a table of results. The session's network is never touched.
 *
 * <p>Tick boxes and learning rates are fixed while a race exists (a curve's legend says what produced it); Reset
 * clears the race so they can be changed. Opening another network resets the race too.
 *
 * <p>Builds itself, then listens to its controls, the {@link ViewSettings} and {@link #show}; while a race runs an
 * animation timer draws its standings once per frame. FX thread only.
 */
public final class OptimizerRaceView implements SnapshotView {
    private static final double[] SPEEDS = {100, 300, 1000, Double.POSITIVE_INFINITY};
    private static final int DEFAULT_SPEED = 1;

    private final ViewSettings settings;
    private final BorderPane root = new BorderPane();
    private final Map<OptimizerKind, CheckBox> ticks = new EnumMap<>(OptimizerKind.class);
    private final Map<OptimizerKind, TextField> rates = new EnumMap<>(OptimizerKind.class);
    private final Map<OptimizerKind, LineSample> samples = new EnumMap<>(OptimizerKind.class);
    private final TextField epochs = new TextField();
    private final ComboBox<String> speed = new ComboBox<>();
    private final Button start = new Button("Start");
    private final Button reset = new Button("Reset");
    private final CheckBox logScale = new CheckBox("log scale");
    private final Label problem = new Label();
    private final Label title = new Label("Optimizer race");
    private final VBox controls = new VBox(12);
    private final RaceChart chart = new RaceChart();
    private final RaceResults results = new RaceResults();
    private final AnimationTimer timer = new AnimationTimer() {
        @Override
        public void handle(long now) {
            drawStandings();
        }
    };

    private Snapshot latest;
    private NetworkDefinition definition;
    private OptimizerRace race;
    private List<OptimizerKind> entered = List.of();
    private long drawnVersion = -1;

    public OptimizerRaceView(ViewSettings settings) {
        this.settings = settings;
        createView();
        initListeners();
        applyTheme();
    }

    private void createView() {
        title.getStyleClass().add("pane-title");
        Label about = new Label("The open network from its initial parameters, trained once per ticked optimizer on "
                + "the same data in the same batches. Training in the main window goes on undisturbed.");
        about.setWrapText(true);
        about.getStyleClass().add("description");

        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(6);
        grid.add(header("optimizer"), 0, 0);
        grid.add(header("rate η"), 1, 0);
        grid.add(header("line"), 2, 0);
        int row = 1;
        for (OptimizerKind kind : OptimizerKind.values()) {
            CheckBox tick = new CheckBox(RacePalette.label(kind));
            tick.setId("race-" + kind.id());
            tick.setSelected(kind == OptimizerKind.SGD || kind == OptimizerKind.MOMENTUM
                    || kind == OptimizerKind.ADAM);
            TextField rate = new TextField();
            rate.setId("race-lr-" + kind.id());
            rate.setPrefColumnCount(6);
            rate.setTooltip(new Tooltip("Learning rate η of " + RacePalette.label(kind)));
            LineSample sample = new LineSample(kind);
            ticks.put(kind, tick);
            rates.put(kind, rate);
            samples.put(kind, sample);
            grid.addRow(row++, tick, rate, sample);
        }

        epochs.setId("raceEpochs");
        epochs.setPrefColumnCount(7);
        speed.setId("raceSpeed");
        speed.getItems().addAll("100 epochs/s", "300 epochs/s", "1000 epochs/s", "as fast as possible");
        speed.getSelectionModel().select(DEFAULT_SPEED);
        GridPane run = new GridPane();
        run.setHgap(10);
        run.setVgap(6);
        run.addRow(0, header("epochs"), epochs);
        run.addRow(1, header("speed"), speed);

        start.setId("raceStart");
        reset.setId("raceReset");
        start.setDefaultButton(false);
        start.setMinWidth(110);
        reset.setMinWidth(110);
        HBox buttons = new HBox(10, start, reset);
        logScale.setId("raceLogScale");
        problem.setId("raceProblem");
        problem.setWrapText(true);
        problem.getStyleClass().add("race-problem");

        controls.getChildren().addAll(title, about, grid, run, buttons, logScale, problem);
        controls.setPadding(new Insets(10, 14, 10, 10));
        controls.setFillWidth(true);
        logScale.setSelected(true);
        chart.setLogScale(true);
        ScrollPane side = new ScrollPane(controls);
        side.setFitToWidth(true);
        side.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        side.setId("raceControls");

        VBox.setVgrow(chart, Priority.ALWAYS);
        VBox centre = new VBox(8, chart, results.node());
        centre.setPadding(new Insets(6, 10, 10, 4));
        root.setLeft(side);
        root.setCenter(centre);
        root.setId("racePage");
    }

    private static Label header(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("field-label");
        return label;
    }

    private void initListeners() {
        start.setOnAction(e -> startOrPause());
        reset.setOnAction(e -> resetRace());
        logScale.selectedProperty().addListener((o, was, is) -> {
            chart.setLogScale(is);
            chart.refresh();
        });
        speed.getSelectionModel().selectedIndexProperty().addListener((o, was, is) -> {
            if (race != null) {
                race.setSpeed(selectedSpeed());
            }
        });
        settings.themeProperty().addListener((o, was, is) -> applyTheme());
        settings.fontScaleProperty().addListener((o, was, is) -> applyTheme());
    }

    private double selectedSpeed() {
        int i = speed.getSelectionModel().getSelectedIndex();
        return SPEEDS[i < 0 ? DEFAULT_SPEED : i];
    }

    private void applyTheme() {
        Theme theme = settings.themeProperty().get();
        double scale = settings.fontScaleProperty().get();
        root.setStyle(String.format(Locale.ROOT, "-fx-font-size: %.1fpx; -fx-background-color: %s;", 15 * scale,
                css(theme.background())));
        controls.setPrefWidth(330 * scale);
        title.setStyle(String.format(Locale.ROOT, "-fx-font-size: %.1fpx;", 19 * scale));
        problem.setStyle("-fx-text-fill: " + css(theme.negative()) + "; -fx-font-weight: bold;");
        chart.setTheme(theme, scale);
        for (LineSample sample : samples.values()) {
            sample.draw(theme, scale);
        }
        results.applyTheme(theme, scale);
        chart.refresh();
    }

    @Override
    public Node node() {
        return root;
    }

    /** Takes the open network; a different network than the race's resets the race. */
    @Override
    public void show(Snapshot snapshot) {
        latest = snapshot;
        if (snapshot.definition() != definition) {
            definition = snapshot.definition();
            resetRace();
            epochs.setText(Long.toString(snapshot.training().epochs()));
            for (OptimizerKind kind : OptimizerKind.values()) {
                rates.get(kind).setText(formatRate(RaceDefaults.settings(kind, definition.optimizer())
                        .learningRate()));
            }
        }
        // Back on screen after the race went on unseen.
        drawStandings();
    }

    private static String formatRate(double rate) {
        String text = Double.toString(rate);
        return text.endsWith(".0") ? text.substring(0, text.length() - 2) : text;
    }

    // ---- running the race ---------------------------------------------------------------------------------------

    private void startOrPause() {
        if (race != null && race.standings().running()) {
            race.pause();
            drawStandings();
            return;
        }
        if (race == null && !createRace()) {
            return;
        }
        race.setSpeed(selectedSpeed());
        race.start();
        timer.start();
        drawStandings();
    }

    /** Builds a race from the ticked optimizers and their rates; false (with the reason shown) when it cannot. */
    private boolean createRace() {
        if (latest == null) {
            return false;
        }
        List<OptimizerKind> kinds = new ArrayList<>();
        List<OptimizerSettings> entrants = new ArrayList<>();
        List<String> bad = new ArrayList<>();
        for (OptimizerKind kind : OptimizerKind.values()) {
            TextField field = rates.get(kind);
            field.getStyleClass().remove("invalid");
            if (!ticks.get(kind).isSelected()) {
                continue;
            }
            double rate = parse(field.getText());
            if (!(rate > 0) || !Double.isFinite(rate)) {
                field.getStyleClass().add("invalid");
                bad.add(RacePalette.label(kind));
                continue;
            }
            kinds.add(kind);
            entrants.add(RaceDefaults.settings(kind, null).withLearningRate(rate));
        }
        long target = (long) parse(epochs.getText());
        epochs.getStyleClass().remove("invalid");
        if (!bad.isEmpty()) {
            problem.setText("The learning rate of " + String.join(", ", bad) + " must be a positive number.");
            return false;
        }
        if (!(target >= 1) || target > 10_000_000) {
            epochs.getStyleClass().add("invalid");
            problem.setText("Epochs must be a whole number from 1 to 10,000,000.");
            return false;
        }
        if (kinds.isEmpty()) {
            problem.setText("Tick at least one optimizer.");
            return false;
        }
        problem.setText("");
        race = new OptimizerRace(definition.newNetwork(), latest.trainingData(), latest.training(), entrants, target);
        entered = List.copyOf(kinds);
        Theme theme = settings.themeProperty().get();
        List<RaceChart.Curve> curves = new ArrayList<>();
        for (int i = 0; i < kinds.size(); i++) {
            OptimizerKind kind = kinds.get(i);
            curves.add(new RaceChart.Curve(RacePalette.label(kind) + "  η = " + formatRate(entrants.get(i)
                    .learningRate()), RacePalette.color(kind, theme), RacePalette.dashes(kind)));
        }
        chart.setCurves(curves);
        drawnVersion = -1;
        setEditable(false);
        return true;
    }

    private static double parse(String text) {
        try {
            return Double.parseDouble(text.trim().replace('−', '-'));
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private void resetRace() {
        if (race != null) {
            race.close();
            race = null;
        }
        timer.stop();
        entered = List.of();
        chart.setCurves(List.of());
        chart.refresh();
        results.clear();
        start.setText("Start");
        setEditable(true);
    }

    /** Locked while a race exists, yet still legible: the entries are the legend of what is running. */
    private void setEditable(boolean editable) {
        List<javafx.scene.control.Control> fields = new ArrayList<>(ticks.values());
        fields.addAll(rates.values());
        fields.add(epochs);
        for (javafx.scene.control.Control field : fields) {
            field.setDisable(!editable);
            field.setOpacity(editable ? 1 : 0.85);
        }
    }

    /**
     * Draws the race's latest standings if they changed and the page is on screen (a hidden chart is not redrawn:
     * on two cores that would slow the session's training); stops the timer when the race is paused or over.
     */
    private void drawStandings() {
        if (race == null) {
            timer.stop();
            return;
        }
        RaceStandings s = race.standings();
        if (!s.running()) {
            timer.stop();
        }
        if (s.version() == drawnVersion || !onScreen()) {
            return;
        }
        drawnVersion = s.version();
        for (int i = 0; i < s.racers().size(); i++) {
            RaceStandings.Racer r = s.racers().get(i);
            chart.update(i, r.loss(), r.epochs());
        }
        chart.refresh();
        results.show(s, entered);
        start.setText(s.running() ? "Pause" : s.finished() ? "Finished" : "Resume");
        start.setDisable(s.finished());
    }

    /** True while the page is in a window and neither it nor a parent (an unselected tab's content) is hidden. */
    private boolean onScreen() {
        for (Node n = root; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return root.getScene() != null;
    }

    /**
     * Puts the page in the state of a finished race for a screenshot: every optimizer entered at its default rate,
     * {@code epochs} epochs run on the calling (FX) thread.
     */
    @Override
    public void prepareScreenshot(long epochCount) {
        resetRace();
        for (CheckBox tick : ticks.values()) {
            tick.setSelected(true);
        }
        if (epochCount > 0) {
            epochs.setText(Long.toString(epochCount));
        }
        if (createRace()) {
            race.runEpochs(race.target());
            drawStandings();
        }
    }

    // ---- for tests ----------------------------------------------------------------------------------------------

    public RaceChart chart() {
        return chart;
    }

    /** The race, or null before Start. */
    public OptimizerRace race() {
        return race;
    }

    private static String css(javafx.scene.paint.Color c) {
        return String.format(Locale.ROOT, "rgba(%d,%d,%d,%.3f)", Math.round(c.getRed() * 255),
                Math.round(c.getGreen() * 255), Math.round(c.getBlue() * 255), c.getOpacity());
    }
}
