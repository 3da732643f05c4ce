package dev.backstep.view.graph;

import dev.backstep.view.ColorScale;
import dev.backstep.view.Theme;
import javafx.geometry.VPos;
import dev.backstep.view.draw.Pen;
import javafx.scene.paint.Color;
import javafx.scene.shape.StrokeLineCap;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.HashMap;

/**
 * Draws one frame of the layer graph through a {@link Pen} (a canvas on screen, SVG for an export, the same drawing):
 * captions, edges (weakest first), value labels, bias nodes, units,
 * collapse markers, targets, the current term's highlight and callout, and the legend. Every colour comes from the
 * {@link Theme}; meaning never rests on colour alone (signs are written, the current element has a thick solid ring
 * and a callout, the elements it uses a dashed ring, values not yet computed a "?" and a dashed outline).
 * Sizes follow the layout's presentation scale; with the spotlight on, what the current term neither is nor uses is
 * drawn at the frame's dimmed opacity. FX thread only; fonts are made once per layout.
 */
final class GraphPainter {
    private static final double[] USES_DASHES = {10, 7};
    private static final double[] PENDING_DASHES = {5, 5};
    private static final int BAR_STEPS = 48;

    private final Text probe = new Text();
    private final HashMap<String, Double> widths = new HashMap<>();
    private double plainFor = Double.NaN;
    private String plainText = "";
    private double plainFor2 = Double.NaN;
    private String plainText2 = "";
    private GraphLayout fontsFor;
    private Font nameFont;
    private Font valueFont;
    private Font captionFont;
    private Font captionBold;
    private Font labelFont;
    private Font legendFont;
    private Font legendBold;
    private Font targetFont;
    private Font calloutFont;
    private Font biasFont;
    private Font markerFont;
    private final Font[] valueFonts = new Font[Fixed.MAX_DECIMALS + 1];
    private double nameSize;
    /** Name fonts of squeezed units, by name, for the layout the fonts were made for. */
    private final java.util.Map<String, Font> squeezedNames = new java.util.HashMap<>();
    private double calloutSize;
    private java.util.List<GraphElement> marked = java.util.List.of();
    private String markTag = "";

    /** Elements to point out on every later frame, with the tag written beside them (see {@link GraphMarks}). */
    void setMarks(java.util.List<GraphElement> elements, String tag) {
        marked = java.util.List.copyOf(elements);
        markTag = tag;
    }
    /** The presentation scale of the layout being painted: fixed line widths, dashes and gaps grow with it. */
    private double s = 1;

    private void fonts(GraphLayout g) {
        if (fontsFor == g) {
            return;
        }
        fontsFor = g;
        squeezedNames.clear();
        String family = Font.getDefault().getFamily();
        double min = GraphLayout.MIN_FONT * g.scale;
        nameSize = GraphLayout.clamp(0.34 * g.radius, min, 26 * g.scale);
        nameFont = Font.font(family, FontWeight.BOLD, nameSize);
        valueFont = Font.font(family, FontWeight.NORMAL, g.unitFont);
        for (int d = 0; d < valueFonts.length; d++) {
            // The widest number of d decimals fits across the circle.
            double em = TextWidth.of("−0." + "0".repeat(d), 1, false);
            double size = GraphLayout.clamp(1.56 * g.radius / em, GraphLayout.MIN_VALUE_FONT * g.scale, g.unitFont);
            valueFonts[d] = Font.font(family, FontWeight.NORMAL, size);
        }
        captionFont = Font.font(family, FontWeight.NORMAL, g.captionFont);
        captionBold = Font.font(family, FontWeight.BOLD, g.captionFont);
        labelFont = Font.font(family, FontWeight.NORMAL, g.labelFont);
        legendFont = Font.font(family, FontWeight.NORMAL, g.legendFont);
        legendBold = Font.font(family, FontWeight.BOLD, g.legendFont);
        targetFont = Font.font(family, FontWeight.NORMAL, g.targetFont);
        calloutSize = Math.max(16 * g.scale, g.labelFont + 2 * g.scale);
        calloutFont = Font.font(family, FontWeight.BOLD, calloutSize);
        biasFont = Font.font(family, FontWeight.BOLD, GraphLayout.clamp(0.5 * g.biasSize, min, 20 * g.scale));
        markerFont = Font.font(family, FontWeight.NORMAL, Math.max(min, 0.9 * g.captionFont));
    }

