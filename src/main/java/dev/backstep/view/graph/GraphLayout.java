package dev.backstep.view.graph;

import java.util.Arrays;

/**
 * Where everything of the layer graph goes for one network shape, one size of the view and one choice of visible
 * units: the columns of units, the "⋯ N more" markers of collapsed layers, the bias nodes, the edges with their value
 * labels, the captions and the legend band. Pure geometry, no values and no JavaFX: computed once per shape and size
 * (and per choice of units for very wide layers) and reused by every frame, so drawing XOR at 60 fps allocates
 * almost nothing.
 *
 * <p>Columns are layers, the input on the left. Every column's units are centred vertically on a common pitch, set
 * by the tallest column. A layer wider than the column has room for ({@link #slotsFor}) is collapsed: one slot holds
 * a marker with the count of hidden units, the others show either the first units and the last one (a moderately
 * wide layer, up to twice the room) or the units with the largest summed weight magnitudes (a very wide layer such
 * as 784 pixels). Each layer with a bias gets a "+1" node in a band above the units, just right of its predecessor's
 * column, with an edge to every visible unit it feeds. Edge labels (values written on the edges) are placed only for
 * small layers and only where they overlap nothing.
 *
 * <p>Sizes scale with the view: the base font is 1/60 of the width or 1/36 of the height, at least 14 px. Unit
 * circles are {@value #MIN_RADIUS} px or more when there is room (a name and a 14 px "−0.000"); rather than hide a
 * unit of a small network behind a marker they shrink down to {@value #FLOOR_RADIUS} px, the value line's font
 * shrinking with them and the value line dropped (left to the tooltip) below {@value #VALUE_RADIUS} px. A layer is
 * collapsed only when even the smallest units do not fit.
 */
final class GraphLayout {
    /** The smallest unit circle: room for a name and a "−0.000" at 14 px. */
    static final double MIN_RADIUS = 31;
    /** The smallest unit circle of all, before a layer is collapsed: room for a 14 px name alone. */
    static final double FLOOR_RADIUS = 14;
    /** Below this radius a unit shows its name only: two lines of text no longer fit. */
    static final double VALUE_RADIUS = 22;
    /** The smallest font of a unit's value line (a squeezed circle's), above it 14 px. */
    static final double MIN_VALUE_FONT = 11;
    static final double MIN_FONT = 14;
    /** A unit's radius as a share of the vertical pitch: the rest is the gap between circles. */
    static final double RADIUS_PER_PITCH = 0.43;
    /** At most this many slots (units and marker) per column, however tall the view. */
    static final int MAX_SLOTS = 24;
    /** At most this many edges are drawn per frame: the largest magnitudes. */
    static final int MAX_DRAWN_EDGES = 3000;
    /** Edges (weights and biases) into a layer are labelled with their values only up to this many. */
    static final int MAX_LABELLED_EDGES = 12;

    /** How a layer's units are shown. */
    enum Collapse {
        /** All of them. */
        NONE,
        /** The first units, a marker, the last unit. */
        HEAD_TAIL,
        /** The units with the largest weight magnitudes, in order, then a marker. */
        LARGEST
    }

    /** What a point is over: a unit, an edge, a bias (to = −1: the bias node of a layer with several units). */
    record Hit(GraphElement.Kind kind, int layer, int from, int to) {
    }

    // ---- input
    final int[] sizes;
    final boolean[] bias;
    final double width;
    final double height;
    final int layers;
    /** The presentation scale (1, 1.25, 1.5, 2): every font, minimum size, gap and fixed line width is multiplied. */
    final double scale;

    // ---- metrics
    final double font;
    final double pad;
    final double radius;
    final double unitFont;
    /** Whether the circles are big enough to carry a value line under the name. */
    final boolean unitValues;
    final double captionFont;
    final double labelFont;
    final double legendFont;
    final double targetFont;
    final double biasSize;
    final double pitch;
    final double unitTop;
    final double unitBottom;
    final double columnSpacing;
    final double captionY1;
    final double captionY2;
    final double legendX;
    final double legendY;
    final double legendW;
    final double legendH;
    final double labelW;
    final double labelH;
    final double targetX;

    // ---- columns
    final double[] columnX;
    final Collapse[] collapse;
    final int[][] visible;
    /** Centre of each layer's marker slot, NaN when the layer is not collapsed. */
    final double[] markerY;
    final int[] hidden;
    final String[] captionTitle;
    /** The activation's name under a column's title (empty for the input). */
    final String[] captionDetail;

