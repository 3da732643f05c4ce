package dev.backstep.view.formula;

import dev.backstep.engine.OptimizerKind;
import dev.backstep.model.Snapshot;
import dev.backstep.trace.Expr;
import dev.backstep.trace.Notation;
import dev.backstep.trace.Numbers;
import dev.backstep.trace.Phase;
import dev.backstep.trace.StepTrace;
import dev.backstep.trace.Term;
import dev.backstep.view.Theme;
import dev.backstep.view.ViewSettings;
import javafx.beans.property.DoubleProperty;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.scene.AccessibleRole;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.IntConsumer;

/**
 * The current chain-rule term, big enough to read from the back of a lecture hall:
 * <pre>
 *   [Backward pass]  term 11 of 35   o1
 *   slides notation: δ = −∂E/∂z, Δw = +ηδO
 *
 *   δ₅ = y₅(1 − y₅)(t − y₅)
 *      = 0.665074 · (1 − 0.665074) · (0.5 − 0.665074)
 *   ┃ δ₅ = −0.0367703
 *
 *   the deltas of the units it feeds, each times its weight
 *   Uses  y₅ = 0.665074   t = 0.5
 * </pre>
 * The formulas are LaTeX rendered by JLaTeXMath ({@link LatexImages}); a line too wide for the panel is rendered
 * smaller, never cut off. Before the first term of a step it shows how to start and what the next step is.
 *
 * <p>A layout class that builds itself and then only listens: {@link #show(Snapshot)} (FX thread, at most once per
 * frame) and the theme of the {@link ViewSettings}. Clicking a term it uses calls {@link #setOnSeek(IntConsumer)}
 * with the position that reveals that term. Node ids for tests: {@code formulaPanel}, {@code formulaPhase},
 * {@code formulaProgress}, {@code formulaElement}, {@code formulaNotation}, {@code formulaScroll}, {@code formulaLines},
 * {@code formulaSymbol}, {@code formulaValue}, {@code formulaNote}, {@code formulaUses}, {@code formulaHint},
 * {@code formulaNext}.
 */
public final class FormulaPanel extends VBox {
    /** Formula glyph size in px: about 30 reads from the back row on a 1280×800 projector. */
    public static final double DEFAULT_FORMULA_SIZE = 30;
    /** At most this many used terms are listed (a sum over 784 inputs uses 1,568). */
    static final int MAX_USES_SHOWN = 8;

    private final ViewSettings settings;
    private final DoubleProperty formulaSize = new SimpleDoubleProperty(this, "formulaSize", DEFAULT_FORMULA_SIZE);

    private final Label phase = new Label();
    private final Label progress = new Label();
    private final Label element = new Label();
    private final Label notation = new Label();
    private final FormulaLines lines;
    private final Label symbol = new Label();
    private final Label equals = new Label("=");
    private final Label value = new Label();
    private final HBox result = new HBox(symbol, equals, value);
    private final ShrinkToFit resultFit = new ShrinkToFit(result);
    private final Label note = new Label();
    private final FlowPane uses = new FlowPane();
    private final VBox termBox = new VBox();
    private final ScrollPane termScroll = new ScrollPane(termBox);
    private final Label hint = new Label();
    private final Label next = new Label();
    private final VBox hintBox = new VBox(hint, next);

    private final ChangeListener<Number> outputScale = this::outputScaleChanged;
    private Window window;
    private IntConsumer onSeek = position -> { };
    private Snapshot shown;
    private Term shownTerm;
    private StepTrace shownTrace;

    /** Builds the panel; it shows nothing until the first {@link #show(Snapshot)}. FX thread. */
    public FormulaPanel(ViewSettings settings) {
        this(settings, LatexImages.shared());
    }

