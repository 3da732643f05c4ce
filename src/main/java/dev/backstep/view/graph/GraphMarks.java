package dev.backstep.view.graph;

import dev.backstep.view.Theme;
import javafx.geometry.VPos;
import dev.backstep.view.draw.Pen;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;

import java.util.List;

/**
 * Elements another view points out on the graph (the worst gradient of a gradient check): a wide translucent band
 * along an edge or a double ring around a unit, in the theme's warning colour, and a tag written beside it, so the
 * mark reads without colour too. Elements not drawn (a collapsed layer) are skipped. FX thread only.
 */
final class GraphMarks {
    private static final double[] DASHES = {3, 6};

    private GraphMarks() {
    }

    static void paint(Pen gc, GraphLayout g, Theme theme, List<GraphElement> marked, String tag) {
        if (marked.isEmpty()) {
            return;
        }
        Font font = Font.font(Font.getDefault().getFamily(), FontWeight.BOLD, Math.max(16, g.labelFont + 2));
        gc.save();
        gc.setFont(font);
        gc.setTextAlign(TextAlignment.CENTER);
        gc.setTextBaseline(VPos.BOTTOM);
        for (GraphElement element : marked) {
            double tagX;
            double tagY;
            if (element.kind() == GraphElement.Kind.UNIT) {
                int u = g.unitAt(element.layer(), element.to());
                if (u < 0) {
                    continue;
                }
                double r = g.radius;
                gc.setStroke(theme.negative());
                gc.setLineWidth(4);
                gc.strokeOval(g.unitX[u] - r - 7, g.unitY[u] - r - 7, 2 * r + 14, 2 * r + 14);
                gc.setLineDashes(DASHES);
                gc.strokeOval(g.unitX[u] - r - 14, g.unitY[u] - r - 14, 2 * r + 28, 2 * r + 28);
                gc.setLineDashes(null);
                tagX = g.unitX[u];
                tagY = g.unitY[u] - r - 18;
            } else {
                int e = g.edgeAt(element.layer(), element.kind() == GraphElement.Kind.BIAS ? -1 : element.from(),
                        element.to());
                if (e < 0) {
                    continue;
                }
                gc.setStroke(theme.negative().deriveColor(0, 1, 1, 0.45));
                gc.setLineWidth(14);
                gc.strokeLine(g.edgeX1[e], g.edgeY1[e], g.edgeX2[e], g.edgeY2[e]);
                gc.setStroke(theme.negative());
                gc.setLineWidth(2);
                gc.setLineDashes(DASHES);
                gc.strokeLine(g.edgeX1[e], g.edgeY1[e], g.edgeX2[e], g.edgeY2[e]);
                gc.setLineDashes(null);
                // The tag sits at a third of the edge, away from the value label in its middle.
                tagX = g.edgeX1[e] + (g.edgeX2[e] - g.edgeX1[e]) / 3;
                tagY = g.edgeY1[e] + (g.edgeY2[e] - g.edgeY1[e]) / 3 - 10;
            }
            if (!tag.isEmpty()) {
                gc.setFill(theme.background());
                double w = TextWidth.of(tag, font.getSize(), true) + 10;
                gc.fillRoundRect(tagX - w / 2, tagY - font.getSize() * 1.3, w, font.getSize() * 1.35, 6, 6);
                gc.setFill(theme.negative());
                gc.fillText(tag, tagX, tagY);
            }
        }
        gc.restore();
    }
}