    // ---- units, flat over layers
    final int unitCount;
    /** unitStart[l] is the flat index of layer l's first visible unit; unitStart[layers] = unitCount. */
    final int[] unitStart;
    final int[] unitLayer;
    final int[] unitIndex;
    final double[] unitX;
    final double[] unitY;

    // ---- bias nodes, by the layer they feed (1..layers−1); NaN without a bias
    final double[] biasX;
    final double[] biasY;

    // ---- edges, flat: for each layer l ≥ 1 its weights (visible × visible) then its biases
    final int edgeCount;
    final int[] edgeStart;
    final int[] edgeLayer;
    final int[] edgeFrom;
    final int[] edgeTo;
    final int[] edgeSource;
    final int[] edgeTarget;
    final double[] edgeX1;
    final double[] edgeY1;
    final double[] edgeX2;
    final double[] edgeY2;
    /** Centre of the edge's value label, NaN when it has none. */
    final double[] labelX;
    final double[] labelY;

    /**
     * @param sizes       units per layer, the input first (at least two layers)
     * @param bias        per layer, whether it has a bias ([0] is ignored)
     * @param activations per layer, the activation's name for the caption, or null
     * @param visible     per layer, the indices of the units to show (from {@link #chooseVisible}), ascending
     */
    GraphLayout(int[] sizes, boolean[] bias, String[] activations, double width, double height, int[][] visible) {
        this(sizes, bias, activations, width, height, visible, 1);
    }

