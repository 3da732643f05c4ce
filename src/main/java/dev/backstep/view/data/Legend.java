package dev.backstep.view.data;

import dev.backstep.trace.Numbers;
import dev.backstep.view.Theme;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

import java.util.function.DoubleFunction;

/** Horizontal colour legends drawn on a canvas: a bar, its end and middle values, and what it measures. */
final class Legend {
    private static final int BAR_STEPS = 120;

    private Legend() {
    }

    /** The diverging scale from −max (orange) through 0 (grey) to +max (blue). */
    static void diverging(GraphicsContext g, Theme theme, int[] table, double max, double fs, double top,
                          double width, String caption) {
        bar(g, theme, fs, top, width, caption, t -> argbColor(table[Palettes.divergingIndex(2 * t - 1, 1)]),
                new String[] {"−" + Numbers.format(max, 3, true), "0", "+" + Numbers.format(max, 3, true)});
    }

    /** The sequential viridis scale from 0 to {@code max}. */
    static void sequential(GraphicsContext g, Theme theme, double max, double fs, double top, double width,
                           String caption) {
        bar(g, theme, fs, top, width, caption, Palettes::viridis,
                new String[] {"0", Numbers.format(max / 2, 3, true), Numbers.format(max, 3, true)});
    }

    private static void bar(GraphicsContext g, Theme theme, double fs, double top, double width, String caption,
                            DoubleFunction<Color> color, String[] ticks) {
        double barWidth = Math.min(width - 2 * fs, fs * 26);
        double left = fs;
        double barHeight = fs * 1.1;
        for (int i = 0; i < BAR_STEPS; i++) {
            g.setFill(color.apply((i + 0.5) / BAR_STEPS));
            g.fillRect(left + barWidth * i / BAR_STEPS, top, barWidth / BAR_STEPS + 0.6, barHeight);
        }
        g.setStroke(theme.mutedText());
        g.setLineWidth(1);
        g.strokeRect(left, top, barWidth, barHeight);
        g.setFont(Font.font(Font.getDefault().getFamily(), fs * 0.95));
        g.setFill(theme.text());
        g.setTextBaseline(VPos.TOP);
        double tickTop = top + barHeight + fs * 0.25;
        g.setTextAlign(TextAlignment.LEFT);
        g.fillText(ticks[0], left, tickTop);
        g.setTextAlign(TextAlignment.CENTER);
        g.fillText(ticks[1], left + barWidth / 2, tickTop);
        g.setTextAlign(TextAlignment.RIGHT);
        g.fillText(ticks[2], left + barWidth, tickTop);
        g.setTextAlign(TextAlignment.LEFT);
        g.setFill(theme.mutedText());
        g.setTextBaseline(VPos.CENTER);
        g.fillText(caption, left + barWidth + fs, top + barHeight / 2);
        g.setTextBaseline(VPos.TOP);
    }

    static Color argbColor(int argb) {
        return Color.rgb(argb >> 16 & 0xFF, argb >> 8 & 0xFF, argb & 0xFF, (argb >>> 24) / 255.0);
    }
}
