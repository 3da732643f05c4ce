package dev.backstep.view.graph;

import dev.backstep.engine.Dataset;
import dev.backstep.engine.DenseLayer;
import dev.backstep.engine.Matrix;
import dev.backstep.engine.Network;
import dev.backstep.engine.Parameter;
import dev.backstep.engine.Workspace;
import dev.backstep.model.Snapshot;
import dev.backstep.trace.Element;
import dev.backstep.trace.Notation;
import dev.backstep.trace.Numbers;
import dev.backstep.trace.Phase;
import dev.backstep.trace.StepTrace;
import dev.backstep.trace.StepTrace.EdgeQuantity;
import dev.backstep.trace.StepTrace.UnitQuantity;
import dev.backstep.trace.Term;
import dev.backstep.view.ColorScale;
import dev.backstep.view.GraphMode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The values of one frame of the layer graph, aligned with a {@link GraphLayout}: what each visible unit and edge
 * shows, whether it is revealed yet (term mode), which edges pass the threshold and the cap, the scales, the
 * highlighted element and the ones it uses. Filled on the FX thread from an immutable snapshot; the arrays are
 * reused from frame to frame while the layout stays the same.
 *
 * <p>Conventions. Units show the activation a in {@link GraphMode#WEIGHTS} mode and δ otherwise; input units
 * always show their input x (coloured only in WEIGHTS mode, as they have no δ). δ is written in the sign of the
 * session's notation: the natural δ = ∂E/∂z, except in the slides' notation, whose δ = −∂E/∂z is shown so that the
 * graph and the formula panel print the same number. Edge quantities (w, ∂E/∂w, Δw) have the same sign in every
 * notation. The colour scale of the edges is the user's (auto or fixed); the units have their own automatic scale.
 *
 * <p>In term mode (a trace with at least one term revealed) every number comes from the trace: a value whose term
 * index is not below the position is not shown, and weights show their new value as soon as its term is revealed.
 * The row shown follows the current term's sample, so the numbers on the graph are those of the formula.
 */
final class GraphFrame {
    /** What the highlighted element of the current term is. */
    enum Target { NONE, UNIT, EDGE, NETWORK, HIDDEN_UNIT, HIDDEN_EDGE }

    /** At most this many terms used by the current term are marked (a batch reduction uses one per sample). */
    static final int MAX_USES = 256;
    /** Inputs are written with a fixed three decimals whatever the mode. */
    static final int INPUT_DECIMALS = 3;

    GraphLayout layout;
    GraphMode mode = GraphMode.WEIGHTS;
    Notation notation = Notation.Z_A;
    boolean termMode;
    int row;
    int rows;
    int sample;

    // units
    double[] unitValue = new double[0];
    boolean[] unitRevealed = new boolean[0];
    boolean[] unitColoured = new boolean[0];
    boolean[] unitUsed = new boolean[0];
    double unitMax = 1;
    int unitDecimals = 3;
    /** Targets of the visible output units, in their order. */
    double[] targetValue = new double[0];
    double loss = Double.NaN;
    boolean lossRevealed;

    // edges
    double[] edgeValue = new double[0];
    boolean[] edgeRevealed = new boolean[0];
    boolean[] edgeShown = new boolean[0];
    boolean[] edgeUsed = new boolean[0];
    double[] edgeWidth = new double[0];
    /** Edges to draw, weakest first (so strong ones lie on top), {@code drawCount} of them. */
    int[] drawOrder = new int[0];
    int drawCount;
    private long[] sortKeys = new long[0];
    double edgeMax = 1;
    int edgeDecimals = 3;
    boolean autoScale = true;
    double threshold;
    int hiddenByThreshold;
    int hiddenByCap;

    // the spotlight: how opaque each element is drawn (1 lit, DIMMED otherwise)
    /** The opacity of what the spotlight leaves out: faint enough to recede, visible enough to keep the shape. */
    static final double DIMMED = 0.18;
    /** Set before {@link #update}: dim what the current term neither is nor uses. */
    boolean spotlight;
    double[] unitAlpha = new double[0];
    double[] edgeAlpha = new double[0];
    /** Per layer, the opacity of its "+1" node: lit when one of its bias edges is. */
    double[] biasNodeAlpha = new double[0];

    // the current term
    Target target = Target.NONE;
    int targetIndex = -1;
    int targetLayer = -1;
    boolean networkUsed;
    String callout;
    Term term;

    // text caches: a label string is rebuilt only when its value or its digits change
    private String[] unitText = new String[0];
    private double[] unitTextValue = new double[0];
    private int[] unitTextDigits = new int[0];
    private String[] edgeText = new String[0];
    private double[] edgeTextValue = new double[0];
    private int[] edgeTextDigits = new int[0];

    /** Values of {@code snapshot} for {@code layout}. */
    void update(Snapshot snapshot, GraphLayout layout, GraphMode mode, boolean autoScale, double scaleMax,
                double threshold, int focusRow) {
        if (this.layout != layout) {
            allocate(layout);
        }
        this.mode = mode;
        this.autoScale = autoScale;
        this.threshold = clamp01(threshold);
        this.notation = snapshot.notation() == null ? Notation.Z_A : snapshot.notation();
        StepTrace trace = snapshot.trace();
        int position = snapshot.tracePosition();
        termMode = trace != null && position > 0;
        term = termMode ? snapshot.currentTerm() : null;
        boolean allRevealed = termMode && (snapshot.traceApplied() || position >= trace.size());
        int updateStart = termMode ? trace.firstIndexOf(Phase.UPDATE) : -1;

        // ---- which row of the batch the units show
        if (termMode) {
            rows = trace.sampleCount();
            row = clampRow(focusRow, rows);
            if (term != null && term.sample() >= 0) {
                for (int r = 0; r < rows; r++) {
                    if (trace.sampleAt(r) == term.sample()) {
                        row = r;
                        break;
                    }
                }
            }
            sample = trace.sampleAt(row);
        } else {
            Workspace ws = snapshot.units();
            rows = ws == null ? 0 : ws.rows();
            row = clampRow(focusRow, rows);
            int[] ids = snapshot.unitSamples();
            sample = ids != null && row < ids.length ? ids[row] : row;
        }

        fillUnits(snapshot, trace, position, allRevealed);
        fillEdges(snapshot, trace, position, allRevealed, updateStart, scaleMax);
        fillTerm(trace);
        fillSpotlight();
    }

    private void allocate(GraphLayout layout) {
        this.layout = layout;
        int u = layout.unitCount;
        int e = layout.edgeCount;
        unitValue = new double[u];
        unitRevealed = new boolean[u];
        unitColoured = new boolean[u];
        unitUsed = new boolean[u];
        unitAlpha = new double[u];
        biasNodeAlpha = new double[layout.layers];
        unitText = new String[u];
        unitTextValue = new double[u];
        unitTextDigits = new int[u];
        Arrays.fill(unitTextDigits, -1);
        targetValue = new double[layout.visible[layout.layers - 1].length];
        edgeValue = new double[e];
        edgeRevealed = new boolean[e];
        edgeShown = new boolean[e];
        edgeUsed = new boolean[e];
        edgeAlpha = new double[e];
        edgeWidth = new double[e];
        drawOrder = new int[e];
        sortKeys = new long[e];
        edgeText = new String[e];
        edgeTextValue = new double[e];
        edgeTextDigits = new int[e];
        Arrays.fill(edgeTextDigits, -1);
    }

    // ---- units -----------------------------------------------------------------------------------------------------

    private void fillUnits(Snapshot snapshot, StepTrace trace, int position, boolean allRevealed) {
        GraphLayout g = layout;
        Workspace ws = snapshot.units();
        boolean delta = mode != GraphMode.WEIGHTS;
        double sign = delta && notation == Notation.SLIDES ? -1 : 1;
        UnitQuantity q = delta ? UnitQuantity.DELTA : UnitQuantity.A;
        double max = 0;
        for (int u = 0; u < g.unitCount; u++) {
            int l = g.unitLayer[u];
            int j = g.unitIndex[u];
            double v;
            boolean revealed = true;
            if (l == 0) {
                v = input(snapshot, trace, j);
                unitColoured[u] = !delta;
            } else if (termMode) {
                int index = trace.indexOf(q, l, j, row);
                revealed = allRevealed || (index >= 0 && index < position);
                v = sign * trace.value(q, l, j, row);
                unitColoured[u] = true;
            } else {
                Matrix m = ws == null ? null : delta ? ws.layer(l).delta() : ws.layer(l).a();
                v = m != null && row < m.rows() ? sign * m.get(row, j) : Double.NaN;
                unitColoured[u] = true;
            }
            unitValue[u] = v;
            unitRevealed[u] = revealed;
            // The inputs are coloured on the same scale but do not set it (raw inputs of 3 would wash out tanh units).
            if (l > 0 && revealed && Double.isFinite(v)) {
                max = Math.max(max, Math.abs(v));
            }
        }
        unitMax = ColorScale.niceMax(max);
        unitDecimals = Fixed.decimalsFor(unitMax);

        // targets and the loss of the row
        int out = g.layers - 1;
        int[] shown = g.visible[out];
        for (int k = 0; k < shown.length; k++) {
            targetValue[k] = target(snapshot, trace, shown[k]);
        }
        if (termMode) {
            int index = trace.sampleCount() > 1 ? trace.indexOf("loss@" + sample) : trace.indexOf("loss");
            lossRevealed = allRevealed || (index >= 0 && index < position);
            loss = index >= 0 ? trace.term(index).value() : Double.NaN;
        } else {
            double[] losses = ws == null ? null : ws.sampleLoss();
            loss = losses != null && row < losses.length ? losses[row] : Double.NaN;
            lossRevealed = true;
        }
    }

    private double input(Snapshot snapshot, StepTrace trace, int j) {
        if (termMode) {
            return trace.value(UnitQuantity.A, 0, j, row);
        }
        Workspace ws = snapshot.units();
        Matrix in = ws == null ? null : ws.input();
        if (in != null && row < in.rows() && j < in.cols()) {
            return in.get(row, j);
        }
        Dataset data = snapshot.trainingData();
        return data != null && sample < data.size() ? data.inputs().get(sample, j) : Double.NaN;
    }

    private double target(Snapshot snapshot, StepTrace trace, int j) {
        Dataset data = snapshot.trainingData();
        if (!termMode) {
            Workspace ws = snapshot.units();
            Matrix t = ws == null ? null : ws.target();
            if (t != null && row < t.rows() && j < t.cols()) {
                return t.get(row, j);
            }
        }
        return data != null && sample >= 0 && sample < data.size() && j < data.targetWidth()
                ? data.targets().get(sample, j) : Double.NaN;
    }

    // ---- edges -----------------------------------------------------------------------------------------------------

    private void fillEdges(Snapshot snapshot, StepTrace trace, int position, boolean allRevealed, int updateStart,
                           double scaleMax) {
        GraphLayout g = layout;
        Network network = snapshot.network();
        EdgeQuantity q = switch (mode) {
            case WEIGHTS -> EdgeQuantity.NEW_VALUE;
            case GRADIENTS -> EdgeQuantity.GRADIENT;
            case UPDATES -> EdgeQuantity.UPDATE;
        };
        double max = 0;
        for (int e = 0; e < g.edgeCount; e++) {
            int l = g.edgeLayer[e];
            int from = g.edgeFrom[e];
            int to = g.edgeTo[e];
            double now = parameterValue(network, l, from, to, mode);
            double v = now;
            boolean revealed = true;
            if (termMode) {
                int index = trace.indexOf(q, l, from, to);
                boolean done = allRevealed || (index >= 0 ? index < position
                        : updateStart >= 0 && position > updateStart);
                if (mode == GraphMode.WEIGHTS) {
                    // A weight is always known: the old value until its new value's term is revealed.
                    v = index >= 0 && index < position && !snapshot.traceApplied() ? trace.value(q, l, from, to)
                            : now;
                } else {
                    revealed = done;
                    v = trace.value(q, l, from, to);
                }
            }
            edgeValue[e] = v;
            edgeRevealed[e] = revealed;
            if (revealed && Double.isFinite(v)) {
                max = Math.max(max, Math.abs(v));
            }
        }
        edgeMax = autoScale || !(scaleMax > 0) || !Double.isFinite(scaleMax) ? ColorScale.niceMax(max) : scaleMax;
        edgeDecimals = Fixed.decimalsFor(edgeMax);

        // threshold, then the cap on drawn edges (largest magnitudes), then the draw order (weakest first)
        double cut = threshold * edgeMax;
        int n = 0;
        hiddenByThreshold = 0;
        for (int e = 0; e < g.edgeCount; e++) {
            double v = edgeValue[e];
            boolean shown = !edgeRevealed[e] || threshold <= 0 || Double.isNaN(v) || Math.abs(v) >= cut;
            edgeShown[e] = shown;
            if (shown) {
                double magnitude = edgeRevealed[e] && !Double.isNaN(v) ? Math.min(Math.abs(v), Float.MAX_VALUE) : 0;
                sortKeys[n++] = ((long) Float.floatToIntBits((float) magnitude) << 32) | e;
            } else {
                hiddenByThreshold++;
            }
        }
        Arrays.sort(sortKeys, 0, n);
        int first = Math.max(0, n - GraphLayout.MAX_DRAWN_EDGES);
        hiddenByCap = first;
        for (int k = 0; k < first; k++) {
            edgeShown[(int) sortKeys[k]] = false;
        }
        drawCount = n - first;
        for (int k = first; k < n; k++) {
            drawOrder[k - first] = (int) sortKeys[k];
        }
        double scale = widthScale();
        for (int e = 0; e < g.edgeCount; e++) {
            if (!edgeShown[e]) {
                edgeWidth[e] = 0;
            } else if (!edgeRevealed[e]) {
                edgeWidth[e] = 1.2 * g.scale;
            } else {
                double t = Double.isNaN(edgeValue[e]) ? 0 : Math.min(1, Math.abs(edgeValue[e]) / edgeMax);
                edgeWidth[e] = (ColorScale.MIN_WIDTH + (ColorScale.MAX_WIDTH - ColorScale.MIN_WIDTH) * t) * scale;
            }
        }
    }

    /** Edge widths grow a little with the units, so a big projected graph does not look spidery. */
    double widthScale() {
        return GraphLayout.clamp(layout.radius / (40 * layout.scale), 0.9, 1.6) * layout.scale;
    }

    static double parameterValue(Network network, int layer, int from, int to, GraphMode mode) {
        DenseLayer l = network.layer(layer);
        Parameter p = from < 0 ? l.bias() : l.weights();
        if (p == null) {
            return Double.NaN;
        }
        int index = from < 0 ? to : from * l.size() + to;
        double[] array = switch (mode) {
            case WEIGHTS -> p.value();
            case GRADIENTS -> p.gradient();
            case UPDATES -> p.update();
        };
        return array[index];
    }

    // ---- the current term ----------------------------------------------------------------------------------------

    private void fillTerm(StepTrace trace) {
        Arrays.fill(unitUsed, false);
        Arrays.fill(edgeUsed, false);
        networkUsed = false;
        target = Target.NONE;
        targetIndex = -1;
        targetLayer = -1;
        callout = null;
        if (term == null) {
            return;
        }
        Element element = term.element();
        mark(element, true);
        int[] uses = term.uses();
        for (int k = 0; k < uses.length && k < MAX_USES; k++) {
            mark(trace.term(uses[k]).element(), false);
        }
        String label = term.symbol().text() + " = " + Numbers.format(term.value(), true);
        callout = trace.sampleCount() > 1 && term.sample() >= 0 ? label + "   (" + term.sampleLabel() + ")" : label;
    }

    /**
     * Opacities for the spotlight: with it on and a term current, the term's element and the elements it uses are
     * drawn in full and everything else at {@link #DIMMED}; otherwise everything in full.
     */
    private void fillSpotlight() {
        GraphLayout g = layout;
        boolean dim = spotlight && term != null;
        for (int u = 0; u < g.unitCount; u++) {
            boolean lit = unitUsed[u] || (target == Target.UNIT && targetIndex == u);
            unitAlpha[u] = !dim || lit ? 1 : DIMMED;
        }
        Arrays.fill(biasNodeAlpha, dim ? DIMMED : 1);
        for (int e = 0; e < g.edgeCount; e++) {
            boolean lit = edgeUsed[e] || (target == Target.EDGE && targetIndex == e);
            edgeAlpha[e] = !dim || lit ? 1 : DIMMED;
            if (lit && g.isBias(e)) {
                biasNodeAlpha[g.edgeLayer[e]] = 1;
            }
        }
    }

    private void mark(Element element, boolean current) {
        GraphLayout g = layout;
        switch (element.kind()) {
            case UNIT -> {
                int u = g.unitAt(element.layer(), element.to());
                if (current) {
                    target = u >= 0 ? Target.UNIT : Target.HIDDEN_UNIT;
                    targetIndex = u;
                    targetLayer = element.layer();
                } else if (u >= 0) {
                    unitUsed[u] = true;
                }
            }
            case EDGE, BIAS -> {
                int e = g.edgeAt(element.layer(), element.kind() == Element.Kind.BIAS ? -1 : element.from(),
                        element.to());
                if (current) {
                    target = e >= 0 ? Target.EDGE : Target.HIDDEN_EDGE;
                    targetIndex = e;
                    targetLayer = element.layer();
                } else if (e >= 0) {
                    edgeUsed[e] = true;
                }
            }
            case NETWORK -> {
                if (current) {
                    target = Target.NETWORK;
                } else {
                    networkUsed = true;
                }
            }
        }
    }

    // ---- texts -----------------------------------------------------------------------------------------------------

    /** The number written on a unit: fixed digits, or "?" before its term is revealed. */
    String unitText(int u) {
        if (!unitRevealed[u]) {
            return "?";
        }
        int digits = layout.unitLayer[u] == 0 ? INPUT_DECIMALS : unitDecimals;
        if (unitText[u] == null || unitTextDigits[u] != digits || Double.compare(unitTextValue[u], unitValue[u]) != 0) {
            unitText[u] = Fixed.format(unitValue[u], digits);
            unitTextDigits[u] = digits;
            unitTextValue[u] = unitValue[u];
        }
        return unitText[u];
    }

    /** The number written on an edge's label. */
    String edgeText(int e) {
        if (!edgeRevealed[e]) {
            return "?";
        }
        int digits = edgeDecimals;
        if (edgeText[e] == null || edgeTextDigits[e] != digits || Double.compare(edgeTextValue[e], edgeValue[e]) != 0) {
            edgeText[e] = Fixed.format(edgeValue[e], digits);
            edgeTextDigits[e] = digits;
            edgeTextValue[e] = edgeValue[e];
        }
        return edgeText[e];
    }

    String lossText() {
        return lossRevealed ? Fixed.format(loss, Fixed.decimalsFor(Math.abs(loss)) + 1) : "?";
    }

    /** What the edges' colours mean, for the legend. */
    String edgeCaption() {
        return switch (mode) {
            case WEIGHTS -> "weight w, bias b";
            case GRADIENTS -> "gradient ∂E/∂w, ∂E/∂b";
            case UPDATES -> "last change Δw, Δb";
        };
    }

    /** The symbol the threshold compares. */
    String edgeSymbol() {
        return switch (mode) {
            case WEIGHTS -> "|w|";
            case GRADIENTS -> "|∂E/∂w|";
            case UPDATES -> "|Δw|";
        };
    }

    /** What the units' colours and numbers mean, with the sign convention of δ. */
    String unitCaption() {
        if (mode == GraphMode.WEIGHTS) {
            return "activation a (inputs: x)";
        }
        return notation == Notation.SLIDES ? "δ = −∂E/∂z (slides' sign)" : "δ = ∂E/∂z";
    }

    // ---- a description of what is drawn, for tests ---------------------------------------------------------------

    record DrawnUnit(int layer, int unit, String text, double value, boolean revealed, boolean coloured,
                     boolean highlighted, boolean used, double alpha) {
    }

    record DrawnEdge(GraphElement.Kind kind, int layer, int from, int to, String text, double value,
                     boolean revealed, boolean shown, boolean labelled, boolean highlighted, boolean used,
                     double alpha) {
    }

    record Drawing(GraphMode mode, boolean termMode, int row, int sample, List<DrawnUnit> units,
                   List<DrawnEdge> edges, double edgeMax, double unitMax, String edgeCaption, String unitCaption,
                   Target target, String callout, boolean lossRevealed, boolean networkHighlighted, int drawnEdges) {
        DrawnUnit unit(int layer, int unit) {
            return units.stream().filter(u -> u.layer() == layer && u.unit() == unit).findFirst().orElse(null);
        }

        DrawnEdge edge(int layer, int from, int to) {
            return edges.stream().filter(e -> e.layer() == layer && e.from() == from && e.to() == to).findFirst()
                    .orElse(null);
        }
    }

    Drawing describe() {
        GraphLayout g = layout;
        List<DrawnUnit> units = new ArrayList<>();
        for (int u = 0; u < g.unitCount; u++) {
            units.add(new DrawnUnit(g.unitLayer[u], g.unitIndex[u], unitText(u), unitValue[u], unitRevealed[u],
                    unitColoured[u], target == Target.UNIT && targetIndex == u, unitUsed[u], unitAlpha[u]));
        }
        List<DrawnEdge> edges = new ArrayList<>();
        for (int e = 0; e < g.edgeCount; e++) {
            edges.add(new DrawnEdge(g.isBias(e) ? GraphElement.Kind.BIAS : GraphElement.Kind.EDGE, g.edgeLayer[e],
                    g.edgeFrom[e], g.edgeTo[e], edgeText(e), edgeValue[e], edgeRevealed[e], edgeShown[e],
                    !Double.isNaN(g.labelX[e]), target == Target.EDGE && targetIndex == e, edgeUsed[e],
                    edgeAlpha[e]));
        }
        return new Drawing(mode, termMode, row, sample, List.copyOf(units), List.copyOf(edges), edgeMax, unitMax,
                edgeCaption(), unitCaption(), target, callout, lossRevealed, target == Target.NETWORK, drawCount);
    }

    private static int clampRow(int row, int rows) {
        return rows <= 0 ? 0 : Math.max(0, Math.min(rows - 1, row));
    }

    private static double clamp01(double v) {
        return Double.isNaN(v) ? 0 : Math.max(0, Math.min(1, v));
    }
}