    /** @param scale the presentation scale, from {@code ViewSettings.fontScaleProperty()} */
    GraphLayout(int[] sizes, boolean[] bias, String[] activations, double width, double height, int[][] visible,
                double scale) {
        if (sizes.length < 2 || bias.length != sizes.length || visible.length != sizes.length) {
            throw new IllegalArgumentException("need at least two layers and one bias flag and one selection each");
        }
        this.sizes = sizes.clone();
        this.bias = bias.clone();
        this.width = Math.max(1, width);
        this.height = Math.max(1, height);
        this.layers = sizes.length;
        this.scale = scale > 0 && Double.isFinite(scale) ? scale : 1;
        this.visible = new int[layers][];
        for (int l = 0; l < layers; l++) {
            this.visible[l] = visible[l].clone();
        }
        boolean anyBias = anyBias(bias);
        Vertical v = new Vertical(this.width, this.height, anyBias, this.scale);
        font = v.font;
        pad = v.pad;
        captionFont = v.captionFont;
        legendFont = v.legendFont;
        biasSize = v.biasSize;
        unitTop = v.unitTop;
        unitBottom = v.unitBottom;
        captionY1 = pad + 0.62 * captionFont;
        captionY2 = captionY1 + 1.2 * captionFont;
        legendH = v.legendH;
        legendX = pad;
        legendY = this.height - legendH - pad * 0.5;
        legendW = this.width - 2 * pad;

        // ---- slots and the vertical pitch, common to all columns
        collapse = new Collapse[layers];
        markerY = new double[layers];
        hidden = new int[layers];
        int[] slots = new int[layers];
        int tallest = 1;
        for (int l = 0; l < layers; l++) {
            hidden[l] = sizes[l] - this.visible[l].length;
            slots[l] = this.visible[l].length + (hidden[l] > 0 ? 1 : 0);
            collapse[l] = hidden[l] == 0 ? Collapse.NONE : isHeadTail(this.visible[l], sizes[l])
                    ? Collapse.HEAD_TAIL : Collapse.LARGEST;
            tallest = Math.max(tallest, slots[l]);
        }
        double availH = Math.max(1, unitBottom - unitTop);
        pitch = availH / tallest;

        // ---- radius and columns: two passes, since the right margin (targets) depends on the radius
        double rMax = clamp(0.075 * Math.min(this.width, this.height), MIN_RADIUS, 80) * this.scale;
        double r = Math.min(RADIUS_PER_PITCH * pitch, rMax);
        double spacing = 0;
        double tFont = 0;
        double left = 0;
        for (int pass = 0; pass < 2; pass++) {
            tFont = clamp(0.36 * r, MIN_FONT * this.scale, 26 * this.scale);
            double targetW = TextWidth.of("t = −0.0000", tFont, false) + 0.6 * font + 0.45 * r;
            left = pad + r;
            double right = this.width - pad - targetW - r;
            spacing = Math.max(1, (right - left) / (layers - 1));
            r = Math.max(4, Math.min(Math.min(RADIUS_PER_PITCH * pitch, rMax), 0.30 * spacing));
        }
        radius = r;
        columnSpacing = spacing;
        targetFont = tFont;
        unitFont = clamp(0.40 * r, MIN_VALUE_FONT * this.scale, 30 * this.scale);
        unitValues = r >= VALUE_RADIUS * this.scale;
        labelFont = clamp(0.30 * r, MIN_FONT * this.scale, 22 * this.scale);
        labelH = labelFont * 1.35;
        labelW = TextWidth.of("−0.00000", labelFont, false) + 0.4 * labelFont;
        columnX = new double[layers];
        for (int l = 0; l < layers; l++) {
            columnX[l] = left + l * spacing;
        }
        targetX = columnX[layers - 1] + 1.45 * radius + 0.3 * font;

        // ---- units
        unitStart = new int[layers + 1];
        int count = 0;
        for (int l = 0; l < layers; l++) {
            unitStart[l] = count;
            count += this.visible[l].length;
        }
        unitStart[layers] = count;
        unitCount = count;
        unitLayer = new int[count];
        unitIndex = new int[count];
        unitX = new double[count];
        unitY = new double[count];
        double middle = (unitTop + unitBottom) / 2;
        for (int l = 0; l < layers; l++) {
            int[] shown = this.visible[l];
            int markerSlot = collapse[l] == Collapse.HEAD_TAIL ? shown.length - 1
                    : collapse[l] == Collapse.LARGEST ? shown.length : -1;
            markerY[l] = Double.NaN;
            int slot = 0;
            for (int k = 0; k < shown.length; k++) {
                if (slot == markerSlot) {
                    markerY[l] = slotY(middle, slots[l], slot);
                    slot++;
                }
                int u = unitStart[l] + k;
                unitLayer[u] = l;
                unitIndex[u] = shown[k];
                unitX[u] = columnX[l];
                unitY[u] = slotY(middle, slots[l], slot);
                slot++;
            }
            if (slot == markerSlot) {
                markerY[l] = slotY(middle, slots[l], slot);
            }
        }

        // ---- bias nodes
        biasX = new double[layers];
        biasY = new double[layers];
        Arrays.fill(biasX, Double.NaN);
        Arrays.fill(biasY, Double.NaN);
        double biasRowY = unitTop - 0.2 * font - (biasSize + 0.8 * font) / 2;
        for (int l = 1; l < layers; l++) {
            if (bias[l]) {
                double offset = Math.max(0.26 * spacing, radius + 0.8 * biasSize);
                biasX[l] = Math.min(columnX[l - 1] + offset, columnX[l] - radius - biasSize);
                biasY[l] = biasRowY;
            }
        }

        // ---- edges
        int edges = 0;
        edgeStart = new int[layers + 1];
        for (int l = 1; l < layers; l++) {
            edgeStart[l] = edges;
            edges += this.visible[l - 1].length * this.visible[l].length + (bias[l] ? this.visible[l].length : 0);
        }
        edgeStart[layers] = edges;
        edgeCount = edges;
        edgeLayer = new int[edges];
        edgeFrom = new int[edges];
        edgeTo = new int[edges];
        edgeSource = new int[edges];
        edgeTarget = new int[edges];
        edgeX1 = new double[edges];
        edgeY1 = new double[edges];
        edgeX2 = new double[edges];
        edgeY2 = new double[edges];
        labelX = new double[edges];
        labelY = new double[edges];
        Arrays.fill(labelX, Double.NaN);
        Arrays.fill(labelY, Double.NaN);
        int e = 0;
        for (int l = 1; l < layers; l++) {
            for (int a = unitStart[l - 1]; a < unitStart[l]; a++) {
                for (int b = unitStart[l]; b < unitStart[l + 1]; b++) {
                    setEdge(e++, l, unitIndex[a], unitIndex[b], a, b, unitX[a], unitY[a]);
                }
            }
            if (bias[l]) {
                for (int b = unitStart[l]; b < unitStart[l + 1]; b++) {
                    setEdge(e++, l, -1, unitIndex[b], -1, b, biasX[l], biasY[l]);
                }
            }
        }
        captionTitle = new String[layers];
        captionDetail = new String[layers];
        for (int l = 0; l < layers; l++) {
            captionTitle[l] = caption(l, layers, sizes[l]);
            String activation = activations == null || l == 0 ? null : activations[l];
            captionDetail[l] = activation == null ? "" : activation;
        }
        placeLabels();
    }

