package dev.backstep.view.draw;

import javafx.geometry.VPos;
import javafx.scene.paint.Color;
import javafx.scene.shape.StrokeLineCap;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

/**
 * A {@link Pen} that writes SVG 1.1: each call becomes one element with the current colours, width, dashes, font and
 * opacity as attributes, so an exported drawing is the one on screen, shape for shape, and stays sharp at any size
 * on a slide. Groups from {@link #begin} become {@code <g class="kind" id="id">}.
 */
public final class SvgPen implements Pen {
    /** The geometry attributes of each element, in the order they are written. */
    private static final String[] RECT = {"x", "y", "width", "height"};
    private static final String[] ROUND_RECT = {"x", "y", "width", "height", "rx", "ry"};
    private static final String[] ELLIPSE = {"cx", "cy", "rx", "ry"};
    private static final String[] LINE = {"x1", "y1", "x2", "y2"};
    private final StringBuilder out = new StringBuilder(64 * 1024);
    private final Deque<State> saved = new ArrayDeque<>();
    private State state = new State();
    private int depth;
    private final double width;
    private final double height;

    /** What {@link #save} keeps, as in a canvas. */
    private static final class State implements Cloneable {
        Color fill = Color.BLACK;
        Color stroke = Color.BLACK;
        double lineWidth = 1;
        double[] dashes;
        StrokeLineCap cap = StrokeLineCap.SQUARE;
        double alpha = 1;
        Font font = Font.getDefault();
        TextAlignment align = TextAlignment.LEFT;
        VPos baseline = VPos.BASELINE;

        State copy() {
            try {
                return (State) clone();
            } catch (CloneNotSupportedException e) {
                throw new AssertionError(e);
            }
        }
    }

    public SvgPen(double width, double height) {
        this.width = width;
        this.height = height;
    }

