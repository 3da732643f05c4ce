package dev.backstep.view.formula;

import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.layout.Region;

/**
 * Shows a node at its preferred size, or scaled down uniformly when it has less width than that: a large value on
 * a narrow panel gets smaller instead of being cut off or widening its parent. FX thread only.
 */
final class ShrinkToFit extends Region {
    private final Node content;

    ShrinkToFit(Node content) {
        this.content = content;
        getChildren().add(content);
    }

    @Override
    public Orientation getContentBias() {
        return Orientation.HORIZONTAL;
    }

    @Override
    protected double computeMinWidth(double height) {
        return snappedLeftInset() + snappedRightInset();
    }

    @Override
    protected double computePrefWidth(double height) {
        return content.prefWidth(-1) + snappedLeftInset() + snappedRightInset();
    }

    @Override
    protected double computePrefHeight(double width) {
        double contentWidth = content.prefWidth(-1);
        double contentHeight = content.prefHeight(contentWidth);
        return contentHeight * scale(width) + snappedTopInset() + snappedBottomInset();
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
    protected double computeMaxWidth(double height) {
        return computePrefWidth(height);
    }

    /** The scale that fits the content into {@code width} (outer), at most 1. */
    double scale(double width) {
        double contentWidth = content.prefWidth(-1);
        if (width < 0 || contentWidth <= 0) {
            return 1;
        }
        double inner = width - snappedLeftInset() - snappedRightInset();
        return Math.max(0.05, Math.min(1, inner / contentWidth));
    }

    @Override
    protected void layoutChildren() {
        double w = content.prefWidth(-1);
        double h = content.prefHeight(w);
        double s = scale(getWidth());
        content.resize(w, h);
        content.setScaleX(s);
        content.setScaleY(s);
        // Scaling pivots on the centre; put the scaled box's top-left corner at the insets.
        content.relocate(snappedLeftInset() - (w - w * s) / 2, snappedTopInset() - (h - h * s) / 2);
    }
}