    private void setEdge(int e, int layer, int from, int to, int source, int target, double x1, double y1) {
        edgeLayer[e] = layer;
        edgeFrom[e] = from;
        edgeTo[e] = to;
        edgeSource[e] = source;
        edgeTarget[e] = target;
        edgeX1[e] = x1;
        edgeY1[e] = y1;
        edgeX2[e] = unitX[target];
        edgeY2[e] = unitY[target];
    }

    private double slotY(double middle, int slots, int slot) {
        return middle + (slot - (slots - 1) / 2.0) * pitch;
    }

    private static String caption(int layer, int layers, int size) {
        String role = layer == 0 ? "input" : layer == layers - 1 ? "output"
                : layers == 3 ? "hidden" : "hidden " + layer;
        return role + " · " + size;
    }

    // ---- the vertical frame, shared with slotsFor so the choice of units and the layout agree ------------------

    private static final class Vertical {
        final double font;
        final double pad;
        final double captionFont;
        final double legendFont;
        final double legendH;
        final double biasSize;
        final double unitTop;
        final double unitBottom;

        Vertical(double width, double height, boolean anyBias, double scale) {
            font = clamp(Math.min(width / 60, height / 36), MIN_FONT, 26) * scale;
            pad = 0.5 * font;
            captionFont = Math.max(MIN_FONT * scale, 0.8 * font);
            legendFont = Math.max(MIN_FONT * scale, 0.78 * font);
            legendH = 2 * 1.85 * legendFont + 0.3 * font;
            biasSize = clamp(1.35 * font, 24 * scale, 36 * scale);
            double headerH = 2 * 1.2 * captionFont + 0.3 * font;
            double biasBand = anyBias ? biasSize + 0.8 * font : 0;
            unitTop = pad + headerH + biasBand + 0.2 * font;
            unitBottom = height - legendH - pad;
        }
    }

    /** How many slots (units plus a marker) a column has room for at this size, with the smallest units. */
    static int slotsFor(double width, double height, boolean anyBias) {
        return slotsFor(width, height, anyBias, 1);
    }

    static int slotsFor(double width, double height, boolean anyBias, double scale) {
        return capacity(width, height, anyBias, scale, FLOOR_RADIUS);
    }

    /**
     * The slots per column for a network of these layer sizes: every layer that fits with the smallest units is
     * shown whole. A layer too wide even for that but at most twice the room (8 units where 6 fit) shows as many of
     * its units as fit. Only when all the collapsed layers are very wide (784 pixels) do they get fewer, bigger
     * slots: as many as the widest whole layer takes, or as comfortable ({@value #MIN_RADIUS} px) units allow.
     */
    static int slotsFor(int[] sizes, double width, double height, boolean anyBias, double scale) {
        int most = slotsFor(width, height, anyBias, scale);
        int widestWhole = 0;
        for (int size : sizes) {
            if (size <= most) {
                widestWhole = Math.max(widestWhole, size);
            } else if (size <= 2 * most) {
                return most;
            }
        }
        int comfortable = Math.min(most, capacity(width, height, anyBias, scale, MIN_RADIUS));
        return Math.max(1, Math.max(comfortable, widestWhole));
    }

    /**
     * Whether the units of a network of these layer sizes, laid out in this view, are big enough to carry their
     * value line (the horizontal limit of very narrow views aside).
     */
    static boolean showsValues(int[] sizes, double width, double height, boolean anyBias, double scale) {
        int slots = slotsFor(sizes, width, height, anyBias, scale);
        int tallest = 1;
        for (int size : sizes) {
            tallest = Math.max(tallest, Math.min(size, slots));
        }
        Vertical v = new Vertical(Math.max(1, width), Math.max(1, height), anyBias, scale);
        return RADIUS_PER_PITCH * (v.unitBottom - v.unitTop) / tallest >= VALUE_RADIUS * scale;
    }

