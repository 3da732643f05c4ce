package dev.backstep.view.teach;

import dev.backstep.demo.GradientDescentExample;
import dev.backstep.trace.Numbers;
import dev.backstep.view.Theme;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.text.TextAlignment;

/**
 * f(x) = x² + 5 with the iterates of a gradient-descent walk on it: each xₖ a numbered point on the curve, joined
 * in order, so convergence (points closing in on the bottom) and divergence (points climbing the walls, alternating
 * sides) are seen at a glance. The range widens to keep every iterate in view. FX thread only.
 */
final class ParabolaPlot extends FunctionPlot {
    /** Iterates beyond this many are drawn as points without their number. */
    private static final int NUMBERED = 10;

    private GradientDescentExample walk;

    void show(GradientDescentExample value, Theme look, double font) {
        walk = value;
        restyle(look, font);
    }

    @Override
    boolean ready() {
        return walk != null;
    }

    @Override
    void draw(GraphicsContext gc, double w, double h) {
        double span = 1;
        for (double x : walk.iterates()) {
            if (Double.isFinite(x)) {
                span = Math.max(span, Math.abs(x));
            }
        }
        span *= 1.1;
        area(w, h, 2.6, span, GradientDescentExample.f(span));
        axes(gc, -span / 1.1, 0, span / 1.1);
        gc.fillText("x", (left + right) / 2 + 3 * fontSize, bottom + 0.3 * fontSize);
        yLabel(gc, Numbers.format(yMax, 3, true), top);
        yLabel(gc, "5", py(5));
        yLabel(gc, "f(x)", (top + bottom) / 2);
        curve(gc, GradientDescentExample::f, 200);
        // the walk
        double[] xs = walk.iterates();
        gc.setStroke(theme.positive());
        gc.setLineWidth(2.5);
        for (int k = 1; k < xs.length; k++) {
            if (Double.isFinite(xs[k]) && Double.isFinite(xs[k - 1])) {
                gc.strokeLine(px(xs[k - 1]), py(GradientDescentExample.f(xs[k - 1])),
                        px(xs[k]), py(GradientDescentExample.f(xs[k])));
            }
        }
        double r = dotRadius();
        gc.setTextAlign(TextAlignment.CENTER);
        gc.setTextBaseline(VPos.BOTTOM);
        for (int k = 0; k < xs.length; k++) {
            if (!Double.isFinite(xs[k])) {
                continue;
            }
            double sx = px(xs[k]);
            double sy = py(GradientDescentExample.f(xs[k]));
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
