package dev.backstep.view.teach;

import dev.backstep.engine.Dataset;
import dev.backstep.engine.GradientCheck;
import dev.backstep.engine.Network;
import dev.backstep.io.NetworkDefinition;
import dev.backstep.model.Snapshot;
import dev.backstep.trace.NetworkLabels;
import dev.backstep.trace.Numbers;
import dev.backstep.view.SnapshotView;
import dev.backstep.view.ViewSettings;
import dev.backstep.view.graph.LayerGraphView;
import javafx.application.Platform;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * The gradient check as a page: for every parameter element, the analytic gradient from backpropagation beside the
 * five-point finite difference of the loss, their relative difference, sortable; the worst element is marked on a
 * layer graph beside the table. A check runs on its own thread on a copy of the snapshot's network (never the
 * training network), again whenever the network has taken a step and the last check is done.
 */
public final class GradientCheckView extends VBox implements SnapshotView {
    /** Elements checked at most (spread evenly over the parameters). */
    static final int MAX_ELEMENTS = 2000;
    /** Fewer on a large network: about this many multiply-adds in all (four forward passes per element). */
    static final double WORK = 2e8;
    /** But never fewer than this many. */
    static final int MIN_ELEMENTS = 50;
    /** Samples in the check's batch at most (the first ones of the training set). */
    static final int MAX_SAMPLES = 256;

    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "gradient-check");
        t.setDaemon(true);
        return t;
    });
    private final Label summary = new Label("No check yet.");
    private final Label scope = new Label();
    private final Button again = new Button("Check again");
    private final TableView<GradientCheckRow> table = new TableView<>();
    private final LayerGraphView graph;
    private Snapshot latest;
    /** What the last check (finished or running) was of: the definition and the number of steps taken. */
    private NetworkDefinition checkedDefinition;
    private long checkedStep = -1;
    private boolean running;
    /** The epoch of the check the table shows. */
    private long checkedEpoch;

    public GradientCheckView(ViewSettings settings) {
        setId("gradientCheckView");
        TeachStyles.apply(this, settings);
        Label title = new Label("Gradient check: backpropagation against finite differences");
        title.getStyleClass().add("teach-title");
        summary.setId("gradientCheckSummary");
        summary.getStyleClass().add("teach-summary");
        summary.setWrapText(true);
        scope.getStyleClass().add("teach-note");
        scope.setWrapText(true);
        again.setId("gradientCheckRun");
        again.setMinWidth(USE_PREF_SIZE);
        again.setOnAction(e -> {
            if (latest != null) {
                start(latest);
            }
        });
        HBox top = new HBox(12, summary, again);
        HBox.setHgrow(summary, Priority.ALWAYS);
        buildTable();
        graph = new LayerGraphView(settings);
        graph.setId("gradientCheckGraph");
        SplitPane split = new SplitPane(table, graph);
        split.setDividerPositions(0.5);
        VBox.setVgrow(split, Priority.ALWAYS);
        getChildren().setAll(title, top, scope, split);
    }

    private void buildTable() {
        table.setId("gradientCheckTable");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        table.setPlaceholder(new Label("Checking…"));
        TableColumn<GradientCheckRow, String> mark = column("", r -> (r.agrees() ? "✓" : "✗")
                + (r.worst() ? " worst" : ""), 0.16);
        mark.setSortable(false);
        TableColumn<GradientCheckRow, String> name = column("Parameter", GradientCheckRow::name, 0.24);
        TableColumn<GradientCheckRow, Double> analytic = numberColumn("Backprop", GradientCheckRow::analytic, 0.20);
        TableColumn<GradientCheckRow, Double> numeric = numberColumn("Finite diff.", GradientCheckRow::numeric, 0.20);
        TableColumn<GradientCheckRow, Double> relative = numberColumn("Rel. diff.",
                GradientCheckRow::relativeDifference, 0.20);
        relative.setSortType(TableColumn.SortType.DESCENDING);
        table.getColumns().setAll(List.of(mark, name, analytic, numeric, relative));
        table.getSortOrder().setAll(List.of(relative));
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(GradientCheckRow item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().remove("worst-row");
                if (item != null && !empty && item.worst()) {
                    getStyleClass().add("worst-row");
                }
            }
        });
    }

    private <T> TableColumn<GradientCheckRow, T> column(String title, Function<GradientCheckRow, T> value,
                                                        double share) {
        TableColumn<GradientCheckRow, T> c = new TableColumn<>(title);
        c.setCellValueFactory(f -> new SimpleObjectProperty<>(value.apply(f.getValue())));
        c.prefWidthProperty().bind(table.widthProperty().multiply(share).subtract(4));
        return c;
    }

    private TableColumn<GradientCheckRow, Double> numberColumn(String title, Function<GradientCheckRow, Double> value,
                                                               double share) {
        TableColumn<GradientCheckRow, Double> c = column(title, value, share);
        c.getStyleClass().add("number");
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(Double item, boolean empty) {
                super.updateItem(item, empty);
                setText(item == null || empty ? null : Numbers.format(item, 4, true));
            }
        });
        return c;
    }

    @Override
    public Node node() {
        return this;
    }

    @Override
    public void show(Snapshot snapshot) {
        latest = snapshot;
        graph.show(snapshot);
        long step = snapshot.epoch() * snapshot.stepsPerEpoch() + snapshot.stepInEpoch();
        if (!running && (snapshot.definition() != checkedDefinition || step != checkedStep)) {
            start(snapshot);
        }
    }

    /** Checks the snapshot's network on the thread of this view; the table fills in when it is done. */
    private void start(Snapshot snapshot) {
        running = true;
        checkedDefinition = snapshot.definition();
        checkedStep = snapshot.epoch() * snapshot.stepsPerEpoch() + snapshot.stepInEpoch();
        Network network = snapshot.network();
        Dataset data = snapshot.trainingData();
        NetworkLabels labels = snapshot.definition().labels();
        long epoch = snapshot.epoch();
        again.setDisable(true);
        if (!table.getItems().isEmpty()) {
            // Until the new check is done the table shows the last one: say so rather than show stale numbers as new.
            summary.setText("Checking the network at epoch " + epoch + "… (the table shows the last check, at epoch "
                    + checkedEpoch + ")");
        }
        worker.execute(() -> {
            Dataset batch = data.size() > MAX_SAMPLES ? data.slice(0, MAX_SAMPLES) : data;
            try {
                GradientCheck.Result result = GradientCheck.run(network, batch, elementsFor(network, batch.size()));
                List<GradientCheckRow> rows = new ArrayList<>();
                for (GradientCheck.Entry entry : result.entries()) {
                    rows.add(GradientCheckRow.of(entry, labels, entry == result.worst()));
                }
                rows.sort(java.util.Comparator.comparingDouble(GradientCheckRow::relativeDifference).reversed());
                Platform.runLater(() -> finished(rows, network.parameterCount(), batch.size(), data.size(),
                        epoch));
            } catch (RuntimeException e) {
                Platform.runLater(() -> failed(e));
            }
        });
    }

    /** How many elements fit the work budget: each costs four forward passes over the batch. */
    static int elementsFor(Network network, int samples) {
        double perElement = 4.0 * samples * Math.max(1, network.parameterCount());
        return (int) Math.max(MIN_ELEMENTS, Math.min(MAX_ELEMENTS, WORK / perElement));
    }

    private void finished(List<GradientCheckRow> rows, int parameters, int samples,
                          int allSamples, long epoch) {
        running = false;
        checkedEpoch = epoch;
        again.setDisable(false);
        table.setItems(FXCollections.observableArrayList(rows));
        table.sort();
        GradientCheckRow worst = rows.stream().filter(GradientCheckRow::worst).findFirst().orElse(null);
        if (worst == null) {
            summary.setText("The network has no parameters to check.");
            graph.mark(List.of(), "");
            return;
        }
        boolean ok = worst.agrees();
        summary.setText((ok ? "✓ Backpropagation agrees with finite differences" : "✗ Backpropagation and finite"
                + " differences disagree") + " at epoch " + epoch + ": largest relative difference "
                + Numbers.format(worst.relativeDifference(), 2, true) + " (" + worst.name().replaceAll(" +", " ")
                + "), tolerance " + Numbers.format(GradientCheck.DEFAULT_TOLERANCE, 1, true) + ".");
        scope.setText(rows.size() + " of " + parameters + " parameter elements, on " + (samples == allSamples
                ? "all " + samples : "the first " + samples + " of " + allSamples) + " training samples as one batch."
                + " Finite difference: (8(E(θ+h) − E(θ−h)) − (E(θ+2h) − E(θ−2h))) / 12h with h = 10⁻⁴,"
                + " on a copy of the network. The worst element is marked on the graph.");
        graph.mark(List.of(worst.element()), ok ? "worst ◆" : "worst ✗");
    }

    private void failed(RuntimeException e) {
        running = false;
        again.setDisable(false);
        summary.setText("The check could not run: " + e.getMessage());
    }

    /** The rows of the last finished check, as sorted on screen (for tests). */
    List<GradientCheckRow> rows() {
        return List.copyOf(table.getItems());
    }
}