    private static int capacity(double width, double height, boolean anyBias, double scale, double radius) {
        Vertical v = new Vertical(Math.max(1, width), Math.max(1, height), anyBias, scale);
        double availH = v.unitBottom - v.unitTop;
        // The layout makes a unit 0.43 of its slot's pitch, so a radius needs a pitch of radius / 0.43.
        int slots = (int) Math.floor(availH / (radius / RADIUS_PER_PITCH * scale));
        return Math.max(1, Math.min(MAX_SLOTS, slots));
    }

    static boolean anyBias(boolean[] bias) {
        for (int l = 1; l < bias.length; l++) {
            if (bias[l]) {
                return true;
            }
        }
        return false;
    }

    /**
     * The units of a layer of {@code n} to show in a column of {@code slots} slots, ascending. All when they fit.
     * Otherwise one slot goes to a marker, and the rest show: for a moderately wide layer (at most twice the slots,
     * or no {@code importance} given) the first units and the last; for a very wide one the units of largest
     * {@code importance} (ties to the lower index).
     *
     * @param importance per unit, e.g. the summed |w| of its edges; may be null
     */
    static int[] chooseVisible(int n, int slots, double[] importance) {
        if (n <= slots) {
            int[] all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            return all;
        }
        int k = Math.max(1, slots - 1);
        int[] shown = new int[k];
        if (importance == null || n <= 2 * slots || k < 2) {
            for (int i = 0; i < k - 1; i++) {
                shown[i] = i;
            }
            shown[k - 1] = k == 1 ? 0 : n - 1;
            return shown;
        }
        // Top k by importance: a bounded selection (k ≤ MAX_SLOTS), O(n·k) worst case, no boxing.
        double[] best = new double[k];
        int[] bestIndex = new int[k];
        Arrays.fill(best, Double.NEGATIVE_INFINITY);
        Arrays.fill(bestIndex, Integer.MAX_VALUE);
        for (int i = 0; i < n; i++) {
            double v = importance[i];
            if (Double.isNaN(v)) {
                v = Double.NEGATIVE_INFINITY;
            }
            if (v > best[k - 1] || (bestIndex[k - 1] == Integer.MAX_VALUE)) {
                int p = k - 1;
                while (p > 0 && (v > best[p - 1] || bestIndex[p - 1] == Integer.MAX_VALUE)) {
                    best[p] = best[p - 1];
                    bestIndex[p] = bestIndex[p - 1];
                    p--;
                }
                best[p] = v;
                bestIndex[p] = i;
            }
        }
        System.arraycopy(bestIndex, 0, shown, 0, k);
        Arrays.sort(shown);
        return shown;
    }

    private static boolean isHeadTail(int[] shown, int n) {
        int k = shown.length;
        for (int i = 0; i < k - 1; i++) {
            if (shown[i] != i) {
                return false;
            }
        }
        return k == 1 ? shown[0] == 0 : shown[k - 1] == n - 1;
    }

    // ---- lookups ----------------------------------------------------------------------------------------------------

    /** The flat index of a unit, or −1 when it is not visible. */
    int unitAt(int layer, int unit) {
        if (layer < 0 || layer >= layers) {
            return -1;
        }
        int k = Arrays.binarySearch(visible[layer], unit);
        return k < 0 ? -1 : unitStart[layer] + k;
    }

    /** The flat index of the edge from {@code from} (−1 for the bias) to {@code to} into {@code layer}, or −1. */
    int edgeAt(int layer, int from, int to) {
        if (layer < 1 || layer >= layers) {
            return -1;
        }
        int b = unitAt(layer, to);
        if (b < 0) {
            return -1;
        }
        int bIndex = b - unitStart[layer];
        int width = visible[layer].length;
        if (from < 0) {
            return bias[layer] ? edgeStart[layer] + visible[layer - 1].length * width + bIndex : -1;
        }
        int a = unitAt(layer - 1, from);
        return a < 0 ? -1 : edgeStart[layer] + (a - unitStart[layer - 1]) * width + bIndex;
    }

    boolean isBias(int edge) {
        return edgeFrom[edge] < 0;
    }

