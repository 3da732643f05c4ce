package dev.backstep.view.formula;

import javafx.geometry.Orientation;
import javafx.scene.layout.Region;

/**
 * The formula's lines with the boxed result beside the last line when the panel is wide enough, below them when it
 * is not: on a short panel (a 900-pixel-high screen) the value then stays in view instead of below the fold.
 */
final class LinesWithResult extends Region {
    private static final double GAP_BESIDE = 36;
    private static final double GAP_BELOW = 16;
    /** Beside the lines the value may shrink this far rather than drop below them (out of view on a short panel). */
    private static final double MIN_BESIDE_SCALE = 0.6;
    private final FormulaLines lines;
    private final ShrinkToFit result;

    LinesWithResult(FormulaLines lines, ShrinkToFit result) {
        this.lines = lines;
        this.result = result;
        getChildren().addAll(lines, result);
    }

    @Override
    public Orientation getContentBias() {
        return Orientation.HORIZONTAL;
    }

    /** Whether the result goes beside the lines at this width (the lines unbroken at their own width). */
    boolean beside(double width) {
        if (!result.isVisible()) {
            return false;
        }
        return width >= 0 && lines.prefWidth(-1) + GAP_BESIDE + MIN_BESIDE_SCALE * result.prefWidth(-1) <= width;
    }

    /** The value's width beside the lines: its own, or what is left of {@code width} (it then shrinks to fit). */
    private double resultWidthBeside(double width) {
        return Math.min(result.prefWidth(-1), width - lines.prefWidth(-1) - GAP_BESIDE);
    }

    @Override
    protected double computeMinWidth(double height) {
        return lines.minWidth(-1);
    }

    @Override
    protected double computePrefWidth(double height) {
        return Math.max(lines.prefWidth(-1), result.prefWidth(-1));
    }

    @Override
    protected double computePrefHeight(double width) {
        if (beside(width)) {
            double linesWidth = lines.prefWidth(-1);
            return Math.max(lines.prefHeight(linesWidth), result.prefHeight(resultWidthBeside(width)));
        }
        double below = result.isVisible() ? GAP_BELOW + result.prefHeight(width) : 0;
        return lines.prefHeight(width) + below;
    }

    @Override
    protected double computeMinHeight(double width) {
        return computePrefHeight(width);
    }

    @Override
    protected double computeMaxHeight(double width) {
        return computePrefHeight(width);
    }

    @Override
    protected void layoutChildren() {
        double width = getWidth();
        if (beside(width)) {
            double linesWidth = lines.prefWidth(-1);
            double linesHeight = lines.prefHeight(linesWidth);
            double resultWidth = resultWidthBeside(width);
            double resultHeight = result.prefHeight(resultWidth);
            lines.resizeRelocate(0, 0, linesWidth, linesHeight);
            // Level with the last line, where the value is the end of the calculation.
            result.resizeRelocate(linesWidth + GAP_BESIDE, Math.max(0, linesHeight - resultHeight), resultWidth,
                    resultHeight);
            return;
        }
        double linesHeight = lines.prefHeight(width);
        lines.resizeRelocate(0, 0, width, linesHeight);
        result.resizeRelocate(0, linesHeight + GAP_BELOW, width, result.prefHeight(width));
    }
}
