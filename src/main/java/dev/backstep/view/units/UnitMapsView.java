package dev.backstep.view.units;

import dev.backstep.engine.DenseLayer;
import dev.backstep.engine.Network;
import dev.backstep.model.Snapshot;
import dev.backstep.trace.NetworkLabels;
import dev.backstep.trace.Numbers;
import dev.backstep.view.SnapshotView;
import dev.backstep.view.Theme;
import dev.backstep.view.ViewSettings;
import dev.backstep.view.boundary.Plane;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;

import java.util.ArrayList;
import java.util.List;

/**
 * Per-unit maps for two-input networks: beside each hidden and output unit, laid out in columns by layer as in the
 * graph, a small heatmap of the unit's activation over the input plane (the decision boundary's plane), so students
 * see how the hidden units' half-planes combine into the output's shape. Each layer has its own colour scale
 * ({@link UnitScale}) with a legend under its column; hovering a map enlarges it, with the data points on it and the
 * value under the mouse.
 *
 * <p>Recomputed (one batched forward pass, {@link UnitMapGrid}) when the snapshot changes. Networks without two
 * inputs get a sentence saying why the page is empty. FX thread only.
 */
public final class UnitMapsView extends Region implements SnapshotView {
    static final int MAX_GRID = 64;
    static final int MIN_GRID = 16;
    /** The most multiply-adds one pass may cost (tanh and sigmoid cost more, so this is generous but bounded). */
    static final long WORK_BUDGET = 1_500_000;

    private final ViewSettings settings;
    private final Canvas canvas = new Canvas();
    private final UnitMapGrid grid = new UnitMapGrid();
    private final List<Tile> tiles = new ArrayList<>();
    private Snapshot snapshot;
    private long computedVersion = Long.MIN_VALUE;
    private String message = "";
    private UnitScale[] scales = new UnitScale[0];
    private NetworkLabels labels;
    private int hovered = -1;
    private double hoverX;
    private double hoverY;

    /** Where one unit's map is drawn. */
    private record Tile(int layer, int unit, double x, double y, double side, WritableImage image) {
        boolean contains(double px, double py) {
            return px >= x && px <= x + side && py >= y && py <= y + side;
        }
    }

    public UnitMapsView(ViewSettings settings) {
        this.settings = settings;
        setId("unitMaps");
        getChildren().add(canvas);
        setMinSize(0, 0);
        canvas.setOnMouseMoved(e -> hover(e.getX(), e.getY()));
        canvas.setOnMouseExited(e -> hover(-1, -1));
        settings.themeProperty().addListener((o, was, is) -> redraw());
        settings.fontScaleProperty().addListener((o, was, is) -> redraw());
    }

    @Override
    public Node node() {
        return this;
    }

    @Override
    public void show(Snapshot s) {
        if (s == null || s.version() == computedVersion) {
            return;
        }
        snapshot = s;
        computedVersion = s.version();
        Network network = s.network();
        if (network.inputSize() != 2) {
            message = "Per-unit maps show what each unit computes over the plane of two inputs; this network has "
                    + network.inputSize() + " input" + (network.inputSize() == 1 ? "" : "s") + ".";
            scales = new UnitScale[0];
            redraw();
            return;
        }
        message = "";
        grid.compute(network, plane(s), gridSize(network));
        List<DenseLayer> layers = network.layers();
        scales = new UnitScale[layers.size()];
        for (int l = 0; l < layers.size(); l++) {
            scales[l] = UnitScale.of(layers.get(l).activation(), grid.layerRange(layers.get(l)));
        }
        labels = s.definition().labels();
        if (!java.util.Arrays.equals(sizes(labels), network.layerSizes())) {
            labels = NetworkLabels.defaults(network);
        }
        redraw();
    }

    private static int[] sizes(NetworkLabels labels) {
        int[] sizes = new int[labels.layerCount()];
        for (int l = 0; l < sizes.length; l++) {
            sizes[l] = labels.size(l);
        }
        return sizes;
    }

