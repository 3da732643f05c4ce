package dev.backstep.view.race;

import dev.backstep.engine.OptimizerKind;
import dev.backstep.view.Theme;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.shape.StrokeLineCap;

/** A short stretch of an optimizer's line (colour and dashes) beside its tick box and in the results table. */
final class LineSample extends Canvas {
    private final OptimizerKind kind;

    LineSample(OptimizerKind kind) {
        this.kind = kind;
    }

    void draw(Theme theme, double scale) {
        setWidth(56 * scale);
        setHeight(18 * scale);
        GraphicsContext g = getGraphicsContext2D();
        g.clearRect(0, 0, getWidth(), getHeight());
        g.setStroke(RacePalette.color(kind, theme));
        g.setLineWidth(3 * scale);
        float[] dashes = RacePalette.dashes(kind);
        if (dashes == null) {
            g.setLineDashes((double[]) null);
            g.setLineCap(StrokeLineCap.ROUND);
        } else {
            double[] scaled = new double[dashes.length];
            for (int i = 0; i < dashes.length; i++) {
                scaled[i] = dashes[i] * scale;
            }
            g.setLineDashes(scaled);
            g.setLineCap(StrokeLineCap.BUTT);
        }
        g.strokeLine(2 * scale, getHeight() / 2, getWidth() - 2 * scale, getHeight() / 2);
    }
}
