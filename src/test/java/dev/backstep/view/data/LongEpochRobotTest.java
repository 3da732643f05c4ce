package dev.backstep.view.data;

import dev.backstep.app.AppWindow;
import dev.backstep.model.RunState;
import dev.backstep.model.Snapshot;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A long epoch in the app: "Finish this epoch" shows its progress in the status bar, and Pause stops it part way. */
@ExtendWith(ApplicationExtension.class)
class LongEpochRobotTest {
    private static final int SAMPLES = 15_000;
    private static dev.backstep.io.NetworkDefinition definition;
    private AppWindow app;

    @org.junit.jupiter.api.BeforeAll
    static void read() throws Exception {
        // 15,000 single-sample steps through 256 hidden units: an epoch of a second or more.
        definition = DataViewsFixtures.manyBars(SAMPLES, 6, 256, 1, 2);
    }

    @Start
    void start(Stage stage) {
        app = new AppWindow(stage, definition, null, 1280, 800);
        stage.show();
    }

    @AfterEach
    void close(FxRobot robot) {
        robot.interact(app::close);
    }

    @Test
    void finishingALongEpochShowsProgressAndPauses(FxRobot robot) throws Exception {
        robot.clickOn("#stepEpoch");
        HBox progress = robot.lookup("#epochProgress").queryAs(HBox.class);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, progress::isVisible);
        WaitForAsyncUtils.waitForFxEvents();
        String running = robot.lookup("#epochProgressText").queryAs(Label.class).getText();
        assertTrue(running.matches("Epoch 1: \\d+ % · [\\d,]+ samples/s · .+ left"), running);

        // Space, as a lecturer pauses (a key press needs no layout from this thread while labels change each frame).
        robot.type(javafx.scene.input.KeyCode.SPACE);
        Snapshot paused = app.session().worker().await();
        assertEquals(RunState.PAUSED, paused.state());
        assertEquals(0, paused.epoch(), "stopped inside the first epoch");
        assertTrue(paused.stepInEpoch() > 0);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> app.session().snapshot().version() >= paused.version());
        WaitForAsyncUtils.waitForFxEvents();
        String shown = robot.lookup("#epochProgressText").queryAs(Label.class).getText();
        assertEquals(String.format(java.util.Locale.ROOT, "Epoch 1: %.0f %% · paused",
                100.0 * paused.stepInEpoch() / SAMPLES), shown);
    }
}