    /**
     * What is under a point: a unit, then a bias node, then a value label, then the nearest shown edge within a few
     * pixels of its line; null for nothing.
     *
     * @param edgeWidth the drawn width of each edge, 0 for one not drawn (hidden by the threshold or the cap)
     */
    Hit hitTest(double x, double y, double[] edgeWidth) {
        double r2 = radius * radius;
        for (int u = 0; u < unitCount; u++) {
            double dx = x - unitX[u];
            double dy = y - unitY[u];
            if (dx * dx + dy * dy <= r2) {
                return new Hit(GraphElement.Kind.UNIT, unitLayer[u], -1, unitIndex[u]);
            }
        }
        for (int l = 1; l < layers; l++) {
            if (bias[l] && Math.abs(x - biasX[l]) <= biasSize / 2 + 2 && Math.abs(y - biasY[l]) <= biasSize / 2 + 2) {
                return new Hit(GraphElement.Kind.BIAS, l, -1, sizes[l] == 1 ? 0 : -1);
            }
        }
        for (int e = 0; e < edgeCount; e++) {
            if (edgeWidth != null && edgeWidth[e] > 0 && !Double.isNaN(labelX[e])
                    && Math.abs(x - labelX[e]) <= labelW / 2 && Math.abs(y - labelY[e]) <= labelH / 2) {
                return edgeHit(e);
            }
        }
        int best = -1;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (int e = 0; e < edgeCount; e++) {
            double w = edgeWidth == null ? 1 : edgeWidth[e];
            if (w <= 0) {
                continue;
            }
            double d = distanceToSegment(x, y, edgeX1[e], edgeY1[e], edgeX2[e], edgeY2[e]);
            if (d <= Math.max(5, w / 2 + 3) && d < bestDistance) {
                bestDistance = d;
                best = e;
            }
        }
        return best < 0 ? null : edgeHit(best);
    }

    private Hit edgeHit(int e) {
        return new Hit(isBias(e) ? GraphElement.Kind.BIAS : GraphElement.Kind.EDGE, edgeLayer[e], edgeFrom[e],
                edgeTo[e]);
    }

    static double distanceToSegment(double px, double py, double x1, double y1, double x2, double y2) {
        double dx = x2 - x1;
        double dy = y2 - y1;
        double length2 = dx * dx + dy * dy;
        double t = length2 == 0 ? 0 : ((px - x1) * dx + (py - y1) * dy) / length2;
        t = Math.max(0, Math.min(1, t));
        double cx = x1 + t * dx - px;
        double cy = y1 + t * dy - py;
        return Math.sqrt(cx * cx + cy * cy);
    }

    /** True when two unit circles overlap (for tests). */
    boolean circlesOverlap() {
        for (int a = 0; a < unitCount; a++) {
            for (int b = a + 1; b < unitCount; b++) {
                double dx = unitX[a] - unitX[b];
                double dy = unitY[a] - unitY[b];
                if (dx * dx + dy * dy < 4 * radius * radius) {
                    return true;
                }
            }
        }
        return false;
    }

    // ---- edge labels ---------------------------------------------------------------------------------------------

    private static final double[] WEIGHT_POSITIONS = {0.27, 0.73, 0.5, 0.36, 0.64, 0.2, 0.8};
    private static final double[] BIAS_POSITIONS = {0.62, 0.78, 0.46, 0.88};

    /**
     * Greedy: each edge of a small layer takes the first position along it where its box overlaps nothing placed so
     * far and crosses no other edge (so a label can only be read as belonging to its own line). A layer gets labels
     * on all its edges or on none: half-labelled layers read as if the rest had no value.
     */
    private void placeLabels() {
        double[] boxes = new double[edgeCount * 4];
        int placed = 0;
        double minY = captionY2 + 0.6 * captionFont;
        double maxY = unitBottom + radius * 0.2;
        for (int l = 1; l < layers; l++) {
            int count = edgeStart[l + 1] - edgeStart[l];
            if (count > MAX_LABELLED_EDGES) {
                continue;
            }
            int placedBefore = placed;
            boolean all = true;
            // Bias edges first: their positions are the most constrained (they fan out of one small node).
            for (int pass = 0; pass < 2 && all; pass++) {
                for (int e = edgeStart[l]; e < edgeStart[l + 1] && all; e++) {
                    boolean biasEdge = isBias(e);
                    if (biasEdge != (pass == 0)) {
                        continue;
                    }
                    double[] positions = biasEdge ? BIAS_POSITIONS : WEIGHT_POSITIONS;
                    boolean found = false;
                    for (double t : positions) {
                        double cx = edgeX1[e] + t * (edgeX2[e] - edgeX1[e]);
                        double cy = edgeY1[e] + t * (edgeY2[e] - edgeY1[e]);
                        double x0 = cx - labelW / 2;
                        double y0 = cy - labelH / 2;
                        if (y0 < minY || y0 + labelH > maxY || x0 < 0 || x0 + labelW > width) {
                            continue;
                        }
                        if (free(x0, y0, labelW, labelH, boxes, placed) && crossesNoOtherEdge(e, x0, y0)) {
                            labelX[e] = cx;
                            labelY[e] = cy;
                            boxes[placed * 4] = x0;
                            boxes[placed * 4 + 1] = y0;
                            boxes[placed * 4 + 2] = labelW;
                            boxes[placed * 4 + 3] = labelH;
                            placed++;
                            found = true;
                            break;
                        }
                    }
                    all = found;
                }
            }
            if (!all) {
                for (int e = edgeStart[l]; e < edgeStart[l + 1]; e++) {
                    labelX[e] = Double.NaN;
                    labelY[e] = Double.NaN;
                }
                placed = placedBefore;
            }
        }
    }

