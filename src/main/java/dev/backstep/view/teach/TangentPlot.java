package dev.backstep.view.teach;

import dev.backstep.demo.ChainRuleExample;
import dev.backstep.trace.Numbers;
import dev.backstep.view.Theme;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.text.TextAlignment;

/**
 * f(x) = (x² + 1)³ over the slider's range with the tangent at the chosen x: the derivative the chain rule computes
 * is the slope of that line. The tangent is dashed and labelled, so it is told from the curve without colour.
 * FX thread only.
 */
final class TangentPlot extends FunctionPlot {
    static final double RANGE = 3;

    private ChainRuleExample at;

    void show(ChainRuleExample value, Theme look, double font) {
        at = value;
        restyle(look, font);
    }

    private static double f(double x) {
        return Math.pow(x * x + 1, 3);
    }

    @Override
    boolean ready() {
        return at != null;
    }

    @Override
    void draw(GraphicsContext gc, double w, double h) {
        double span = Math.max(RANGE, Math.abs(at.x()) * 1.1);
        area(w, h, 2.4, span, f(span));
        axes(gc, -range, 0, range);
        yLabel(gc, Numbers.format(yMax, 4, true), top);
        yLabel(gc, "0", bottom);
        gc.save();
        gc.beginPath();
        gc.rect(left, top, right - left, bottom - top);
        gc.clip();
        curve(gc, TangentPlot::f, 240);
        // The tangent y = f(x₀) + f′(x₀)(x − x₀) across the whole width.
        gc.setStroke(theme.positive());
        gc.setLineDashes(12, 6);
        gc.strokeLine(px(-range), py(at.f() + at.dfDx() * (-range - at.x())),
                px(range), py(at.f() + at.dfDx() * (range - at.x())));
        gc.setLineDashes(null);
        gc.restore();
        double sx = px(at.x());
        double sy = py(at.f());
        double r = dotRadius();
        gc.setFill(theme.negative());
        gc.fillOval(sx - r, sy - r, 2 * r, 2 * r);
        gc.setFill(theme.text());
        gc.setTextAlign(at.x() > 0 ? TextAlignment.RIGHT : TextAlignment.LEFT);
        gc.setTextBaseline(VPos.BOTTOM);
        double dx = at.x() > 0 ? -1.2 * fontSize : 1.2 * fontSize;
        gc.fillText("tangent at x = " + Numbers.format(at.x(), 4, true) + ": slope df/dx = "
                + Numbers.format(at.dfDx(), 6, true), sx + dx, Math.max(top + 1.4 * fontSize, sy - r));
    }
}
