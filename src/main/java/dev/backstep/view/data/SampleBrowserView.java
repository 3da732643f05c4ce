package dev.backstep.view.data;

import dev.backstep.engine.Dataset;
import dev.backstep.model.Snapshot;
import dev.backstep.view.SnapshotView;
import dev.backstep.view.Theme;
import dev.backstep.view.UserActions;
import dev.backstep.view.ViewSettings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;

import java.util.List;
import java.util.Locale;

/**
 * Page "samples": one sample at a time, its image (or its input values when they are not an image), its true label
 * and the network's probability for every class as labelled bars. Previous, next and a jump to a sample number;
 * "Step through this sample" makes it the sample whose chain-rule terms the network page steps (a look: its
 * update is not applied).
 */
public final class SampleBrowserView implements SnapshotView {
    private static final double BASE_FONT = 14;
    static final String TRAINING = "training set";
    static final String TEST = "test set";

    private final ViewSettings settings;
    private final BorderPane root = new BorderPane();
    private final CanvasPane canvas = new CanvasPane(this::redraw);
    private final ComboBox<String> set = new ComboBox<>();
    private final TextField number = new TextField();
    private final Label count = new Label();
    private final Button trace = new Button("Step through this sample");
    private final SampleImages images = new SampleImages();
    private WritableImage image;
    private int[] imageBuffer;
    private Snapshot latest;
    private int index;
    private SampleOutputs outputs;
    private Object computedFor;
    private int computedIndex = -1;
    private Dataset outputsData;

