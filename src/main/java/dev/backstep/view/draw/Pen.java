package dev.backstep.view.draw;

import javafx.geometry.VPos;
import javafx.scene.paint.Color;
import javafx.scene.shape.StrokeLineCap;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/**
 * What a painter draws with: the subset of a canvas's {@code GraphicsContext} the views use, with the same names and
 * the same meaning, so one painting routine can fill a canvas on screen ({@link CanvasPen}) or write the very same
 * drawing as SVG ({@link SvgPen}). {@link #begin}/{@link #end} name a group of shapes (a unit, an edge) for the
 * formats that keep structure; a canvas ignores them.
 */
public interface Pen {
    void save();

    void restore();

    void clearRect(double x, double y, double w, double h);

    void setFill(Color color);

    void setStroke(Color color);

    void setLineWidth(double width);

    /** Dash lengths, or none (null or empty) for a solid line. */
    void setLineDashes(double... dashes);

    void setLineCap(StrokeLineCap cap);

    /** Multiplies every later colour's opacity (the spotlight dims with it). */
    void setGlobalAlpha(double alpha);

    void setFont(Font font);

    void setTextAlign(TextAlignment align);

    void setTextBaseline(VPos baseline);

    void fillRect(double x, double y, double w, double h);

    void strokeRect(double x, double y, double w, double h);

    void fillRoundRect(double x, double y, double w, double h, double arcWidth, double arcHeight);

    void strokeRoundRect(double x, double y, double w, double h, double arcWidth, double arcHeight);

    void fillOval(double x, double y, double w, double h);

    void strokeOval(double x, double y, double w, double h);

    void strokeLine(double x1, double y1, double x2, double y2);

    void fillText(String text, double x, double y);

    /** Opens a named group: {@code kind} such as "unit" or "edge", {@code id} unique within the drawing. */
    void begin(String kind, String id);

    void end();
}
