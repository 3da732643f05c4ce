package dev.backstep.view.chart;

import dev.backstep.trace.Numbers;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTick;
import org.jfree.chart.axis.TickType;
import org.jfree.chart.axis.ValueTick;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.Range;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;

/**
 * A vertical log axis whose ticks read like numbers, not exponents: 1–2–5 steps per decade (0.05, 0.1, 0.2, 0.5)
 * when there is room, every decade or every few decades when the range is wide, and evenly spaced plain numbers
 * when the range is narrower than the gaps between those (a loss that barely changes). JFreeChart's own
 * {@link LogAxis} labels 10<sup>−0.3</sup>, which no one reads from the back row.
 */
final class LossLogAxis extends LogAxis {
    private static final long serialVersionUID = 1L;
    /** Vertical pixels per tick label, at least. */
    private static final double PIXELS_PER_TICK = 34;
    private static final double[][] MANTISSAS = {
        {1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 2, 3, 5, 7}, {1, 2, 5}, {1, 3}, {1}};

    LossLogAxis(String label) {
        super(label);
    }

    @Override
    protected List<ValueTick> refreshTicksVertical(Graphics2D g2, Rectangle2D dataArea, RectangleEdge edge) {
        TextAnchor anchor = edge == RectangleEdge.LEFT ? TextAnchor.CENTER_RIGHT : TextAnchor.CENTER_LEFT;
        List<ValueTick> ticks = new ArrayList<>();
        for (double v : tickValues(getRange(), dataArea.getHeight())) {
            ticks.add(new NumberTick(TickType.MAJOR, v, label(v), anchor, anchor, 0.0));
        }
        return ticks;
    }

    /** The tick values for {@code range} on an axis {@code pixels} long. */
    static List<Double> tickValues(Range range, double pixels) {
        List<Double> best = new ArrayList<>();
        double lo = range.getLowerBound();
        double hi = range.getUpperBound();
        if (!(lo > 0) || !(hi > lo) || !Double.isFinite(hi)) {
            return best;
        }
        int maxTicks = Math.max(2, (int) (pixels / PIXELS_PER_TICK));
        int firstDecade = (int) Math.floor(Math.log10(lo));
        int lastDecade = (int) Math.floor(Math.log10(hi));
        for (double[] mantissas : MANTISSAS) {
            List<Double> values = decadeTicks(lo, hi, firstDecade, lastDecade, 1, mantissas);
            if (values.size() <= maxTicks) {
                best = values;
                break;
            }
        }
        for (int stride = 2; best.isEmpty() && stride < 400; stride = stride < 5 ? stride + 1 : stride * 2) {
            List<Double> values = decadeTicks(lo, hi, firstDecade, lastDecade, stride, new double[] {1});
            if (values.size() <= maxTicks) {
                best = values;
            }
        }
        if (best.size() < 2) {
            best = linearTicks(lo, hi, Math.min(maxTicks, 6));
        }
        return best;
    }

    private static List<Double> decadeTicks(double lo, double hi, int first, int last, int stride,
                                            double[] mantissas) {
        List<Double> values = new ArrayList<>();
        for (int d = Math.floorDiv(first, stride) * stride; d <= last; d += stride) {
            for (double m : mantissas) {
                double v = Double.parseDouble(m + "e" + d);
                if (v >= lo && v <= hi) {
                    values.add(v);
                }
            }
        }
        return values;
    }

    private static List<Double> linearTicks(double lo, double hi, int count) {
        double raw = (hi - lo) / Math.max(1, count);
        int exponent = (int) Math.floor(Math.log10(raw));
        double power = Math.pow(10, exponent);
        int mantissa = 10;
        for (int m : new int[] {1, 2, 5}) {
            if (m * power >= raw) {
                mantissa = m;
                break;
            }
        }
        java.math.BigDecimal step = java.math.BigDecimal.valueOf(mantissa).scaleByPowerOfTen(exponent);
        List<Double> values = new ArrayList<>();
        long k = (long) Math.ceil(lo / step.doubleValue());
        for (int i = 0; i < 50; i++, k++) {
            double v = step.multiply(java.math.BigDecimal.valueOf(k)).doubleValue();
            if (v > hi) {
                break;
            }
            if (v >= lo) {
                values.add(v);
            }
        }
        return values;
    }

    /** Plain decimals from 10⁻⁴ to 10⁶, powers of ten outside ("10⁻⁵", "2×10⁻⁵"); never "1E-5". */
    static String label(double value) {
        return label(value, 3);
    }

    static String label(double value, int digits) {
        String text = Numbers.format(value, digits, true);
        return text.startsWith("1×10") ? text.substring(2) : text;
    }

    /** The same labels as a {@link java.text.NumberFormat}, for the linear axis's ticks. */
    static java.text.NumberFormat tickFormat() {
        return new java.text.NumberFormat() {
            private static final long serialVersionUID = 1L;

            @Override
            public StringBuffer format(double number, StringBuffer toAppendTo, java.text.FieldPosition pos) {
                // tick arithmetic leaves 0.15000000000000002: 10 significant digits drop that, then trim
                return toAppendTo.append(Math.abs(number) < 1e-300 ? "0" : label(
                        new java.math.BigDecimal(number).round(new java.math.MathContext(10)).doubleValue(), 6));
            }

            @Override
            public StringBuffer format(long number, StringBuffer toAppendTo, java.text.FieldPosition pos) {
                return format((double) number, toAppendTo, pos);
            }

            @Override
            public Number parse(String source, java.text.ParsePosition parsePosition) {
                throw new UnsupportedOperationException();
            }
        };
    }
}
