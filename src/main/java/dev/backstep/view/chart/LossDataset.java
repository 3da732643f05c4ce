package dev.backstep.view.chart;

import org.jfree.data.DomainOrder;
import org.jfree.data.xy.AbstractXYDataset;

/**
 * The JFreeChart view of the thinned loss histories: series 0 is the training loss, series 1 (present only while
 * {@link #setShowTest} is on) the test loss. x is the epoch (history index + 1), y the loss, NaN for a gap, and on
 * a log axis also NaN for values that a log axis cannot place (zero and below).
 *
 * <p>It reads the series' current thinned points directly, without copying; the owner changes the series and then
 * calls {@link #changed()} once, so the chart redraws once per frame however many values arrived. FX thread only
 * (JFreeChart is not thread-safe).
 */
final class LossDataset extends AbstractXYDataset {
    private static final long serialVersionUID = 1L;

    static final String TRAINING = "training loss";
    static final String TEST = "test loss";

    private final transient ThinnedSeries train;
    private final transient ThinnedSeries test;
    private boolean showTest;
    private boolean logScale;

    LossDataset(ThinnedSeries train, ThinnedSeries test) {
        this.train = train;
        this.test = test;
    }

    void setShowTest(boolean value) {
        showTest = value;
    }

    boolean showsTest() {
        return showTest;
    }

    void setLogScale(boolean value) {
        logScale = value;
    }

    /** Tells the plot (one event) that the series changed. */
    void changed() {
        fireDatasetChanged();
    }

    private ThinnedSeries series(int series) {
        return series == 0 ? train : test;
    }

    @Override
    public int getSeriesCount() {
        return showTest ? 2 : 1;
    }

    @Override
    public Comparable<String> getSeriesKey(int series) {
        return series == 0 ? TRAINING : TEST;
    }

    @Override
    public DomainOrder getDomainOrder() {
        return DomainOrder.ASCENDING;
    }

    @Override
    public int getItemCount(int series) {
        return series(series).pointCount();
    }

    @Override
    public double getXValue(int series, int item) {
        return series(series).indexAt(item) + 1.0;
    }

    @Override
    public double getYValue(int series, int item) {
        double y = series(series).valueAt(item);
        return logScale && !(y > 0) ? Double.NaN : y;
    }

    @Override
    public Number getX(int series, int item) {
        return getXValue(series, item);
    }

    @Override
    public Number getY(int series, int item) {
        return getYValue(series, item);
    }
}
