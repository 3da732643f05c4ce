package dev.backstep.view.landscape;

import dev.backstep.model.landscape.LossLandscape;
import dev.backstep.trace.Numbers;
import dev.backstep.view.Theme;
import dev.backstep.view.Viridis;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.shape.StrokeLineCap;
import javafx.scene.shape.StrokeLineJoin;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Draws a loss landscape grid: the viridis heatmap (on a log scale when every loss is positive, since landscapes span
 * decades), nine contour lines, the training path with its start and the present, the two parameters' axes and a
 * legend of colours and marks. FX thread only.
 */
final class LandscapeCanvas extends Region {
    private static final int CONTOURS = 9;
    /** Okabe–Ito vermillion: the present point, apart from every viridis colour. */
    private static final Color NOW = Color.web("#D55E00");

    private final Canvas canvas = new Canvas();
    private Theme theme = Theme.LIGHT;
    private double scale = 1;
    private LossLandscape.Grid grid;
    private PathRecord path;
    private String message = "computing the landscape…";
    private Consumer<String> onHover = text -> { };
    private WritableImage image;

    // Where the last drawing put the plot, for the hover readout.
    private double plotX;
    private double plotY;
    private double plotSide;

    LandscapeCanvas() {
        getChildren().add(canvas);
        setMinSize(0, 0);
        canvas.setOnMouseMoved(e -> hover(e.getX(), e.getY()));
        canvas.setOnMouseExited(e -> onHover.accept(""));
    }

    void setOnHover(Consumer<String> action) {
        onHover = action;
    }

    void setLook(Theme value, double fontScale) {
        theme = value;
        scale = fontScale;
        draw();
    }

    void setGrid(LossLandscape.Grid value) {
        grid = value;
        if (value != null) {
            message = null;
            int n = value.size();
            if (image == null || (int) image.getWidth() != n) {
                image = new WritableImage(n, n);
            }
        }
        draw();
    }

    LossLandscape.Grid grid() {
        return grid;
    }

    void setPath(PathRecord value) {
        path = value;
        draw();
    }

    void setMessage(String text) {
        message = text;
        grid = null;
        draw();
    }

    @Override
    protected void layoutChildren() {
        double w = Math.floor(getWidth());
        double h = Math.floor(getHeight());
        if (canvas.getWidth() != w || canvas.getHeight() != h) {
            canvas.setWidth(w);
            canvas.setHeight(h);
            draw();
        }
    }

    private Font font(double size, boolean bold) {
        return Font.font(Font.getDefault().getFamily(), bold ? FontWeight.BOLD : FontWeight.NORMAL, size * scale);
    }