    /** The decision boundary's plane: the training and test points with a margin. */
    static Plane plane(Snapshot s) {
        int train = s.trainingData() == null ? 0 : s.trainingData().size();
        int test = s.testData() == null ? 0 : s.testData().size();
        double[] x = new double[train + test];
        double[] y = new double[train + test];
        for (int i = 0; i < train + test; i++) {
            var d = i < train ? s.trainingData() : s.testData();
            int r = i < train ? i : i - train;
            x[i] = d.inputs().get(r, 0);
            y[i] = d.inputs().get(r, 1);
        }
        return Plane.around(x, y, x.length);
    }

    /** As fine as the work budget allows, from {@value #MIN_GRID} to {@value #MAX_GRID} cells a side. */
    static int gridSize(Network network) {
        long perRow = 0;
        for (DenseLayer layer : network.layers()) {
            perRow += (long) layer.inputSize() * layer.size() + 20L * layer.size();
        }
        int n = (int) Math.sqrt((double) WORK_BUDGET / Math.max(1, perRow));
        return Math.max(MIN_GRID, Math.min(MAX_GRID, n));
    }

    @Override
    protected void layoutChildren() {
        double w = Math.floor(getWidth());
        double h = Math.floor(getHeight());
        if (canvas.getWidth() != w || canvas.getHeight() != h) {
            canvas.setWidth(w);
            canvas.setHeight(h);
            redraw();
        }
    }

    private double scale() {
        return settings.fontScaleProperty().get();
    }

    private Font font(double size, boolean bold) {
        return Font.font(Font.getDefault().getFamily(), bold ? FontWeight.BOLD : FontWeight.NORMAL, size * scale());
    }

    private void redraw() {
        Theme theme = settings.themeProperty().get();
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        g.setFill(theme.background());
        g.fillRect(0, 0, w, h);
        tiles.clear();
        if (snapshot == null || !message.isEmpty()) {
            g.setFill(theme.mutedText());
            g.setFont(font(17, false));
            g.setTextAlign(TextAlignment.CENTER);
            g.setTextBaseline(VPos.CENTER);
            g.fillText(message, w / 2, h / 2);
            return;
        }
        double s = scale();
        if (w < 100 * s || h < 100 * s) {
            return;
        }
        List<DenseLayer> layers = snapshot.network().layers();
        double columnWidth = w / layers.size();
        double headerHeight = 64 * s;
        double legendHeight = 108 * s;
        double labelWidth = 58 * s;
        double gap = 10 * s;
        double available = h - headerHeight - legendHeight;
        // Units of a layer wrap into several sub-columns when that makes the maps larger; every layer uses the
        // smallest of the layers' best sides, so that all maps have one size and read as one picture.
        int[] across = new int[layers.size()];
        double side = 230 * s;
        for (int l = 0; l < layers.size(); l++) {
            int units = layers.get(l).size();
            across[l] = 1;
            double best = 0;
            for (int k = 1; k <= units; k++) {
                int down = (units + k - 1) / k;
                double fit = Math.min((columnWidth - 2 * gap) / k - labelWidth - gap, available / down - gap);
                if (fit > best + 0.5) {
                    best = fit;
                    across[l] = k;
                }
            }
            side = Math.min(side, best);
        }
        side = Math.max(12, side);
        for (int l = 0; l < layers.size(); l++) {
            DenseLayer layer = layers.get(l);
            double cx = columnWidth * (l + 0.5);
            g.setFill(theme.text());
            g.setFont(font(17, true));
            g.setTextAlign(TextAlignment.CENTER);
            g.setTextBaseline(VPos.TOP);
            String name = l == layers.size() - 1 ? "output layer" : layers.size() == 2 ? "hidden layer"
                    : "hidden layer " + (l + 1);
            g.fillText(name, cx, 10 * s);
            g.setFont(font(14, false));
            g.setFill(theme.mutedText());
            g.fillText(layer.activation().id() + " · " + scales[l].describe(), cx, 34 * s);
            int[] table = scales[l].table(theme, 255);
            int k = across[l];
            int down = (layer.size() + k - 1) / k;
            double cell = side + labelWidth + gap;
            double top = headerHeight + Math.max(0, (available - down * (side + gap)) / 2);
            double left = cx - k * cell / 2 + labelWidth;
            for (int j = 0; j < layer.size(); j++) {
                double x = left + (j % k) * cell;
                double y = top + (j / k) * (side + gap);
                Tile tile = new Tile(layer.index(), j, x, y, side, image(layer.index(), j, scales[l], table));
                tiles.add(tile);
                g.setImageSmoothing(true);
                g.drawImage(tile.image(), x, y, side, side);
                g.setStroke(theme.mutedText());
                g.setLineWidth(1);
                g.strokeRect(x, y, side, side);
                drawPoints(g, theme, grid.plane(), x, y, side);
                g.setFill(theme.text());
                g.setFont(font(16, true));
                g.setTextAlign(TextAlignment.RIGHT);
                g.setTextBaseline(VPos.CENTER);
                g.fillText(labels.unit(layer.index(), j), x - 8 * s, y + side / 2);
            }
            drawLegend(g, theme, scales[l], cx, h - legendHeight + 8 * s, Math.min(columnWidth - 4 * gap, 260 * s));
        }
        drawPointLegend(g, theme, w / 2, h - 16 * s);
        if (hovered >= 0 && hovered < tiles.size()) {
            drawEnlarged(g, theme, tiles.get(hovered));
        }
    }