    /**
     * @param names   display names of the layout's units, flat
     * @param caption per layer, the dynamic second caption line (sample, loss) or null for the layout's
     */
    void paint(Pen gc, GraphLayout g, GraphFrame f, Theme theme, String[] names, String[] caption) {
        fonts(g);
        s = g.scale;
        gc.save();
        // Clearing the whole canvas first lets it drop the commands of earlier frames not yet rendered.
        gc.clearRect(0, 0, g.width, g.height);
        gc.setFill(theme.background());
        gc.fillRect(0, 0, g.width, g.height);
        gc.setTextBaseline(VPos.CENTER);
        gc.setLineCap(StrokeLineCap.ROUND);
        ColorScale edgeScale = new ColorScale(theme, f.edgeMax);
        ColorScale unitScale = new ColorScale(theme, f.unitMax);
        captions(gc, g, f, theme, caption);
        edges(gc, g, f, theme, edgeScale);
        biasNodes(gc, g, f, theme);
        edgeLabels(gc, g, f, theme, edgeScale);
        units(gc, g, f, theme, unitScale, names);
        markers(gc, g, theme);
        targets(gc, g, f, theme);
        callout(gc, g, f, theme);
        GraphMarks.paint(gc, g, theme, marked, markTag);
        legend(gc, g, f, theme, edgeScale, unitScale);
        gc.restore();
    }

    // ---- captions -------------------------------------------------------------------------------------------------

    private void captions(Pen gc, GraphLayout g, GraphFrame f, Theme theme, String[] caption) {
        gc.setTextAlign(TextAlignment.CENTER);
        for (int l = 0; l < g.layers; l++) {
            gc.setFont(captionBold);
            gc.setFill(theme.text());
            String title = g.captionTitle[l];
            gc.fillText(title, inside(g, g.columnX[l], TextWidth.of(title, g.captionFont, true)), g.captionY1);
            String detail = caption != null && caption[l] != null ? caption[l] : g.captionDetail[l];
            // Narrow columns (a deep network): "sample 133 · row 1/10" would run into the next caption; keep its head.
            // The output's caption (the loss) has the free margin on its right.
            int dot = detail.indexOf(" · ");
            if (dot > 0 && l < g.layers - 1
                    && TextWidth.of(detail, g.captionFont, false) > g.columnSpacing - g.captionFont) {
                detail = detail.substring(0, dot);
            }
            gc.setFont(captionFont);
            gc.setFill(theme.mutedText());
            gc.fillText(detail, inside(g, g.columnX[l], TextWidth.of(detail, g.captionFont, false)), g.captionY2);
        }
        if (f.target == GraphFrame.Target.NETWORK || f.networkUsed) {
            // The loss is written in the output's caption: ring it like an element.
            int out = g.layers - 1;
            String detail = caption != null && caption[out] != null ? caption[out] : "";
            double w = measure(detail, captionFont) + 0.8 * g.captionFont;
            double h = 1.3 * g.captionFont;
            double x = inside(g, g.columnX[out], w - 0.8 * g.captionFont) - w / 2;
            double y = g.captionY2 - h / 2;
            if (f.target == GraphFrame.Target.NETWORK) {
                gc.setStroke(theme.highlight());
                gc.setLineWidth(3 * s);
                gc.strokeRoundRect(x, y, w, h, 8 * s, 8 * s);
            } else {
                gc.setStroke(theme.uses());
                gc.setLineWidth(2.5 * s);
                gc.setLineDashes(scaled(USES_DASHES));
                gc.strokeRoundRect(x - 3 * s, y - 3 * s, w + 6 * s, h + 6 * s, 8 * s, 8 * s);
                gc.setLineDashes(null);
            }
        }
    }

