package dev.backstep.view.chart;

import dev.backstep.view.Fx;
import dev.backstep.view.ViewSettings;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.awt.BasicStroke;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The loss chart's AWT fonts and lines follow the presentation scale (JFreeChart is outside the CSS). */
class LossChartScaleTest {
    @BeforeAll
    static void startFx() throws Exception {
        Fx.start();
    }

    @Test
    void fontsAndTheLossLineGrowWithTheScale() throws Exception {
        ViewSettings settings = new ViewSettings();
        LossChartView view = Fx.call(() -> new LossChartView(settings));
        XYPlot plot = Fx.call(() -> (XYPlot) view.chart().getPlot());
        assertEquals(Math.round(LossChartView.TICK_LABEL_SIZE), plot.getDomainAxis().getTickLabelFont().getSize());
        assertEquals(Math.round(LossChartView.AXIS_LABEL_SIZE), plot.getRangeAxis().getLabelFont().getSize());
        float line = ((BasicStroke) plot.getRenderer().getSeriesStroke(0)).getLineWidth();
        for (double scale : ViewSettings.SCALES) {
            Fx.call(() -> {
                settings.fontScaleProperty().set(scale);
                return null;
            });
            assertEquals(Math.round(LossChartView.TICK_LABEL_SIZE * scale),
                    plot.getDomainAxis().getTickLabelFont().getSize(), "ticks at ×" + scale);
            assertEquals(Math.round(LossChartView.AXIS_LABEL_SIZE * scale),
                    plot.getRangeAxis().getLabelFont().getSize(), "axis label at ×" + scale);
            assertEquals(Math.round(LossChartView.LEGEND_SIZE * scale),
                    view.chart().getLegend().getItemFont().getSize(), "legend at ×" + scale);
            assertEquals(line * scale, ((BasicStroke) plot.getRenderer().getSeriesStroke(0)).getLineWidth(), 1e-4,
                    "loss line at ×" + scale);
        }
        Fx.call(() -> {
            settings.logLossProperty().set(true);
            return null;
        });
        assertEquals(Math.round(LossChartView.TICK_LABEL_SIZE * 2), plot.getRangeAxis().getTickLabelFont().getSize(),
                "a new (log) axis gets the scaled fonts too");
    }
}
