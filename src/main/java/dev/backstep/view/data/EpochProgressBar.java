package dev.backstep.view.data;

import dev.backstep.model.Snapshot;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;

import java.util.Locale;

/**
 * The progress of the epoch in progress, for data sets whose epochs take a while (60,000 images): a bar, samples per
 * second and the time left. Hidden while epochs are short.
 */
public final class EpochProgressBar extends HBox {
    private final EpochProgress progress = new EpochProgress();
    private final ProgressBar bar = new ProgressBar(0);
    private final Label text = new Label();

    public EpochProgressBar() {
        super(8);
        setId("epochProgress");
        bar.setId("epochProgressBar");
        bar.setPrefWidth(220);
        text.setId("epochProgressText");
        setAlignment(Pos.CENTER_LEFT);
        getChildren().setAll(bar, text);
        setVisible(false);
        setManaged(false);
    }

    /** Follows a snapshot (FX thread, once per frame). */
    public void show(Snapshot s) {
        int size = s.trainingData().size();
        progress.update(System.nanoTime(), s.epoch(), s.stepInEpoch(), s.training().batching().stepSize(size), size,
                s.running());
        boolean visible = progress.worthShowing();
        if (visible) {
            bar.setProgress(progress.fraction());
            String rate = progress.running() ? String.format(Locale.ROOT, " · %,.0f samples/s · %s left",
                    progress.samplesPerSecond(), duration(progress.secondsRemaining())) : " · paused";
            text.setText(String.format(Locale.ROOT, "Epoch %,d: %.0f %%", s.epoch() + 1, 100 * progress.fraction())
                    + rate);
        }
        setVisible(visible);
        setManaged(visible);
    }

    private static String duration(double seconds) {
        if (!Double.isFinite(seconds)) {
            return "—";
        }
        long s = Math.round(Math.ceil(seconds));
        return s < 60 ? s + " s" : String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
    }
}