    /**
     * The width of a text as the font really sets it (for boxes drawn around text). Cached: legend and caption
     * texts repeat from frame to frame, and laying out a {@link Text} is the costliest thing a frame would do.
     */
    private double measure(String text, Font font) {
        String key = font.getSize() + (font.getStyle().contains("Bold") ? "b|" : "|") + text;
        Double cached = widths.get(key);
        if (cached != null) {
            return cached;
        }
        probe.setFont(font);
        probe.setText(text);
        double w = probe.getLayoutBounds().getWidth();
        if (widths.size() > 512) {
            widths.clear();
        }
        widths.put(key, w);
        return w;
    }

    /** The centre x for a centred text of width {@code w} near {@code x} that keeps it inside the view. */
    private static double inside(GraphLayout g, double x, double w) {
        double margin = 0.25 * g.pad;
        return Math.max(margin + w / 2, Math.min(g.width - margin - w / 2, x));
    }

    // ---- edges ----------------------------------------------------------------------------------------------------

    private void edges(Pen gc, GraphLayout g, GraphFrame f, Theme theme, ColorScale scale) {
        for (int k = 0; k < f.drawCount; k++) {
            int e = f.drawOrder[k];
            gc.begin(g.isBias(e) ? "bias" : "edge", edgeId(g, e));
            gc.setGlobalAlpha(f.edgeAlpha[e]);
            strokeEdge(gc, g, f, theme, scale, e);
            gc.end();
        }
        gc.setGlobalAlpha(1);
        // The elements of the current term go on top: dashed halo for what it uses, solid halo for itself.
        for (int e = 0; e < g.edgeCount; e++) {
            if (f.edgeUsed[e] && !(f.target == GraphFrame.Target.EDGE && f.targetIndex == e)) {
                gc.setStroke(theme.uses());
                gc.setLineWidth(Math.max(f.edgeWidth[e], 1.2 * s) + 8 * s);
                gc.setLineDashes(scaled(USES_DASHES));
                gc.setLineCap(StrokeLineCap.BUTT);
                line(gc, g, e);
                gc.setLineDashes(null);
                gc.setLineCap(StrokeLineCap.ROUND);
                strokeEdge(gc, g, f, theme, scale, e);
            }
        }
        if (f.target == GraphFrame.Target.EDGE) {
            int e = f.targetIndex;
            gc.setStroke(theme.highlight());
            gc.setLineWidth(Math.max(f.edgeWidth[e], 1.2 * s) + 10 * s);
            line(gc, g, e);
            gc.setStroke(theme.background());
            gc.setLineWidth(Math.max(f.edgeWidth[e], 1.2 * s) + 4 * s);
            line(gc, g, e);
            strokeEdge(gc, g, f, theme, scale, e);
        }
    }

    /** The id of an edge in an SVG export: layer, source and target unit as the trace counts them. */
    static String edgeId(GraphLayout g, int e) {
        return g.isBias(e) ? "bias-" + g.edgeLayer[e] + "-" + g.edgeTo[e]
                : "edge-" + g.edgeLayer[e] + "-" + g.edgeFrom[e] + "-" + g.edgeTo[e];
    }

    private void strokeEdge(Pen gc, GraphLayout g, GraphFrame f, Theme theme, ColorScale scale, int e) {
        if (!f.edgeRevealed[e]) {
            gc.setStroke(theme.neutral());
            gc.setLineWidth(1.2 * s);
            gc.setLineDashes(scaled(PENDING_DASHES));
            line(gc, g, e);
            gc.setLineDashes(null);
            return;
        }
        gc.setStroke(scale.color(f.edgeValue[e]));
        gc.setLineWidth(Math.max(f.edgeWidth[e], ColorScale.MIN_WIDTH));
        line(gc, g, e);
    }