    FormulaPanel(ViewSettings settings, LatexImages images) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.lines = new FormulaLines(Objects.requireNonNull(images, "images"));
        LatexImages.preload();
        createView();
        initListeners();
        applyTheme(settings.themeProperty().get());
        showNothing(null);
    }

    private void createView() {
        setId("formulaPanel");
        getStyleClass().add("formula-panel");
        getStylesheets().add(FormulaStyles.URI);
        setFillWidth(true);
        setMinWidth(0);

        phase.setId("formulaPhase");
        phase.getStyleClass().add("phase-chip");
        phase.setMinWidth(Region.USE_PREF_SIZE);
        progress.setId("formulaProgress");
        progress.getStyleClass().add("formula-progress");
        progress.setMinWidth(Region.USE_PREF_SIZE);
        element.setId("formulaElement");
        element.getStyleClass().add("formula-element");
        element.setMinWidth(0);
        FlowPane headerRow = new FlowPane(phase, progress, element);
        headerRow.getStyleClass().add("formula-header-row");
        notation.setId("formulaNotation");
        notation.getStyleClass().add("formula-notation");
        notation.setMinWidth(0);
        notation.setWrapText(true);
        notation.setMinHeight(Region.USE_PREF_SIZE);
        VBox header = new VBox(headerRow, notation);
        header.getStyleClass().add("formula-header");

        lines.setId("formulaLines");
        lines.setAccessibleRole(AccessibleRole.TEXT);
        symbol.setId("formulaSymbol");
        symbol.setMinWidth(Region.USE_PREF_SIZE);
        equals.getStyleClass().add("formula-equals");
        equals.setMinWidth(Region.USE_PREF_SIZE);
        value.setId("formulaValue");
        value.setMinWidth(Region.USE_PREF_SIZE);
        result.setId("formulaResult");
        result.getStyleClass().add("formula-result");
        result.setMinWidth(Region.USE_PREF_SIZE);
        result.setMaxWidth(Region.USE_PREF_SIZE);
        note.setId("formulaNote");
        note.getStyleClass().add("formula-note");
        note.setMinHeight(Region.USE_PREF_SIZE);
        uses.setId("formulaUses");
        uses.getStyleClass().add("formula-uses");
        termBox.setSpacing(16);
        termBox.getChildren().addAll(new LinesWithResult(lines, resultFit), note, uses);
        termBox.getStyleClass().add("formula-term");
        // A formula broken into many rows on a small panel scrolls rather than being cut off at the bottom.
        termScroll.setId("formulaScroll");
        termScroll.setFitToWidth(true);
        termScroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        termScroll.setVbarPolicy(ScrollPane.ScrollBarPolicy.AS_NEEDED);
        termScroll.setFocusTraversable(false);
        termScroll.setMinHeight(0);
        VBox.setVgrow(termScroll, Priority.SOMETIMES);

        hint.setId("formulaHint");
        hint.getStyleClass().add("formula-hint");
        hint.setMinHeight(Region.USE_PREF_SIZE);
        next.setId("formulaNext");
        next.getStyleClass().add("formula-next");
        next.setMinHeight(Region.USE_PREF_SIZE);
        hintBox.setSpacing(10);

        getChildren().addAll(header, termScroll, hintBox);
    }

    private void initListeners() {
        settings.themeProperty().addListener((obs, was, theme) -> applyTheme(theme));
        formulaSize.addListener((obs, was, size) -> applyFormulaStyle());
        // Sharp formulas on a HiDPI screen: render at the window's output scale, whichever window shows the panel.
        sceneProperty().flatMap(Scene::windowProperty).addListener((obs, was, now) -> trackRenderScale(now));
    }

    private void outputScaleChanged(ObservableValue<? extends Number> obs, Number was, Number now) {
        lines.setRenderScale(now.doubleValue());
    }

    private void trackRenderScale(Window next) {
        if (window != null) {
            window.outputScaleXProperty().removeListener(outputScale);
        }
        window = next;
        if (window != null) {
            lines.setRenderScale(window.getOutputScaleX());
            window.outputScaleXProperty().addListener(outputScale);
        }
    }

    /** The glyph size of the formulas in px (the value below them is a third larger). FX thread. */
    public DoubleProperty formulaSizeProperty() {
        return formulaSize;
    }

    /** What to call with a position (terms revealed) when a used term is clicked. */
    public void setOnSeek(IntConsumer handler) {
        onSeek = handler == null ? position -> { } : handler;
    }

    /**
     * Shows the snapshot's current term, or how to start when there is none. FX thread; cheap when the trace,
     * position and notation are the ones already shown.
     */
    public void show(Snapshot snapshot) {
        StepTrace trace = snapshot == null ? null : snapshot.trace();
        if (trace != null && trace == shownTrace && shown != null && shownTerm != null
                && shown.tracePosition() == snapshot.tracePosition()
                && shown.traceApplied() == snapshot.traceApplied()) {
            shown = snapshot;
            return;
        }
        Term term = snapshot == null ? null : snapshot.currentTerm();
        shown = snapshot;
        shownTerm = term;
        shownTrace = trace;
        if (term == null) {
            showNothing(snapshot);
        } else {
            showTerm(snapshot, trace, term);
        }
    }

    /** The snapshot last shown, or null. */
    public Snapshot shown() {
        return shown;
    }

    /** True when every formula line shown was rendered by JLaTeXMath (none fell back to plain text). */
    public boolean formulasRendered() {
        return lines.allRendered();
    }

    // ---- the term --------------------------------------------------------------------------------------------------

    private void showTerm(Snapshot snapshot, StepTrace trace, Term term) {
        setVisibleManaged(termScroll, true);
        setVisibleManaged(hintBox, false);
        setPhase(term.phase());
        String step = "term " + (term.index() + 1) + " of " + trace.size();
        progress.setText(snapshot.traceApplied() ? step + " · step applied" : step);
        String where = where(term, trace);
        if (trace.sampleCount() > 1 && !term.sampleLabel().isEmpty()) {
            where += " · " + term.sampleLabel();
        }
        element.setText(where);
        notation.setText(notationLine(trace.notation(), snapshot.optimizer() == null ? OptimizerKind.SGD
                : snapshot.optimizer().kind()));

        List<String> latex = latexOf(term);
        lines.setLines(latex.get(0), latex.subList(1, latex.size()));
        lines.setAccessibleText(term.textLine());
        applyFormulaStyle();
        symbol.setText(term.symbol().text());
        value.setText(Numbers.format(term.value(), true));

        note.setText(term.note());
        setVisibleManaged(note, !term.note().isEmpty());
        showUses(trace, term);
    }

    /**
     * The LaTeX the panel renders for a term: the symbol, then "= formula", then "= the formula with numbers"
     * unless that is just the value (as {@link Term#latexLine()} does).
     */
    public static List<String> latexOf(Term term) {
        List<String> out = new ArrayList<>(3);
        out.add(term.symbol().latex());
        out.add("{} = " + term.formula().latex());
        if (!(term.substituted() instanceof Expr.Num)) {
            out.add("{} = " + term.substituted().latex());
        }
        return out;
    }

    private void showUses(StepTrace trace, Term term) {
        uses.getChildren().clear();
        int[] used = term.uses();
        if (used.length == 0) {
            setVisibleManaged(uses, false);
            return;
        }
        setVisibleManaged(uses, true);
        Label title = new Label("Uses");
        title.getStyleClass().add("uses-title");
        uses.getChildren().add(title);
        int shownCount = Math.min(used.length, MAX_USES_SHOWN);
        for (int i = 0; i < shownCount; i++) {
            uses.getChildren().add(useChip(trace.term(used[i])));
        }
        if (used.length > shownCount) {
            Label more = new Label("and " + (used.length - shownCount) + " more");
            more.getStyleClass().add("uses-title");
            uses.getChildren().add(more);
        }
    }

    private Node useChip(Term used) {
        String text = used.symbol().text() + " = " + Numbers.format(used.value(), true);
        Hyperlink link = new Hyperlink(text);
        link.getStyleClass().add("use");
        link.setId("formulaUse" + used.index());
        link.setTooltip(new Tooltip("term " + (used.index() + 1) + ": " + used.textLine()
                + "\nClick to go back to this term"));
        link.setOnAction(e -> onSeek.accept(used.index() + 1));
        link.setFocusTraversable(false);
        return link;
    }

    private void setPhase(Phase p) {
        phase.setText(phaseName(p));
        phase.getStyleClass().removeAll("forward", "loss", "backward", "update");
        phase.getStyleClass().add(p.id());
    }

    /** "Forward pass", "Loss", "Backward pass", "Update". */
    public static String phaseName(Phase p) {
        return switch (p) {
            case FORWARD -> "Forward pass";
            case LOSS -> "Loss";
            case BACKWARD -> "Backward pass";
            case UPDATE -> "Update";
        };
    }

    /**
     * The notation and its sign conventions in one line, e.g. "slides notation: δ = −∂E/∂z, Δw = +ηδO"; for an
     * optimizer other than plain SGD the update rule is its own.
     */
    public static String notationLine(Notation n, OptimizerKind optimizer) {
        String delta = switch (n) {
            case Z_A -> "δ = ∂E/∂z";
            case NET_OUT -> "δ = ∂E/∂net";
            case SLIDES -> "δ = −∂E/∂z";
        };
        String update = switch (optimizer == null ? OptimizerKind.SGD : optimizer) {
            case SGD -> n == Notation.SLIDES ? "Δw = +ηδO" : "Δw = −η ∂E/∂w";
            case MOMENTUM -> "momentum: Δw = −η v";
            case NESTEROV -> "Nesterov: Δw = −η (g + μv)";
            case ADAGRAD -> "Adagrad: Δw = −η g / (√s + ε)";
            case RMSPROP -> "RMSprop: Δw = −η g / (√s + ε)";
            case ADAM -> "Adam: Δw = −η m̂ / (√v̂ + ε)";
        };
        return n.id() + " notation: " + delta + ", " + update;
    }

    // ---- no term -------------------------------------------------------------------------------------------------

    private void showNothing(Snapshot snapshot) {
        setVisibleManaged(termScroll, false);
        setVisibleManaged(hintBox, true);
        lines.setLines("", List.of());
        symbol.setText("");
        value.setText("");
        note.setText("");
        uses.getChildren().clear();
        phase.setText(snapshot != null && snapshot.running() ? "Training" : "Ready");
        phase.getStyleClass().removeAll("forward", "loss", "backward", "update");
        progress.setText(snapshot == null ? "" : stepPosition(snapshot));
        element.setText("");
        notation.setText(snapshot == null || snapshot.notation() == null ? ""
                : notationLine(snapshot.notation(), snapshot.optimizer() == null ? OptimizerKind.SGD
                        : snapshot.optimizer().kind()));
        if (snapshot != null && snapshot.running()) {
            hint.setText("Training is running. Pause to step through a training step one chain-rule term at a time.");
            next.setText("");
        } else {
            hint.setText("Press → or PageDown to reveal the first term of the next step");
            next.setText(snapshot == null ? "" : nextStep(snapshot));
        }
        setVisibleManaged(next, !next.getText().isEmpty());
    }

    /** "unit h2", "weight x1 → h1", "bias of h1" or "whole network". */
    static String where(Term term, StepTrace trace) {
        String name = term.element().describe(trace.labels());
        return switch (term.element().kind()) {
            case UNIT -> "unit " + name;
            case EDGE -> "weight " + name;
            case BIAS -> name;
            case NETWORK -> "whole network";
        };
    }

    private static String stepPosition(Snapshot s) {
        return s.stepsPerEpoch() > 0
                ? "epoch " + (s.epoch() + 1) + " · step " + (s.stepInEpoch() + 1) + " of " + s.stepsPerEpoch()
                : "";
    }

    /** "Next step: sample 1 (x = 0.35, 0.7; target 0.5)" or "Next step: a batch of 4 samples (1, 2, 3, 4)". */
    static String nextStep(Snapshot s) {
        int[] samples = s.unitSamples();
        if (samples == null || samples.length == 0) {
            return "";
        }
        if (samples.length == 1) {
            String text = "Next step: sample " + (samples[0] + 1);
            if (s.trainingData() != null && samples[0] < s.trainingData().size()) {
                text += inputs(s, samples[0]);
            }
            return text;
        }
        StringBuilder text = new StringBuilder("Next step: a batch of " + samples.length + " samples (");
        int listed = Math.min(samples.length, 10);
        for (int i = 0; i < listed; i++) {
            text.append(i > 0 ? ", " : "").append(samples[i] + 1);
        }
        return text.append(samples.length > listed ? ", …)" : ")").toString();
    }

    private static String inputs(Snapshot s, int sample) {
        var data = s.trainingData();
        int n = data.inputs().cols();
        int m = data.targets().cols();
        if (n > 8 || m > 4) {
            return "";
        }
        StringBuilder text = new StringBuilder(" (x = ");
        for (int j = 0; j < n; j++) {
            text.append(j > 0 ? ", " : "").append(Numbers.format(data.inputs().get(sample, j), true));
        }
        text.append("; target ");
        for (int k = 0; k < m; k++) {
            text.append(k > 0 ? ", " : "").append(Numbers.format(data.targets().get(sample, k), true));
        }
        return text.append(')').toString();
    }

    // ---- theme -----------------------------------------------------------------------------------------------------

    private void applyTheme(Theme theme) {
        setStyle(FormulaStyles.tokens(theme));
        applyFormulaStyle();
    }

    private void applyFormulaStyle() {
        Theme theme = settings.themeProperty().get();
        lines.setAppearance(formulaSize.get(), theme.text());
        result.setStyle("-fx-font-size: " + Math.round(formulaSize.get() * 4 / 3) + "px;");
    }

    private static void setVisibleManaged(Node node, boolean on) {
        node.setVisible(on);
        node.setManaged(on);
    }
}