    private void draw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        g.setFill(theme.background());
        g.fillRect(0, 0, w, h);
        if (grid == null) {
            g.setFill(theme.mutedText());
            g.setFont(font(17, false));
            g.setTextAlign(TextAlignment.CENTER);
            g.setTextBaseline(VPos.CENTER);
            g.fillText(message == null ? "" : message, w / 2, h / 2);
            return;
        }
        double left = 96 * scale;
        double bottom = 74 * scale;
        double top = 18 * scale;
        double legendWidth = 250 * scale;
        plotSide = Math.max(50, Math.min(w - left - legendWidth - 20 * scale, h - top - bottom));
        plotX = left;
        plotY = top;
        double[] range = grid.range();
        boolean log = range[0] > 0;
        Scale colour = new Scale(range[0], range[1], log);
        drawHeat(g, colour);
        drawContours(g, colour);
        drawPath(g);
        drawAxes(g);
        drawLegend(g, colour, plotX + plotSide + 34 * scale, top);
    }

    /** Value ↔ [0, 1] for the colours: logarithmic when all losses are positive. */
    private record Scale(double min, double max, boolean log) {
        double t(double v) {
            if (!Double.isFinite(v)) {
                return v > 0 ? 1 : Double.NaN;
            }
            double a = log ? Math.log10(v) : v;
            double lo = log ? Math.log10(min) : min;
            double hi = log ? Math.log10(max) : max;
            return hi > lo ? (a - lo) / (hi - lo) : 0.5;
        }

        double value(double t) {
            double lo = log ? Math.log10(min) : min;
            double hi = log ? Math.log10(max) : max;
            double a = lo + t * (hi - lo);
            return log ? Math.pow(10, a) : a;
        }
    }

    private void drawHeat(GraphicsContext g, Scale colour) {
        int n = grid.size();
        int[] pixels = new int[n * n];
        for (int row = 0; row < n; row++) {
            for (int col = 0; col < n; col++) {
                double t = colour.t(grid.loss()[row][col]);
                // rows go up in value, images go down in pixels
                pixels[(n - 1 - row) * n + col] = Double.isNaN(t) ? 0xFF808080 : Viridis.argb(t);
            }
        }
        image.getPixelWriter().setPixels(0, 0, n, n, PixelFormat.getIntArgbInstance(), pixels, 0, n);
        g.setImageSmoothing(true);
        g.drawImage(image, plotX, plotY, plotSide, plotSide);
        g.setImageSmoothing(false);
    }

    /** Screen x of grid column c (the image's pixel centres). */
    private double colX(double c) {
        return plotX + (c + 0.5) / grid.size() * plotSide;
    }

    private double rowY(double r) {
        return plotY + plotSide - (r + 0.5) / grid.size() * plotSide;
    }

    private double valueX(double v) {
        double[] xs = grid.xs();
        return colX((v - xs[0]) / (xs[1] - xs[0]));
    }

    private double valueY(double v) {
        double[] ys = grid.ys();
        return rowY((v - ys[0]) / (ys[1] - ys[0]));
    }

    private void drawContours(GraphicsContext g, Scale colour) {
        g.setLineWidth(1.3 * scale);
        g.setLineCap(StrokeLineCap.ROUND);
        for (int k = 1; k <= CONTOURS; k++) {
            double t = (double) k / (CONTOURS + 1);
            double level = colour.value(t);
            g.setStroke(Viridis.isLight(t) ? Color.rgb(0, 0, 0, 0.55) : Color.rgb(255, 255, 255, 0.6));
            for (double[] s : Contours.segments(grid.loss(), level)) {
                g.strokeLine(colX(s[0]), rowY(s[1]), colX(s[2]), rowY(s[3]));
            }
        }
    }

    private void drawPath(GraphicsContext g) {
        g.save();
        g.beginPath();
        g.rect(plotX, plotY, plotSide, plotSide);
        g.clip();
        g.setLineJoin(StrokeLineJoin.ROUND);
        g.setLineCap(StrokeLineCap.ROUND);
        if (path != null && path.size() > 1) {
            for (int pass = 0; pass < 2; pass++) {
                g.setStroke(pass == 0 ? Color.rgb(0, 0, 0, 0.65) : Color.WHITE);
                g.setLineWidth((pass == 0 ? 6 : 2.8) * scale);
                g.beginPath();
                g.moveTo(valueX(path.x(0)), valueY(path.y(0)));
                for (int i = 1; i < path.size(); i++) {
                    g.lineTo(valueX(path.x(i)), valueY(path.y(i)));
                }
                g.stroke();
            }
            double r = 7 * scale;
            double sx = valueX(path.x(0));
            double sy = valueY(path.y(0));
            g.setLineWidth(5 * scale);
            g.setStroke(Color.rgb(0, 0, 0, 0.65));
            g.strokeOval(sx - r, sy - r, 2 * r, 2 * r);
            g.setLineWidth(2.5 * scale);
            g.setStroke(Color.WHITE);
            g.strokeOval(sx - r, sy - r, 2 * r, 2 * r);
        }
        double r = 9 * scale;
        double cx = valueX(grid.centreX());
        double cy = valueY(grid.centreY());
        g.setFill(NOW);
        g.fillOval(cx - r, cy - r, 2 * r, 2 * r);
        g.setStroke(Color.WHITE);
        g.setLineWidth(2.5 * scale);
        g.strokeOval(cx - r, cy - r, 2 * r, 2 * r);
        g.restore();
    }

    private void drawAxes(GraphicsContext g) {
        g.setStroke(theme.mutedText());
        g.setLineWidth(1);
        g.strokeRect(plotX, plotY, plotSide, plotSide);
        g.setFill(theme.text());
        g.setFont(font(14, false));
        double lowX = grid.xs()[0] - (grid.xs()[1] - grid.xs()[0]) / 2;
        double highX = grid.xs()[grid.size() - 1] + (grid.xs()[1] - grid.xs()[0]) / 2;
        double lowY = grid.ys()[0] - (grid.ys()[1] - grid.ys()[0]) / 2;
        double highY = grid.ys()[grid.size() - 1] + (grid.ys()[1] - grid.ys()[0]) / 2;
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.TOP);
        for (double v : ticks(lowX, highX, 6)) {
            double x = valueX(v);
            g.strokeLine(x, plotY + plotSide, x, plotY + plotSide + 5 * scale);
            g.fillText(tick(v), x, plotY + plotSide + 8 * scale);
        }
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.CENTER);
        for (double v : ticks(lowY, highY, 6)) {
            double y = valueY(v);
            g.strokeLine(plotX - 5 * scale, y, plotX, y);
            g.fillText(tick(v), plotX - 8 * scale, y);
        }
        g.setFont(font(16, true));
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.TOP);
        g.fillText(grid.x().name(), plotX + plotSide / 2, plotY + plotSide + 36 * scale);
        g.save();
        g.translate(plotX - 72 * scale, plotY + plotSide / 2);
        g.rotate(-90);
        g.fillText(grid.y().name(), 0, 0);
        g.restore();
    }

    private void drawLegend(GraphicsContext g, Scale colour, double x, double y) {
        double barWidth = 26 * scale;
        double barHeight = Math.min(plotSide * 0.62, 420 * scale);
        g.setFill(theme.text());
        g.setFont(font(16, true));
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.TOP);
        g.fillText(colour.log() ? "loss (log scale)" : "loss", x, y);
        double barTop = y + 30 * scale;
        int steps = 128;
        for (int i = 0; i < steps; i++) {
            double t = 1 - (i + 0.5) / steps;
            g.setFill(Viridis.color(t));
            g.fillRect(x, barTop + i * barHeight / steps, barWidth, barHeight / steps + 1);
        }
        g.setStroke(theme.mutedText());
        g.setLineWidth(1);
        g.strokeRect(x, barTop, barWidth, barHeight);
        g.setFont(font(14, false));
        g.setFill(theme.text());
        g.setTextBaseline(VPos.CENTER);
        for (double v : colour.log() ? logTicks(colour.min(), colour.max()) : ticks(colour.min(), colour.max(), 6)) {
            double ty = barTop + (1 - colour.t(v)) * barHeight;
            g.strokeLine(x + barWidth, ty, x + barWidth + 5 * scale, ty);
            g.fillText(tick(v), x + barWidth + 9 * scale, ty);
        }
        double my = barTop + barHeight + 30 * scale;
        g.setFont(font(15, false));
        g.setLineCap(StrokeLineCap.ROUND);
        // the path
        for (int pass = 0; pass < 2; pass++) {
            g.setStroke(pass == 0 ? Color.rgb(0, 0, 0, 0.65) : Color.WHITE);
            g.setLineWidth((pass == 0 ? 6 : 2.8) * scale);
            g.strokeLine(x, my, x + 30 * scale, my);
        }
        g.setFill(theme.text());
        g.fillText(path == null || path.size() < 2 ? "training path" : "training path, epochs "
                + path.epoch(0) + "–" + path.epoch(path.size() - 1), x + 40 * scale, my);
        my += 30 * scale;
        double r = 7 * scale;
        g.setStroke(Color.rgb(0, 0, 0, 0.65));
        g.setLineWidth(5 * scale);
        g.strokeOval(x + 15 * scale - r, my - r, 2 * r, 2 * r);
        g.setStroke(Color.WHITE);
        g.setLineWidth(2.5 * scale);
        g.strokeOval(x + 15 * scale - r, my - r, 2 * r, 2 * r);
        g.fillText("start of the path", x + 40 * scale, my);
        my += 30 * scale;
        r = 9 * scale;
        g.setFill(NOW);
        g.fillOval(x + 15 * scale - r, my - r, 2 * r, 2 * r);
        g.setStroke(theme.text());
        g.strokeOval(x + 15 * scale - r, my - r, 2 * r, 2 * r);
        g.setFill(theme.text());
        g.fillText("now: loss " + Numbers.format(centreLoss(), 4, true), x + 40 * scale, my);
        my += 30 * scale;
        g.setFill(theme.mutedText());
        g.fillText("contours: " + CONTOURS + " levels · grid " + grid.size() + "×" + grid.size(), x, my);
        my += 26 * scale;
        g.fillText("every other parameter held at its present value;", x, my);
        my += 22 * scale;
        g.fillText("the loss over the whole training set", x, my);
    }

    private double centreLoss() {
        int n = grid.size();
        return grid.loss()[n / 2][n / 2];
    }

    private static String tick(double v) {
        return Numbers.format(Math.abs(v) < 1e-12 ? 0 : v, 3, true);
    }

    /** 1–2–5 steps per decade between lo and hi, or decades only when those are too many. */
    static List<Double> logTicks(double lo, double hi) {
        List<Double> all = new ArrayList<>();
        List<Double> decades = new ArrayList<>();
        for (int d = (int) Math.floor(Math.log10(lo)); d <= Math.ceil(Math.log10(hi)); d++) {
            for (int m : new int[] {1, 2, 5}) {
                double v = Double.parseDouble(m + "e" + d);
                if (v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9)) {
                    all.add(v);
                    if (m == 1) {
                        decades.add(v);
                    }
                }
            }
        }
        if (all.size() <= 8 && all.size() >= 2) {
            return all;
        }
        if (decades.size() >= 2) {
            return decades.size() <= 8 ? decades : every(decades, (decades.size() + 7) / 8);
        }
        return ticks(lo, hi, 5);
    }

    private static List<Double> every(List<Double> values, int stride) {
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < values.size(); i += stride) {
            out.add(values.get(i));
        }
        return out;
    }

    /** Round values (1, 2 or 5 times a power of ten apart) between lo and hi, about {@code count} of them. */
    static List<Double> ticks(double lo, double hi, int count) {
        List<Double> out = new ArrayList<>();
        if (!(hi > lo)) {
            out.add(lo);
            return out;
        }
        double raw = (hi - lo) / count;
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = 10 * power;
        for (double m : new double[] {1, 2, 5}) {
            if (m * power >= raw) {
                step = m * power;
                break;
            }
        }
        for (long k = (long) Math.ceil(lo / step); k * step <= hi; k++) {
            out.add(k * step);
        }
        return out;
    }

    private void hover(double mx, double my) {
        if (grid == null || mx < plotX || my < plotY || mx > plotX + plotSide || my > plotY + plotSide) {
            onHover.accept("");
            return;
        }
        int n = grid.size();
        int col = (int) Math.max(0, Math.min(n - 1, Math.floor((mx - plotX) / plotSide * n)));
        int row = (int) Math.max(0, Math.min(n - 1, Math.floor((plotY + plotSide - my) / plotSide * n)));
        onHover.accept(String.format(Locale.ROOT, "%s = %s   %s = %s   loss %s", grid.x().name(),
                Numbers.format(grid.xs()[col], 4, true), grid.y().name(), Numbers.format(grid.ys()[row], 4, true),
                Numbers.format(grid.loss()[row][col], 4, true)));
    }

    static String css(Color c) {
        return String.format(Locale.ROOT, "rgba(%d,%d,%d,%.3f)", Math.round(c.getRed() * 255),
                Math.round(c.getGreen() * 255), Math.round(c.getBlue() * 255), c.getOpacity());
    }
}