    private WritableImage image(int layer, int unit, UnitScale scale, int[] table) {
        int n = grid.size();
        WritableImage image = new WritableImage(n, n);
        int[] pixels = new int[n * n];
        for (int row = 0; row < n; row++) {
            for (int col = 0; col < n; col++) {
                double v = grid.value(layer, unit, row, col);
                pixels[row * n + col] = Double.isNaN(v) ? 0xFF808080
                        : table[(int) Math.round(scale.t(v) * (table.length - 1))];
            }
        }
        image.getPixelWriter().setPixels(0, 0, n, n, PixelFormat.getIntArgbInstance(), pixels, 0, n);
        return image;
    }

    private void drawLegend(GraphicsContext g, Theme theme, UnitScale scale, double cx, double y, double width) {
        double s = scale();
        double barHeight = 16 * s;
        double x0 = cx - width / 2;
        int steps = 96;
        for (int i = 0; i < steps; i++) {
            double v = scale.lo() + (scale.hi() - scale.lo()) * (i + 0.5) / steps;
            g.setFill(scale.color(v, theme));
            g.fillRect(x0 + i * width / steps, y, width / steps + 1, barHeight);
        }
        g.setStroke(theme.mutedText());
        g.setLineWidth(1);
        g.strokeRect(x0, y, width, barHeight);
        g.setFill(theme.text());
        g.setFont(font(14, false));
        g.setTextBaseline(VPos.TOP);
        double[] ticks = {scale.lo(), (scale.lo() + scale.hi()) / 2, scale.hi()};
        TextAlignment[] align = {TextAlignment.LEFT, TextAlignment.CENTER, TextAlignment.RIGHT};
        for (int i = 0; i < 3; i++) {
            double tx = x0 + width * i / 2;
            g.strokeLine(tx, y + barHeight, tx, y + barHeight + 4 * s);
            g.setTextAlign(align[i]);
            g.fillText(Numbers.format(ticks[i], 3, true), tx, y + barHeight + 6 * s);
        }
        g.setTextAlign(TextAlignment.CENTER);
        g.setFill(theme.mutedText());
        g.fillText("activation a", cx, y + barHeight + 28 * s);
    }