    private double[] scaled(double[] dashes) {
        double[] out = dashes.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] *= s;
        }
        return out;
    }

    private static void line(Pen gc, GraphLayout g, int e) {
        gc.strokeLine(g.edgeX1[e], g.edgeY1[e], g.edgeX2[e], g.edgeY2[e]);
    }

    private void edgeLabels(Pen gc, GraphLayout g, GraphFrame f, Theme theme, ColorScale scale) {
        gc.setFont(labelFont);
        gc.setTextAlign(TextAlignment.CENTER);
        Color plate = theme.surface().deriveColor(0, 1, 1, 0.93);
        for (int e = 0; e < g.edgeCount; e++) {
            if (Double.isNaN(g.labelX[e]) || (!f.edgeShown[e] && !f.edgeUsed[e]
                    && !(f.target == GraphFrame.Target.EDGE && f.targetIndex == e))) {
                continue;
            }
            double x = g.labelX[e] - g.labelW / 2;
            double y = g.labelY[e] - g.labelH / 2;
            gc.setGlobalAlpha(f.edgeAlpha[e]);
            gc.setFill(plate);
            gc.fillRoundRect(x, y, g.labelW, g.labelH, 8 * s, 8 * s);
            gc.setStroke(f.edgeRevealed[e] ? scale.color(f.edgeValue[e]) : theme.neutral());
            gc.setLineWidth(1.5 * s);
            gc.strokeRoundRect(x, y, g.labelW, g.labelH, 8 * s, 8 * s);
            gc.setFill(f.edgeRevealed[e] ? theme.text() : theme.mutedText());
            gc.fillText(f.edgeText(e), g.labelX[e], g.labelY[e]);
        }
        gc.setGlobalAlpha(1);
    }

    private void biasNodes(Pen gc, GraphLayout g, GraphFrame f, Theme theme) {
        gc.setFont(biasFont);
        gc.setTextAlign(TextAlignment.CENTER);
        double size = g.biasSize;
        for (int l = 1; l < g.layers; l++) {
            if (!g.bias[l]) {
                continue;
            }
            double x = g.biasX[l] - size / 2;
            double y = g.biasY[l] - size / 2;
            gc.begin("bias-node", "bias-node-" + l);
            gc.setGlobalAlpha(f.biasNodeAlpha[l]);
            gc.setFill(theme.surface());
            gc.fillRoundRect(x, y, size, size, size * 0.35, size * 0.35);
            gc.setStroke(theme.unitStroke());
            gc.setLineWidth(2 * s);
            gc.strokeRoundRect(x, y, size, size, size * 0.35, size * 0.35);
            gc.setFill(theme.text());
            gc.fillText("+1", g.biasX[l], g.biasY[l]);
            gc.end();
        }
        gc.setGlobalAlpha(1);
    }

    // ---- units ----------------------------------------------------------------------------------------------------

    private void units(Pen gc, GraphLayout g, GraphFrame f, Theme theme, ColorScale scale,
                       String[] names) {
        double r = g.radius;
        double ring = Math.max(3, 0.13 * r);
        gc.setTextAlign(TextAlignment.CENTER);
        for (int u = 0; u < g.unitCount; u++) {
            double x = g.unitX[u];
            double y = g.unitY[u];
            gc.begin("unit", "unit-" + g.unitLayer[u] + "-" + g.unitIndex[u]);
            gc.setGlobalAlpha(f.unitAlpha[u]);
            boolean current = f.target == GraphFrame.Target.UNIT && f.targetIndex == u;
            if (current) {
                double w = Math.max(4, 0.11 * r);
                gc.setStroke(theme.highlight());
                gc.setLineWidth(w);
                double rr = r + 0.06 * r + w / 2;
                gc.strokeOval(x - rr, y - rr, 2 * rr, 2 * rr);
            }
            if (f.unitUsed[u]) {
                double w = Math.max(3, 0.07 * r);
                gc.setStroke(theme.uses());
                gc.setLineWidth(w);
                gc.setLineDashes(scaled(USES_DASHES));
                gc.setLineCap(StrokeLineCap.BUTT);
                double rr = r + (current ? 0.3 * r : 0.1 * r) + w / 2;
                gc.strokeOval(x - rr, y - rr, 2 * rr, 2 * rr);
                gc.setLineDashes(null);
                gc.setLineCap(StrokeLineCap.ROUND);
            }
            boolean revealed = f.unitRevealed[u];
            double v = f.unitValue[u];
            Color fill = theme.unitFill();
            Color stroke;
            double strokeW = ring;
            if (!revealed) {
                stroke = theme.neutral();
                strokeW = Math.max(2, 0.06 * r);
            } else if (!f.unitColoured[u]) {
                stroke = theme.unitStroke();
                strokeW = Math.max(2, 0.06 * r);
            } else {
                stroke = scale.color(v);
                fill = theme.unitFill().interpolate(stroke, 0.30 * scale.strength(v));
            }
            gc.setFill(fill);
            gc.fillOval(x - r, y - r, 2 * r, 2 * r);
            gc.setStroke(stroke);
            gc.setLineWidth(strokeW);
            if (!revealed) {
                gc.setLineDashes(scaled(PENDING_DASHES));
            }
            double rs = r - strokeW / 2;
            gc.strokeOval(x - rs, y - rs, 2 * rs, 2 * rs);
            gc.setLineDashes(null);
            gc.setFill(theme.text());
            gc.setFont(nameFont);
            if (!g.unitValues) {
                // Squeezed circles carry the name only, narrowed to fit; the value is in the tooltip.
                gc.setFont(squeezedName(g, names[u]));
                gc.fillText(names[u], x, y);
                gc.end();
                continue;
            }
            gc.fillText(names[u], x, y - 0.30 * r);
            gc.setFont(g.unitLayer[u] == 0 ? valueFont : valueFonts[Math.min(f.unitDecimals, valueFonts.length - 1)]);
            gc.setFill(revealed ? theme.text() : theme.mutedText());
            gc.fillText(f.unitText(u), x, y + 0.28 * r);
            gc.end();
        }
        gc.setGlobalAlpha(1);
    }

    /** The name font, smaller for a name wider than a squeezed circle (down to the value line's smallest font). */
    private Font squeezedName(GraphLayout g, String name) {
        return squeezedNames.computeIfAbsent(name, n -> {
            double fit = 1.7 * g.radius / TextWidth.of(n, 1, true);
            double size = GraphLayout.clamp(fit, GraphLayout.MIN_VALUE_FONT * g.scale, nameSize);
            return size == nameSize ? nameFont : Font.font(nameFont.getFamily(), FontWeight.BOLD, size);
        });
    }

    private void markers(Pen gc, GraphLayout g, Theme theme) {
        gc.setTextAlign(TextAlignment.CENTER);
        gc.setFont(markerFont);
        gc.setFill(theme.mutedText());
        double line = markerFont.getSize() * 1.2;
        for (int l = 0; l < g.layers; l++) {
            if (Double.isNaN(g.markerY[l])) {
                continue;
            }
            String more = "⋯ " + g.hidden[l] + " more";
            double size = markerFont.getSize();
            if (g.collapse[l] == GraphLayout.Collapse.LARGEST) {
                String why = "(largest |w| shown)";
                gc.fillText(more, inside(g, g.columnX[l], TextWidth.of(more, size, false)), g.markerY[l] - line / 2);
                gc.fillText(why, inside(g, g.columnX[l], TextWidth.of(why, size, false)), g.markerY[l] + line / 2);
            } else {
                gc.fillText(more, inside(g, g.columnX[l], TextWidth.of(more, size, false)), g.markerY[l]);
            }
        }
    }

    private void targets(Pen gc, GraphLayout g, GraphFrame f, Theme theme) {
        int out = g.layers - 1;
        gc.setTextAlign(TextAlignment.LEFT);
        gc.setFont(targetFont);
        gc.setFill(theme.text());
        for (int k = 0; k < g.visible[out].length; k++) {
            int u = g.unitStart[out] + k;
            gc.setGlobalAlpha(f.unitAlpha[u]);
            gc.fillText("t = " + Fixed.format(f.targetValue[k], 3), g.targetX, g.unitY[u]);
        }
        gc.setGlobalAlpha(1);
    }

    // ---- the current term's callout ------------------------------------------------------------------------------

    private void callout(Pen gc, GraphLayout g, GraphFrame f, Theme theme) {
        if (f.callout == null) {
            return;
        }
        double ax;
        double ay;
        double clearance;
        switch (f.target) {
            case UNIT -> {
                ax = g.unitX[f.targetIndex];
                ay = g.unitY[f.targetIndex];
                clearance = g.radius * (f.unitUsed[f.targetIndex] ? 1.45 : 1.25);
            }
            case EDGE -> {
                int e = f.targetIndex;
                boolean labelled = !Double.isNaN(g.labelX[e]);
                ax = labelled ? g.labelX[e] : (g.edgeX1[e] + g.edgeX2[e]) / 2;
                ay = labelled ? g.labelY[e] : (g.edgeY1[e] + g.edgeY2[e]) / 2;
                clearance = labelled ? g.labelH * 0.75 : 8 * s;
            }
            case NETWORK -> {
                ax = g.columnX[g.layers - 1];
                ay = g.captionY2;
                clearance = -g.captionFont;
            }
            case HIDDEN_UNIT, HIDDEN_EDGE -> {
                int l = Math.max(0, Math.min(g.layers - 1, f.targetLayer));
                ax = g.columnX[l];
                ay = Double.isNaN(g.markerY[l]) ? (g.unitTop + g.unitBottom) / 2 : g.markerY[l];
                clearance = g.pitch * 0.4;
            }
            default -> {
                return;
            }
        }
        double w = measure(f.callout, calloutFont) + calloutSize;
        double h = calloutSize * 1.7;
        double gap = 10 * s;
        double reach = Math.abs(clearance);
        // Above, below, right, left of the element: the first place that covers no unit and stays in the graph.
        double mx = ax;
        double my = ay;
        if (f.target == GraphFrame.Target.EDGE) {
            int e = f.targetIndex;
            mx = (g.edgeX1[e] + g.edgeX2[e]) / 2;
            my = (g.edgeY1[e] + g.edgeY2[e]) / 2;
        }
        double[][] candidates = {
                {ax - w / 2, ay - reach - gap - h, ax, ay - reach},
                {ax - w / 2, ay + reach + gap, ax, ay + reach},
                {mx - w / 2, my - 8 * s - gap - h, mx, my - 8 * s},
                {mx - w / 2, my + 8 * s + gap, mx, my + 8 * s},
                {ax + reach + gap, ay - h / 2, ax + reach, ay},
                {ax - reach - gap - w, ay - h / 2, ax - reach, ay}};
        double minY = g.captionY2 + 0.7 * g.captionFont;
        double[] chosen = null;
        for (int k = clearance < 0 ? 1 : 0; k < candidates.length && chosen == null; k++) {
            double bx = GraphLayout.clamp(candidates[k][0], g.pad * 0.5, g.width - g.pad * 0.5 - w);
            double by = candidates[k][1];
            if (by < minY || by + h > g.legendY - 2 || coversUnit(g, bx, by, w, h)) {
                continue;
            }
            chosen = new double[] {bx, by, candidates[k][2], candidates[k][3]};
        }
        if (chosen == null) {
            double bx = GraphLayout.clamp(candidates[0][0], g.pad * 0.5, g.width - g.pad * 0.5 - w);
            double by = GraphLayout.clamp(candidates[0][1], minY, g.legendY - h - 2);
            chosen = new double[] {bx, by, ax, ay - reach};
        }
        double bx = chosen[0];
        double by = chosen[1];
        gc.setStroke(theme.highlight());
        gc.setLineWidth(2 * s);
        double tipX = GraphLayout.clamp(chosen[2], bx, bx + w);
        double tipY = GraphLayout.clamp(chosen[3], by, by + h);
        gc.strokeLine(tipX, tipY, chosen[2], chosen[3]);
        gc.setFill(theme.surface());
        gc.fillRoundRect(bx, by, w, h, 10 * s, 10 * s);
        gc.setLineWidth(3 * s);
        gc.strokeRoundRect(bx, by, w, h, 10 * s, 10 * s);
        gc.setFill(theme.text());
        gc.setFont(calloutFont);
        gc.setTextAlign(TextAlignment.CENTER);
        gc.fillText(f.callout, bx + w / 2, by + h / 2);
    }

    private static boolean coversUnit(GraphLayout g, double x, double y, double w, double h) {
        double rr = g.radius * 1.12;
        for (int u = 0; u < g.unitCount; u++) {
            double nx = GraphLayout.clamp(g.unitX[u], x, x + w);
            double ny = GraphLayout.clamp(g.unitY[u], y, y + h);
            double dx = g.unitX[u] - nx;
            double dy = g.unitY[u] - ny;
            if (dx * dx + dy * dy < rr * rr) {
                return true;
            }
        }
        return false;
    }

    // ---- legend ---------------------------------------------------------------------------------------------------

    private void legend(Pen gc, GraphLayout g, GraphFrame f, Theme theme, ColorScale edgeScale,
                        ColorScale unitScale) {
        double fs = g.legendFont;
        double rowH = 1.85 * fs;
        double y1 = g.legendY + 0.3 * g.font * 0.5 + rowH / 2;
        double y2 = y1 + rowH;
        gc.setStroke(theme.grid());
        gc.setLineWidth(1 * s);
        gc.strokeLine(g.legendX, g.legendY, g.legendX + g.legendW, g.legendY);

        String edgeTitle = "Edges ";
        String unitTitle = "Units ";
        String edgeCaption = f.edgeCaption();
        String unitCaption = f.unitCaption();
        double titleW = Math.max(measure(edgeTitle, legendBold), measure(unitTitle, legendBold)) + 0.3 * fs;
        double captionW = Math.max(measure(edgeCaption, legendFont), measure(unitCaption, legendFont));
        if (Double.compare(plainFor, f.edgeMax) != 0) {
            plainFor = f.edgeMax;
            plainText = plain(f.edgeMax);
        }
        if (Double.compare(plainFor2, f.unitMax) != 0) {
            plainFor2 = f.unitMax;
            plainText2 = plain(f.unitMax);
        }
        String edgeMin = "−" + plainText;
        String edgeMaxText = "+" + plainText;
        String unitMin = "−" + plainText2;
        String unitMaxText = "+" + plainText2;
        double minW = Math.max(measure(edgeMin, legendFont), measure(unitMin, legendFont));
        double barW = GraphLayout.clamp(0.16 * g.width, 110 * s, 300 * s);
        double barH = 0.95 * fs;
        double x = g.legendX;
        double barX = x + titleW + captionW + fs * 1.2 + minW + 0.4 * fs;

        gc.setTextAlign(TextAlignment.LEFT);
        gc.setFill(theme.text());
        gc.setFont(legendBold);
        gc.fillText(edgeTitle, x, y1);
        gc.fillText(unitTitle, x, y2);
        gc.setFont(legendFont);
        gc.fillText(edgeCaption, x + titleW, y1);
        gc.fillText(unitCaption, x + titleW, y2);

        double end1 = bar(gc, theme, edgeScale, barX, y1, barW, barH, edgeMin, edgeMaxText, fs, f.threshold);
        double end2 = bar(gc, theme, unitScale, barX, y2, barW, barH, unitMin, unitMaxText, fs, 0);
        gc.setTextAlign(TextAlignment.LEFT);
        gc.setFont(legendFont);
        gc.setFill(theme.mutedText());
        String scaleNote = (f.autoScale ? "auto" : "fixed") + " · width ∝ |value|";
        String hidden = f.threshold > 0 ? " · " + f.edgeSymbol() + " < " + plain(f.threshold * f.edgeMax) + " hidden"
                : " · all shown";
        if (f.hiddenByCap > 0) {
            hidden += " · " + f.drawCount + " strongest drawn";
        }
        String note1 = scaleNote + hidden;
        gc.fillText(note1, end1 + 0.6 * fs, y1);
        double left1 = end1 + 0.6 * fs + measure(note1, legendFont);
        String note2 = "auto";
        gc.fillText(note2, end2 + 0.6 * fs, y2);
        double left2 = end2 + 0.6 * fs + measure(note2, legendFont);
        if (f.termMode) {
            termKey(gc, g, theme, fs, y1, y2, left1, left2);
        }
    }

    /** Draws a diverging bar with its end labels and "0" inside; returns the x where its right label ends. */
    private double bar(Pen gc, Theme theme, ColorScale scale, double x, double y, double w, double h,
                       String minText, String maxText, double fs, double threshold) {
        double top = y - h / 2;
        double step = w / BAR_STEPS;
        for (int i = 0; i < BAR_STEPS; i++) {
            double v = ((i + 0.5) / BAR_STEPS * 2 - 1) * scale.max();
            gc.setFill(scale.color(v));
            gc.fillRect(x + i * step, top, step + 0.6, h);
        }
        if (threshold > 0) {
            double half = Math.min(1, threshold) * w / 2;
            gc.setFill(theme.background().deriveColor(0, 1, 1, 0.75));
            gc.fillRect(x + w / 2 - half, top, 2 * half, h);
            gc.setStroke(theme.mutedText());
            gc.setLineWidth(1 * s);
            gc.setLineDashes(PENDING_DASHES[0] / 2 * s);
            gc.strokeRect(x + w / 2 - half, top, 2 * half, h);
            gc.setLineDashes(null);
        }
        gc.setStroke(theme.mutedText());
        gc.setLineWidth(1 * s);
        gc.strokeRect(x, top, w, h);
        gc.strokeLine(x + w / 2, top - 4 * s, x + w / 2, top);
        gc.strokeLine(x + w / 2, top + h, x + w / 2, top + h + 4 * s);
        gc.setFill(theme.text());
        gc.setFont(legendFont);
        gc.setTextAlign(TextAlignment.RIGHT);
        gc.fillText(minText, x - 0.3 * fs, y);
        gc.setTextAlign(TextAlignment.LEFT);
        gc.fillText(maxText, x + w + 0.3 * fs, y);
        gc.setTextAlign(TextAlignment.CENTER);
        gc.fillText("0", x + w / 2, y);
        return x + w + 0.3 * fs + measure(maxText, legendFont);
    }

    private void termKey(Pen gc, GraphLayout g, Theme theme, double fs, double y1, double y2,
                         double left1, double left2) {
        double rr = 0.42 * fs;
        String current = "current term";
        String used = "used by it";
        String pending = "not yet computed";
        double w1 = 2 * rr + 0.4 * fs + measure(current, legendFont) + fs + 2 * rr + 0.4 * fs
                + measure(used, legendFont);
        double w2 = measure("?", legendBold) + 0.4 * fs + measure(pending, legendFont);
        double right = g.legendX + g.legendW;
        gc.setFont(legendFont);
        gc.setTextAlign(TextAlignment.LEFT);
        if (right - w1 > left1 + fs) {
            double x = right - w1;
            gc.setStroke(theme.highlight());
            gc.setLineWidth(3 * s);
            gc.strokeOval(x, y1 - rr, 2 * rr, 2 * rr);
            x += 2 * rr + 0.4 * fs;
            gc.setFill(theme.text());
            gc.fillText(current, x, y1);
            x += measure(current, legendFont) + fs;
            gc.setStroke(theme.uses());
            gc.setLineWidth(2.5 * s);
            gc.setLineDashes(4 * s, 3 * s);
            gc.strokeOval(x, y1 - rr, 2 * rr, 2 * rr);
            gc.setLineDashes(null);
            x += 2 * rr + 0.4 * fs;
            gc.fillText(used, x, y1);
        }
        if (right - w2 > left2 + fs) {
            double x = right - w2;
            gc.setFont(legendBold);
            gc.setFill(theme.mutedText());
            gc.fillText("?", x, y2);
            gc.setFont(legendFont);
            gc.setFill(theme.text());
            gc.fillText(pending, x + measure("?", legendBold) + 0.4 * fs, y2);
        }
    }

    /** A scale's maximum as people write it: 2, 0.5, 0.05 (at most four significant digits). */
    static String plain(double v) {
        if (!Double.isFinite(v)) {
            return v > 0 ? "∞" : "—";
        }
        if (v == 0) {
            return "0";
        }
        if (Math.abs(v) >= 1e6 || Math.abs(v) < 1e-6) {
            return String.format("%.3g", v).replace('-', '−');
        }
        BigDecimal d = new BigDecimal(v).round(new MathContext(4)).stripTrailingZeros();
        return d.toPlainString().replace('-', '−');
    }
}
