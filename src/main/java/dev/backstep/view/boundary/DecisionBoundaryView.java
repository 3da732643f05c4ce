package dev.backstep.view.boundary;

import dev.backstep.engine.Activation;
import dev.backstep.engine.BackPropagation;
import dev.backstep.engine.Dataset;
import dev.backstep.engine.Matrix;
import dev.backstep.engine.Network;
import dev.backstep.engine.Workspace;
import dev.backstep.model.Snapshot;
import dev.backstep.trace.NetworkLabels;
import dev.backstep.view.Theme;
import dev.backstep.view.ViewSettings;
import javafx.animation.PauseTransition;
import javafx.geometry.Insets;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.shape.StrokeLineCap;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;
import javafx.util.Duration;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The network's output over the input plane, for networks with two inputs: a heatmap under the training points
 * (filled) and test points (hollow), updated live as the network trains.
 *
 * <ul>
 * <li>One output in [0, 1] (sigmoid): a diverging map centred on 0.5, class 1 in the theme's positive colour (blue),
 *     class 0 in its negative colour (orange), 0.5 neutral grey, and the 0.5 contour drawn as a line.</li>
 * <li>One output of another kind (identity, tanh, …): the same map centred on the midpoint of the targets, which is
 *     where the contour is drawn.</li>
 * <li>Several outputs: the predicted class's colour ({@link Theme#classColor}, by arg max), paler where the network
 *     is less sure (the margin between its two largest outputs), and the borders between predicted classes.</li>
 * </ul>
 *
 * <p>The grid is one batched forward pass of a read-only network copy over the cell centres, into a reused
 * {@link Workspace}, only when the snapshot's version changed; its colours go into a reused {@link WritableImage}
 * drawn scaled with smoothing. Networks without exactly two inputs get a placeholder sentence instead.
 *
 * <p>Builds itself, then only listens to the {@link ViewSettings} (theme) and to {@link #show}. FX thread only.
 */
public final class DecisionBoundaryView extends Region {
    /** The grid is about one cell per this many pixels of the plot's side, within the limits below. */
    static final double PIXELS_PER_CELL = 5;
    static final int MIN_GRID = 24;
    static final int MAX_GRID = 96;
    /**
     * The most work one grid pass may cost, in multiply-adds, with a sigmoid, tanh or exp counted as
     * {@value #TRANSCENDENTAL_COST} of them (they dominate: Math.tanh costs ~25 ns). Bigger networks get a coarser
     * grid. Measured on the 2-core machine: about 1.5 ms per pass at this budget (2-4-1 at 96×96, 2-8-8-8-1 at
     * 41×41), below the sizes where the engine's matrix product goes parallel and competes with training.
     */
    static final long WORK_BUDGET = 2_000_000;
    static final int TRANSCENDENTAL_COST = 40;

    private static final double LEGEND_WIDTH = 210;
    /** The columns of the colour key and the data key when they stand side by side (a low view). */
    private static final double KEY_COLUMN_WIDTH = 140;
    private static final double DATA_KEY_WIDTH = 170;
    /** The colour bar's height: at most, and at least (its three labels, 15 px each, apart beside it). */
    private static final double BAR_MAX = 150;
    private static final double BAR_MIN = 56;
    /** The height the legend takes when it is below the plot (two columns: colours, then data markers). */
    private static final double LEGEND_BELOW_HEIGHT = 180;
    private static final double PAD = 14;
    /** The smallest view, in units of the scale, in which the plot and its legend read well. */
    private static final double MIN_FIT_WIDTH = 480;
    private static final double MIN_FIT_HEIGHT = 300;
    private static final double TICK_FONT_SIZE = 14;
    private static final double AXIS_FONT_SIZE = 17;
    private static final double LEGEND_FONT_SIZE = 15;
    private static final double POINT_RADIUS = 5.5;
    /** Few points are drawn larger, so that XOR's four read from the back of the room. */
    private static final double FEW_POINTS_RADIUS = 9;
    /** How much of the full colour the heatmap uses at its strongest (points use the full colour). */
    private static final double HEAT_STRENGTH = 0.5;
    private static final double NEUTRAL_STRENGTH = 0.55;
    private static final Font TICK_FONT = Font.font(Font.getDefault().getFamily(), TICK_FONT_SIZE);
    private static final Font AXIS_FONT = Font.font(Font.getDefault().getFamily(), FontWeight.BOLD, AXIS_FONT_SIZE);
    private static final Font LEGEND_FONT = Font.font(Font.getDefault().getFamily(), LEGEND_FONT_SIZE);
    private static final Font LEGEND_BOLD = Font.font(Font.getDefault().getFamily(), FontWeight.BOLD,
            LEGEND_FONT_SIZE);
    /**
     * A network whose pass costs more than twice {@link #WORK_BUDGET} even at the coarsest grid (say 2-64-64-64-1) is
     * recomputed at most once per {@value #SLOW_PASS_SPACING} times the last pass's duration, so that the grid
     * never takes more than about a fifth of the FX thread's time. Decided from the estimated work, not from a
     * measured time, so that small networks are never throttled by a hiccup.
     */
    static final int SLOW_PASS_SPACING = 5;
    private static final int LUT_STEPS = 256;
    private static final int CONFIDENCE_STEPS = 64;

    enum Mode {
        /** Nothing shown yet. */
        EMPTY,
        /** The network does not have two inputs. */
        PLACEHOLDER,
        /** One output: a diverging map around {@link #centre}. */
        SINGLE,
        /** Several outputs: class colours by arg max. */
        MULTI
    }

    private final ViewSettings settings;
    private final Canvas canvas = new Canvas();
    private final Label placeholder = new Label();

    private Snapshot snapshot;
    private long computedVersion = Long.MIN_VALUE;
    private Mode mode = Mode.EMPTY;

    // The data, recomputed when the snapshot's data sets change (they are replaced, never changed in place).
    private Dataset trainRef;
    private Dataset testRef;
    private int outputs;
    private Activation outputActivation;
    private Plane plane = new Plane(-1, 1, -1, 1);
    private double centre = 0.5;
    private double halfRange = 0.5;
    private double outputRange = 1;
    private double[] pointX = new double[0];
    private double[] pointY = new double[0];
    /** Per point: for one output its scaled target in [−1, 1], for several the target's class. */
    private double[] pointValue = new double[0];
    private int trainCount;
    private int pointCount;
    private List<String> inputNames = List.of("x1", "x2");
    private List<String> outputNames = List.of("o1");

    // The grid, reused while its size and the network's shape stay the same.
    private int grid;
    private Matrix gridInput;
    private Workspace workspace;
    private int[] workspaceShape;
    private double[] gridOutput;
    private int[] pixels = new int[0];
    private WritableImage image;
    private double[] contour = new double[0];
    private int contourLength;

    // Colours of the current theme.
    private Theme theme;
    private int[] singleLut;
    private int[][] classLut;

    // Hover readout.
    /**
     * The presentation scale: the plot is laid out and drawn in units of 1/scale of a pixel (the canvas transform
     * scales them back), so every font, line, marker and margin grows together and the drawing stays sharp.
     */
    private double scale = 1;
    private double hoverX = Double.NaN;
    private double hoverY = Double.NaN;
    private Workspace hoverWorkspace;
    private int[] hoverShape;
    private final Matrix hoverInput = new Matrix(1, 2);

    /** Told where the plot was clicked, in input coordinates; null while clicks do nothing. */
    private PlaneClick onPlaneClick;

    /** A click on the plot: (x, y) of the input plane, and whether Shift was held. */
    @FunctionalInterface
    public interface PlaneClick {
        void clicked(double x, double y, boolean shift);
    }

    private final PauseTransition catchUp = new PauseTransition();
    private long lastPassNanos;
    private long lastPassEnd;

    /** Forward passes over the grid so far (for tests: one per new snapshot version). */
    private long passes;

    // Where things were drawn (for hover and tests).
    private double plotX;
    private double plotY;
    private double plotSide;
    private boolean legendBelow;
    /** Beside the plot, the colour key and the data key next to each other rather than one above the other. */
    private boolean keysSideBySide;
    private double barHeight;

    public DecisionBoundaryView(ViewSettings settings) {
        this.settings = settings;
        setId("decisionBoundary");
        createView();
        initListeners();
    }

    private void createView() {
        canvas.setId("decisionBoundaryCanvas");
        placeholder.setId("decisionBoundaryPlaceholder");
        placeholder.setWrapText(true);
        placeholder.setTextAlignment(TextAlignment.CENTER);
        placeholder.setPadding(new Insets(24));
        placeholder.setVisible(false);
        getChildren().addAll(canvas, placeholder);
        setMinSize(160, 120);
        setPrefSize(640, 440);
        applyTheme(settings.themeProperty().get());
    }

    private void initListeners() {
        catchUp.setOnFinished(e -> catchUp());
        settings.themeProperty().addListener((obs, was, is) -> {
            applyTheme(is);
            colourImage();
            draw();
        });
        canvas.addEventHandler(MouseEvent.MOUSE_MOVED, e -> {
            hoverX = e.getX() / scale;
            hoverY = e.getY() / scale;
            draw();
        });
        settings.fontScaleProperty().addListener((obs, was, is) -> {
            layoutPlot();
            draw();
        });
        canvas.addEventHandler(MouseEvent.MOUSE_CLICKED, e -> {
            boolean plotted = mode == Mode.SINGLE || mode == Mode.MULTI;
            // The plot is laid out in units of the presentation scale; the mouse is in pixels.
            double x = e.getX() / scale;
            double y = e.getY() / scale;
            if (onPlaneClick != null && plotted && e.getButton() == javafx.scene.input.MouseButton.PRIMARY
                    && x >= plotX && x <= plotX + plotSide && y >= plotY && y <= plotY + plotSide) {
                onPlaneClick.clicked(plane.minX() + (x - plotX) / plotSide * plane.width(),
                        plane.maxY() - (y - plotY) / plotSide * plane.height(), e.isShiftDown());
            }
        });
        canvas.addEventHandler(MouseEvent.MOUSE_EXITED, e -> {
            hoverX = Double.NaN;
            draw();
        });
    }

    // ---- updating ---------------------------------------------------------------------------------------------------

    /**
     * Shows a snapshot: recomputes the grid when the snapshot's version changed (the network's parameters may have),
     * the plane and the points when its data sets changed, then redraws. FX thread; at most once per frame.
     */
    public void show(Snapshot next) {
        if (next == null) {
            return;
        }
        snapshot = next;
        Network network = next.network();
        if (network.inputSize() != 2) {
            showPlaceholder(network.inputSize());
            return;
        }
        placeholder.setVisible(false);
        boolean dataChanged = next.trainingData() != trainRef || next.testData() != testRef
                || network.outputSize() != outputs || network.outputLayer().activation() != outputActivation;
        if (dataChanged) {
            readData(next);
        }
        if (dataChanged || next.version() != computedVersion) {
            long sinceLast = System.nanoTime() - lastPassEnd;
            if (!dataChanged && isSlow() && sinceLast < SLOW_PASS_SPACING * lastPassNanos) {
                // a slow network: catch up a little later (or at the next show, whichever comes first)
                catchUp.setDuration(Duration.millis((SLOW_PASS_SPACING * lastPassNanos - sinceLast) / 1e6));
                catchUp.playFromStart();
                return;
            }
            catchUp.stop();
            computeGrid();
            computedVersion = next.version();
        }
        draw();
    }

    private void catchUp() {
        if (snapshot != null && (mode == Mode.SINGLE || mode == Mode.MULTI) && snapshot.version() != computedVersion) {
            computeGrid();
            computedVersion = snapshot.version();
            draw();
        }
    }

    private void showPlaceholder(int inputs) {
        mode = Mode.PLACEHOLDER;
        trainRef = null;
        testRef = null;
        computedVersion = Long.MIN_VALUE;
        placeholder.setText("The decision boundary needs a network with two inputs; this one has " + inputs + ".");
        placeholder.setVisible(true);
        draw();
    }

    /** Points, names, the plane and the colour centre from the snapshot's data. */
    private void readData(Snapshot s) {
        Network network = s.network();
        trainRef = s.trainingData();
        testRef = s.testData();
        outputs = network.outputSize();
        outputActivation = network.outputLayer().activation();
        mode = outputs == 1 ? Mode.SINGLE : Mode.MULTI;
        NetworkLabels labels = s.definition() == null ? null : s.definition().labels();
        if (labels == null || !Arrays.equals(labelSizes(labels), network.layerSizes())) {
            labels = NetworkLabels.defaults(network);
        }
        inputNames = labels.units().get(0);
        outputNames = labels.units().get(labels.layerCount() - 1);

        trainCount = trainRef == null ? 0 : trainRef.size();
        int testCount = testRef == null ? 0 : testRef.size();
        pointCount = trainCount + testCount;
        if (pointX.length < pointCount) {
            pointX = new double[pointCount];
            pointY = new double[pointCount];
            pointValue = new double[pointCount];
        }
        double minT = Double.POSITIVE_INFINITY;
        double maxT = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < pointCount; i++) {
            Dataset d = i < trainCount ? trainRef : testRef;
            int r = i < trainCount ? i : i - trainCount;
            pointX[i] = d.inputs().get(r, 0);
            pointY[i] = d.inputs().get(r, 1);
            for (int k = 0; k < d.targetWidth(); k++) {
                double t = d.targets().get(r, k);
                if (Double.isFinite(t)) {
                    minT = Math.min(minT, t);
                    maxT = Math.max(maxT, t);
                }
            }
        }
        plane = Plane.around(pointX, pointY, pointCount);
        if (mode == Mode.SINGLE) {
            if (outputActivation == Activation.SIGMOID || !(maxT >= minT)) {
                centre = 0.5;
                halfRange = 0.5;
            } else {
                centre = (minT + maxT) / 2;
                halfRange = maxT > minT ? (maxT - minT) / 2 : 1;
            }
        } else {
            outputRange = switch (outputActivation) {
                case SIGMOID, SOFTMAX -> 1;
                case TANH -> 2;
                default -> maxT > minT ? maxT - minT : 1;
            };
        }
        for (int i = 0; i < pointCount; i++) {
            Dataset d = i < trainCount ? trainRef : testRef;
            int r = i < trainCount ? i : i - trainCount;
            pointValue[i] = mode == Mode.SINGLE ? clamp((d.targets().get(r, 0) - centre) / halfRange)
                    : argMax(d.targets().data(), r * d.targetWidth(), d.targetWidth());
        }
    }

    private static int[] labelSizes(NetworkLabels labels) {
        int[] sizes = new int[labels.layerCount()];
        for (int l = 0; l < sizes.length; l++) {
            sizes[l] = labels.size(l);
        }
        return sizes;
    }

    /** The grid size for the current plot size and network: finer for small networks, within the limits. */
    int desiredGrid() {
        double side = plotSide > 0 ? plotSide : 400;
        int bySize = (int) Math.round(side / PIXELS_PER_CELL);
        long perRow = workPerRow();
        int byWork = perRow == 0 ? MAX_GRID : (int) Math.sqrt((double) WORK_BUDGET / perRow);
        return Math.max(MIN_GRID, Math.min(MAX_GRID, Math.min(bySize, byWork)));
    }

    /** The estimated cost of one grid row's forward pass, in multiply-adds (see {@link #WORK_BUDGET}). */
    private long workPerRow() {
        long perRow = 0;
        if (snapshot != null) {
            for (var layer : snapshot.network().layers()) {
                Activation f = layer.activation();
                boolean cheap = f == Activation.IDENTITY || f == Activation.RELU || f == Activation.LEAKY_RELU;
                perRow += (long) layer.inputSize() * layer.size() + (cheap ? 2L : TRANSCENDENTAL_COST) * layer.size();
            }
        }
        return perRow;
    }

    /** True when even the grid in use costs more than twice the budget (see {@link #SLOW_PASS_SPACING}). */
    private boolean isSlow() {
        return (long) grid * grid * workPerRow() > 2 * WORK_BUDGET;
    }

    /** One forward pass over the cell centres into the reused workspace, then colours and contour. */
    private void computeGrid() {
        long start = System.nanoTime();
        try {
            computeGridNow();
        } finally {
            lastPassEnd = System.nanoTime();
            lastPassNanos = lastPassEnd - start;
        }
    }

    private void computeGridNow() {
        Network network = snapshot.network();
        int g = desiredGrid();
        int rows = g * g;
        int[] shape = network.layerSizes();
        if (g != grid || gridInput == null) {
            grid = g;
            gridInput = new Matrix(rows, 2);
            pixels = new int[rows];
            image = new WritableImage(g, g);
            workspace = null;
        }
        if (workspace == null || !Arrays.equals(shape, workspaceShape)) {
            workspace = new Workspace(network, rows);
            workspaceShape = shape;
        }
        double[] in = gridInput.data();
        for (int row = 0; row < g; row++) {
            double y = cellY(row);
            for (int col = 0; col < g; col++) {
                int r = row * g + col;
                in[2 * r] = cellX(col);
                in[2 * r + 1] = y;
            }
        }
        BackPropagation.forward(network, gridInput, workspace);
        passes++;
        gridOutput = workspace.layer(network.layers().size()).a().data();
        colourImage();
        computeContour();
    }

    /** The first input at the centre of grid column {@code col}. */
    double cellX(int col) {
        return plane.minX() + (col + 0.5) * plane.width() / grid;
    }

    /** The second input at the centre of grid row {@code row} (row 0 is the top, the largest value). */
    double cellY(int row) {
        return plane.maxY() - (row + 0.5) * plane.height() / grid;
    }

    private void colourImage() {
        if (gridOutput == null || image == null || (mode != Mode.SINGLE && mode != Mode.MULTI)) {
            return;
        }
        int n = grid * grid;
        if (mode == Mode.SINGLE) {
            for (int i = 0; i < n; i++) {
                pixels[i] = singleLut[lutIndex(gridOutput[i])];
            }
        } else {
            int k = outputs;
            for (int i = 0; i < n; i++) {
                int best = argMax(gridOutput, i * k, k);
                double confidence = confidence(gridOutput, i * k, k, best);
                pixels[i] = classLut[best % classLut.length][(int) Math.round(confidence * (CONFIDENCE_STEPS - 1))];
            }
        }
        image.getPixelWriter().setPixels(0, 0, grid, grid, PixelFormat.getIntArgbInstance(), pixels, 0, grid);
    }

    private int lutIndex(double value) {
        double s = clamp((value - centre) / halfRange);
        if (Double.isNaN(s)) {
            return LUT_STEPS / 2;
        }
        return (int) Math.round((s + 1) / 2 * (LUT_STEPS - 1));
    }

    /** The margin between the largest and the second-largest output, as a fraction of the output range. */
    private double confidence(double[] y, int offset, int k, int best) {
        double second = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < k; j++) {
            if (j != best && y[offset + j] > second) {
                second = y[offset + j];
            }
        }
        double c = (y[offset + best] - second) / outputRange;
        return Double.isNaN(c) ? 0 : Math.max(0, Math.min(1, c));
    }

    static int argMax(double[] y, int offset, int k) {
        int best = 0;
        for (int j = 1; j < k; j++) {
            if (y[offset + j] > y[offset + best]) {
                best = j;
            }
        }
        return best;
    }

    private static double clamp(double s) {
        return s < -1 ? -1 : s > 1 ? 1 : s;
    }

    // ---- contour (marching squares over the cell centres) -----------------------------------------------------------

    /**
     * Line segments in grid coordinates (column, row of cell centres) where the output crosses {@link #centre} for
     * one output, or where the predicted class changes for several.
     */
    private void computeContour() {
        contourLength = 0;
        if (mode == Mode.SINGLE) {
            marchingSquares(0, true);
        } else {
            for (int k = 0; k < outputs; k++) {
                marchingSquares(k, false);
            }
        }
    }

    /** The field whose zero line is drawn: output − centre, or output k minus the largest other output. */
    private double field(int col, int row, int k, boolean single) {
        int i = row * grid + col;
        if (single) {
            return gridOutput[i] - centre;
        }
        int o = i * outputs;
        double other = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < outputs; j++) {
            if (j != k) {
                other = Math.max(other, gridOutput[o + j]);
            }
        }
        return gridOutput[o + k] - other;
    }

    private void marchingSquares(int k, boolean single) {
        int g = grid;
        for (int row = 0; row + 1 < g; row++) {
            for (int col = 0; col + 1 < g; col++) {
                double a = field(col, row, k, single);
                double b = field(col + 1, row, k, single);
                double c = field(col + 1, row + 1, k, single);
                double d = field(col, row + 1, k, single);
                if (Double.isNaN(a + b + c + d)) {
                    continue;
                }
                int index = (a > 0 ? 1 : 0) | (b > 0 ? 2 : 0) | (c > 0 ? 4 : 0) | (d > 0 ? 8 : 0);
                if (index == 0 || index == 15) {
                    continue;
                }
                // crossing points on the four edges: top (a-b), right (b-c), bottom (d-c), left (a-d)
                double topX = col + a / (a - b);
                double rightY = row + b / (b - c);
                double bottomX = col + d / (d - c);
                double leftY = row + a / (a - d);
                switch (index) {
                    case 1, 14 -> segment(topX, row, col, leftY);
                    case 2, 13 -> segment(topX, row, col + 1, rightY);
                    case 3, 12 -> segment(col, leftY, col + 1, rightY);
                    case 4, 11 -> segment(col + 1, rightY, bottomX, row + 1);
                    case 6, 9 -> segment(topX, row, bottomX, row + 1);
                    case 7, 8 -> segment(col, leftY, bottomX, row + 1);
                    case 5 -> {
                        segment(topX, row, col + 1, rightY);
                        segment(col, leftY, bottomX, row + 1);
                    }
                    case 10 -> {
                        segment(topX, row, col, leftY);
                        segment(col + 1, rightY, bottomX, row + 1);
                    }
                    default -> {
                    }
                }
            }
        }
    }

    private void segment(double x0, double y0, double x1, double y1) {
        if (contourLength + 4 > contour.length) {
            contour = Arrays.copyOf(contour, Math.max(1024, contour.length * 2));
        }
        contour[contourLength++] = x0;
        contour[contourLength++] = y0;
        contour[contourLength++] = x1;
        contour[contourLength++] = y1;
    }

    // ---- colours ----------------------------------------------------------------------------------------------------

    private void applyTheme(Theme t) {
        theme = t;
        Color surface = t.surface();
        Color neutral = surface.interpolate(t.neutral(), NEUTRAL_STRENGTH);
        singleLut = new int[LUT_STEPS];
        for (int i = 0; i < LUT_STEPS; i++) {
            singleLut[i] = argb(heatColor(t, i / (LUT_STEPS - 1.0) * 2 - 1));
        }
        classLut = new int[t.classes().size()][CONFIDENCE_STEPS];
        for (int c = 0; c < classLut.length; c++) {
            Color full = surface.interpolate(t.classColor(c), HEAT_STRENGTH);
            for (int i = 0; i < CONFIDENCE_STEPS; i++) {
                classLut[c][i] = argb(neutral.interpolate(full, i / (CONFIDENCE_STEPS - 1.0)));
            }
        }
        placeholder.setStyle("-fx-font-size: 1.4286em; -fx-text-fill: " + css(t.mutedText()) + ";");
    }

    /** The heatmap colour for a scaled output s in [−1, 1]: orange below the centre, blue above, grey at it. */
    static Color heatColor(Theme t, double s) {
        Color surface = t.surface();
        Color neutral = surface.interpolate(t.neutral(), NEUTRAL_STRENGTH);
        Color end = surface.interpolate(s >= 0 ? t.positive() : t.negative(), HEAT_STRENGTH);
        return neutral.interpolate(end, Math.abs(s));
    }

    /** The colour of a data point whose scaled target is s (one output): the full theme colours. */
    static Color pointColor(Theme t, double s) {
        return t.neutral().interpolate(s >= 0 ? t.positive() : t.negative(), Math.abs(s));
    }

    private static int argb(Color c) {
        return 0xFF000000 | ((int) Math.round(c.getRed() * 255) << 16) | ((int) Math.round(c.getGreen() * 255) << 8)
                | (int) Math.round(c.getBlue() * 255);
    }

    private static String css(Color c) {
        return String.format(Locale.ROOT, "rgb(%d,%d,%d)", (int) Math.round(c.getRed() * 255),
                (int) Math.round(c.getGreen() * 255), (int) Math.round(c.getBlue() * 255));
    }

    // ---- drawing ----------------------------------------------------------------------------------------------------

    @Override
    protected void layoutChildren() {
        double w = getWidth();
        double h = getHeight();
        placeholder.resizeRelocate(0, 0, w, h);
        if (canvas.getWidth() != w || canvas.getHeight() != h) {
            canvas.setWidth(w);
            canvas.setHeight(h);
            layoutPlot();
            if ((mode == Mode.SINGLE || mode == Mode.MULTI) && desiredGrid() != grid) {
                computeGrid();
            }
            draw();
        }
    }

    /**
     * Places the square plot and the legend: the legend to the right of the plot when that leaves the larger plot,
     * otherwise below it (a narrow or tall view).
     */
    private void layoutPlot() {
        scale = fittingScale(canvas.getWidth(), canvas.getHeight(), settings.fontScaleProperty().get());
        double w = canvas.getWidth() / scale;
        double h = canvas.getHeight() / scale;
        double left = PAD + 58;
        double bottom = PAD + 50;
        double top = PAD + 6;
        double besides = Math.min(w - left - LEGEND_WIDTH - 2 * PAD, h - top - bottom);
        double below = Math.min(w - left - PAD, h - top - bottom - LEGEND_BELOW_HEIGHT);
        legendBelow = below > besides * 1.15;
        plotSide = Math.max(40, legendBelow ? below : besides);
        keysSideBySide = false;
        barHeight = 100;
        if (!legendBelow) {
            // The legend is never cut off: a shorter colour bar first, then the two keys side by side (narrowing
            // the plot if need be), the bar shrinking to what the view's height leaves.
            double room = h - top - PAD;
            double rest = colourKeyHeight(0) + dataKeyHeight();
            double bar = mode == Mode.SINGLE ? 1 : 0;
            barHeight = Math.min(BAR_MAX, Math.max(80, plotSide * 0.38));
            if (bar * barHeight + rest > room) {
                barHeight = Math.max(BAR_MIN, room - rest);
                if (bar * barHeight + rest > room) {
                    keysSideBySide = true;
                    barHeight = Math.max(BAR_MIN, Math.min(BAR_MAX, room - colourKeyHeight(0)));
                    plotSide = Math.max(40, Math.min(plotSide, w - left - KEY_COLUMN_WIDTH - DATA_KEY_WIDTH
                            - 3 * PAD));
                }
            }
        }
        plotX = left;
        double free = h - top - bottom - plotSide - (legendBelow ? LEGEND_BELOW_HEIGHT : 0);
        plotY = top + Math.max(0, free / 2);
    }

    /**
     * The presentation scale the view has room for: up to {@code requested}, as long as the plot and its legend keep
     * the room they have at scale 1 in a {@value #MIN_FIT_WIDTH} × {@value #MIN_FIT_HEIGHT} view.
     */
    static double fittingScale(double width, double height, double requested) {
        double room = Math.min(width / MIN_FIT_WIDTH, height / MIN_FIT_HEIGHT);
        return Math.max(1, Math.min(requested, room));
    }

    private void draw() {
        GraphicsContext gc = canvas.getGraphicsContext2D();
        scale = fittingScale(canvas.getWidth(), canvas.getHeight(), settings.fontScaleProperty().get());
        gc.save();
        gc.scale(scale, scale);
        drawScaled(gc, canvas.getWidth() / scale, canvas.getHeight() / scale);
        gc.restore();
    }

    private void drawScaled(GraphicsContext gc, double w, double h) {
        gc.setFill(theme.background());
        gc.fillRect(0, 0, w, h);
        if (mode != Mode.SINGLE && mode != Mode.MULTI || gridOutput == null) {
            return;
        }
        layoutPlot();
        gc.setImageSmoothing(true);
        gc.drawImage(image, plotX, plotY, plotSide, plotSide);
        gc.save();
        gc.beginPath();
        gc.rect(plotX, plotY, plotSide, plotSide);
        gc.clip();
        drawContour(gc);
        drawPoints(gc);
        gc.restore();
        gc.setStroke(theme.mutedText());
        gc.setLineWidth(1);
        gc.strokeRect(plotX + 0.5, plotY + 0.5, plotSide - 1, plotSide - 1);
        drawAxes(gc);
        if (legendBelow) {
            double y = plotY + plotSide + 62;
            double bottom = drawColourKey(gc, plotX - 40, y);
            double x2 = Math.min(plotX - 40 + LEGEND_WIDTH + PAD, w - LEGEND_WIDTH + 20);
            drawDataKey(gc, x2, y);
            drawHover(gc, x2, Math.max(bottom, y + 3.2 * LEGEND_FONT_SIZE * 1.55), LEGEND_FONT);
        } else if (keysSideBySide) {
            double x = plotX + plotSide + 2 * PAD;
            double y = drawColourKey(gc, x, plotY);
            y = Math.max(y, drawDataKey(gc, x + KEY_COLUMN_WIDTH + PAD, plotY));
            drawHover(gc, x, y, LEGEND_FONT);
        } else {
            double x = plotX + plotSide + 2 * PAD;
            double y = drawColourKey(gc, x, plotY);
            y = drawDataKey(gc, x, y);
            drawHover(gc, x, y, LEGEND_FONT);
        }
    }

    private double toPixelX(double gridCol) {
        return plotX + (gridCol + 0.5) * plotSide / grid;
    }

    private double toPixelY(double gridRow) {
        return plotY + (gridRow + 0.5) * plotSide / grid;
    }

    private void drawContour(GraphicsContext gc) {
        if (contourLength == 0) {
            return;
        }
        gc.setLineCap(StrokeLineCap.ROUND);
        for (int pass = 0; pass < 2; pass++) {
            // a soft halo under a crisp line, so the boundary reads on both colours
            gc.setStroke(pass == 0 ? theme.surface().deriveColor(0, 1, 1, 0.7) : theme.text());
            gc.setLineWidth(pass == 0 ? 5 : 2.2);
            gc.beginPath();
            for (int i = 0; i < contourLength; i += 4) {
                gc.moveTo(toPixelX(contour[i]), toPixelY(contour[i + 1]));
                gc.lineTo(toPixelX(contour[i + 2]), toPixelY(contour[i + 3]));
            }
            gc.stroke();
        }
    }

    private double dataToPixelX(double x) {
        return plotX + (x - plane.minX()) / plane.width() * plotSide;
    }

    private double dataToPixelY(double y) {
        return plotY + (plane.maxY() - y) / plane.height() * plotSide;
    }

    private Color colourOfPoint(int i) {
        return mode == Mode.SINGLE ? pointColor(theme, pointValue[i]) : theme.classColor((int) pointValue[i]);
    }

    /** Larger for few points, smaller in a small plot. */
    private double pointRadius() {
        double r = pointCount <= 16 ? FEW_POINTS_RADIUS : pointCount <= 60 ? 7 : POINT_RADIUS;
        return Math.max(2.5, Math.min(r, plotSide / 70));
    }

    private void drawPoints(GraphicsContext gc) {
        double r = pointRadius();
        // test points first (hollow rings), training points on top (filled discs)
        for (int i = trainCount; i < pointCount; i++) {
            drawTestMarker(gc, dataToPixelX(pointX[i]), dataToPixelY(pointY[i]), r, colourOfPoint(i));
        }
        for (int i = 0; i < trainCount; i++) {
            drawTrainMarker(gc, dataToPixelX(pointX[i]), dataToPixelY(pointY[i]), r, colourOfPoint(i));
        }
    }

    private void drawTrainMarker(GraphicsContext gc, double x, double y, double r, Color colour) {
        gc.setFill(colour);
        gc.fillOval(x - r, y - r, 2 * r, 2 * r);
        gc.setStroke(theme.text());
        gc.setLineWidth(1.3);
        gc.strokeOval(x - r, y - r, 2 * r, 2 * r);
    }

    private void drawTestMarker(GraphicsContext gc, double x, double y, double r, Color colour) {
        gc.setStroke(theme.text());
        gc.setLineWidth(r * 0.84);
        gc.strokeOval(x - r, y - r, 2 * r, 2 * r);
        gc.setStroke(colour);
        gc.setLineWidth(r * 0.44);
        gc.strokeOval(x - r, y - r, 2 * r, 2 * r);
    }

    private void drawAxes(GraphicsContext gc) {
        gc.setFont(TICK_FONT);
        gc.setFill(theme.text());
        gc.setStroke(theme.mutedText());
        gc.setLineWidth(1);
        double stepX = niceStep(plane.width() / tickCount());
        gc.setTextAlign(TextAlignment.CENTER);
        gc.setTextBaseline(VPos.TOP);
        for (double v = Math.ceil(plane.minX() / stepX) * stepX; v <= plane.maxX() + 1e-9 * stepX; v += stepX) {
            double px = Math.round(dataToPixelX(v)) + 0.5;
            gc.strokeLine(px, plotY + plotSide, px, plotY + plotSide + 5);
            gc.fillText(formatTick(v, stepX), px, plotY + plotSide + 7);
        }
        double stepY = niceStep(plane.height() / tickCount());
        gc.setTextAlign(TextAlignment.RIGHT);
        gc.setTextBaseline(VPos.CENTER);
        for (double v = Math.ceil(plane.minY() / stepY) * stepY; v <= plane.maxY() + 1e-9 * stepY; v += stepY) {
            double py = Math.round(dataToPixelY(v)) + 0.5;
            gc.strokeLine(plotX - 5, py, plotX, py);
            gc.fillText(formatTick(v, stepY), plotX - 8, py);
        }
        gc.setFont(AXIS_FONT);
        gc.setTextAlign(TextAlignment.CENTER);
        gc.setTextBaseline(VPos.BOTTOM);
        gc.fillText(inputNames.get(0), plotX + plotSide / 2, plotY + plotSide + 50);
        gc.save();
        gc.translate(PAD + 4, plotY + plotSide / 2);
        gc.rotate(-90);
        gc.setTextBaseline(VPos.CENTER);
        gc.fillText(inputNames.get(1), 0, 0);
        gc.restore();
    }

    /** About one tick per 60 pixels, 2 to 7 of them (a small plot's labels would run into each other). */
    private double tickCount() {
        return Math.max(2, Math.min(7, plotSide / 60));
    }

    /** 1, 2 or 5 times a power of ten, at or above {@code raw}. */
    static double niceStep(double raw) {
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] {1, 2, 5}) {
            if (m * power >= raw * (1 - 1e-9)) {
                return m * power;
            }
        }
        return 10 * power;
    }

    static String formatTick(double value, double step) {
        int decimals = Math.max(0, (int) Math.ceil(-Math.log10(step) - 1e-9));
        String s = String.format(Locale.ROOT, "%." + decimals + "f", value);
        if (s.matches("-0(\\.0*)?")) {
            s = s.substring(1);
        }
        return s.replace('-', '−');
    }

    /** The key to the heatmap's colours from (x, y); returns the y below it. */
    private double drawColourKey(GraphicsContext gc, double x, double y) {
        gc.setTextAlign(TextAlignment.LEFT);
        gc.setTextBaseline(VPos.CENTER);
        gc.setFill(theme.text());
        double line = LEGEND_FONT_SIZE * 1.55;
        double cy = y + 8;
        if (mode == Mode.SINGLE) {
            gc.setFont(LEGEND_BOLD);
            gc.fillText("output " + outputNames.get(0), x, cy);
            cy += line * 0.9;
            double barX = x + 2;
            double barW = 26;
            double barH = barHeight;
            double top = cy;
            for (int i = 0; i < (int) barH; i++) {
                double s = 1 - 2 * (i + 0.5) / barH;
                gc.setFill(heatColor(theme, s));
                gc.fillRect(barX, top + i, barW, 1.2);
            }
            gc.setStroke(theme.mutedText());
            gc.setLineWidth(1);
            gc.strokeRect(barX + 0.5, top + 0.5, barW, barH);
            gc.setStroke(theme.text());
            gc.setLineWidth(2.2);
            gc.strokeLine(barX - 4, top + barH / 2, barX + barW + 4, top + barH / 2);
            gc.setFont(LEGEND_FONT);
            gc.setFill(theme.text());
            double tx = barX + barW + 10;
            String hi = formatValue(centre + halfRange);
            String lo = formatValue(centre - halfRange);
            boolean binary = outputActivation == Activation.SIGMOID;
            gc.fillText(hi + (binary ? "  class 1" : ""), tx, top + 8);
            gc.fillText(formatValue(centre) + "  boundary", tx, top + barH / 2);
            gc.fillText(lo + (binary ? "  class 0" : ""), tx, top + barH - 8);
            cy = top + barH + line;
        } else {
            gc.setFont(LEGEND_BOLD);
            gc.fillText("largest output", x, cy);
            cy += line;
            gc.setFont(LEGEND_FONT);
            for (int k = 0; k < outputs && k < 8; k++) {
                gc.setFill(surfaceMix(theme.classColor(k)));
                gc.fillRect(x + 2, cy - 9, 26, 18);
                gc.setStroke(theme.mutedText());
                gc.setLineWidth(1);
                gc.strokeRect(x + 2.5, cy - 8.5, 26, 18);
                gc.setFill(theme.text());
                gc.fillText(outputNames.get(k), x + 38, cy);
                cy += line;
            }
            gc.setFill(theme.mutedText());
            gc.fillText("paler: less sure", x + 2, cy);
            cy += line;
            gc.setStroke(theme.text());
            gc.setLineWidth(2.2);
            gc.strokeLine(x + 2, cy, x + 28, cy);
            gc.setFill(theme.text());
            gc.fillText("class border", x + 38, cy);
            cy += line;
        }
        return cy + line * 0.3 - 8;
    }

    /** The height {@link #drawColourKey} takes with a colour bar of {@code bar} (which only a single output has). */
    private double colourKeyHeight(double bar) {
        double line = LEGEND_FONT_SIZE * 1.55;
        return mode == Mode.SINGLE ? 2.2 * line + bar : (3.3 + Math.min(outputs, 8)) * line;
    }

    /** The height {@link #drawDataKey} takes. */
    private double dataKeyHeight() {
        double line = LEGEND_FONT_SIZE * 1.55;
        return (pointCount > trainCount ? 3.3 : 2.3) * line;
    }

    /** The key to the point markers from (x, y); returns the y below it. */
    private double drawDataKey(GraphicsContext gc, double x, double y) {
        gc.setTextAlign(TextAlignment.LEFT);
        gc.setTextBaseline(VPos.CENTER);
        double line = LEGEND_FONT_SIZE * 1.55;
        double cy = y + 8;
        gc.setFont(LEGEND_BOLD);
        gc.setFill(theme.text());
        gc.fillText("data (target colour)", x, cy);
        cy += line;
        gc.setFont(LEGEND_FONT);
        Color sample = theme.mutedText();
        drawTrainMarker(gc, x + 15, cy, POINT_RADIUS, sample);
        gc.setFill(theme.text());
        gc.fillText("training (" + trainCount + ")", x + 38, cy);
        cy += line;
        if (pointCount > trainCount) {
            drawTestMarker(gc, x + 15, cy, POINT_RADIUS, sample);
            gc.setFill(theme.text());
            gc.fillText("test (" + (pointCount - trainCount) + ")", x + 38, cy);
            cy += line;
        }
        return cy + line * 0.3 - 8;
    }

    private Color surfaceMix(Color c) {
        return theme.surface().interpolate(c, HEAT_STRENGTH);
    }

    private void drawHover(GraphicsContext gc, double x, double y, Font font) {
        if (Double.isNaN(hoverX) || hoverX < plotX || hoverX > plotX + plotSide || hoverY < plotY
                || hoverY > plotY + plotSide || snapshot == null) {
            return;
        }
        double dx = plane.minX() + (hoverX - plotX) / plotSide * plane.width();
        double dy = plane.maxY() - (hoverY - plotY) / plotSide * plane.height();
        Network network = snapshot.network();
        int[] shape = network.layerSizes();
        if (hoverWorkspace == null || !Arrays.equals(shape, hoverShape)) {
            hoverWorkspace = new Workspace(network, 1);
            hoverShape = shape;
        }
        hoverInput.set(0, 0, dx);
        hoverInput.set(0, 1, dy);
        BackPropagation.forward(network, hoverInput, hoverWorkspace);
        double[] out = hoverWorkspace.layer(network.layers().size()).a().data();
        gc.setStroke(theme.text());
        gc.setLineWidth(2);
        gc.strokeOval(hoverX - 8, hoverY - 8, 16, 16);
        gc.strokeLine(hoverX - 13, hoverY, hoverX - 4, hoverY);
        gc.strokeLine(hoverX + 4, hoverY, hoverX + 13, hoverY);
        gc.strokeLine(hoverX, hoverY - 13, hoverX, hoverY - 4);
        gc.strokeLine(hoverX, hoverY + 4, hoverX, hoverY + 13);
        gc.setFont(font);
        gc.setFill(theme.text());
        double line = LEGEND_FONT_SIZE * 1.45;
        y += 8;
        gc.fillText(inputNames.get(0) + " = " + formatValue(dx) + ",  " + inputNames.get(1) + " = "
                + formatValue(dy), x, y);
        for (int k = 0; k < Math.min(out.length, 4); k++) {
            gc.fillText(outputNames.get(k) + " = " + formatValue(out[k]), x, y + (k + 1) * line);
        }
    }

    private static String formatValue(double v) {
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        String s = a >= 1e-3 && a < 1e5 ? String.format(Locale.ROOT, "%.3g", v)
                : String.format(Locale.ROOT, "%.2e", v);
        if (s.contains(".") && !s.contains("e")) {
            s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return s.replace('-', '−');
    }

    /** Where clicks on the plot go (the point editor); null to ignore them. */
    public void setOnPlaneClick(PlaneClick handler) {
        onPlaneClick = handler;
    }

    /** The square the plane is drawn in, in this view's pixel coordinates (at the presentation scale). */
    public javafx.geometry.Rectangle2D plotArea() {
        return new javafx.geometry.Rectangle2D(plotX * scale, plotY * scale, plotSide * scale, plotSide * scale);
    }

    // ---- for tests --------------------------------------------------------------------------------------------------

    Mode mode() {
        return mode;
    }

    long passes() {
        return passes;
    }

    public Plane plane() {
        return plane;
    }

    int gridSize() {
        return grid;
    }

    /** Output {@code k} of the network at the centre of cell (col, row), from the last grid pass. */
    double gridOutput(int col, int row, int k) {
        return gridOutput[(row * grid + col) * outputs + k];
    }

    /** The ARGB colour of cell (col, row) in the heatmap image. */
    int cellArgb(int col, int row) {
        return pixels[row * grid + col];
    }

    String placeholderText() {
        return placeholder.isVisible() ? placeholder.getText() : "";
    }

    int contourSegments() {
        return contourLength / 4;
    }

    Canvas canvas() {
        return canvas;
    }
}
