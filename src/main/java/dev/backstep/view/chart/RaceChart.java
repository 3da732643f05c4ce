package dev.backstep.view.chart;

import dev.backstep.model.LossLog;
import dev.backstep.view.Theme;
import javafx.scene.layout.StackPane;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.HorizontalAlignment;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.DomainOrder;
import org.jfree.data.xy.AbstractXYDataset;

import java.awt.BasicStroke;
import java.awt.Font;
import java.util.ArrayList;
import java.util.List;

/**
 * Several loss curves overlaid in one JFreeChart (the optimizer race): one line per curve, each with its own colour
 * and its own dash pattern (so the curves stay apart in grey print and for every colour vision), a legend, and a
 * linear or logarithmic loss axis with the loss chart's readable ticks ({@link LossLogAxis}). Each curve is thinned
 * like the loss chart's ({@link ThinnedSeries}), so a long race costs the same to draw as a short one.
 *
 * <p>FX thread only.
 */
public final class RaceChart extends StackPane {
    /** How one curve looks: its legend text, its colour and its dash pattern (null for a solid line). */
    public record Curve(String name, javafx.scene.paint.Color color, float[] dashes) {
    }

    private final List<ThinnedSeries> series = new ArrayList<>();
    private final List<Curve> curves = new ArrayList<>();
    private final List<Integer> appended = new ArrayList<>();
    private final CurveDataset dataset = new CurveDataset();
    private final XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
    private final NumberAxis epochAxis = new NumberAxis("epoch");
    private final XYPlot plot;
    private final JFreeChart chart;
    private Theme theme = Theme.LIGHT;
    private double scale = 1;
    private boolean log;

    public RaceChart() {
        plot = new XYPlot(dataset, epochAxis, rangeAxis(false), renderer);
        chart = new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        ChartViewer viewer = new ChartViewer(chart);
        viewer.setId("raceChartViewer");
        viewer.getCanvas().setTooltipEnabled(false);
        viewer.setMinSize(200, 150);
        epochAxis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        epochAxis.setAutoRangeIncludesZero(false);
        epochAxis.setLowerMargin(0.01);
        epochAxis.setUpperMargin(0.02);
        renderer.setDrawSeriesLineAsPath(true);
        plot.setNoDataMessage("tick optimizers and press Start");
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
        plot.setInsets(new RectangleInsets(8, 4, 4, 14));
        chart.setPadding(new RectangleInsets(2, 4, 6, 8));
        LegendTitle legend = chart.getLegend();
        legend.setPosition(RectangleEdge.TOP);
        legend.setHorizontalAlignment(HorizontalAlignment.RIGHT);
        legend.setFrame(BlockBorder.NONE);
        getChildren().add(viewer);
        setId("raceChart");
        setMinSize(0, 0);
    }

    /** Starts over with these curves, all empty. */
    public void setCurves(List<Curve> list) {
        curves.clear();
        curves.addAll(list);
        series.clear();
        appended.clear();
        for (int i = 0; i < list.size(); i++) {
            series.add(new ThinnedSeries(LossChartView.MAX_POINTS));
            appended.add(0);
        }
        restyle();
    }

    /** Appends the values of curve {@code index} from where the last call stopped up to {@code count}. */
    public void update(int index, LossLog loss, int count) {
        ThinnedSeries s = series.get(index);
        for (int i = appended.get(index); i < count; i++) {
            s.append(loss.get(i));
        }
        appended.set(index, Math.max(appended.get(index), count));
    }

    /** Redraws once after the updates of a frame. */
    public void refresh() {
        for (ThinnedSeries s : series) {
            s.refresh();
        }
        dataset.changed();
    }

    public void setLogScale(boolean value) {
        log = value;
        plot.setRangeAxis(rangeAxis(value));
        restyle();
    }

    public void setTheme(Theme value, double fontScale) {
        theme = value;
        scale = fontScale;
        restyle();
    }

    /** Points drawn for curve {@code index} (for tests). */
    public int pointCount(int index) {
        return series.get(index).pointCount();
    }

    public int curveCount() {
        return series.size();
    }

    /** The legend text of curve {@code index}. */
    public String curveName(int index) {
        return curves.get(index).name();
    }

