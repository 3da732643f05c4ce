package dev.backstep.view.graph;

import dev.backstep.engine.DenseLayer;
import dev.backstep.engine.Network;
import dev.backstep.io.NetworkDefinition;
import dev.backstep.model.Snapshot;
import dev.backstep.trace.NetworkLabels;
import dev.backstep.trace.StepTrace;
import dev.backstep.view.Theme;
import dev.backstep.view.ViewSettings;
import dev.backstep.view.draw.CanvasPen;
import dev.backstep.view.draw.SvgPen;
import javafx.beans.InvalidationListener;
import javafx.scene.canvas.Canvas;
import javafx.scene.input.MouseButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Region;
import javafx.util.Duration;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The layer graph: units as circles in columns (the input on the left) with their names and values, edges coloured
 * and sized by a weight, its gradient or its last change, a "+1" node per layer for the biases, the targets beside
 * the outputs, and a legend that says what the colours mean. While a step is revealed term by term, only the values
 * computed so far are written, the current term's element is ringed with a callout giving its value, and the
 * elements that term uses are ringed with dashes.
 *
 * <p>The view builds itself and then only listens: to the {@link ViewSettings} and to the snapshots it is shown. It
 * never changes the network; clicks and double-clicks go to the callbacks (the controller decides what to do).
 * Hovering gives every value at full precision.
 *
 * <p>Drawing is on one {@link Canvas}. The geometry ({@link GraphLayout}) is cached per network shape, size and
 * choice of visible units; a frame only fills preallocated value arrays ({@link GraphFrame}) and paints, and is
 * painted only when the snapshot's version or a setting changed. Layers too wide for their column are collapsed
 * and at most {@link GraphLayout#MAX_DRAWN_EDGES} edges are drawn, so a 784-128-64-10 network costs no more than a
 * small one. FX thread only.
 */
public final class LayerGraphView extends Region {
    /** While training, the units chosen to represent a very wide layer are chosen again at most this often. */
    private static final long RESELECT_NANOS = 1_000_000_000L;

    private final ViewSettings settings;
    private final Canvas canvas = new Canvas();
    private final GraphPainter painter = new GraphPainter();
    private final CanvasPen pen = new CanvasPen(canvas.getGraphicsContext2D());
    private final GraphFrame frame = new GraphFrame();
    private final Tooltip tooltip = new Tooltip();

    private Snapshot snapshot;
    private long paintedVersion = -1;
    private boolean settingsChanged = true;
    private GraphLayout layout;
    private String[] names = new String[0];
    private NetworkDefinition labelsFor;
    private NetworkLabels labels;
    private String[] dynamicCaptions = new String[0];
    private long selectedAt;
    private long selectedVersion = -1;
    private int paints;

    private Consumer<GraphElement> onSelect;
    private Consumer<EditRequest> onEditRequest;
    private GraphLayout.Hit hovered;
    private boolean tooltipInstalled;

    /** Builds the view; it shows nothing until the first {@link #show}. */
    public LayerGraphView(ViewSettings settings) {
        this.settings = settings;
        setId("layerGraph");
        createView();
        initListeners();
    }

    private void createView() {
        getChildren().add(canvas);
        setMinSize(200, 160);
        setPrefSize(900, 560);
        tooltip.setShowDelay(Duration.millis(250));
        tooltip.setShowDuration(Duration.seconds(30));
        tooltip.setHideDelay(Duration.millis(100));
        tooltip.setStyle("-fx-font-size: 16px;");
    }

    private void initListeners() {
        InvalidationListener changed = o -> {
            settingsChanged = true;
            repaint();
        };
        settings.graphModeProperty().addListener(changed);
        settings.autoScaleProperty().addListener(changed);
        settings.scaleMaxProperty().addListener(changed);
        settings.thresholdProperty().addListener(changed);
        settings.focusRowProperty().addListener(changed);
        settings.themeProperty().addListener(changed);
        marked.addListener((javafx.collections.ListChangeListener<GraphElement>) c -> {
            painter.setMarks(marked, markTag);
            changed.invalidated(marked);
        });
        settings.fontScaleProperty().addListener(changed);
        settings.spotlightProperty().addListener(changed);
        canvas.addEventHandler(MouseEvent.MOUSE_MOVED, e -> hover(e.getX(), e.getY()));
        canvas.addEventHandler(MouseEvent.MOUSE_EXITED, e -> hover(Double.NaN, Double.NaN));
        canvas.addEventHandler(MouseEvent.MOUSE_CLICKED, e -> {
            if (e.getButton() == MouseButton.PRIMARY) {
                click(e.getX(), e.getY(), e.getClickCount());
            }
        });
    }

    // ---- public API -------------------------------------------------------------------------------------------------

    private final javafx.collections.ObservableList<GraphElement> marked =
            javafx.collections.FXCollections.observableArrayList();
    private String markTag = "";

    /**
     * Elements another view wants pointed out on the graph (the worst gradient of a gradient check, say), drawn
     * with a marker of their own; changing the list redraws.
     */
    public javafx.collections.ObservableList<GraphElement> markedElements() {
        return marked;
    }

    /** Points out {@code elements} with a tag written beside them (e.g. "worst"); an empty list removes the mark. */
    public void mark(java.util.List<GraphElement> elements, String tag) {
        markTag = tag;
        marked.setAll(elements);
    }

    /**
     * Where an element is drawn, in this view's coordinates: a unit's centre, or a point on an edge away from its
     * value label (bias: from = −1); empty when it is not drawn (a collapsed layer, hidden by the threshold, or
     * before the first layout). For robots and accessibility tools that need to point at the graph.
     */
    public java.util.Optional<javafx.geometry.Point2D> pointOf(GraphElement.Kind kind, int layer, int from, int to) {
        GraphLayout g = currentLayout();
        if (g == null) {
            return java.util.Optional.empty();
        }
        if (kind == GraphElement.Kind.UNIT) {
            for (int u = 0; u < g.unitCount; u++) {
                if (g.unitLayer[u] == layer && g.unitIndex[u] == to) {
                    return java.util.Optional.of(new javafx.geometry.Point2D(g.unitX[u], g.unitY[u]));
                }
            }
            return java.util.Optional.empty();
        }
        for (int e = 0; e < g.edgeCount; e++) {
            boolean isBias = g.edgeFrom[e] < 0;
            if (g.edgeLayer[e] == layer && g.edgeTo[e] == to && (kind == GraphElement.Kind.BIAS ? isBias
                    : !isBias && g.edgeFrom[e] == from)) {
                for (double t : new double[] {0.15, 0.85, 0.35, 0.65}) {
                    double x = g.edgeX1[e] + t * (g.edgeX2[e] - g.edgeX1[e]);
                    double y = g.edgeY1[e] + t * (g.edgeY2[e] - g.edgeY1[e]);
                    GraphElement hit = elementAt(x, y);
                    if (hit != null && hit.kind() == kind && hit.layer() == layer && hit.to() == to
                            && (kind == GraphElement.Kind.BIAS || hit.from() == from)) {
                        return java.util.Optional.of(new javafx.geometry.Point2D(x, y));
                    }
                }
            }
        }
        return java.util.Optional.empty();
    }

    /**
     * Shows a snapshot (FX thread, at most once per frame). Paints only when its version differs from the last one
     * painted or a setting changed since.
     */
    public void show(Snapshot snapshot) {
        if (snapshot == null) {
            return;
        }
        boolean fresh = this.snapshot == null || snapshot.version() != paintedVersion;
        this.snapshot = snapshot;
        if (fresh || settingsChanged) {
            repaint();
        }
    }

    /** Called with the element under a single click (never with null). */
    public void setOnSelect(Consumer<GraphElement> onSelect) {
        this.onSelect = onSelect;
    }

    /** Called on a double-click on an input, an output (its target), a weight or a bias. */
    public void setOnEditRequest(Consumer<EditRequest> onEditRequest) {
        this.onEditRequest = onEditRequest;
    }

    // ---- layout and painting --------------------------------------------------------------------------------------

    @Override
    protected void layoutChildren() {
        double w = snapSizeX(getWidth());
        double h = snapSizeY(getHeight());
        if (canvas.getWidth() != w || canvas.getHeight() != h) {
            canvas.setWidth(w);
            canvas.setHeight(h);
            repaint();
        }
    }

    @Override
    protected double computePrefWidth(double height) {
        return 900;
    }

    @Override
    protected double computePrefHeight(double width) {
        return 560;
    }

    private void repaint() {
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        Theme theme = settings.themeProperty().get();
        if (w < 2 || h < 2) {
            return;
        }
        if (snapshot == null) {
            canvas.getGraphicsContext2D().setFill(theme.background());
            canvas.getGraphicsContext2D().fillRect(0, 0, w, h);
            return;
        }
        ensureLayout(snapshot, w, h);
        frame.spotlight = settings.spotlightProperty().get();
        frame.update(snapshot, layout, settings.graphModeProperty().get(), settings.autoScaleProperty().get(),
                settings.scaleMaxProperty().get(), settings.thresholdProperty().get(),
                settings.focusRowProperty().get());
        updateCaptions();
        painter.paint(pen, layout, frame, theme, names, dynamicCaptions);
        paintedVersion = snapshot.version();
        settingsChanged = false;
        paints++;
        if (hovered != null && tooltipInstalled) {
            tooltip.setText(GraphTooltips.describe(hovered, snapshot, frame, labels));
        }
    }

    private void updateCaptions() {
        int layers = layout.layers;
        if (dynamicCaptions.length != layers) {
            dynamicCaptions = new String[layers];
        }
        String sample = "sample " + (frame.sample + 1);
        dynamicCaptions[0] = frame.rows > 1 ? sample + " · row " + (frame.row + 1) + "/" + frame.rows : sample;
        String activation = layout.captionDetail[layers - 1];
        dynamicCaptions[layers - 1] = (activation.isEmpty() ? "" : activation + " · ") + "E = " + frame.lossText();
    }

    private void ensureLayout(Snapshot s, double w, double h) {
        Network network = s.network();
        int[] sizes = network.layerSizes();
        boolean[] bias = new boolean[sizes.length];
        String[] activations = new String[sizes.length];
        for (int l = 1; l < sizes.length; l++) {
            DenseLayer layer = network.layer(l);
            bias[l] = layer.hasBias();
            activations[l] = layer.activation().id();
        }
        double scale = fittingScale(w, h, sizes, GraphLayout.anyBias(bias), settings.fontScaleProperty().get());
        boolean sameShape = layout != null && layout.width == w && layout.height == h && layout.scale == scale
                && sameShape(network, layout);
        if (sameShape && !selectionDue(s)) {
            return;
        }
        int slots = GraphLayout.slotsFor(sizes, w, h, GraphLayout.anyBias(bias), scale);
        int[][] visible = new int[sizes.length][];
        for (int l = 0; l < sizes.length; l++) {
            double[] importance = sizes[l] > 2 * slots ? importance(network, l) : null;
            visible[l] = GraphLayout.chooseVisible(sizes[l], slots, importance);
        }
        selectedAt = System.nanoTime();
        selectedVersion = s.version();
        if (sameShape && Arrays.deepEquals(visible, layout.visible) && s.definition() == labelsFor) {
            return;
        }
        layout = new GraphLayout(sizes, bias, activations, w, h, visible, scale);
        labels = labelsOf(s);
        names = new String[layout.unitCount];
        for (int u = 0; u < layout.unitCount; u++) {
            names[u] = labels.unit(layout.unitLayer[u], layout.unitIndex[u]);
        }
    }

    /**
     * The largest scale up to {@code requested} at which the graph hides no more units than at scale 1, and whose
     * units still carry their values when they do at scale 1: a bigger font is no help to the back row if it pushes
     * half the hidden layer behind a "⋯ 3 more" or takes the activations out of the circles.
     */
    static double fittingScale(double w, double h, int[] sizes, boolean anyBias, double requested) {
        int widest = 0;
        for (int size : sizes) {
            widest = Math.max(widest, size);
        }
        int needed = Math.min(widest, GraphLayout.slotsFor(sizes, w, h, anyBias, 1));
        boolean values = GraphLayout.showsValues(sizes, w, h, anyBias, 1);
        double scale = Math.max(1, requested);
        while (scale > 1 && (GraphLayout.slotsFor(sizes, w, h, anyBias, scale) < needed
                || values && !GraphLayout.showsValues(sizes, w, h, anyBias, scale))) {
            scale = Math.max(1, scale - 0.05);
        }
        return scale;
    }

    /** Very wide layers show their strongest units, which change as the network trains: look again now and then. */
    private boolean selectionDue(Snapshot s) {
        boolean wide = false;
        for (int l = 0; l < layout.layers; l++) {
            if (layout.collapse[l] == GraphLayout.Collapse.LARGEST) {
                wide = true;
            }
        }
        if (!wide || s.version() == selectedVersion) {
            return s.definition() != labelsFor;
        }
        return !s.running() || System.nanoTime() - selectedAt > RESELECT_NANOS;
    }

    private static boolean sameShape(Network network, GraphLayout g) {
        if (network.layers().size() + 1 != g.layers || network.inputSize() != g.sizes[0]) {
            return false;
        }
        for (int l = 1; l < g.layers; l++) {
            DenseLayer layer = network.layer(l);
            if (layer.size() != g.sizes[l] || layer.hasBias() != g.bias[l]) {
                return false;
            }
        }
        return true;
    }

    /** Per unit of a layer, the summed |w| of its incoming and outgoing weights. */
    static double[] importance(Network network, int l) {
        int[] sizes = network.layerSizes();
        double[] sum = new double[sizes[l]];
        if (l > 0) {
            double[] w = network.layer(l).weights().value();
            int cols = sizes[l];
            for (int i = 0; i < sizes[l - 1]; i++) {
                for (int j = 0; j < cols; j++) {
                    sum[j] += Math.abs(w[i * cols + j]);
                }
            }
        }
        if (l + 1 < sizes.length) {
            double[] w = network.layer(l + 1).weights().value();
            int cols = sizes[l + 1];
            for (int j = 0; j < sizes[l]; j++) {
                double s = 0;
                for (int k = 0; k < cols; k++) {
                    s += Math.abs(w[j * cols + k]);
                }
                sum[j] += s;
            }
        }
        return sum;
    }

    private NetworkLabels labelsOf(Snapshot s) {
        labelsFor = s.definition();
        NetworkLabels fromFile = null;
        try {
            fromFile = s.definition() == null ? null : s.definition().labels();
        } catch (RuntimeException e) {
            fromFile = null;
        }
        int[] sizes = s.network().layerSizes();
        if (fromFile != null && fromFile.layerCount() == sizes.length) {
            boolean fits = true;
            for (int l = 0; l < sizes.length; l++) {
                fits &= fromFile.size(l) == sizes[l];
            }
            if (fits) {
                return fromFile;
            }
        }
        return NetworkLabels.defaults(s.network());
    }

    // ---- pointer --------------------------------------------------------------------------------------------------

    private void hover(double x, double y) {
        GraphLayout.Hit hit = Double.isNaN(x) ? null : hitAt(x, y);
        if (Objects.equals(hit, hovered)) {
            return;
        }
        hovered = hit;
        String text = GraphTooltips.describe(hit, snapshot, frame, labels);
        if (text == null) {
            if (tooltipInstalled) {
                tooltip.hide();
                Tooltip.uninstall(canvas, tooltip);
                tooltipInstalled = false;
            }
        } else {
            tooltip.setText(text);
            if (!tooltipInstalled) {
                Tooltip.install(canvas, tooltip);
                tooltipInstalled = true;
            }
        }
    }

    private void click(double x, double y, int count) {
        GraphElement element = elementAt(x, y);
        if (element == null) {
            return;
        }
        if (count == 1 && onSelect != null) {
            onSelect.accept(element);
        } else if (count == 2 && onEditRequest != null) {
            EditRequest request = editRequestFor(element);
            if (request != null) {
                onEditRequest.accept(request);
            }
        }
    }

    private GraphLayout.Hit hitAt(double x, double y) {
        if (layout == null || snapshot == null || frame.layout != layout) {
            return null;
        }
        return layout.hitTest(x, y, frame.edgeWidth);
    }

    /** The element under a point of the view, with its current value, or null (package-private for tests). */
    GraphElement elementAt(double x, double y) {
        GraphLayout.Hit hit = hitAt(x, y);
        if (hit == null || (hit.kind() == GraphElement.Kind.BIAS && hit.to() < 0)) {
            return null;
        }
        Network network = snapshot.network();
        switch (hit.kind()) {
            case UNIT -> {
                double value = hit.layer() == 0 ? GraphTooltips.inputValue(hit.to(), snapshot, frame)
                        : activation(hit.layer(), hit.to());
                return GraphElement.unit(hit.layer(), hit.to(), value, frame.sample);
            }
            case EDGE -> {
                return GraphElement.edge(hit.layer(), hit.from(), hit.to(),
                        network.layer(hit.layer()).weight(hit.from(), hit.to()));
            }
            default -> {
                return GraphElement.bias(hit.layer(), hit.to(), network.layer(hit.layer()).bias().value()[hit.to()]);
            }
        }
    }

    private double activation(int layer, int unit) {
        if (frame.termMode && snapshot.trace() != null) {
            return snapshot.trace().value(StepTrace.UnitQuantity.A, layer, unit, frame.row);
        }
        if (snapshot.units() == null) {
            return Double.NaN;
        }
        var a = snapshot.units().layer(layer).a();
        return frame.row < a.rows() ? a.get(frame.row, unit) : Double.NaN;
    }

    /** What a double-click on {@code element} asks to edit, or null for a hidden unit (package-private for tests). */
    EditRequest editRequestFor(GraphElement element) {
        int last = layout.layers - 1;
        return switch (element.kind()) {
            case EDGE -> new EditRequest(EditRequest.Target.WEIGHT, element.layer(), element.from(), element.to(), -1,
                    element.value(), "weight " + labels.unit(element.layer() - 1, element.from()) + " → "
                    + labels.unit(element.layer(), element.to()));
            case BIAS -> new EditRequest(EditRequest.Target.BIAS, element.layer(), -1, element.to(), -1,
                    element.value(), "bias of " + labels.unit(element.layer(), element.to()));
            case UNIT -> {
                if (element.layer() == 0) {
                    yield new EditRequest(EditRequest.Target.INPUT, 0, -1, element.to(), frame.sample,
                            element.value(), "input " + labels.unit(0, element.to()) + " of sample "
                            + (frame.sample + 1));
                }
                if (element.layer() == last) {
                    int k = Arrays.binarySearch(layout.visible[last], element.to());
                    double t = k >= 0 ? frame.targetValue[k] : Double.NaN;
                    yield new EditRequest(EditRequest.Target.TARGET, last, -1, element.to(), frame.sample, t,
                            "target of " + labels.unit(last, element.to()) + " for sample " + (frame.sample + 1));
                }
                yield null;
            }
        };
    }

    /**
     * The graph as it is on screen, as an SVG document: the same painter draws it through an {@link SvgPen}, so the
     * export is the drawing, shape for shape. Null before the first snapshot is shown. FX thread.
     */
    public String toSvg() {
        if (snapshot == null || layout == null || frame.layout != layout) {
            return null;
        }
        SvgPen svg = new SvgPen(layout.width, layout.height);
        painter.paint(svg, layout, frame, settings.themeProperty().get(), names, dynamicCaptions);
        return svg.toSvg();
    }

    // ---- for tests ------------------------------------------------------------------------------------------------

    /** A description of what the last paint drew. */
    GraphFrame.Drawing drawing() {
        return frame.layout == null ? null : frame.describe();
    }

    GraphFrame frameForTests() {
        return frame;
    }

    GraphLayout currentLayout() {
        return layout;
    }

    /** How many times the view has painted (to check it paints only on change). */
    int paintCount() {
        return paints;
    }

    /** The hover text at a point, or null. */
    String tooltipTextAt(double x, double y) {
        return GraphTooltips.describe(hitAt(x, y), snapshot, frame, labels);
    }
}
