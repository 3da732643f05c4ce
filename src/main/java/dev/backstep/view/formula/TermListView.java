package dev.backstep.view.formula;

import dev.backstep.model.Snapshot;
import dev.backstep.trace.Numbers;
import dev.backstep.trace.Phase;
import dev.backstep.trace.StepTrace;
import dev.backstep.trace.Term;
import dev.backstep.view.Theme;
import dev.backstep.view.ViewSettings;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.collections.ObservableListBase;
import javafx.css.PseudoClass;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;

/**
 * Every term of the step being revealed, one line each ("11  B  δ₅ = −0.0367703"): revealed terms in full colour,
 * the ones still to come dimmed but readable (students look ahead), the current term selected and kept in view.
 * Clicking a term moves there: {@link #setOnSeek(IntConsumer)} receives the position that reveals it (its index
 * + 1).
 *
 * <p>Virtualised for traces of millions of terms: the items are the term <em>indices</em>, from a list facade of
 * the trace's size that holds nothing, and a {@link Term} is built only when a visible cell shows it; cells have a
 * fixed height. A layout class that builds itself and then only listens: {@link #show(Snapshot)} on the FX thread
 * at most once per frame, which does nothing when the trace object and position are the ones shown.
 */
public final class TermListView extends ListView<Integer> {
    private static final PseudoClass UNREVEALED = PseudoClass.getPseudoClass("unrevealed");
    private static final PseudoClass PHASE_START = PseudoClass.getPseudoClass("phase-start");
    /** Line height in px at the stylesheet's 17 px font. */
    static final double CELL_HEIGHT = 30;

    private final ViewSettings settings;
    private final IntegerProperty position = new SimpleIntegerProperty(this, "position", 0);
    private final AtomicLong termsBuilt = new AtomicLong();
    private StepTrace trace;
    private Indices indices = new Indices(null);
    /** A row to bring into view at the next layout (the flow knows which rows are visible only after one). */
    private int pendingReveal = -1;
    private IntConsumer onSeek = p -> { };
    private boolean updating;

    /** Builds the list, empty until the first {@link #show(Snapshot)}. FX thread. */
    /** The row height at the presentation scale (the text is sized in em of the root font). */
    private double cellHeight() {
        return CELL_HEIGHT * settings.fontScaleProperty().get();
    }

    public TermListView(ViewSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        createView();
        initListeners();
    }

    private void createView() {
        setId("termList");
        getStyleClass().add("term-list");
        getStylesheets().add(FormulaStyles.URI);
        setFixedCellSize(cellHeight());
        setItems(indices);
        setCellFactory(list -> new TermCell());
        Label empty = new Label("No step in progress.\nPress → or PageDown to reveal the first term.");
        empty.setId("termListPlaceholder");
        setPlaceholder(empty);
        applyTheme(settings.themeProperty().get());
    }

    private void initListeners() {
        settings.themeProperty().addListener((obs, was, theme) -> applyTheme(theme));
        settings.fontScaleProperty().addListener((obs, was, scale) -> setFixedCellSize(cellHeight()));
        getSelectionModel().selectedIndexProperty().addListener((obs, was, now) -> {
            int index = now.intValue();
            if (!updating && trace != null && index >= 0 && index + 1 != position.get()) {
                onSeek.accept(index + 1);
            }
        });
    }

    private void applyTheme(Theme theme) {
        setStyle(FormulaStyles.tokens(theme));
    }

    /** What to call with a position (terms revealed, 1 to the trace's size) when the user picks a term. */
    public void setOnSeek(IntConsumer handler) {
        onSeek = handler == null ? p -> { } : handler;
    }

    /** Terms revealed of the trace shown. */
    public ReadOnlyIntegerProperty positionProperty() {
        return position;
    }

    /** How many {@link Term}s the cells have asked the trace for (built or found in its cache) since creation. */
    public long termsBuilt() {
        return termsBuilt.get();
    }

    /** The trace shown, or null. */
    public StepTrace trace() {
        return trace;
    }

    /**
     * Shows the snapshot's trace with its current term selected. FX thread; nothing to do when the trace object and
     * position are the ones already shown.
     */
    public void show(Snapshot snapshot) {
        StepTrace nextTrace = snapshot == null ? null : snapshot.trace();
        int nextPosition = nextTrace == null ? 0 : snapshot.tracePosition();
        if (nextTrace == trace && nextPosition == position.get()) {
            return;
        }
        updating = true;
        try {
            if (nextTrace != trace) {
                trace = nextTrace;
                indices = new Indices(nextTrace);
                setItems(indices);
            }
            position.set(nextPosition);
            select(nextPosition);
        } finally {
            updating = false;
        }
    }

    private void select(int revealed) {
        int current = revealed - 1;
        if (current < 0) {
            getSelectionModel().clearSelection();
            scrollRowToTop(0);
            return;
        }
        getSelectionModel().clearAndSelect(current);
        getFocusModel().focus(current);
        if (!revealInView(current)) {
            pendingReveal = current;
            requestLayout();
        }
    }

    @Override
    protected void layoutChildren() {
        super.layoutChildren();
        if (pendingReveal >= 0 && pendingReveal < indices.size()) {
            int index = pendingReveal;
            if (revealInView(index)) {
                pendingReveal = -1;
            } else if (getHeight() > 0) {
                // No cell laid out yet but the list has a size: put the row a third from the top now.
                pendingReveal = -1;
                scrollRowToTop(Math.max(0, index - visibleRows() / 3));
            }
        } else {
            pendingReveal = -1;
        }
    }

