package dev.backstep.view.landscape;

import dev.backstep.engine.Network;
import dev.backstep.io.NetworkDefinition;
import dev.backstep.model.Snapshot;
import dev.backstep.model.landscape.LossLandscape;
import dev.backstep.model.landscape.ParameterAxis;
import dev.backstep.trace.NetworkLabels;
import dev.backstep.view.SnapshotView;
import dev.backstep.view.Theme;
import dev.backstep.view.ViewSettings;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.util.Duration;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The loss landscape page: the loss over two chosen parameters around the network's current point (every other
 * parameter where it is), as a viridis heatmap with contour lines and a legend, and the path the two parameters
 * took during training drawn on it.
 *
 * <p>The grid ({@value #GRID}×{@value #GRID} forward passes over the whole training set) is computed on this view's
 * own worker thread from the snapshot's network copy, at most every {@value #MIN_INTERVAL_MS} ms while training
 * runs, and handed back to the FX thread once per computation. The path is recorded from the snapshots the page
 * sees; when the page opens on a network already trained, the earlier path is replayed on the worker from the
 * initial parameters and kept only if it ends exactly at the present (see {@link LossLandscape#replayPath}).
 *
 * <p>FX thread, except the computations on the worker.
 */
public final class LossLandscapeView implements SnapshotView {
    static final int GRID = 41;
    static final long MIN_INTERVAL_MS = 500;
    /** The replay is skipped when it would cost more multiply-adds than this (big networks, long runs). */
    private static final double REPLAY_BUDGET = 4e8;
    private static final int MAX_PATH = 20_000;

    private final ViewSettings settings;
    private final BorderPane root = new BorderPane();
    private final ComboBox<ParameterAxis> xChoice = new ComboBox<>();
    private final ComboBox<ParameterAxis> yChoice = new ComboBox<>();
    private final TextField range = new TextField("2");
    private final Label readout = new Label();
    private final Label title = new Label("Loss landscape");
    private final LandscapeCanvas canvas = new LandscapeCanvas();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "loss-landscape");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        return t;
    });
    private final PauseTransition later = new PauseTransition();

    private Snapshot latest;
    private NetworkDefinition definition;
    /** Increases whenever the axes, the range or the network change, so that stale results are dropped. */
    private long generation;
    private boolean computing;
    private long requestedAt;
    private long computedVersion = -1;
    private long computedGeneration = -1;
    private final PathRecord path = new PathRecord(MAX_PATH);
    private boolean replayAsked;

    public LossLandscapeView(ViewSettings settings) {
        this.settings = settings;
        createView();
        initListeners();
        applyTheme();
    }

    private void createView() {
        xChoice.setId("landscapeX");
        yChoice.setId("landscapeY");
        range.setId("landscapeRange");
        range.setPrefColumnCount(5);
        readout.setId("landscapeReadout");
        readout.setMinWidth(0);
        title.getStyleClass().add("pane-title");
        HBox bar = new HBox(12, title, label("x"), xChoice, label("y"), yChoice, label("range ±"), range, readout);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(8, 12, 6, 12));
        canvas.setId("landscapeCanvas");
        root.setTop(bar);
        root.setCenter(canvas);
        root.setId("landscapePage");
    }

    private static Label label(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("field-label");
        return label;
    }

    private void initListeners() {
        xChoice.valueProperty().addListener((o, was, is) -> axesChanged());
        yChoice.valueProperty().addListener((o, was, is) -> axesChanged());
        range.textProperty().addListener((o, was, is) -> {
            generation++;
            request();
        });
        settings.themeProperty().addListener((o, was, is) -> applyTheme());
        settings.fontScaleProperty().addListener((o, was, is) -> applyTheme());
        canvas.setOnHover(readout::setText);
        later.setOnFinished(e -> request());
    }

    private void applyTheme() {
        Theme theme = settings.themeProperty().get();
        double scale = settings.fontScaleProperty().get();
        root.setStyle(String.format(Locale.ROOT, "-fx-font-size: %.1fpx; -fx-background-color: %s;", 15 * scale,
                LandscapeCanvas.css(theme.background())));
        title.setStyle(String.format(Locale.ROOT, "-fx-font-size: %.1fpx;", 19 * scale));
        readout.setStyle("-fx-font-family: 'DejaVu Sans Mono', monospace; -fx-text-fill: "
                + LandscapeCanvas.css(theme.text()) + ";");
        canvas.setLook(theme, scale);
    }

    @Override
    public Node node() {
        return root;
    }

    @Override
    public void show(Snapshot snapshot) {
        latest = snapshot;
        if (snapshot.definition() != definition
                || snapshot.network().parameterCount() != (xChoice.getItems().isEmpty() ? -1 : countOf())) {
            definition = snapshot.definition();
            fillAxes(snapshot);
        }
        ParameterAxis x = xChoice.getValue();
        ParameterAxis y = yChoice.getValue();
        if (x == null || y == null) {
            return;
        }
        if (path.size() == 0 && snapshot.epoch() > 0 && !replayAsked) {
            replayAsked = true;
            replay(snapshot, x, y, generation);
        }
        path.record(snapshot.epoch(), x.value(snapshot.network()), y.value(snapshot.network()));
        canvas.setPath(path);
        request();
    }

    private int countOf() {
        return xChoice.getItems().size();
    }

    private void fillAxes(Snapshot s) {
        Network network = s.network();
        NetworkLabels labels = s.definition().labels();
        if (!java.util.Arrays.equals(labelSizes(labels), network.layerSizes())) {
            labels = NetworkLabels.defaults(network);
        }
        List<ParameterAxis> axes = ParameterAxis.all(network, labels);
        generation++;
        xChoice.getItems().setAll(axes);
        yChoice.getItems().setAll(axes);
        // Two weights into the same unit: the classic bowl-or-valley picture.
        int second = Math.min(axes.size() - 1, network.layer(1).size());
        xChoice.setValue(axes.get(0));
        yChoice.setValue(axes.get(second == 0 ? Math.min(1, axes.size() - 1) : second));
    }

    private static int[] labelSizes(NetworkLabels labels) {
        int[] sizes = new int[labels.layerCount()];
        for (int l = 0; l < sizes.length; l++) {
            sizes[l] = labels.size(l);
        }
        return sizes;
    }

    private void axesChanged() {
        generation++;
        path.clear();
        replayAsked = false;
        canvas.setGrid(null);
        computedVersion = -1;
        if (latest != null && xChoice.getValue() != null && yChoice.getValue() != null) {
            show(latest);
        }
    }

    /** The half range typed, or NaN (the field is marked) when it is not a positive number. */
    private double halfRange() {
        double value;
        try {
            value = Double.parseDouble(range.getText().trim().replace('−', '-'));
        } catch (NumberFormatException e) {
            value = Double.NaN;
        }
        boolean ok = value > 0 && Double.isFinite(value);
        range.getStyleClass().remove("invalid");
        if (!ok) {
            range.getStyleClass().add("invalid");
        }
        return ok ? value : Double.NaN;
    }

    /** Asks the worker for a new grid when something changed, at most every {@value #MIN_INTERVAL_MS} ms. */
    private void request() {
        if (latest == null || computing) {
            return;
        }
        ParameterAxis x = xChoice.getValue();
        ParameterAxis y = yChoice.getValue();
        double half = halfRange();
        if (x == null || y == null || Double.isNaN(half)) {
            return;
        }
        if (x.equals(y)) {
            canvas.setMessage("Choose two different parameters.");
            return;
        }
        if (latest.version() == computedVersion && generation == computedGeneration) {
            return;
        }
        long now = System.nanoTime();
        long wait = MIN_INTERVAL_MS - (now - requestedAt) / 1_000_000;
        if (generation == computedGeneration && wait > 0) {
            later.setDuration(Duration.millis(wait));
            later.playFromStart();
            return;
        }
        requestedAt = now;
        computing = true;
        Snapshot s = latest;
        long g = generation;
        worker.execute(() -> {
            LossLandscape.Grid grid = LossLandscape.compute(s.network(), s.trainingData(), x, y, half, half, GRID);
            Platform.runLater(() -> accept(grid, s.version(), g));
        });
    }

    private void accept(LossLandscape.Grid grid, long version, long g) {
        computing = false;
        if (g == generation) {
            computedVersion = version;
            computedGeneration = g;
            canvas.setGrid(grid);
        }
        request();
    }

    /** Replays the path so far on the worker; adopted only if still wanted and it ends at the present. */
    private void replay(Snapshot s, ParameterAxis x, ParameterAxis y, long g) {
        double cost = (double) s.epoch() * s.trainingData().size() * s.network().parameterCount() * 3;
        if (cost > REPLAY_BUDGET) {
            return;
        }
        Network initial = s.definition().newNetwork();
        worker.execute(() -> {
            double[][] replayed = LossLandscape.replayPath(initial, s.trainingData(), s.training(), s.optimizer(),
                    s.epoch(), x, y, s.network());
            if (replayed != null) {
                Platform.runLater(() -> {
                    if (g == generation) {
                        path.prepend(replayed);
                        canvas.setPath(path);
                    }
                });
            }
        });
    }

    /** Computes the path and the grid now, on the calling thread, for a screenshot. */
    @Override
    public void prepareScreenshot(long epochs) {
        if (latest == null || xChoice.getValue() == null) {
            return;
        }
        Snapshot s = latest;
        ParameterAxis x = xChoice.getValue();
        ParameterAxis y = yChoice.getValue();
        double[][] replayed = LossLandscape.replayPath(s.definition().newNetwork(), s.trainingData(), s.training(),
                s.optimizer(), s.epoch(), x, y, s.network());
        if (replayed != null) {
            path.prepend(replayed);
            canvas.setPath(path);
        }
        generation++;
        computedGeneration = generation;
        computedVersion = s.version();
        double half = halfRange();
        canvas.setGrid(LossLandscape.compute(s.network(), s.trainingData(), x, y, half, half, GRID));
    }

    // ---- for tests ----------------------------------------------------------------------------------------------

    /** The grid on screen, or null. */
    public LossLandscape.Grid grid() {
        return canvas.grid();
    }
}
