package dev.backstep.view.data;

import dev.backstep.engine.ConfusionMatrix;
import dev.backstep.model.Snapshot;
import dev.backstep.view.SnapshotView;
import dev.backstep.view.Theme;
import dev.backstep.view.ViewSettings;
import javafx.geometry.Insets;
import javafx.geometry.Point2D;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.image.ImageView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;

import java.util.Locale;

/**
 * Page "confusion": how often each true class was taken for each class, on the test set (or the training set when
 * there is none, as the title says). Counts in every cell, cells coloured by count on viridis with a legend, class
 * names on both axes, the accuracy above. It opens on the most frequent mistake; clicking a cell lists its samples
 * as thumbnails (the first
 * {@value #MAX_THUMBNAILS}, then "and N more"); clicking a thumbnail opens that sample in the sample browser.
 *
 * <p>Recomputed off the FX thread when the epoch changes (or on Refresh), never per frame: a 10,000-image forward
 * pass must not stall drawing.
 */
public final class ConfusionView implements SnapshotView {
    static final int MAX_THUMBNAILS = 50;
    private static final double BASE_FONT = 14;

    private final ViewSettings settings;
    private final BorderPane root = new BorderPane();
    private final CanvasPane grid = new CanvasPane(this::redraw);
    private final Label title = new Label("Confusion matrix");
    private final Label cellTitle = new Label("Click a cell to see its samples.");
    private final FlowPane thumbnails = new FlowPane();
    private final Label more = new Label();
    private final SampleImages images = new SampleImages();
    private final BackgroundWork<ConfusionModel> work;
    private Snapshot latest;
    private ConfusionModel model;
    private int selectedTrue = -1;
    private int selectedPredicted = -1;
    /** True once the person chose a cell: it stays selected as training goes on; otherwise the largest mistake is. */
    private boolean chosen;
    private int[] listed = new int[0];
    private SampleOpener onOpenSample = (testSet, index) -> { };
    // Geometry of the last drawing, for clicks.
    private double gridLeft;
    private double gridTop;
    private double cell;

    public ConfusionView(ViewSettings settings) {
        this.settings = settings;
        work = new BackgroundWork<>(this::accept, message -> {
            title.setText("Confusion matrix: " + message);
            computeIfStale();
        });
        root.setId("confusionView");
        // So tests can reach the view behind its node.
        root.getProperties().put(ConfusionView.class, this);
        grid.canvas().setId("confusionCanvas");
        title.setId("confusionTitle");
        title.setStyle("-fx-font-weight: bold; -fx-font-size: 1.15em;");
        Button refresh = new Button("Refresh");
        refresh.setId("confusionRefresh");
        refresh.setFocusTraversable(false);
        refresh.setOnAction(e -> {
            model = null;
            computeIfStale();
        });
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox top = new HBox(12, title, spacer, refresh);
        top.setAlignment(Pos.CENTER_LEFT);
        top.setPadding(new Insets(6, 10, 6, 10));
        cellTitle.setId("confusionCellTitle");
        cellTitle.setWrapText(true);
        cellTitle.setStyle("-fx-font-weight: bold;");
        thumbnails.setId("confusionSamples");
        thumbnails.setHgap(8);
        thumbnails.setVgap(8);
        more.setId("confusionMore");
        ScrollPane scroll = new ScrollPane(thumbnails);
        scroll.setFitToWidth(true);
        VBox side = new VBox(8, cellTitle, scroll, more);
        side.setPadding(new Insets(8));
        VBox.setVgrow(scroll, Priority.ALWAYS);
        SplitPane split = new SplitPane(grid, side);
        split.setDividerPositions(0.6);
        root.setTop(top);
        root.setCenter(split);
        grid.canvas().setOnMouseClicked(e -> {
            int[] at = cellAt(e.getX(), e.getY());
            if (at != null) {
                chosen = true;
                select(at[0], at[1]);
            }
        });
        settings.themeProperty().addListener((o, a, b) -> redraw());
        settings.fontScaleProperty().addListener((o, a, b) -> applyFontScale());
        applyFontScale();
    }

    /** Opens a sample of the test set or the training set (in the sample browser). */
    public interface SampleOpener {
        void open(boolean testSet, int index);
    }

    /** What clicking a thumbnail does with its sample: open it in the browser. */
    public void setOnOpenSample(SampleOpener action) {
        onOpenSample = action;
    }

    @Override
    public Node node() {
        return root;
    }

    @Override
    public void show(Snapshot snapshot) {
        latest = snapshot;
        computeIfStale();
    }

