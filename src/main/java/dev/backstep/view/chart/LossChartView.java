package dev.backstep.view.chart;

import dev.backstep.model.LossLog;
import dev.backstep.model.RunState;
import dev.backstep.model.Snapshot;
import dev.backstep.trace.Numbers;
import dev.backstep.view.Theme;
import dev.backstep.view.ViewSettings;
import javafx.geometry.Insets;
import javafx.geometry.Point2D;
import javafx.geometry.Pos;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Line;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.PlotRenderingInfo;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;

import java.awt.BasicStroke;
import java.awt.Font;
import java.awt.geom.Rectangle2D;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The loss per epoch as a line chart (JFreeChart-FX): the training loss and, when the run has a test set, the test
 * loss, over the whole history however long it grows (each series is thinned to at most {@value #MAX_POINTS} points
 * that keep every bucket's minimum and maximum, see {@link ThinnedSeries}). A small bar above the chart holds the
 * log-scale switch and a readout of the latest epoch, or of the epoch under the mouse.
 *
 * <p>A NaN or infinite loss breaks the line and raises a warning naming the epoch; a diverged run shows the
 * worker's message and a vertical marker at the epoch where it happened.
 *
 * <p>Builds itself, then only listens to the {@link ViewSettings} (theme, log scale) and to {@link #show}. Every
 * method runs on the FX thread.
 */
public final class LossChartView extends BorderPane {
    /** The most points drawn per series, whatever the length of the history. */
    public static final int MAX_POINTS = 2000;

    static final float AXIS_LABEL_SIZE = 17f;
    static final float TICK_LABEL_SIZE = 15f;
    static final float LEGEND_SIZE = 15f;

    /** The test series' colour: Okabe–Ito reddish purple, apart from the blue/orange of the weights. */
    private static final Color TEST_COLOR = Color.web("#CC79A7");
    /** Warnings and the divergence marker: Okabe–Ito vermillion. */
    private static final Color WARNING_COLOR = Color.web("#D55E00");
    private static final Pattern DIVERGED_EPOCH = Pattern.compile("diverged in epoch (\\d+)");

    private final ViewSettings settings;
    private final ThinnedSeries trainSeries = new ThinnedSeries(MAX_POINTS);
    private final ThinnedSeries testSeries = new ThinnedSeries(MAX_POINTS);
    private final LossDataset dataset = new LossDataset(trainSeries, testSeries);
    private final XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
    private final NumberAxis epochAxis = new NumberAxis("epoch");
    private final XYPlot plot;
    private final JFreeChart chart;
    private final ChartViewer viewer;
    private final ValueMarker marker = new ValueMarker(0);
    private final ViewedEpochMarker viewedMarker = new ViewedEpochMarker();

    private final CheckBox logScale = new CheckBox("log scale");
    private final Label title = new Label("Loss");
    private final Label readout = new Label();
    private final Label warning = new Label();
    private final Pane overlay = new Pane();
    private final Line hoverLine = new Line();
    private final Circle hoverTrain = new Circle(5.5);
    private final Circle hoverTest = new Circle(5.5);

    private LossLog trainLog;
    private LossLog testLog;
    private int trainCount;
    private int testCount;
    private String lossName = "";
    private RunState state;
    private String message = "";
    private long shownVersion = -1;
    private Snapshot shown;
    private boolean markerShown;
    private boolean hovering;
    private double hoverX;

    public LossChartView(ViewSettings settings) {
        this.settings = settings;
        setId("lossChart");
        plot = new XYPlot(dataset, epochAxis, createRangeAxis(false), renderer);
        chart = new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        viewer = new ChartViewer(chart);
        createView();
        initListeners();
        applyTheme(settings.themeProperty().get());
    }

    // ---- building ---------------------------------------------------------------------------------------------------

    /** Fonts, line widths and dashes are set by {@link #applyScale}, as they follow the presentation scale. */
    private void createView() {
        epochAxis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        epochAxis.setAutoRangeIncludesZero(false);
        epochAxis.setAutoRangeMinimumSize(4);
        epochAxis.setDefaultAutoRange(new org.jfree.data.Range(0, 10));
        epochAxis.setLowerMargin(0.01);
        epochAxis.setUpperMargin(0.02);
        renderer.setDrawSeriesLineAsPath(true);
        plot.setNoDataMessage("no completed epoch yet");
        plot.setDomainPannable(true);
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
        plot.setInsets(new RectangleInsets(8, 4, 4, 14));
        plot.setDomainGridlineStroke(new BasicStroke(1f));
        plot.setRangeGridlineStroke(new BasicStroke(1f));
        marker.setLabelAnchor(RectangleAnchor.TOP_LEFT);
        marker.setLabelTextAnchor(TextAnchor.TOP_RIGHT);
        marker.setLabelOffset(new RectangleInsets(6, 6, 6, 6));
        chart.setPadding(new RectangleInsets(2, 4, 6, 8));
        LegendTitle legend = chart.getLegend();
        legend.setPosition(RectangleEdge.TOP);
        legend.setHorizontalAlignment(org.jfree.chart.ui.HorizontalAlignment.RIGHT);
        legend.setFrame(org.jfree.chart.block.BlockBorder.NONE);
        legend.setItemLabelPadding(new RectangleInsets(2, 6, 2, 14));

        viewer.setId("lossChartViewer");
        viewer.setMinSize(200, 150);
        viewer.setPrefSize(640, 360);
        viewer.getCanvas().setTooltipEnabled(false);

        title.setId("lossChartTitle");
        logScale.setId("logScale");
        logScale.setFocusTraversable(false);
        logScale.setTooltip(new Tooltip("Show the loss on a logarithmic axis"));
        readout.setId("lossChartReadout");
        readout.setMinWidth(0);
        title.setMinWidth(Region.USE_PREF_SIZE);
        logScale.setMinWidth(Region.USE_PREF_SIZE);
        readout.setText("");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(16, title, logScale, spacer, readout);
        bar.setId("lossChartBar");
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6, 12, 4, 12));

        warning.setId("lossChartWarning");
        warning.setWrapText(true);
        warning.setMaxWidth(Double.MAX_VALUE);
        warning.setPadding(new Insets(5, 12, 5, 12));
        warning.setVisible(false);
        warning.setManaged(false);
        setTop(new VBox(bar, warning));

        overlay.setMouseTransparent(true);
        overlay.setManaged(true);
        hoverLine.setStrokeWidth(1.5);
        hoverLine.getStrokeDashArray().setAll(4.0, 4.0);
        hoverTrain.setStrokeWidth(2.5);
        hoverTest.setStrokeWidth(2.5);
        overlay.getChildren().addAll(hoverLine, hoverTrain, hoverTest);
        setHoverVisible(false);
        StackPane center = new StackPane(viewer, overlay);
        center.setMinSize(0, 0);
        setCenter(center);
        setMinSize(0, 0);
    }

    private void initListeners() {
        logScale.selectedProperty().bindBidirectional(settings.logLossProperty());
        settings.logLossProperty().addListener((obs, was, is) -> setLogScale(is));
        settings.themeProperty().addListener((obs, was, is) -> applyTheme(is));
        settings.fontScaleProperty().addListener((obs, was, is) -> applyTheme(settings.themeProperty().get()));
        viewer.addEventHandler(MouseEvent.MOUSE_MOVED, e -> hover(e.getSceneX(), e.getSceneY()));
        viewer.addEventHandler(MouseEvent.MOUSE_DRAGGED, e -> hover(e.getSceneX(), e.getSceneY()));
        viewer.addEventHandler(MouseEvent.MOUSE_EXITED, e -> endHover());
        if (settings.logLossProperty().get()) {
            setLogScale(true);
        }
    }

    private ValueAxis createRangeAxis(boolean log) {
        ValueAxis axis;
        if (log) {
            LogAxis logAxis = new LossLogAxis(rangeLabel(true));
            logAxis.setSmallestValue(1e-300);
            logAxis.setAutoRangeMinimumSize(1e-300);
            logAxis.setBase(10);
            axis = logAxis;
        } else {
            NumberAxis numberAxis = new NumberAxis(rangeLabel(false));
            numberAxis.setAutoRangeIncludesZero(true);
            numberAxis.setNumberFormatOverride(LossLogAxis.tickFormat());
            axis = numberAxis;
        }
        axis.setUpperMargin(0.05);
        axis.setLowerMargin(log ? 0.05 : 0.0);
        return axis;
    }

    private String rangeLabel(boolean log) {
        // The loss's name goes in the title above: an axis label that long would be cut off on a short chart.
        return log ? "loss (log scale)" : "loss";
    }

    // ---- updating ---------------------------------------------------------------------------------------------------

    /**
     * Shows a snapshot's loss history: appends only the values published since the last call (a new {@link LossLog}
     * means history was rewritten and rebuilds the series) and redraws the chart once. Does nothing when the
     * snapshot adds nothing new. FX thread; call at most once per frame.
     */
    public void show(Snapshot snapshot) {
        if (snapshot == null || snapshot.version() == shownVersion) {
            return;
        }
        shownVersion = snapshot.version();
        shown = snapshot;
        boolean changed = false;
        if (snapshot.trainLoss() != trainLog || snapshot.trainLossCount() < trainCount) {
            trainLog = snapshot.trainLoss();
            trainCount = 0;
            trainSeries.clear();
            changed = true;
        }
        if (snapshot.testLoss() != testLog || snapshot.testLossCount() < testCount) {
            testLog = snapshot.testLoss();
            testCount = 0;
            testSeries.clear();
            changed = true;
        }
        changed |= appendNew(trainLog, trainSeries, trainCount, snapshot.trainLossCount());
        trainCount = snapshot.trainLossCount();
        changed |= appendNew(testLog, testSeries, testCount, snapshot.testLossCount());
        testCount = snapshot.testLossCount();

        String name = snapshot.network().loss().id();
        String newMessage = snapshot.message() == null ? "" : snapshot.message();
        boolean stateChanged = snapshot.state() != state || !newMessage.equals(message) || !name.equals(lossName);
        if (!changed && !stateChanged && !viewedMarker.changes(snapshot)) {
            return;
        }
        state = snapshot.state();
        message = newMessage;
        lossName = name;
        title.setText("Loss · " + name);

        chart.setNotify(false);
        try {
            trainSeries.refresh();
            testSeries.refresh();
            dataset.setShowTest(testCount > 0);
            plot.getRangeAxis().setLabel(rangeLabel(settings.logLossProperty().get()));
            updateWarning(snapshot);
            viewedMarker.update(plot, snapshot);
            dataset.changed();
        } finally {
            chart.setNotify(true);
        }
        if (hovering) {
            hover(hoverX, Double.NaN);
        } else {
            showLatest();
        }
    }

    private static boolean appendNew(LossLog log, ThinnedSeries series, int from, int to) {
        if (log == null || to <= from) {
            return false;
        }
        for (int i = from; i < to; i++) {
            series.append(log.get(i));
        }
        return true;
    }

    /** The warning line and the marker: divergence first, then a non-finite loss in either series. */
    private void updateWarning(Snapshot snapshot) {
        String text = null;
        double markAt = Double.NaN;
        String markLabel = null;
        if (snapshot.state() == RunState.DIVERGED) {
            long epoch = divergedEpoch(snapshot);
            text = "⚠ " + (message.isEmpty() ? "training diverged in epoch " + epoch : message);
            if (!settings.logLossProperty().get()) {
                text += ". Switch on the log scale to see the whole curve.";
            }
            markAt = epoch;
            markLabel = "diverged in epoch " + epoch;
        }
        int badTrain = trainSeries.firstNonFiniteIndex();
        int badTest = testSeries.firstNonFiniteIndex();
        if (badTrain >= 0 || badTest >= 0) {
            boolean trainFirst = badTrain >= 0 && (badTest < 0 || badTrain <= badTest);
            int epoch = (trainFirst ? badTrain : badTest) + 1;
            String what = trainFirst ? "loss" : "test loss";
            String nonFinite = "⚠ " + what + " is not finite from epoch " + epoch;
            text = text == null ? nonFinite : nonFinite + ". " + text.substring(2);
            if (Double.isNaN(markAt)) {
                markAt = epoch;
                markLabel = what + " not finite";
            }
        }
        boolean show = text != null;
        warning.setText(show ? text : "");
        warning.setVisible(show);
        warning.setManaged(show);
        if (!Double.isNaN(markAt)) {
            marker.setValue(markAt);
            marker.setLabel(markLabel);
            if (!markerShown) {
                plot.addDomainMarker(marker);
                markerShown = true;
            }
        } else if (markerShown) {
            plot.removeDomainMarker(marker);
            markerShown = false;
        }
    }

    /** The epoch in the worker's divergence message, or the one after the last completed epoch. */
    static long divergedEpoch(Snapshot snapshot) {
        Matcher m = DIVERGED_EPOCH.matcher(snapshot.message() == null ? "" : snapshot.message());
        return m.find() ? Long.parseLong(m.group(1)) : snapshot.epoch() + 1;
    }

    private void setLogScale(boolean log) {
        chart.setNotify(false);
        try {
            ValueAxis axis = createRangeAxis(log);
            if (shown != null) {
                updateWarning(shown);
            }
            styleAxis(axis, settings.themeProperty().get());
            dataset.setLogScale(log);
            plot.setRangeAxis(axis);
            dataset.changed();
        } finally {
            chart.setNotify(true);
        }
        if (hovering) {
            hover(hoverX, Double.NaN);
        }
    }

    // ---- hover readout ----------------------------------------------------------------------------------------------

    private void showLatest() {
        if (trainCount == 0) {
            readout.setText("");
            return;
        }
        readout.setText(describe(trainCount));
    }

    private String describe(int epoch) {
        StringBuilder sb = new StringBuilder("epoch ").append(epoch).append("   training ")
                .append(formatLoss(trainSeries.get(epoch - 1)));
        if (testCount >= epoch && dataset.showsTest()) {
            sb.append("   test ").append(formatLoss(testSeries.get(epoch - 1)));
        }
        return sb.toString();
    }

    /** Four significant digits, always (so the readout does not jump while the value changes). */
    static String formatLoss(double value) {
        double a = Math.abs(value);
        if (Double.isFinite(value) && (a == 0 || (a >= 1e-4 && a < 1e4))) {
            return String.format(Locale.ROOT, "%.4g", value);
        }
        return Numbers.format(value, 4, true);
    }

    /**
     * Shows the epoch nearest to the mouse (scene x) in the readout and marks it on the chart. With a NaN y the call
     * repeats the last hover after the chart changed.
     */
    private void hover(double sceneX, double sceneY) {
        hoverX = sceneX;
        PlotRenderingInfo info = viewer.getCanvas().getRenderingInfo() == null ? null
                : viewer.getCanvas().getRenderingInfo().getPlotInfo();
        if (trainCount == 0 || info == null) {
            return;
        }
        Rectangle2D area = info.getDataArea();
        Point2D local = viewer.getCanvas().sceneToLocal(sceneX, Double.isNaN(sceneY) ? 0 : sceneY);
        if (!Double.isNaN(sceneY) && !area.contains(local.getX(), local.getY())) {
            endHover();
            return;
        }
        double x = plot.getDomainAxis().java2DToValue(local.getX(), area, plot.getDomainAxisEdge());
        int epoch = (int) Math.max(1, Math.min(trainCount, Math.round(x)));
        hovering = true;
        readout.setText(describe(epoch));
        double px = plot.getDomainAxis().valueToJava2D(epoch, area, plot.getDomainAxisEdge());
        Point2D top = overlay.sceneToLocal(viewer.getCanvas().localToScene(px, area.getMinY()));
        Point2D bottom = overlay.sceneToLocal(viewer.getCanvas().localToScene(px, area.getMaxY()));
        hoverLine.setStartX(top.getX());
        hoverLine.setStartY(top.getY());
        hoverLine.setEndX(bottom.getX());
        hoverLine.setEndY(bottom.getY());
        hoverLine.setVisible(true);
        place(hoverTrain, trainSeries.get(epoch - 1), px, area);
        place(hoverTest, dataset.showsTest() && testCount >= epoch ? testSeries.get(epoch - 1) : Double.NaN, px,
                area);
    }

    private void place(Circle dot, double value, double px, Rectangle2D area) {
        boolean log = settings.logLossProperty().get();
        if (!Double.isFinite(value) || (log && !(value > 0))) {
            dot.setVisible(false);
            return;
        }
        double py = plot.getRangeAxis().valueToJava2D(value, area, plot.getRangeAxisEdge());
        if (py < area.getMinY() - 1 || py > area.getMaxY() + 1) {
            dot.setVisible(false);
            return;
        }
        Point2D p = overlay.sceneToLocal(viewer.getCanvas().localToScene(px, py));
        dot.setCenterX(p.getX());
        dot.setCenterY(p.getY());
        dot.setVisible(true);
    }

    private void endHover() {
        hovering = false;
        setHoverVisible(false);
        showLatest();
    }

    private void setHoverVisible(boolean visible) {
        hoverLine.setVisible(visible);
        hoverTrain.setVisible(visible);
        hoverTest.setVisible(visible);
    }

    // ---- theme ------------------------------------------------------------------------------------------------------

    private void applyTheme(Theme theme) {
        chart.setNotify(false);
        try {
            chart.setBackgroundPaint(awt(theme.background()));
            plot.setBackgroundPaint(awt(theme.surface()));
            plot.setOutlinePaint(awt(theme.mutedText()));
            plot.setDomainGridlinePaint(awt(theme.grid()));
            plot.setRangeGridlinePaint(awt(theme.grid()));
            plot.setRangeMinorGridlinePaint(awt(theme.grid()));
            plot.setNoDataMessagePaint(awt(theme.mutedText()));
            renderer.setSeriesPaint(0, awt(theme.text()));
            renderer.setSeriesPaint(1, awt(testColor(theme)));
            renderer.setDefaultLegendTextPaint(awt(theme.text()));
            LegendTitle legend = chart.getLegend();
            legend.setBackgroundPaint(awt(theme.background()));
            legend.setItemPaint(awt(theme.text()));
            Color markerColor = theme.background().getBrightness() > 0.5 ? WARNING_COLOR
                    : WARNING_COLOR.deriveColor(0, 0.9, 1.2, 1);
            marker.setPaint(awt(markerColor));
            marker.setLabelPaint(awt(markerColor));
            marker.setLabelBackgroundColor(new java.awt.Color(0, 0, 0, 0));
            viewedMarker.applyTheme(theme);
            styleAxis(epochAxis, theme);
            styleAxis(plot.getRangeAxis(), theme);
            applyScale();
        } finally {
            chart.setNotify(true);
        }
        String text = css(theme.text());
        setStyle("-fx-background-color: " + css(theme.background()) + ";");
        // In em of the root font, so they follow the presentation scale (17 and 15 px at scale 1).
        title.setStyle("-fx-font-size: 1.2143em; -fx-font-weight: bold; -fx-text-fill: " + text + ";");
        logScale.setStyle("-fx-font-size: 1.0714em; -fx-text-fill: " + text + ";");
        readout.setStyle("-fx-font-size: 1.0714em; -fx-font-family: 'DejaVu Sans Mono', monospace; -fx-text-fill: "
                + text + ";");
        warning.setStyle("-fx-font-size: 1.0714em; -fx-font-weight: bold; -fx-text-fill: white; -fx-background-color: "
                + css(WARNING_COLOR.deriveColor(0, 1, theme == Theme.DARK ? 0.9 : 0.85, 1)) + ";");
        hoverLine.setStroke(theme.mutedText());
        hoverTrain.setFill(theme.surface());
        hoverTrain.setStroke(theme.text());
        hoverTest.setFill(theme.surface());
        hoverTest.setStroke(testColor(theme));
    }

    /** Okabe–Ito reddish purple, a little darker on light backgrounds so that the thin dashes keep 3:1 contrast. */
    static Color testColor(Theme theme) {
        return theme.background().getBrightness() > 0.5 ? TEST_COLOR.deriveColor(0, 1.1, 0.82, 1) : TEST_COLOR;
    }

    /** The chart's fonts and line widths at the presentation scale (JFreeChart draws in AWT, outside the CSS). */
    private void applyScale() {
        float s = (float) settings.fontScaleProperty().get();
        renderer.setSeriesStroke(0, new BasicStroke(2.6f * s, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        renderer.setSeriesStroke(1, new BasicStroke(2.6f * s, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
                new float[] {9f * s, 6f * s}, 0f));
        renderer.setDefaultLegendTextFont(font(Font.PLAIN, LEGEND_SIZE));
        renderer.setLegendLine(new java.awt.geom.Line2D.Double(-14 * s, 0, 14 * s, 0));
        plot.setNoDataMessageFont(font(Font.PLAIN, 16));
        marker.setStroke(new BasicStroke(2.5f * s, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                new float[] {6f * s, 4f * s}, 0f));
        marker.setLabelFont(font(Font.BOLD, 15));
        chart.getLegend().setItemFont(font(Font.PLAIN, LEGEND_SIZE));
        hoverTrain.setRadius(5.5 * s);
        hoverTest.setRadius(5.5 * s);
    }

    private Font font(int style, float size) {
        return new Font(Font.SANS_SERIF, style, Math.round(size * (float) settings.fontScaleProperty().get()));
    }

    private void styleAxis(ValueAxis axis, Theme theme) {
        axis.setLabelFont(font(Font.PLAIN, AXIS_LABEL_SIZE));
        axis.setTickLabelFont(font(Font.PLAIN, TICK_LABEL_SIZE));
        axis.setLabelPaint(awt(theme.text()));
        axis.setTickLabelPaint(awt(theme.text()));
        axis.setAxisLinePaint(awt(theme.mutedText()));
        axis.setTickMarkPaint(awt(theme.mutedText()));
        axis.setTickMarkOutsideLength(4f);
    }

    static java.awt.Color awt(Color c) {
        return new java.awt.Color((float) c.getRed(), (float) c.getGreen(), (float) c.getBlue(),
                (float) c.getOpacity());
    }

    private static String css(Color c) {
        return String.format(Locale.ROOT, "rgba(%d,%d,%d,%.3f)", (int) Math.round(c.getRed() * 255),
                (int) Math.round(c.getGreen() * 255), (int) Math.round(c.getBlue() * 255), c.getOpacity());
    }

    // ---- for tests --------------------------------------------------------------------------------------------------

    JFreeChart chart() {
        return chart;
    }

    LossDataset dataset() {
        return dataset;
    }

    ThinnedSeries trainSeries() {
        return trainSeries;
    }

    ThinnedSeries testSeries() {
        return testSeries;
    }

    /** The warning shown, or empty. */
    String warningText() {
        return warning.isVisible() ? warning.getText() : "";
    }

    boolean markerShown() {
        return markerShown;
    }

    double markerEpoch() {
        return marker.getValue();
    }

    String readoutText() {
        return readout.getText();
    }
}