    private ValueAxis rangeAxis(boolean logScale) {
        ValueAxis axis;
        if (logScale) {
            LogAxis logAxis = new LossLogAxis("loss (log scale)");
            logAxis.setSmallestValue(1e-300);
            logAxis.setAutoRangeMinimumSize(1e-300);
            axis = logAxis;
        } else {
            NumberAxis numberAxis = new NumberAxis("loss");
            numberAxis.setAutoRangeIncludesZero(true);
            numberAxis.setNumberFormatOverride(LossLogAxis.tickFormat());
            axis = numberAxis;
        }
        axis.setUpperMargin(0.05);
        axis.setLowerMargin(logScale ? 0.05 : 0.0);
        return axis;
    }

    private void restyle() {
        chart.setNotify(false);
        try {
            float width = (float) (3.0 * scale);
            for (int i = 0; i < curves.size(); i++) {
                Curve c = curves.get(i);
                float[] dashes = c.dashes() == null ? null : scaled(c.dashes(), (float) scale);
                renderer.setSeriesStroke(i, dashes == null
                        ? new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND)
                        : new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, dashes, 0f));
                renderer.setSeriesPaint(i, LossChartView.awt(c.color()));
            }
            renderer.setLegendLine(new java.awt.geom.Line2D.Double(-24 * scale, 0, 24 * scale, 0));
            Font legendFont = font(LossChartView.LEGEND_SIZE);
            renderer.setDefaultLegendTextFont(legendFont);
            chart.setBackgroundPaint(LossChartView.awt(theme.background()));
            plot.setBackgroundPaint(LossChartView.awt(theme.surface()));
            plot.setOutlinePaint(LossChartView.awt(theme.mutedText()));
            plot.setDomainGridlinePaint(LossChartView.awt(theme.grid()));
            plot.setRangeGridlinePaint(LossChartView.awt(theme.grid()));
            plot.setNoDataMessagePaint(LossChartView.awt(theme.mutedText()));
            plot.setNoDataMessageFont(font(16));
            LegendTitle legend = chart.getLegend();
            legend.setBackgroundPaint(LossChartView.awt(theme.background()));
            legend.setItemPaint(LossChartView.awt(theme.text()));
            legend.setItemFont(legendFont);
            legend.setItemLabelPadding(new RectangleInsets(2, 6, 2, 16));
            for (ValueAxis axis : new ValueAxis[] {epochAxis, plot.getRangeAxis()}) {
                axis.setLabelFont(font(LossChartView.AXIS_LABEL_SIZE));
                axis.setTickLabelFont(font(LossChartView.TICK_LABEL_SIZE));
                axis.setLabelPaint(LossChartView.awt(theme.text()));
                axis.setTickLabelPaint(LossChartView.awt(theme.text()));
                axis.setAxisLinePaint(LossChartView.awt(theme.mutedText()));
                axis.setTickMarkPaint(LossChartView.awt(theme.mutedText()));
            }
        } finally {
            chart.setNotify(true);
        }
    }

    private Font font(float size) {
        return new Font(Font.SANS_SERIF, Font.PLAIN, Math.round(size * (float) scale));
    }

    private static float[] scaled(float[] dashes, float factor) {
        float[] out = new float[dashes.length];
        for (int i = 0; i < dashes.length; i++) {
            out[i] = dashes[i] * factor;
        }
        return out;
    }

    /** The curves' thinned points; x is the epoch, y the loss (NaN breaks the line, and ≤ 0 on a log axis). */
    private final class CurveDataset extends AbstractXYDataset {
        private static final long serialVersionUID = 1L;

        void changed() {
            fireDatasetChanged();
        }

        @Override
        public int getSeriesCount() {
            return series.size();
        }

        @Override
        public Comparable<String> getSeriesKey(int index) {
            return curves.get(index).name();
        }

        @Override
        public DomainOrder getDomainOrder() {
            return DomainOrder.ASCENDING;
        }

        @Override
        public int getItemCount(int index) {
            return series.get(index).pointCount();
        }

        @Override
        public double getXValue(int index, int item) {
            return series.get(index).indexAt(item) + 1.0;
        }

        @Override
        public double getYValue(int index, int item) {
            double y = series.get(index).valueAt(item);
            return log && !(y > 0) ? Double.NaN : y;
        }

        @Override
        public Number getX(int index, int item) {
            return getXValue(index, item);
        }

        @Override
        public Number getY(int index, int item) {
            return getYValue(index, item);
        }
    }
}
