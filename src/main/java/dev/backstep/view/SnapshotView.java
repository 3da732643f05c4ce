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
}
