package dev.backstep.view.teach;

import dev.backstep.trace.Numbers;
import dev.backstep.view.Theme;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;

import java.util.List;

/**
 * A line chart over epochs with a logarithmic value axis, drawn on a canvas: whole decades as grid lines, one line
 * per series told apart three ways (colour, dash pattern, marker shape) and a legend beside the plot. Values that
 * are zero, negative or not finite cannot be placed on a log axis and break the line. FX thread only.
 */
final class LogLineChart extends Region {
    /** One line: a value per epoch (index 0 is epoch 1). */
    record Series(String name, double[] values, int count) {
    }

    /**
     * Colour-blind-safe line colours: Okabe–Ito without black (which vanishes on a dark theme), then the theme's text
     * colour, so that nine layers (a deep network's) get nine colours.
     */
    private static final List<Color> COLOURS = List.of(Color.web("#E69F00"), Color.web("#56B4E9"),
            Color.web("#009E73"), Color.web("#F0E442"), Color.web("#0072B2"), Color.web("#D55E00"),
            Color.web("#CC79A7"), Color.web("#999999"));
    private static final double[][] DASHES = {null, {14, 6}, {4, 5}, {14, 5, 4, 5}, {24, 8}, {8, 4, 2, 4, 2, 4},
            {2, 4}, {18, 4, 8, 4}, {10, 3, 3, 3, 3, 3}};
    private static final int SHAPES = 6;

    private final Canvas canvas = new Canvas();
    private final Text probe = new Text();
    private List<Series> series = List.of();
    private Theme theme = Theme.LIGHT;
    private double fontSize = 14;
    private String xLabel = "epoch";
    private String yLabel = "";

    LogLineChart() {
        getChildren().add(canvas);
        setMinSize(200, 150);
    }

    void setData(List<Series> data, String xAxis, String yAxis, Theme look, double font) {
        series = List.copyOf(data);
        xLabel = xAxis;
        yLabel = yAxis;
        theme = look;
        fontSize = font;
        paint();
    }

    private Color colour(int index) {
        int k = index % (COLOURS.size() + 1);
        return k == COLOURS.size() ? theme.text() : COLOURS.get(k);
    }

    @Override
    protected void layoutChildren() {
        double w = snapSizeX(getWidth());
        double h = snapSizeY(getHeight());
        if (canvas.getWidth() != w || canvas.getHeight() != h) {
            canvas.setWidth(w);
            canvas.setHeight(h);
            paint();
        }
    }

    private double width(String text, Font font) {
        probe.setFont(font);
        probe.setText(text);
        return probe.getLayoutBounds().getWidth();
    }

