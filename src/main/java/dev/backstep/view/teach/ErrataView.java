package dev.backstep.view.teach;

import dev.backstep.io.NetworkDefinition;
import dev.backstep.model.Snapshot;
import dev.backstep.trace.Errata;
import dev.backstep.trace.Numbers;
import dev.backstep.trace.Published;
import dev.backstep.view.SnapshotView;
import dev.backstep.view.UserActions;
import dev.backstep.view.ViewSettings;
import javafx.collections.FXCollections;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.util.List;
import java.util.function.Function;

/**
 * The errata of a worked example: each number its source printed beside the exact value rounded to the same
 * precision, wrong ones marked with ✗ (and the theme's warning colour), and how many are wrong in all. Clicking a
 * row (or Enter on it) moves the term cursor to that term, so the graph and the formula show where the source went
 * astray. Networks without printed values get a placeholder that says where to find one.
 *
 * <p>The check runs the network's first training step; networks that carry printed values are small worked
 * examples, so it is done on the FX thread when a network is opened and never again for it.
 */
public final class ErrataView extends VBox implements SnapshotView {
    private static final String NEXT = "next.";

    private final UserActions actions;
    private final Label title = new Label("Errata");
    private final Label summary = new Label();
    private final Label note = new Label();
    private final Label placeholder = new Label();
    private final TableView<Errata.Entry> table = new TableView<>();
    private NetworkDefinition checked;
    private Snapshot latest;

    public ErrataView(ViewSettings settings, UserActions actions) {
        this.actions = actions;
        setId("errataView");
        TeachStyles.apply(this, settings);
        title.getStyleClass().add("teach-title");
        summary.setId("errataSummary");
        summary.getStyleClass().add("teach-summary");
        summary.setWrapText(true);
        note.getStyleClass().add("teach-note");
        note.setWrapText(true);
        placeholder.setId("errataPlaceholder");
        placeholder.getStyleClass().add("teach-placeholder");
        placeholder.setWrapText(true);
        buildTable();
        // Compact rows of a fixed height, so that the short side tab shows as many as it can, whole.
        table.fixedCellSizeProperty().bind(settings.fontScaleProperty().multiply(1.7 * 14));
        VBox.setVgrow(table, Priority.ALWAYS);
        table.heightProperty().addListener((o, a, b) -> scrollToSelected());
        getChildren().setAll(title, placeholder);
    }

    private void buildTable() {
        table.setId("errataTable");
        table.setTooltip(new Tooltip("Click a row (or Enter) to show its term on the graph and in the formula;"
                + " next. marks the forward pass repeated after the update."));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        TableColumn<Errata.Entry, Errata.Entry> verdict = column("", e -> e, 0.22);
        verdict.setCellFactory(c -> new VerdictCell());
        TableColumn<Errata.Entry, String> term = column("Term", e -> e.published().term(), 0.30);
        TableColumn<Errata.Entry, String> printed = column("Printed", e -> e.published().printed()
                .replace('-', '−'), 0.24);
        // The exact value at the printed precision (what the source should have printed); full digits in the tooltip.
        TableColumn<Errata.Entry, String> rounded = column("Exact", ErrataView::roundedText, 0.24);
        for (TableColumn<Errata.Entry, ?> c : List.of(printed, rounded)) {
            c.getStyleClass().add("number");
        }
        table.getColumns().setAll(List.of(verdict, term, printed, rounded));
        table.setRowFactory(t -> {
            TableRow<Errata.Entry> row = new TableRow<>() {
                @Override
                protected void updateItem(Errata.Entry item, boolean empty) {
                    super.updateItem(item, empty);
                    setTooltip(item == null || empty ? null : new Tooltip(describe(item)));
                }
            };
            row.setOnMouseClicked(e -> {
                if (!row.isEmpty()) {
                    seek(row.getItem());
                }
            });
            return row;
        });
        table.setOnKeyPressed(e -> {
            Errata.Entry selected = table.getSelectionModel().getSelectedItem();
            if (e.getCode() == KeyCode.ENTER && selected != null) {
                seek(selected);
            }
        });
    }

    private <T> TableColumn<Errata.Entry, T> column(String name, Function<Errata.Entry, T> value, double share) {
        TableColumn<Errata.Entry, T> c = new TableColumn<>(name);
        c.setCellValueFactory(f -> new javafx.beans.property.SimpleObjectProperty<>(value.apply(f.getValue())));
        c.setSortable(false);
        c.prefWidthProperty().bind(table.widthProperty().multiply(share).subtract(4));
        return c;
    }

    private static String roundedText(Errata.Entry e) {
        if (!e.checked()) {
            return "no such term";
        }
        return e.rounded() == null ? Numbers.format(e.exact(), true) : e.rounded().toPlainString().replace('-', '−');
    }

    private static String describe(Errata.Entry e) {
        String where = e.published().term().startsWith(NEXT) ? "the forward pass repeated after the first update"
                : "the first training step";
        String label = e.published().label().isEmpty() ? "" : ", the source's " + e.published().label();
        String text = e.published().term() + label + " (" + where + ")\nprinted " + e.published().printed() + ", exact "
                + Numbers.exact(e.exact());
        if (!e.problem().isEmpty()) {
            text = e.problem();
        }
        text = e.published().note().isEmpty() ? text : text + "\nsource: " + e.published().note();
        return text + "\nClick (or Enter): show this term on the graph and in the formula.";
    }