    private int visibleRows() {
        return (int) Math.max(1, getHeight() / cellHeight());
    }

    /**
     * Scrolls only when the row is not comfortably visible, leaving it a third from the top (room to look ahead).
     * False when the list has not been laid out yet and cannot tell.
     */
    private boolean revealInView(int index) {
        VirtualFlow<?> flow = flow();
        if (flow == null || flow.getFirstVisibleCell() == null || flow.getLastVisibleCell() == null) {
            return false;
        }
        int first = flow.getFirstVisibleCell().getIndex();
        int last = flow.getLastVisibleCell().getIndex();
        if (index > first && index < last) {
            return true;
        }
        int rows = Math.max(1, last - first);
        scrollRowToTop(Math.max(0, index - rows / 3));
        return true;
    }

    /**
     * Puts a row exactly at the top. {@code ListView.scrollTo} may leave a row half cut off at the top (the flow
     * maps an index to a position as a fraction of all rows but lays out a position as a fraction of the
     * scrollable length); with a fixed cell height the exact position is known.
     */
    private void scrollRowToTop(int index) {
        VirtualFlow<?> flow = flow();
        double viewport = flow == null ? 0 : flow.getHeight();
        double total = indices.size() * cellHeight();
        if (flow == null || viewport <= 0) {
            scrollTo(index);
        } else if (total <= viewport) {
            flow.setPosition(0);
        } else {
            flow.setPosition(Math.min(1, Math.max(0, index * cellHeight() / (total - viewport))));
        }
    }

    private VirtualFlow<?> flow() {
        for (javafx.scene.Node n : lookupAll(".virtual-flow")) {
            if (n instanceof VirtualFlow<?> f) {
                return f;
            }
        }
        return null;
    }

    /** One line of a term in Unicode: "11  B  δ₅ = −0.0367703" (the index counted from 1). */
    public static String line(Term term) {
        return (term.index() + 1) + "  " + initial(term.phase()) + "  " + term.symbol().text() + " = "
                + Numbers.format(term.value(), true);
    }

    /** F, L, B or U. */
    static String initial(Phase phase) {
        return switch (phase) {
            case FORWARD -> "F";
            case LOSS -> "L";
            case BACKWARD -> "B";
            case UPDATE -> "U";
        };
    }

    private Term termAt(int index) {
        termsBuilt.incrementAndGet();
        return trace.term(index);
    }

    /**
     * The indices 0 … size − 1 of a trace as a list that stores nothing: {@code get(i)} is {@code i}.
     */
    static final class Indices extends ObservableListBase<Integer> {
        private final int size;

        Indices(StepTrace trace) {
            this.size = trace == null ? 0 : trace.size();
        }

        @Override
        public Integer get(int index) {
            Objects.checkIndex(index, size);
            return index;
        }

        @Override
        public int size() {
            return size;
        }

        @Override
        public int indexOf(Object o) {
            return o instanceof Integer i && i >= 0 && i < size ? i : -1;
        }

        @Override
        public int lastIndexOf(Object o) {
            return indexOf(o);
        }

        @Override
        public boolean contains(Object o) {
            return indexOf(o) >= 0;
        }
    }

    /** A line: index, phase initial, then "symbol = value". */
    private final class TermCell extends ListCell<Integer> {
        private final Label index = new Label();
        private final Label phase = new Label();
        private final Label text = new Label();
        private final Label value = new Label();
        private final HBox box = new HBox(10, index, phase, text, value);
        private int shownIndex = -1;
        private Term term;
        private StepTrace builtFrom;

        TermCell() {
            index.getStyleClass().add("term-index");
            index.setMinWidth(Region.USE_PREF_SIZE);
            phase.getStyleClass().add("term-phase");
            phase.setMinWidth(Region.USE_PREF_SIZE);
            text.getStyleClass().add("term-text");
            text.setMinWidth(0);
            value.getStyleClass().add("term-value");
            value.setMinWidth(Region.USE_PREF_SIZE);
            box.setSpacing(7);
            // The cells take the list's width: no horizontal scroll bar; a long symbol is cut with an ellipsis,
            // never its value.
            setPrefWidth(0);
            box.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
            setText(null);
            position.addListener((obs, was, now) -> updateRevealed());
        }

        @Override
        protected void updateItem(Integer item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null || trace == null || item >= trace.size()) {
                shownIndex = -1;
                term = null;
                setGraphic(null);
                pseudoClassStateChanged(UNREVEALED, false);
                pseudoClassStateChanged(PHASE_START, false);
                return;
            }
            int i = item;
            if (i != shownIndex || term == null || builtFrom != trace) {
                term = termAt(i);
                shownIndex = i;
                builtFrom = trace;
                index.setText(Integer.toString(i + 1));
                index.setPrefWidth(digitsWidth());
                phase.setText(initial(term.phase()));
                phase.getStyleClass().removeAll("forward", "loss", "backward", "update");
                phase.getStyleClass().add(term.phase().id());
                text.setText(term.symbol().text());
                value.setText("=\u00a0" + Numbers.format(term.value(), true));
            }
            setGraphic(box);
            pseudoClassStateChanged(PHASE_START, i > 0 && trace.phaseAt(i - 1) != term.phase());
            updateRevealed();
        }


        private double digitsWidth() {
            int digits = Integer.toString(Math.max(1, trace.size())).length();
            return 10 * digits + 4;
        }

        private void updateRevealed() {
            pseudoClassStateChanged(UNREVEALED, shownIndex >= 0 && shownIndex >= position.get());
        }
    }
}