    /** What the dots' colours mean, centred at (cx, y). */
    private void drawPointLegend(GraphicsContext g, Theme theme, double cx, double y) {
        var targets = snapshot.trainingData() == null ? null : snapshot.trainingData().targets();
        if (targets == null || targets.rows() == 0) {
            return;
        }
        double s = scale();
        List<String> names = new ArrayList<>();
        List<Color> colors = new ArrayList<>();
        if (targets.cols() == 1) {
            names.add("target ≥ 0.5");
            colors.add(theme.positive());
            names.add("target < 0.5");
            colors.add(theme.negative());
        } else {
            for (int k = 0; k < targets.cols(); k++) {
                names.add(labels.unit(labels.layerCount() - 1, k));
                colors.add(theme.classColor(k));
            }
        }
        g.setFont(font(15, false));
        g.setTextBaseline(VPos.CENTER);
        g.setTextAlign(TextAlignment.LEFT);
        String lead = "training points:";
        double width = text(lead) + 12 * s;
        for (String name : names) {
            width += 22 * s + text(name) + 18 * s;
        }
        double x = cx - width / 2;
        g.setFill(theme.mutedText());
        g.fillText(lead, x, y);
        x += text(lead) + 12 * s;
        double r = 7 * s;
        for (int i = 0; i < names.size(); i++) {
            g.setFill(colors.get(i));
            g.fillOval(x, y - r, 2 * r, 2 * r);
            g.setStroke(Color.WHITE);
            g.setLineWidth(1.5 * s);
            g.strokeOval(x, y - r, 2 * r, 2 * r);
            g.setFill(theme.text());
            g.fillText(names.get(i), x + 22 * s, y);
            x += 22 * s + text(names.get(i)) + 18 * s;
        }
    }

    private double text(String s) {
        javafx.scene.text.Text t = new javafx.scene.text.Text(s);
        t.setFont(font(15, false));
        return t.getLayoutBounds().getWidth();
    }

