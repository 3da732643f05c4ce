package dev.backstep.view;

import dev.backstep.model.Snapshot;
import javafx.scene.Node;

/**
 * A view that draws itself from snapshots: a side tab (gradient check, loss landscape, …) or a page of the main
 * window. {@link #show} is called on the FX thread, at most once per frame, and only while the view is on screen.
 */
public interface SnapshotView {
    /** The node to place in the window. */
    Node node();

    /** Draws the snapshot; cheap when nothing it shows has changed. */
    void show(Snapshot snapshot);

    /**
     * Brings the view to what a screenshot after {@code epochs} epochs of training should show, synchronously (a
     * race run to its end, a grid computed now rather than on a worker). Most views need nothing.
     */
    default void prepareScreenshot(long epochs) {
    }
}
