package dev.backstep.controller;

import dev.backstep.model.Session;
import dev.backstep.model.Snapshot;
import javafx.animation.AnimationTimer;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;

import java.util.function.Consumer;

/**
 * Once per frame, takes the training thread's latest snapshot and hands it to the views, so drawing never runs
 * more often than the screen refreshes however fast training goes, and no runLater is queued per step. Also
 * counts frames per second for the FPS readout. FX thread.
 */
public final class FramePump extends AnimationTimer {
    private final Session session;
    private final Consumer<Snapshot> views;
    private final ReadOnlyDoubleWrapper framesPerSecond = new ReadOnlyDoubleWrapper(this, "framesPerSecond");
    private long windowStart;
    private int framesInWindow;

    public FramePump(Session session, Consumer<Snapshot> views) {
        this.session = session;
        this.views = views;
    }

    @Override
    public void handle(long now) {
        if (session.refresh()) {
            views.accept(session.snapshot());
        }
        countFrame(now);
    }

    /** Draws the current snapshot now (after a view setting changed, or for a screenshot). */
    public void redraw() {
        session.refresh();
        views.accept(session.snapshot());
    }

    private void countFrame(long now) {
        if (windowStart == 0) {
            windowStart = now;
        }
        framesInWindow++;
        long elapsed = now - windowStart;
        if (elapsed >= 500_000_000L) {
            framesPerSecond.set(framesInWindow * 1e9 / elapsed);
            windowStart = now;
            framesInWindow = 0;
        }
    }

    /** Frames drawn per second, measured over half a second. */
    public ReadOnlyDoubleProperty framesPerSecondProperty() {
        return framesPerSecond.getReadOnlyProperty();
    }
}
