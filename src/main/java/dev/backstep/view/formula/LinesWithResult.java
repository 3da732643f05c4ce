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
        return width >= 0 && lines.prefWidth(-1) + GAP_BESIDE + result.prefWidth(-1) <= width;
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
            return Math.max(lines.prefHeight(linesWidth), result.prefHeight(result.prefWidth(-1)));
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
            double resultWidth = result.prefWidth(-1);
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
