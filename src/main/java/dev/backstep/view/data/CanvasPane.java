package dev.backstep.view.data;

import javafx.scene.canvas.Canvas;
import javafx.scene.layout.Region;

/** A canvas that fills its region and asks for a redraw whenever its size changes. */
final class CanvasPane extends Region {
    private final Canvas canvas = new Canvas();
    private final Runnable redraw;

    CanvasPane(Runnable redraw) {
        this.redraw = redraw;
        getChildren().add(canvas);
        setMinSize(0, 0);
        setPrefSize(400, 300);
    }

    Canvas canvas() {
        return canvas;
    }

    @Override
    protected void layoutChildren() {
        double w = Math.floor(getWidth());
        double h = Math.floor(getHeight());
        if (w != canvas.getWidth() || h != canvas.getHeight()) {
            canvas.setWidth(w);
            canvas.setHeight(h);
            redraw.run();
        }
    }
}