    public SampleBrowserView(ViewSettings settings, UserActions actions) {
        this.settings = settings;
        root.setId("sampleBrowser");
        // So tests can reach the view behind its node.
        root.getProperties().put(SampleBrowserView.class, this);
        canvas.canvas().setId("sampleCanvas");
        set.setId("sampleSet");
        set.setFocusTraversable(false);
        set.setOnAction(e -> {
            index = 0;
            refresh();
        });
        Button previous = new Button("◀ Previous");
        previous.setId("samplePrevious");
        previous.setOnAction(e -> move(-1));
        Button next = new Button("Next ▶");
        next.setId("sampleNext");
        next.setOnAction(e -> move(1));
        for (Button b : List.of(previous, next, trace)) {
            b.setFocusTraversable(false);
        }
        number.setId("sampleNumber");
        number.setPrefColumnCount(6);
        number.setFocusTraversable(false);
        number.setTooltip(new Tooltip("Sample number (Enter to go there)"));
        number.setOnAction(e -> jump());
        count.setId("sampleCount");
        trace.setId("traceSample");
        trace.setTooltip(new Tooltip("Show this sample's chain-rule terms on the network page, one by one; a look:"
                + " its update is not applied"));
        trace.setOnAction(e -> actions.traceSample(index));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(8, set, previous, new Label("Sample"), number, count, next, spacer, trace);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6, 10, 6, 10));
        root.setTop(bar);
        root.setCenter(canvas);
        settings.themeProperty().addListener((o, a, b) -> redraw());
        settings.fontScaleProperty().addListener((o, a, b) -> applyFontScale());
        applyFontScale();
    }

    @Override
    public Node node() {
        return root;
    }

    @Override
    public void show(Snapshot snapshot) {
        boolean newFile = latest == null || latest.definition() != snapshot.definition();
        latest = snapshot;
        if (newFile) {
            List<String> sets = snapshot.testData() != null && snapshot.testData().size() > 0
                    ? List.of(TRAINING, TEST) : List.of(TRAINING);
            set.getItems().setAll(sets);
            set.setValue(TRAINING);
            index = 0;
        }
        refresh();
    }

    /** Shows sample {@code sampleIndex} (counted from 0) of the test set or the training set. */
    public void showSample(boolean test, int sampleIndex) {
        if (latest == null) {
            return;
        }
        set.setValue(test && set.getItems().contains(TEST) ? TEST : TRAINING);
        index = sampleIndex;
        refresh();
    }

    /** The sample shown, counted from 0; for tests. */
    int index() {
        return index;
    }

    /** The outputs shown; for tests. */
    SampleOutputs outputs() {
        return outputs;
    }

    private Dataset data() {
        return TEST.equals(set.getValue()) ? latest.testData() : latest.trainingData();
    }

    private void move(int by) {
        if (latest != null) {
            int size = data().size();
            index = Math.floorMod(index + by, size);
            refresh();
        }
    }

    private void jump() {
        if (latest == null) {
            return;
        }
        try {
            int n = Integer.parseInt(number.getText().strip().replace(",", ""));
            if (n >= 1 && n <= data().size()) {
                index = n - 1;
                number.getStyleClass().remove("invalid");
                refresh();
                return;
            }
        } catch (NumberFormatException e) {
            // shown as invalid below
        }
        if (!number.getStyleClass().contains("invalid")) {
            number.getStyleClass().add("invalid");
        }
    }

    /** Recomputes the outputs when the sample or the network changed (one forward pass), then redraws. */
    private void refresh() {
        if (latest == null) {
            return;
        }
        Dataset data = data();
        index = Math.max(0, Math.min(index, data.size() - 1));
        boolean training = !TEST.equals(set.getValue());
        trace.setDisable(!training);
        number.setText(Integer.toString(index + 1));
        count.setText(String.format(Locale.ROOT, "of %,d", data.size()));
        Object key = latest.network();
        if (key == computedFor && index == computedIndex && data == outputsData) {
            return;
        }
        outputs = SampleOutputs.of(latest.network(), data, index);
        computedFor = key;
        computedIndex = index;
        outputsData = data;
        redraw();
    }

    private void applyFontScale() {
        root.setStyle(String.format(Locale.ROOT, "-fx-font-size: %.1fpx;", BASE_FONT * settings.fontScaleProperty()
                .get()));
        redraw();
    }

    private void redraw() {
        GraphicsContext g = canvas.canvas().getGraphicsContext2D();
        Theme theme = settings.themeProperty().get();
        double w = canvas.canvas().getWidth();
        double h = canvas.canvas().getHeight();
        g.setFill(theme.background());
        g.fillRect(0, 0, w, h);
        if (latest == null || outputs == null || w < 80 || h < 80) {
            return;
        }
        double fs = BASE_FONT * settings.fontScaleProperty().get();
        String[] names = ClassNames.of(latest.definition());
        Dataset data = outputsData;
        double pad = fs * 1.2;
        double picture = Math.min(h - 2 * pad - fs * 2.5, w * 0.42);
        g.setTextBaseline(VPos.TOP);
        g.setTextAlign(TextAlignment.LEFT);
        g.setFill(theme.text());
        g.setFont(Font.font(Font.getDefault().getFamily(), FontWeight.BOLD, fs * 1.3));
        g.fillText(String.format(Locale.ROOT, "Sample %,d of the %s · true label: %s · the network says: %s%s",
                index + 1, set.getValue(), names[outputs.trueClass()], names[outputs.predicted()],
                outputs.predicted() == outputs.trueClass() ? "" : " (wrong)"), pad, pad);
        double top = pad + fs * 2.5;
        if (ImageShape.side(data.inputWidth()) > 0) {
            drawImage(g, data, pad, top, picture);
        } else {
            drawValues(g, theme, data, fs, pad, top, picture);
        }
        drawBars(g, theme, names, fs, pad + picture + 2 * pad, top, w - picture - 4 * pad);
    }

    private void drawImage(GraphicsContext g, Dataset data, double x, double y, double size) {
        int side = ImageShape.side(data.inputWidth());
        if (image == null || image.getWidth() != side) {
            image = new WritableImage(side, side);
            imageBuffer = new int[side * side];
        }
        images.paint(data, index, image, imageBuffer);
        double pixel = Math.max(1, Math.floor(size / side));
        g.setImageSmoothing(false);
        g.drawImage(image, x, y, pixel * side, pixel * side);
    }

    /** Inputs that are not an image: their names and values, in columns. */
    private void drawValues(GraphicsContext g, Theme theme, Dataset data, double fs, double x, double y,
                            double width) {
        g.setFont(Font.font(Font.getDefault().getFamily(), fs));
        g.setFill(theme.text());
        int n = data.inputWidth();
        double line = fs * 1.5;
        int rows = Math.max(1, (int) ((canvas.canvas().getHeight() - y - fs) / line));
        int shown = Math.min(n, rows * 2);
        for (int i = 0; i < shown; i++) {
            double value = data.inputs().get(index, i);
            g.fillText(latest.definition().labels().unit(0, i) + " = " + dev.backstep.trace.Numbers.format(value, 4,
                    true), x + (i / rows) * width / 2, y + (i % rows) * line);
        }
        if (shown < n) {
            g.fillText("… and " + (n - shown) + " more inputs", x, y + rows * line);
        }
    }

    private void drawBars(GraphicsContext g, Theme theme, String[] names, double fs, double x, double y,
                          double width) {
        Font font = Font.font(Font.getDefault().getFamily(), fs * 1.1);
        Font bold = Font.font(Font.getDefault().getFamily(), FontWeight.BOLD, fs * 1.1);
        double nameWidth = 0;
        for (String name : names) {
            nameWidth = Math.max(nameWidth, TextWidths.of(name + "  (true)", bold));
        }
        double[] values = outputs.values();
        double available = canvas.canvas().getHeight() - y - fs * 4;
        double row = Math.min(fs * 2.6, available / values.length);
        double barLeft = x + nameWidth + fs;
        double barWidth = Math.max(fs * 4, width - nameWidth - fs * 7);
        g.setFont(bold);
        g.setFill(theme.text());
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.TOP);
        g.fillText(outputs.probabilities() ? "The network's probability for each class" : "The network's outputs",
                x, y - fs * 0.2);
        double top = y + fs * 2;
        g.setTextBaseline(VPos.CENTER);
        for (int c = 0; c < values.length; c++) {
            double cy = top + c * row + row / 2;
            boolean isTrue = c == outputs.trueClass();
            g.setFont(isTrue ? bold : font);
            g.setFill(theme.text());
            g.setTextAlign(TextAlignment.RIGHT);
            g.fillText(names[c] + (isTrue ? "  (true)" : ""), barLeft - fs * 0.6, cy);
            double barHeight = row * 0.62;
            g.setFill(theme.grid());
            g.fillRect(barLeft, cy - barHeight / 2, barWidth, barHeight);
            double v = Double.isFinite(values[c]) ? Math.max(0, Math.min(1, values[c])) : 0;
            g.setFill(c == outputs.predicted() ? theme.positive() : theme.neutral());
            g.fillRect(barLeft, cy - barHeight / 2, barWidth * v, barHeight);
            g.setFont(font);
            g.setFill(theme.text());
            g.setTextAlign(TextAlignment.LEFT);
            g.fillText(outputs.probabilities() ? String.format(Locale.ROOT, "%.1f %%", 100 * values[c])
                    : dev.backstep.trace.Numbers.format(values[c], 4, true), barLeft + barWidth + fs * 0.5, cy);
        }
        double legendY = top + values.length * row + fs;
        g.setFill(theme.positive());
        g.fillRect(barLeft, legendY, fs, fs);
        g.setFill(theme.mutedText());
        g.setFont(font);
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.CENTER);
        g.fillText("the network's answer (largest " + (outputs.probabilities() ? "probability" : "output") + ");"
                + " grey: the other classes", barLeft + fs * 1.5, legendY + fs / 2);
    }
}
