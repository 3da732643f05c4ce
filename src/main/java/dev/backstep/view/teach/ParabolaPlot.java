package dev.backstep.view.teach;

import dev.backstep.demo.GradientDescentExample;
import dev.backstep.trace.Numbers;
import dev.backstep.view.Theme;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;

/**
 * f(x) = x² + 5 with the iterates of a gradient-descent walk on it: each xₖ a numbered point on the curve, joined
 * in order, so convergence (points closing in on the bottom) and divergence (points climbing the walls, alternating
 * sides) are seen at a glance. The range widens to keep every iterate in view. FX thread only.
 */
final class ParabolaPlot extends Region {
    /** Iterates beyond this many are drawn as points without their number. */
    private static final int NUMBERED = 10;

    private final Canvas canvas = new Canvas();
    private GradientDescentExample walk;
    private Theme theme = Theme.LIGHT;
    private double fontSize = 14;

    ParabolaPlot() {
        getChildren().add(canvas);
        setMinSize(200, 150);
    }

    void show(GradientDescentExample value, Theme look, double font) {
        walk = value;
        theme = look;
        fontSize = font;
        paint();
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

    private void paint() {
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        if (w < 10 || h < 10 || walk == null) {
            return;
        }
        GraphicsContext gc = canvas.getGraphicsContext2D();
        gc.setFill(theme.background());
        gc.fillRect(0, 0, w, h);
        double range = 1;
        for (double x : walk.iterates()) {
            if (Double.isFinite(x)) {
                range = Math.max(range, Math.abs(x));
            }
        }
        range *= 1.1;
        double yMax = GradientDescentExample.f(range);
        Font font = Font.font(Font.getDefault().getFamily(), FontWeight.NORMAL, fontSize);
        double left = 4.5 * fontSize;
        double right = w - fontSize;
        double top = fontSize;
        double bottom = h - 2.6 * fontSize;
        double span = range;
        java.util.function.DoubleUnaryOperator px = x -> left + (x + span) / (2 * span) * (right - left);
        java.util.function.DoubleUnaryOperator py = y -> bottom - y / yMax * (bottom - top);
        // axes: y = 0 at the bottom, x = 0 in the middle
        gc.setStroke(theme.grid());
        gc.setLineWidth(1);
        gc.strokeLine(left, bottom, right, bottom);
        gc.strokeLine(px.applyAsDouble(0), top, px.applyAsDouble(0), bottom);
        gc.setFont(font);
        gc.setFill(theme.text());
        gc.setTextAlign(TextAlignment.CENTER);
        gc.setTextBaseline(VPos.TOP);
        for (double x : new double[] {-span / 1.1, 0, span / 1.1}) {
            gc.fillText(Numbers.format(x, 3, true), px.applyAsDouble(x), bottom + 0.3 * fontSize);
        }
        gc.fillText("x", (left + right) / 2 + 3 * fontSize, bottom + 0.3 * fontSize);
        gc.setTextAlign(TextAlignment.RIGHT);
        gc.setTextBaseline(VPos.CENTER);
        gc.fillText(Numbers.format(yMax, 3, true), left - 0.4 * fontSize, top);
        gc.fillText("5", left - 0.4 * fontSize, py.applyAsDouble(5));
        gc.fillText("f(x)", left - 0.4 * fontSize, (top + bottom) / 2);
        // the parabola
        gc.setStroke(theme.mutedText());
        gc.setLineWidth(3);
        gc.beginPath();
        for (int i = 0; i <= 200; i++) {
            double x = -span + 2 * span * i / 200;
            double sx = px.applyAsDouble(x);
            double sy = py.applyAsDouble(GradientDescentExample.f(x));
            if (i == 0) {
                gc.moveTo(sx, sy);
            } else {
                gc.lineTo(sx, sy);
            }
        }
        gc.stroke();
        // the walk
        double[] xs = walk.iterates();
        gc.setStroke(theme.positive());
        gc.setLineWidth(2.5);
        for (int k = 1; k < xs.length; k++) {
            if (Double.isFinite(xs[k]) && Double.isFinite(xs[k - 1])) {
                gc.strokeLine(px.applyAsDouble(xs[k - 1]), py.applyAsDouble(GradientDescentExample.f(xs[k - 1])),
                        px.applyAsDouble(xs[k]), py.applyAsDouble(GradientDescentExample.f(xs[k])));
            }
        }
        double r = 0.4 * fontSize + 2;
        gc.setTextAlign(TextAlignment.CENTER);
        gc.setTextBaseline(VPos.BOTTOM);
        for (int k = 0; k < xs.length; k++) {
            if (!Double.isFinite(xs[k])) {
                continue;
            }
            double sx = px.applyAsDouble(xs[k]);
            double sy = py.applyAsDouble(GradientDescentExample.f(xs[k]));
            boolean last = k == xs.length - 1;
            gc.setFill(last ? theme.negative() : theme.positive());
            gc.fillOval(sx - r, sy - r, 2 * r, 2 * r);
            if (k < NUMBERED || last) {
                gc.setFill(theme.text());
                gc.fillText("x" + Numbers.subscriptDigits(Integer.toString(k)), sx, sy - r - 2);
            }
        }
    }
}