    /** The document drawn so far, closed (open groups are closed too). */
    public String toSvg() {
        StringBuilder doc = new StringBuilder(out.length() + 256);
        doc.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        doc.append("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"").append(num(width))
                .append("\" height=\"").append(num(height)).append("\" viewBox=\"0 0 ").append(num(width))
                .append(' ').append(num(height)).append("\">\n");
        doc.append(out);
        doc.append("</g>\n".repeat(depth));
        doc.append("</svg>\n");
        return doc.toString();
    }

    @Override
    public void save() {
        saved.push(state.copy());
    }

    @Override
    public void restore() {
        if (!saved.isEmpty()) {
            state = saved.pop();
        }
    }

    @Override
    public void clearRect(double x, double y, double w, double h) {
        // An SVG starts transparent; what a canvas clears is painted over next anyway.
    }

    @Override
    public void setFill(Color color) {
        state.fill = color;
    }

    @Override
    public void setStroke(Color color) {
        state.stroke = color;
    }

    @Override
    public void setLineWidth(double width) {
        state.lineWidth = width;
    }

    @Override
    public void setLineDashes(double... dashes) {
        state.dashes = dashes == null || dashes.length == 0 ? null : dashes.clone();
    }

    @Override
    public void setLineCap(StrokeLineCap cap) {
        state.cap = cap;
    }

    @Override
    public void setGlobalAlpha(double alpha) {
        state.alpha = Math.max(0, Math.min(1, alpha));
    }

    @Override
    public void setFont(Font font) {
        state.font = font;
    }

    @Override
    public void setTextAlign(TextAlignment align) {
        state.align = align;
    }

    @Override
    public void setTextBaseline(VPos baseline) {
        state.baseline = baseline;
    }

    @Override
    public void fillRect(double x, double y, double w, double h) {
        rect(x, y, w, h, 0, 0, true);
    }

    @Override
    public void strokeRect(double x, double y, double w, double h) {
        rect(x, y, w, h, 0, 0, false);
    }

    @Override
    public void fillRoundRect(double x, double y, double w, double h, double arcWidth, double arcHeight) {
        rect(x, y, w, h, arcWidth / 2, arcHeight / 2, true);
    }

    @Override
    public void strokeRoundRect(double x, double y, double w, double h, double arcWidth, double arcHeight) {
        rect(x, y, w, h, arcWidth / 2, arcHeight / 2, false);
    }

    private void rect(double x, double y, double w, double h, double rx, double ry, boolean fill) {
        if (rx > 0 || ry > 0) {
            element("rect", fill, ROUND_RECT, x, y, w, h, rx, ry);
        } else {
            element("rect", fill, RECT, x, y, w, h);
        }
    }

    @Override
    public void fillOval(double x, double y, double w, double h) {
        ellipse(x, y, w, h, true);
    }

    @Override
    public void strokeOval(double x, double y, double w, double h) {
        ellipse(x, y, w, h, false);
    }

    private void ellipse(double x, double y, double w, double h, boolean fill) {
        element("ellipse", fill, ELLIPSE, x + w / 2, y + h / 2, w / 2, h / 2);
    }

    @Override
    public void strokeLine(double x1, double y1, double x2, double y2) {
        element("line", false, LINE, x1, y1, x2, y2);
    }

    /** An empty element: its geometry, {@code names[i]="values[i]"}, then the current fill or stroke. */
    private void element(String tag, boolean fill, String[] names, double... values) {
        out.append('<').append(tag);
        for (int i = 0; i < names.length; i++) {
            out.append(' ').append(names[i]).append("=\"").append(num(values[i])).append('"');
        }
        paint(fill);
        out.append("/>\n");
    }

    @Override
    public void fillText(String text, double x, double y) {
        Font font = state.font;
        out.append("<text x=\"").append(num(x)).append("\" y=\"").append(num(y)).append("\" font-family=\"")
                .append(escape(family(font))).append("\" font-size=\"").append(num(font.getSize())).append('"');
        if (font.getStyle().contains("Bold")) {
            out.append(" font-weight=\"bold\"");
        }
        switch (state.align) {
            case CENTER -> out.append(" text-anchor=\"middle\"");
            case RIGHT -> out.append(" text-anchor=\"end\"");
            default -> { }
        }
        switch (state.baseline) {
            case CENTER -> out.append(" dominant-baseline=\"central\"");
            case TOP -> out.append(" dominant-baseline=\"text-before-edge\"");
            case BOTTOM -> out.append(" dominant-baseline=\"text-after-edge\"");
            default -> { }
        }
        paint(true);
        out.append('>').append(escape(text)).append("</text>\n");
    }

    @Override
    public void begin(String kind, String id) {
        out.append("<g class=\"").append(escape(kind)).append("\" id=\"").append(escape(id)).append("\">\n");
        depth++;
    }

    @Override
    public void end() {
        if (depth > 0) {
            out.append("</g>\n");
            depth--;
        }
    }

    private void paint(boolean fill) {
        if (fill) {
            out.append(" fill=\"").append(hex(state.fill)).append('"');
            opacity("fill-opacity", state.fill);
            return;
        }
        out.append(" fill=\"none\" stroke=\"").append(hex(state.stroke)).append("\" stroke-width=\"")
                .append(num(state.lineWidth)).append('"');
        opacity("stroke-opacity", state.stroke);
        switch (state.cap) {
            case ROUND -> out.append(" stroke-linecap=\"round\"");
            case SQUARE -> out.append(" stroke-linecap=\"square\"");
            default -> { }
        }
        if (state.dashes != null) {
            out.append(" stroke-dasharray=\"");
            for (int i = 0; i < state.dashes.length; i++) {
                out.append(i == 0 ? "" : " ").append(num(state.dashes[i]));
            }
            out.append('"');
        }
    }

    private void opacity(String attribute, Color color) {
        double a = color.getOpacity() * state.alpha;
        if (a < 0.999) {
            out.append(' ').append(attribute).append("=\"").append(num(a)).append('"');
        }
    }

    /** The font's family with fallbacks; JavaFX's logical "System" family means nothing to an SVG viewer. */
    private static String family(Font font) {
        String fallback = "'DejaVu Sans', 'Segoe UI', 'Helvetica Neue', sans-serif";
        String family = font.getFamily();
        return family.equalsIgnoreCase("System") ? fallback : "'" + family + "', " + fallback;
    }

    private static String hex(Color c) {
        return String.format(Locale.ROOT, "#%02X%02X%02X", (int) Math.round(c.getRed() * 255),
                (int) Math.round(c.getGreen() * 255), (int) Math.round(c.getBlue() * 255));
    }

    /** Two decimals, no trailing zeros: sub-pixel exact and a tenth of the size of full doubles. */
    static String num(double v) {
        if (!Double.isFinite(v)) {
            return "0";
        }
        long hundredths = Math.round(v * 100);
        String sign = hundredths < 0 ? "-" : "";
        long a = Math.abs(hundredths);
        long whole = a / 100;
        long frac = a % 100;
        if (frac == 0) {
            return sign + whole;
        }
        return sign + whole + "." + (frac % 10 == 0 ? String.valueOf(frac / 10) : String.format(Locale.ROOT, "%02d", frac));
    }

    private static String escape(String text) {
        StringBuilder b = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                default -> {
                    if (c >= 0x20 || c == '\t' || c == '\n') {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