    private boolean crossesNoOtherEdge(int own, double x0, double y0) {
        double m = 2;
        for (int e = 0; e < edgeCount; e++) {
            if (e != own && segmentHitsRect(edgeX1[e], edgeY1[e], edgeX2[e], edgeY2[e], x0 - m, y0 - m,
                    x0 + labelW + m, y0 + labelH + m)) {
                return false;
            }
        }
        return true;
    }

    /** Liang–Barsky: does the segment pass through the rectangle [x0, x1] × [y0, y1]? */
    static boolean segmentHitsRect(double ax, double ay, double bx, double by, double x0, double y0, double x1,
                                   double y1) {
        double dx = bx - ax;
        double dy = by - ay;
        double t0 = 0;
        double t1 = 1;
        double[] p = {-dx, dx, -dy, dy};
        double[] q = {ax - x0, x1 - ax, ay - y0, y1 - ay};
        for (int i = 0; i < 4; i++) {
            if (p[i] == 0) {
                if (q[i] < 0) {
                    return false;
                }
            } else {
                double r = q[i] / p[i];
                if (p[i] < 0) {
                    t0 = Math.max(t0, r);
                } else {
                    t1 = Math.min(t1, r);
                }
                if (t0 > t1) {
                    return false;
                }
            }
        }
        return true;
    }

    private boolean free(double x, double y, double w, double h, double[] boxes, int placed) {
        double margin = 3;
        for (int i = 0; i < placed; i++) {
            if (x < boxes[i * 4] + boxes[i * 4 + 2] + margin && boxes[i * 4] < x + w + margin
                    && y < boxes[i * 4 + 1] + boxes[i * 4 + 3] + margin && boxes[i * 4 + 1] < y + h + margin) {
                return false;
            }
        }
        double rr = radius + 4;
        for (int u = 0; u < unitCount; u++) {
            double nx = clamp(unitX[u], x, x + w);
            double ny = clamp(unitY[u], y, y + h);
            double dx = unitX[u] - nx;
            double dy = unitY[u] - ny;
            if (dx * dx + dy * dy < rr * rr) {
                return false;
            }
        }
        double half = biasSize / 2 + 4;
        for (int l = 1; l < layers; l++) {
            if (bias[l] && x < biasX[l] + half && biasX[l] - half < x + w && y < biasY[l] + half
                    && biasY[l] - half < y + h) {
                return false;
            }
            if (!Double.isNaN(markerY[l - 1]) || !Double.isNaN(markerY[l])) {
                for (int c = l - 1; c <= l; c++) {
                    if (!Double.isNaN(markerY[c]) && Math.abs(y + h / 2 - markerY[c]) < h / 2 + pitch / 2
                            && Math.abs(x + w / 2 - columnX[c]) < w / 2 + 3 * font) {
                        return false;
                    }
                }
            }
        }
        // The targets written right of the outputs.
        int out = layers - 1;
        double targetW = TextWidth.of("t = −0.0000", targetFont, false);
        for (int u = unitStart[out]; u < unitStart[layers]; u++) {
            if (x < targetX + targetW && targetX < x + w && y < unitY[u] + targetFont && unitY[u] - targetFont < y + h) {
                return false;
            }
        }
        return true;
    }

    static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
