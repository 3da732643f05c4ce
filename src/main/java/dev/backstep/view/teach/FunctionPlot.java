package dev.backstep.view.teach;

import dev.backstep.trace.Numbers;
import dev.backstep.view.Theme;
import java.util.function.DoubleUnaryOperator;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;

/**
 * What {@link ParabolaPlot} and {@link TangentPlot} share: a canvas filling the region, a plot area over
 * x ∈ [−range, range] and y ∈ [0, yMax], its axes with their tick labels, and a sampled curve. A subclass sets the
 * area in {@link #draw} and adds what it shows on top. FX thread only.
 */
abstract class FunctionPlot extends Region {
    private final Canvas canvas = new Canvas();
    Theme theme = Theme.LIGHT;
    double fontSize = 14;
    double left;
    double right;
    double top;
    double bottom;
    double range;
    double yMax;

    FunctionPlot() {
        getChildren().add(canvas);
        setMinSize(200, 150);
    }

    /** Takes the look and font size and paints again. */
    final void restyle(Theme look, double font) {
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

    /** Whether there is something to draw. */
    abstract boolean ready();

    /** Draws the plot on a canvas already filled with the background. */
    abstract void draw(GraphicsContext gc, double w, double h);

    final void paint() {
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        if (w < 10 || h < 10 || !ready()) {
            return;
        }
        GraphicsContext gc = canvas.getGraphicsContext2D();
        gc.setFill(theme.background());
        gc.fillRect(0, 0, w, h);
        draw(gc, w, h);
    }

    /** Sets the plot area: x ∈ [−span, span], y ∈ [0, yTop], with {@code below} font sizes left under it. */
    final void area(double w, double h, double below, double span, double yTop) {
        left = 4.5 * fontSize;
        right = w - fontSize;
        top = fontSize;
        bottom = h - below * fontSize;
        range = span;
        yMax = yTop;
    }

    final double px(double x) {
        return left + (x + range) / (2 * range) * (right - left);
    }

    final double py(double y) {
        return bottom - y / yMax * (bottom - top);
    }

    /**
     * The axes (y = 0 at the bottom, x = 0 in the middle) and the x tick labels; leaves the font set, the text fill,
     * and the text centred with its top at the baseline.
     */
    final void axes(GraphicsContext gc, double... ticks) {
        gc.setFont(Font.font(Font.getDefault().getFamily(), FontWeight.NORMAL, fontSize));
        gc.setStroke(theme.grid());
        gc.setLineWidth(1);
        gc.strokeLine(left, bottom, right, bottom);
        gc.strokeLine(px(0), top, px(0), bottom);
        gc.setFill(theme.text());
        gc.setTextAlign(TextAlignment.CENTER);
        gc.setTextBaseline(VPos.TOP);
        for (double x : ticks) {
            gc.fillText(Numbers.format(x, 3, true), px(x), bottom + 0.3 * fontSize);
        }
    }

    /** A label left of the y axis, right-aligned and centred on screen height {@code sy}. */
    final void yLabel(GraphicsContext gc, String text, double sy) {
        gc.setTextAlign(TextAlignment.RIGHT);
        gc.setTextBaseline(VPos.CENTER);
        gc.fillText(text, left - 0.4 * fontSize, sy);
    }

    /** The curve y = f(x) over the range, in {@code samples} straight pieces, thick and muted. */
    final void curve(GraphicsContext gc, DoubleUnaryOperator f, int samples) {
        gc.setStroke(theme.mutedText());
        gc.setLineWidth(3);
        gc.beginPath();
        for (int i = 0; i <= samples; i++) {
            double x = -range + 2 * range * i / samples;
            double sx = px(x);
            double sy = py(f.applyAsDouble(x));
            if (i == 0) {
                gc.moveTo(sx, sy);
            } else {
                gc.lineTo(sx, sy);
            }
        }
        gc.stroke();
    }

    /** The radius of a marked point. */
    final double dotRadius() {
        return 0.4 * fontSize + 2;
    }
}