    private void paint() {
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        if (w < 10 || h < 10) {
            return;
        }
        GraphicsContext gc = canvas.getGraphicsContext2D();
        gc.setFill(theme.background());
        gc.fillRect(0, 0, w, h);
        Font font = Font.font(Font.getDefault().getFamily(), FontWeight.NORMAL, fontSize);
        int epochs = 0;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            epochs = Math.max(epochs, s.count());
            for (int i = 0; i < s.count(); i++) {
                double v = s.values()[i];
                if (v > 0 && Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        double legendW = 0;
        for (Series s : series) {
            legendW = Math.max(legendW, width(s.name(), font));
        }
        legendW += 4.5 * fontSize;
        double left = width("10⁻¹⁰", font) + 2.2 * fontSize;
        double right = w - legendW - fontSize;
        double top = fontSize;
        double bottom = h - 3.2 * fontSize;
        if (epochs == 0 || !(hi > 0) || right - left < 50 || bottom - top < 40) {
            gc.setFill(theme.mutedText());
            gc.setFont(font);
            gc.setTextAlign(TextAlignment.CENTER);
            gc.setTextBaseline(VPos.CENTER);
            gc.fillText("no completed epoch yet: train (Space) to see each layer's gradient norm", w / 2, h / 2);
            return;
        }
        int loDecade = (int) Math.floor(Math.log10(lo));
        int hiDecade = (int) Math.ceil(Math.log10(hi));
        if (hiDecade == loDecade) {
            hiDecade++;
        }
        double yLo = loDecade;
        double yHi = hiDecade;
        int xMax = Math.max(2, epochs);
        Mapping m = new Mapping(left, right, top, bottom, xMax, yLo, yHi);
        axes(gc, m, font, loDecade, hiDecade, xMax);
        int stride = Math.max(1, (int) Math.ceil(epochs / ((right - left) / 2)));
        for (int k = 0; k < series.size(); k++) {
            line(gc, m, series.get(k), k, stride);
        }
        legend(gc, right + fontSize, top, font);
    }

    /** Data to pixels: x is the epoch (1 at the left edge), y is log₁₀ of the value. */
    private record Mapping(double left, double right, double top, double bottom, int xMax, double yLo, double yHi) {
        double x(double epoch) {
            return left + (epoch - 1) / (xMax - 1) * (right - left);
        }

        double y(double value) {
            return bottom - (Math.log10(value) - yLo) / (yHi - yLo) * (bottom - top);
        }
    }

    private void axes(GraphicsContext gc, Mapping m, Font font, int loDecade, int hiDecade, int xMax) {
        gc.setFont(font);
        gc.setLineWidth(1);
        gc.setTextBaseline(VPos.CENTER);
        gc.setTextAlign(TextAlignment.RIGHT);
        int step = Math.max(1, (int) Math.ceil((hiDecade - loDecade) / ((m.bottom() - m.top()) / (2.2 * fontSize))));
        for (int d = loDecade; d <= hiDecade; d += step) {
            double y = m.y(Math.pow(10, d));
            gc.setStroke(theme.grid());
            gc.strokeLine(m.left(), y, m.right(), y);
            gc.setFill(theme.text());
            gc.fillText(d == 0 ? "1" : "10" + Numbers.superscript(Integer.toString(d)), m.left() - 0.5 * fontSize, y);
        }
        gc.setTextAlign(TextAlignment.CENTER);
        gc.setTextBaseline(VPos.TOP);
        double pixelsPerTick = 6 * fontSize;
        int ticks = Math.max(1, (int) ((m.right() - m.left()) / pixelsPerTick));
        int xStep = niceStep(Math.max(1, (xMax - 1) / (double) ticks));
        for (int e = 1; e <= xMax; e += (e == 1 && xStep > 1 ? xStep - 1 : xStep)) {
            double x = m.x(e);
            gc.setStroke(theme.grid());
            gc.strokeLine(x, m.top(), x, m.bottom());
            gc.setFill(theme.text());
            gc.fillText(Integer.toString(e), x, m.bottom() + 0.3 * fontSize);
        }
        gc.setStroke(theme.mutedText());
        gc.strokeRect(m.left(), m.top(), m.right() - m.left(), m.bottom() - m.top());
        gc.fillText(xLabel, (m.left() + m.right()) / 2, m.bottom() + 1.7 * fontSize);
        gc.save();
        gc.translate(0.9 * fontSize, (m.top() + m.bottom()) / 2);
        gc.rotate(-90);
        gc.setTextBaseline(VPos.CENTER);
        gc.fillText(yLabel, 0, 0);
        gc.restore();
    }

    private static int niceStep(double raw) {
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double f : new double[] {1, 2, 5, 10}) {
            if (f * p >= raw) {
                return (int) Math.max(1, Math.round(f * p));
            }
        }
        return (int) Math.round(10 * p);
    }

    private void line(GraphicsContext gc, Mapping m, Series s, int k, int stride) {
        gc.setStroke(colour(k));
        gc.setLineWidth(Math.max(2.5, fontSize / 6));
        gc.setLineDashes(DASHES[k % DASHES.length]);
        boolean drawing = false;
        gc.beginPath();
        for (int i = 0; i < s.count(); i += stride) {
            double v = s.values()[i];
            if (!(v > 0) || !Double.isFinite(v)) {
                drawing = false;
                continue;
            }
            double x = m.x(i + 1);
            double y = m.y(v);
            if (drawing) {
                gc.lineTo(x, y);
            } else {
                gc.moveTo(x, y);
                drawing = true;
            }
        }
        gc.stroke();
        gc.setLineDashes(null);
        // Markers at staggered epochs so that lines lying on each other still show every shape.
        int every = Math.max(1, s.count() / 6);
        for (int i = (k * every / Math.max(1, series.size())) % every; i < s.count(); i += every) {
            double v = s.values()[i];
            if (v > 0 && Double.isFinite(v)) {
                marker(gc, k, m.x(i + 1), m.y(v), 0.42 * fontSize + 2);
            }
        }
    }

    /** A filled shape per series (circle, square, triangle, diamond, inverted triangle, cross). */
    private void marker(GraphicsContext gc, int k, double x, double y, double r) {
        gc.setFill(colour(k));
        gc.setStroke(theme.background());
        gc.setLineWidth(1.5);
        switch (k % SHAPES) {
            case 0 -> {
                gc.fillOval(x - r, y - r, 2 * r, 2 * r);
                gc.strokeOval(x - r, y - r, 2 * r, 2 * r);
            }
            case 1 -> {
                gc.fillRect(x - r, y - r, 2 * r, 2 * r);
                gc.strokeRect(x - r, y - r, 2 * r, 2 * r);
            }
            case 2 -> polygon(gc, new double[] {x - r, x + r, x}, new double[] {y + r, y + r, y - r});
            case 3 -> polygon(gc, new double[] {x - r, x, x + r, x}, new double[] {y, y - r, y, y + r});
            case 4 -> polygon(gc, new double[] {x - r, x + r, x}, new double[] {y - r, y - r, y + r});
            default -> {
                gc.setStroke(colour(k));
                gc.setLineWidth(3);
                gc.strokeLine(x - r, y - r, x + r, y + r);
                gc.strokeLine(x - r, y + r, x + r, y - r);
            }
        }
    }

    private static void polygon(GraphicsContext gc, double[] xs, double[] ys) {
        gc.fillPolygon(xs, ys, xs.length);
        gc.strokePolygon(xs, ys, xs.length);
    }

    private void legend(GraphicsContext gc, double x, double y, Font font) {
        double line = 1.6 * fontSize;
        gc.setFont(font);
        gc.setTextAlign(TextAlignment.LEFT);
        gc.setTextBaseline(VPos.CENTER);
        for (int k = 0; k < series.size(); k++) {
            double cy = y + (k + 0.5) * line;
            gc.setStroke(colour(k));
            gc.setLineWidth(Math.max(2.5, fontSize / 6));
            gc.setLineDashes(DASHES[k % DASHES.length]);
            gc.strokeLine(x, cy, x + 3 * fontSize, cy);
            gc.setLineDashes(null);
            marker(gc, k, x + 1.5 * fontSize, cy, 0.42 * fontSize + 2);
            gc.setFill(theme.text());
            gc.fillText(series.get(k).name(), x + 3.6 * fontSize, cy);
        }
    }
}
