package dev.backstep.view.timeline;

import dev.backstep.model.Snapshot;
import dev.backstep.view.UserActions;
import dev.backstep.view.ViewSettings;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.util.Locale;

/**
 * Going back in time, under the graph, in one line so the graph keeps its height: a slider over the kept moments
 * of training between the first and the latest epoch, the epoch on screen, and "Back to now"; above them the
 * {@link TimeBanner} while the past or a divergence is shown. Dragging asks the controller to show a moment; the graph, boundary, formula and loss chart follow.
 */
public final class TimelineBar extends VBox {
    private final UserActions actions;
    private final TimeBanner banner;
    private final Slider slider = new Slider(0, 0, 0);
    private final Label readout = new Label();
    private final Label first = new Label();
    private final Label last = new Label();
    private final Button backToNow = new Button("Back to now");
    private TimelinePositions stops;
    /** True while {@link #show} moves the slider, so only a person's drag asks for a moment. */
    private boolean updating;
    private int requested = -1;
    /** While training runs, the slider follows at most this often. */
    private static final long FOLLOW_NANOS = 250_000_000L;
    private long shownAt;

    public TimelineBar(ViewSettings settings, UserActions actions) {
        this.actions = actions;
        this.banner = new TimeBanner(actions);
        setId("timelineBar");
        getStyleClass().add("timeline-bar");
        getStylesheets().add(TimelineBar.class.getResource("timeline.css").toExternalForm());
        // Scales with the presentation setting like the rest of the window (base size as app.css's root).
        styleProperty().bind(Bindings.createStringBinding(() -> String.format(Locale.ROOT, "-fx-font-size: %.1fpx;",
                14 * settings.fontScaleProperty().get()), settings.fontScaleProperty()));

        Label title = new Label("Timeline");
        title.getStyleClass().add("field-label");
        slider.setId("timelineSlider");
        // No ticks: their labels would take a second line; the moments are dense near the present anyway, so the
        // ends and the readout say more than evenly spaced numbers.
        slider.setBlockIncrement(1);
        slider.setFocusTraversable(false);
        slider.setTooltip(new Tooltip("Drag to look back at a kept moment of training (Ctrl+← / Ctrl+→)"));
        slider.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(slider, Priority.ALWAYS);
        slider.valueProperty().addListener((o, a, b) -> requestMoment(b.doubleValue()));
        slider.valueChangingProperty().addListener((o, was, changing) -> {
            if (!changing) {
                requestMoment(slider.getValue());
            }
        });
        readout.setId("timelineEpoch");
        readout.getStyleClass().add("timeline-epoch");
        backToNow.setId("backToNow");
        backToNow.setFocusTraversable(false);
        backToNow.setMinWidth(USE_PREF_SIZE);
        backToNow.setOnAction(e -> actions.viewPresent());
        first.getStyleClass().add("timeline-end");
        last.getStyleClass().add("timeline-end");
        first.setMinWidth(USE_PREF_SIZE);
        last.setMinWidth(USE_PREF_SIZE);
        HBox row = new HBox(8, title, first, slider, last, readout, backToNow);
        row.setAlignment(Pos.CENTER_LEFT);
        row.getStyleClass().add("timeline-row");
        getChildren().setAll(banner, row);
    }

    private void requestMoment(double value) {
        if (updating || stops == null) {
            return;
        }
        int position = (int) Math.round(value);
        if (position == requested) {
            return;
        }
        requested = position;
        if (stops.isNow(position)) {
            actions.viewPresent();
        } else {
            actions.viewMoment(position);
        }
    }

    /**
     * Follows a snapshot (FX thread); leaves the thumb alone while a person drags it. While training runs the
     * slider follows 4 times a second: relaying out its ticks every frame would take frames from the graph.
     */
    public void show(Snapshot s) {
        banner.show(s);
        long time = System.nanoTime();
        if (s.running() && stops != null && time - shownAt < FOLLOW_NANOS) {
            return;
        }
        shownAt = time;
        stops = TimelinePositions.of(s);
        int end = stops.count() - 1;
        boolean past = s.history().viewingPast();
        if (!slider.isValueChanging()) {
            updating = true;
            slider.setMax(Math.max(1, end));
            slider.setValue(stops.current());
            requested = stops.current();
            updating = false;
        }
        slider.setDisable(end < 1);
        first.setText(compact(stops.epochs()[0]));
        last.setText(compact(stops.epochs()[end]));
        readout.setText(past ? String.format(Locale.ROOT, "epoch %,d of %,d", s.epoch(), stops.epochs()[end])
                : String.format(Locale.ROOT, "now: epoch %,d", stops.epochs()[end]));
        backToNow.setDisable(!past);
    }

    /** 950, 12.5k, 3.2M: short enough for the ends of the slider. */
    static String compact(long epoch) {
        if (epoch < 10_000) {
            return Long.toString(epoch);
        }
        if (epoch < 1_000_000) {
            return trim(String.format(Locale.ROOT, "%.1f", epoch / 1e3)) + "k";
        }
        return trim(String.format(Locale.ROOT, "%.1f", epoch / 1e6)) + "M";
    }

    private static String trim(String number) {
        return number.endsWith(".0") ? number.substring(0, number.length() - 2) : number;
    }
}
