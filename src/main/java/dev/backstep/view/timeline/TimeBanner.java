package dev.backstep.view.timeline;

import dev.backstep.model.RunState;
import dev.backstep.model.Snapshot;
import dev.backstep.view.UserActions;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

import java.util.Locale;

/**
 * The line that says the graph is not showing the present: a past moment is on screen (and what Play will do), or
 * training diverged (with the one button that goes back to the last epoch training can go on from). Hidden
 * otherwise. The two states differ in symbol and wording as well as colour.
 */
public final class TimeBanner extends HBox {
    private final Label text = new Label();
    private final Button recover = new Button();

    public TimeBanner(UserActions actions) {
        setId("timeBanner");
        getStyleClass().add("time-banner");
        text.setId("timeBannerText");
        text.getStyleClass().add("time-banner-text");
        text.setWrapText(true);
        text.setMinHeight(USE_PREF_SIZE);
        recover.setId("recoverButton");
        recover.getStyleClass().add("recover-button");
        recover.setFocusTraversable(false);
        recover.setMinWidth(USE_PREF_SIZE);
        HBox.setHgrow(text, Priority.ALWAYS);
        text.setMaxWidth(Double.MAX_VALUE);
        recover.setOnAction(e -> actions.recover());
        setAlignment(Pos.CENTER_LEFT);
        setSpacing(14);
        getChildren().setAll(text, recover);
        show(null);
    }

    public void show(Snapshot s) {
        boolean past = s != null && s.history().viewingPast();
        boolean diverged = s != null && s.state() == RunState.DIVERGED;
        getStyleClass().removeAll("past", "diverged");
        if (past) {
            getStyleClass().add("past");
            text.setText(String.format(Locale.ROOT, "◀  Viewing epoch %,d — press Play to resume from here; "
                    + "later history will be replaced", s.epoch()));
        } else if (diverged) {
            getStyleClass().add("diverged");
            text.setText("⚠  Training diverged: the numbers overflowed (learning rate too high). Lower η, then");
        }
        long lastFinite = s == null ? -1 : s.history().lastFiniteEpoch();
        boolean canRecover = diverged && lastFinite >= 0;
        recover.setText(String.format(Locale.ROOT, "Go back to epoch %,d (last finite)", Math.max(0, lastFinite)));
        recover.setVisible(canRecover);
        recover.setManaged(canRecover);
        setVisible(past || diverged);
        setManaged(past || diverged);
    }
}
