package dev.backstep.view.teach;

import dev.backstep.demo.ChainRuleExample;
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
 * f(x) = (x² + 1)³ over the slider's range with the tangent at the chosen x: the derivative the chain rule computes
 * is the slope of that line. The tangent is dashed and labelled, so it is told from the curve without colour.
 * FX thread only.
 */
final class TangentPlot extends Region {
    static final double RANGE = 3;

    private final Canvas canvas = new Canvas();
    private ChainRuleExample at;
    private Theme theme = Theme.LIGHT;
    private double fontSize = 14;

    TangentPlot() {
        getChildren().add(canvas);
        setMinSize(200, 150);
    }

    void show(ChainRuleExample value, Theme look, double font) {
        at = value;
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

    private static double f(double x) {
        return Math.pow(x * x + 1, 3);
    }

    private void paint() {
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        if (w < 10 || h < 10 || at == null) {
            return;
        }
        GraphicsContext gc = canvas.getGraphicsContext2D();
        gc.setFill(theme.background());
        gc.fillRect(0, 0, w, h);
        double range = Math.max(RANGE, Math.abs(at.x()) * 1.1);
        double yMax = f(range);
        double left = 4.5 * fontSize;
        double right = w - fontSize;
        double top = fontSize;
        double bottom = h - 2.4 * fontSize;
        java.util.function.DoubleUnaryOperator px = x -> left + (x + range) / (2 * range) * (right - left);
        java.util.function.DoubleUnaryOperator py = y -> bottom - y / yMax * (bottom - top);
        Font font = Font.font(Font.getDefault().getFamily(), FontWeight.NORMAL, fontSize);
        gc.setFont(font);
        gc.setStroke(theme.grid());
        gc.setLineWidth(1);
        gc.strokeLine(left, bottom, right, bottom);
        gc.strokeLine(px.applyAsDouble(0), top, px.applyAsDouble(0), bottom);
        gc.setFill(theme.text());
        gc.setTextAlign(TextAlignment.CENTER);
        gc.setTextBaseline(VPos.TOP);
        for (double x : new double[] {-range, 0, range}) {
            gc.fillText(Numbers.format(x, 3, true), px.applyAsDouble(x), bottom + 0.3 * fontSize);
        }
        gc.setTextAlign(TextAlignment.RIGHT);
        gc.setTextBaseline(VPos.CENTER);
        gc.fillText(Numbers.format(yMax, 4, true), left - 0.4 * fontSize, top);
        gc.fillText("0", left - 0.4 * fontSize, bottom);
        gc.save();
        gc.beginPath();
        gc.rect(left, top, right - left, bottom - top);
        gc.clip();
        gc.setStroke(theme.mutedText());
        gc.setLineWidth(3);
        gc.beginPath();
        for (int i = 0; i <= 240; i++) {
            double x = -range + 2 * range * i / 240;
            if (i == 0) {
                gc.moveTo(px.applyAsDouble(x), py.applyAsDouble(f(x)));
            } else {
                gc.lineTo(px.applyAsDouble(x), py.applyAsDouble(f(x)));
            }
        }
        gc.stroke();
        // The tangent y = f(x₀) + f′(x₀)(x − x₀) across the whole width.
        gc.setStroke(theme.positive());
        gc.setLineDashes(12, 6);
        gc.strokeLine(px.applyAsDouble(-range), py.applyAsDouble(at.f() + at.dfDx() * (-range - at.x())),
                px.applyAsDouble(range), py.applyAsDouble(at.f() + at.dfDx() * (range - at.x())));
        gc.setLineDashes(null);
        gc.restore();
        double sx = px.applyAsDouble(at.x());
        double sy = py.applyAsDouble(at.f());
        double r = 0.4 * fontSize + 2;
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
