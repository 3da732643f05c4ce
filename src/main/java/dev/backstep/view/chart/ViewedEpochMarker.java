package dev.backstep.view.chart;

import dev.backstep.model.Snapshot;
import dev.backstep.view.Theme;
import javafx.scene.paint.Color;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;

import java.awt.BasicStroke;
import java.awt.Font;
import java.util.Locale;

/**
 * The loss chart's cursor for time travel: a vertical line at the epoch of the past moment on screen, labelled, in
 * the timeline banner's blue (Okabe–Ito sky blue on dark, blue on light). Absent while the present is shown.
 */
final class ViewedEpochMarker {
    private final ValueMarker marker = new ValueMarker(0);
    private long shownEpoch = -1;

    ViewedEpochMarker() {
        marker.setStroke(new BasicStroke(3f));
        marker.setLabelFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        marker.setLabelAnchor(RectangleAnchor.BOTTOM_RIGHT);
        marker.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
        marker.setLabelOffset(new RectangleInsets(6, 6, 10, 6));
        marker.setLabelBackgroundColor(new java.awt.Color(0, 0, 0, 0));
    }

    /** The epoch a snapshot shows when it is a past moment, else −1. */
    static long viewedEpoch(Snapshot s) {
        return s.history().viewingPast() ? s.epoch() : -1;
    }

    /** True when the marker would change for this snapshot. */
    boolean changes(Snapshot s) {
        return viewedEpoch(s) != shownEpoch;
    }

    void update(XYPlot plot, Snapshot s) {
        long epoch = viewedEpoch(s);
        if (epoch == shownEpoch) {
            return;
        }
        if (shownEpoch >= 0) {
            plot.removeDomainMarker(marker);
        }
        shownEpoch = epoch;
        if (epoch >= 0) {
            marker.setValue(epoch);
            marker.setLabel(String.format(Locale.ROOT, "viewing epoch %,d", epoch));
            plot.addDomainMarker(marker);
        }
    }

    void applyTheme(Theme theme) {
        Color color = theme.background().getBrightness() > 0.5 ? Color.web("#0072B2") : Color.web("#56B4E9");
        marker.setPaint(LossChartView.awt(color));
        marker.setLabelPaint(LossChartView.awt(color));
    }
}