    private void computeIfStale() {
        if (latest != null && (model == null || !model.current(latest))) {
            Snapshot s = latest;
            if (work.start(() -> ConfusionModel.of(s)) && model == null) {
                title.setText("Confusion matrix: computing…");
            }
        }
        if (model != null) {
            showTitle();
        }
    }

    private void accept(ConfusionModel next) {
        boolean sameCells = model != null && model.definition() == next.definition() && model.data() == next.data();
        model = next;
        showTitle();
        if (chosen && sameCells && selectedTrue >= 0) {
            select(selectedTrue, selectedPredicted);
        } else {
            chosen = false;
            selectLargestConfusion();
        }
        redraw();
        computeIfStale();
    }

    /** The set, epoch and accuracy, and whether a newer epoch is being computed. */
    private void showTitle() {
        ConfusionMatrix m = model.matrix();
        boolean stale = latest != null && !model.current(latest);
        title.setText(String.format(Locale.ROOT, "Confusion matrix · %s · epoch %,d · accuracy %.1f %% (%,d of %,d)%s",
                model.setName(), model.epoch(), 100 * m.accuracy(), m.correct(), m.total(),
                stale ? " · updating…" : ""));
    }

    /** The model drawn now (null before the first result), for tests. */
    ConfusionModel model() {
        return model;
    }

    /** The sample indices whose thumbnails are listed for the selected cell, in order; for tests. */
    int[] listed() {
        return listed.clone();
    }

    /** Lists the samples of a cell (true class, predicted class). */
    void select(int trueClass, int predictedClass) {
        if (model == null) {
            return;
        }
        selectedTrue = trueClass;
        selectedPredicted = predictedClass;
        int[] all = model.samples(trueClass, predictedClass);
        String[] names = model.classes();
        cellTitle.setText(String.format(Locale.ROOT, "True %s, predicted %s: %,d sample%s%s", names[trueClass],
                names[predictedClass], all.length, all.length == 1 ? "" : "s",
                trueClass == predictedClass ? " (correct)" : ""));
        listed = java.util.Arrays.copyOf(all, Math.min(all.length, MAX_THUMBNAILS));
        thumbnails.getChildren().clear();
        boolean image = ImageShape.side(model.data().inputWidth()) > 0;
        double size = 56 * settings.fontScaleProperty().get();
        for (int index : listed) {
            Node picture;
            if (image) {
                ImageView view = new ImageView(images.image(model.data(), index));
                view.setSmooth(false);
                view.setFitWidth(size);
                view.setFitHeight(size);
                picture = view;
            } else {
                picture = new Label("sample");
            }
            Label number = new Label("#" + (index + 1));
            VBox tile = new VBox(2, picture, number);
            tile.setAlignment(Pos.CENTER);
            tile.getStyleClass().add("sample-thumbnail");
            boolean testSet = model.testSet();
            tile.setOnMouseClicked(e -> onOpenSample.open(testSet, index));
            tile.setCursor(javafx.scene.Cursor.HAND);
            thumbnails.getChildren().add(tile);
        }
        more.setText(all.length > listed.length ? String.format(Locale.ROOT, "and %,d more", all.length
                - listed.length) : "");
        redraw();
    }

    /** Opens on the most frequent mistake, the cell a lecturer would click first; none when all are right. */
    private void selectLargestConfusion() {
        ConfusionMatrix m = model.matrix();
        int bestTrue = -1;
        int bestPredicted = -1;
        for (int t = 0; t < m.classes(); t++) {
            for (int p = 0; p < m.classes(); p++) {
                if (t != p && m.count(t, p) > 0 && (bestTrue < 0 || m.count(t, p) > m.count(bestTrue, bestPredicted))) {
                    bestTrue = t;
                    bestPredicted = p;
                }
            }
        }
        if (bestTrue >= 0) {
            select(bestTrue, bestPredicted);
        } else {
            clearSelection();
        }
    }

    private void clearSelection() {
        chosen = false;
        selectedTrue = -1;
        selectedPredicted = -1;
        listed = new int[0];
        thumbnails.getChildren().clear();
        more.setText("");
        cellTitle.setText("Click a cell to see its samples.");
    }

    /** The centre of a cell on the canvas, for tests that click it. */
    Point2D cellCentre(int trueClass, int predictedClass) {
        return new Point2D(gridLeft + (predictedClass + 0.5) * cell, gridTop + (trueClass + 0.5) * cell);
    }

    Node canvas() {
        return grid.canvas();
    }

    private int[] cellAt(double x, double y) {
        if (model == null || cell <= 0) {
            return null;
        }
        int p = (int) Math.floor((x - gridLeft) / cell);
        int t = (int) Math.floor((y - gridTop) / cell);
        int k = model.matrix().classes();
        return p >= 0 && p < k && t >= 0 && t < k ? new int[] {t, p} : null;
    }