    /**
     * Moves the term cursor to an entry's term in the step the source meant: the first step for a plain term, the
     * second for a {@code next.} one. From the second step back to the first, the cursor first goes back over the
     * step boundary (exact: the step's application is undone); from later steps it stays in the step on screen.
     */
    private void seek(Errata.Entry entry) {
        if (!entry.checked() || latest == null) {
            return;
        }
        String term = entry.published().term();
        boolean next = term.startsWith(NEXT);
        String key = next ? term.substring(NEXT.length()) : term;
        long meant = next ? 1 : 0;
        long onScreen = stepOnScreen(latest);
        if (meant == onScreen + 1) {
            actions.seekTerm(NEXT + key);
            return;
        }
        if (meant == onScreen - 1) {
            if (latest.trace() != null && !latest.traceApplied()) {
                actions.seek(0);
            }
            actions.stepBack();
        }
        actions.seekTerm(key);
    }

    /** Which step of the run (0 for the first) is being revealed, was just applied, or is next. */
    private static long stepOnScreen(Snapshot snapshot) {
        long stepsDone = snapshot.epoch() * snapshot.stepsPerEpoch() + snapshot.stepInEpoch();
        return snapshot.trace() != null && snapshot.traceApplied() ? stepsDone - 1 : stepsDone;
    }

    @Override
    public Node node() {
        return this;
    }

    @Override
    public void show(Snapshot snapshot) {
        latest = snapshot;
        if (snapshot.definition() != checked) {
            check(snapshot.definition());
        }
        long stepsDone = snapshot.epoch() * snapshot.stepsPerEpoch() + snapshot.stepInEpoch();
        long onScreen = stepOnScreen(snapshot);
        // The second step is where the source's repeated forward pass (next. rows) lives; later ones are not its.
        boolean later = onScreen > 1;
        note.setText(later ? "The printed values are about the first training step; the network has taken "
                + stepsDone + (stepsDone == 1 ? " step" : " steps") + " since, so a click shows the term in the step on"
                + " screen. Reset (R) returns to the first step." : "");
        // The side tab is short: the hint goes away whenever there is nothing to warn about.
        note.setVisible(later);
        note.setManaged(later);
        selectCurrentTerm(snapshot, onScreen);
    }

    /** Selects the row of the term on screen, if the source printed it: the table follows the term cursor. */
    private void selectCurrentTerm(Snapshot snapshot, long onScreen) {
        if (snapshot.currentTerm() == null || onScreen > 1) {
            return;
        }
        String key = (onScreen == 1 ? NEXT : "") + snapshot.currentTerm().key();
        for (Errata.Entry entry : table.getItems()) {
            if (entry.published().term().equals(key)) {
                if (table.getSelectionModel().getSelectedItem() != entry) {
                    table.getSelectionModel().select(entry);
                    scrollToSelected();
                }
                return;
            }
        }
    }

    /** Shows the selected row second from the top (whole rows: the scroll position is set after layout). */
    private void scrollToSelected() {
        int index = table.getSelectionModel().getSelectedIndex();
        if (index >= 0) {
            javafx.application.Platform.runLater(() -> table.scrollTo(Math.max(0, index - 1)));
        }
    }

    private void check(NetworkDefinition definition) {
        checked = definition;
        Published published = definition.published();
        if (published == null || published.values().isEmpty()) {
            placeholder.setText(definition.name() + " carries no values printed by a source, so there is nothing to"
                    + " check here. Open the sample slides-035-07 (File › Samples) to see a worked example's printed"
                    + " numbers beside the exact ones.");
            table.setItems(FXCollections.emptyObservableList());
            getChildren().setAll(title, placeholder);
            return;
        }
        try {
            List<Errata.Entry> entries = Errata.check(published, definition.newTrainer(), definition.labels());
            long wrong = entries.stream().filter(e -> !e.agrees()).count();
            summary.setText("Errata: " + wrong + " of " + entries.size() + " printed values are wrong");
            summary.setTooltip(new Tooltip("Source: " + (published.source().isEmpty() ? "not named"
                    : published.source()) + "\nExact values of the first training step, notation "
                    + published.notation().id() + "; a printed value agrees when the exact one rounds to it."));
            table.setItems(FXCollections.observableArrayList(entries));
            getChildren().setAll(summary, table, note);
        } catch (RuntimeException e) {
            placeholder.setText("The printed values of " + definition.name() + " cannot be checked: " + e.getMessage());
            getChildren().setAll(title, placeholder);
        }
    }

    /** ✓ or ✗ with a word: the verdict never rests on colour alone. */
    private static final class VerdictCell extends TableCell<Errata.Entry, Errata.Entry> {
        @Override
        protected void updateItem(Errata.Entry item, boolean empty) {
            super.updateItem(item, empty);
            getStyleClass().removeAll("wrong", "agrees");
            if (item == null || empty) {
                setText(null);
                return;
            }
            boolean agrees = item.agrees();
            setText(agrees ? "✓ ok" : "✗ wrong");
            getStyleClass().add(agrees ? "agrees" : "wrong");
        }
    }

    /** The entries shown, for tests. */
    List<Errata.Entry> entries() {
        return table.getItems();
    }
}