    /** The hovered map, about three times larger, over the others, with the data points and the value under it. */
    private void drawEnlarged(GraphicsContext g, Theme theme, Tile tile) {
        double s = scale();
        double side = enlargedSide(tile);
        double x = Math.max(4, Math.min(canvas.getWidth() - side - 4, tile.x() + tile.side() / 2 - side / 2));
        double y = Math.max(30 * s, Math.min(canvas.getHeight() - side - 34 * s, tile.y() + tile.side() / 2
                - side / 2));
        g.setFill(theme.surface());
        g.fillRect(x - 6, y - 30 * s, side + 12, side + 64 * s);
        g.setImageSmoothing(true);
        g.drawImage(tile.image(), x, y, side, side);
        g.setStroke(theme.text());
        g.setLineWidth(2);
        g.strokeRect(x, y, side, side);
        Plane plane = grid.plane();
        drawPoints(g, theme, plane, x, y, side);
        g.setFill(theme.text());
        g.setFont(font(16, true));
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.BOTTOM);
        g.fillText(labels.unit(tile.layer(), tile.unit()) + "  over (" + labels.unit(0, 0) + ", "
                + labels.unit(0, 1) + ")", x, y - 6 * s);
        g.setFont(font(14, false));
        g.setTextBaseline(VPos.TOP);
        String value = "";
        if (tile.contains(hoverX, hoverY)) {
            int n = grid.size();
            int col = (int) Math.min(n - 1, Math.floor((hoverX - tile.x()) / tile.side() * n));
            int row = (int) Math.min(n - 1, Math.floor((hoverY - tile.y()) / tile.side() * n));
            value = String.format(java.util.Locale.ROOT, "   at (%s, %s): a = %s", Numbers.format(grid.x(col), 3, true),
                    Numbers.format(grid.y(row), 3, true), Numbers.format(grid.value(tile.layer(), tile.unit(), row,
                            col), 4, true));
        }
        g.fillText(labels.unit(0, 0) + " " + Numbers.format(plane.minX(), 3, true) + " to "
                + Numbers.format(plane.maxX(), 3, true) + ", " + labels.unit(0, 1) + " "
                + Numbers.format(plane.minY(), 3, true) + " to " + Numbers.format(plane.maxY(), 3, true) + value,
                x, y + side + 6 * s);
    }

    /** The training points on a map; their size follows the map's and shrinks as they get many. */
    private void drawPoints(GraphicsContext g, Theme theme, Plane plane, double x, double y, double side) {
        var data = snapshot.trainingData();
        if (data == null) {
            return;
        }
        double r = Math.max(2 * scale(), Math.min(side / 40, side / 12 / Math.sqrt(Math.max(1, data.size()))));
        for (int i = 0; i < data.size(); i++) {
            double px = x + (data.inputs().get(i, 0) - plane.minX()) / plane.width() * side;
            double py = y + (plane.maxY() - data.inputs().get(i, 1)) / plane.height() * side;
            g.setFill(pointColor(theme, data.targets(), i));
            g.fillOval(px - r, py - r, 2 * r, 2 * r);
            g.setStroke(Color.WHITE);
            g.setLineWidth(Math.min(1.5 * scale(), r / 3));
            g.strokeOval(px - r, py - r, 2 * r, 2 * r);
        }
    }

    /** One target: blue at or above 0.5, orange below (as the boundary draws them); several: the arg max's colour. */
    private static Color pointColor(Theme theme, dev.backstep.engine.Matrix targets, int row) {
        if (targets.cols() == 1) {
            return targets.get(row, 0) >= 0.5 ? theme.positive() : theme.negative();
        }
        int best = 0;
        for (int k = 1; k < targets.cols(); k++) {
            if (targets.get(row, k) > targets.get(row, best)) {
                best = k;
            }
        }
        return theme.classColor(best);
    }

    private void hover(double x, double y) {
        hoverX = x;
        hoverY = y;
        int found = -1;
        for (int i = 0; i < tiles.size(); i++) {
            if (tiles.get(i).contains(x, y)) {
                found = i;
            }
        }
        // Keep the enlarged map while the mouse is over it.
        if (found < 0 && hovered >= 0 && hovered < tiles.size() && overEnlarged(x, y)) {
            found = hovered;
        }
        if (found != hovered || found >= 0) {
            hovered = found;
            redraw();
        }
    }

    private double enlargedSide(Tile tile) {
        return Math.min(Math.min(canvas.getWidth(), canvas.getHeight()) * 0.8, Math.max(tile.side() * 3,
                300 * scale()));
    }

    private boolean overEnlarged(double x, double y) {
        Tile tile = tiles.get(hovered);
        double dx = x - (tile.x() + tile.side() / 2);
        double dy = y - (tile.y() + tile.side() / 2);
        double half = enlargedSide(tile) / 2;
        return Math.abs(dx) < half && Math.abs(dy) < half;
    }

    // ---- for tests ----------------------------------------------------------------------------------------------

    /** How many unit maps are on screen. */
    public int mapCount() {
        return tiles.size();
    }

    /** The map of a unit as drawn: its colours, row 0 at the top; null before the first snapshot. */
    WritableImage mapImage(int layer, int unit) {
        for (Tile tile : tiles) {
            if (tile.layer() == layer && tile.unit() == unit) {
                return tile.image();
            }
        }
        return null;
    }

    UnitMapGrid grid() {
        return grid;
    }

    UnitScale scale(int layer) {
        return scales[layer - 1];
    }

    String message() {
        return message;
    }

    /** Enlarges the map of a unit as a hover does. */
    void hoverUnit(int layer, int unit) {
        for (int i = 0; i < tiles.size(); i++) {
            if (tiles.get(i).layer() == layer && tiles.get(i).unit() == unit) {
                Tile t = tiles.get(i);
                hover(t.x() + t.side() / 2, t.y() + t.side() / 2);
            }
        }
    }

    int hovered() {
        return hovered;
    }
}