    private void applyFontScale() {
        root.setStyle(String.format(Locale.ROOT, "-fx-font-size: %.1fpx;", BASE_FONT * settings.fontScaleProperty()
                .get()));
        redraw();
    }

    private void redraw() {
        GraphicsContext g = grid.canvas().getGraphicsContext2D();
        Theme theme = settings.themeProperty().get();
        double w = grid.canvas().getWidth();
        double h = grid.canvas().getHeight();
        g.setFill(theme.background());
        g.fillRect(0, 0, w, h);
        if (model == null || w < 80 || h < 80) {
            return;
        }
        double fs = BASE_FONT * settings.fontScaleProperty().get();
        ConfusionMatrix m = model.matrix();
        String[] names = model.classes();
        int k = m.classes();
        Font font = Font.font(Font.getDefault().getFamily(), fs);
        Font bold = Font.font(Font.getDefault().getFamily(), FontWeight.BOLD, fs);
        double nameWidth = 0;
        for (String name : names) {
            nameWidth = Math.max(nameWidth, TextWidths.of(name, font));
        }
        double legendHeight = fs * 4;
        gridLeft = fs * 2.6 + nameWidth + fs * 0.6;
        gridTop = fs * 3.4;
        cell = Math.floor(Math.min((w - gridLeft - fs), (h - gridTop - legendHeight - fs)) / k);
        // Names wider than a cell ("pullover", "sneaker") are written upwards above their column instead.
        boolean upright = nameWidth > cell - fs * 0.4;
        if (upright) {
            gridTop = fs * 2.6 + nameWidth;
            cell = Math.floor(Math.min((w - gridLeft - fs), (h - gridTop - legendHeight - fs)) / k);
        }
        if (cell < 4) {
            return;
        }
        int max = 1;
        for (int t = 0; t < k; t++) {
            for (int p = 0; p < k; p++) {
                max = Math.max(max, m.count(t, p));
            }
        }
        g.setTextBaseline(VPos.CENTER);
        g.setTextAlign(TextAlignment.CENTER);
        Font countFont = Font.font(Font.getDefault().getFamily(), FontWeight.BOLD,
                Math.min(fs, cell * 0.32));
        for (int t = 0; t < k; t++) {
            for (int p = 0; p < k; p++) {
                double x = gridLeft + p * cell;
                double y = gridTop + t * cell;
                Color fill = Palettes.viridis((double) m.count(t, p) / max);
                g.setFill(fill);
                g.fillRect(x, y, cell - 1, cell - 1);
                g.setFill(luminance(fill) > 0.45 ? Color.BLACK : Color.WHITE);
                g.setFont(countFont);
                g.fillText(String.format(Locale.ROOT, "%,d", m.count(t, p)), x + cell / 2, y + cell / 2);
            }
        }
        if (selectedTrue >= 0) {
            g.setStroke(theme.highlight());
            g.setLineWidth(3);
            g.strokeRect(gridLeft + selectedPredicted * cell + 1.5, gridTop + selectedTrue * cell + 1.5, cell - 4,
                    cell - 4);
        }
        g.setFill(theme.text());
        g.setFont(font);
        for (int c = 0; c < k; c++) {
            if (upright) {
                g.save();
                g.translate(gridLeft + (c + 0.5) * cell, gridTop - fs * 0.4);
                g.rotate(-90);
                g.setTextAlign(TextAlignment.LEFT);
                g.fillText(names[c], 0, 0);
                g.restore();
            } else {
                g.setTextAlign(TextAlignment.CENTER);
                g.fillText(names[c], gridLeft + (c + 0.5) * cell, gridTop - fs * 0.8);
            }
            g.setTextAlign(TextAlignment.RIGHT);
            g.fillText(names[c], gridLeft - fs * 0.5, gridTop + (c + 0.5) * cell);
        }
        g.setFont(bold);
        g.setTextAlign(TextAlignment.CENTER);
        g.fillText("predicted class", gridLeft + k * cell / 2, fs * 1.0);
        g.save();
        g.translate(fs * 1.0, gridTop + k * cell / 2);
        g.rotate(-90);
        g.fillText("true class", 0, 0);
        g.restore();
        Legend.sequential(g, theme, max, fs, gridTop + k * cell + fs, w, "samples in the cell");
    }

    /** Relative luminance: counts are black on the light (yellow, green) cells and white on the dark ones. */
    private static double luminance(Color c) {
        return 0.2126 * c.getRed() + 0.7152 * c.getGreen() + 0.0722 * c.getBlue();
    }
}
