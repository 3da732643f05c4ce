package dev.backstep.app;

import dev.backstep.controller.Shortcuts;
import dev.backstep.io.SampleNetworks;
import dev.backstep.model.Snapshot;
import javafx.scene.Node;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every key of the lecture list, pressed as a clicker or a keyboard would, each checked by what it changed: the term
 * cursor, the epoch, the run state, the scale, the spotlight, presentation mode, the help dialog.
 */
@ExtendWith(ApplicationExtension.class)
class KeyboardMapRobotTest {
    private AppWindow app;

    @Start
    void start(Stage stage) throws Exception {
        app = new AppWindow(stage, SampleNetworks.load("xor-2-4-1"), null, 1280, 800);
        stage.show();
    }

    @AfterEach
    void close(FxRobot robot) {
        robot.interact(app::close);
    }

    private Snapshot settle() throws Exception {
        long version = app.session().worker().await().version();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> {
            Snapshot s = app.session().snapshot();
            return s != null && s.version() >= version;
        });
        WaitForAsyncUtils.waitForFxEvents();
        return app.session().snapshot();
    }

    private void waitUntil(Predicate<Snapshot> condition) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> condition.test(app.session().snapshot()));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private Snapshot press(FxRobot robot, KeyCode... keys) throws Exception {
        robot.type(keys);
        return settle();
    }

    @Test
    void arrowsAndTheClickersPageKeysStepTermsForwardAndBack(FxRobot robot) throws Exception {
        assertEquals(0, settle().tracePosition());
        assertEquals(1, press(robot, KeyCode.RIGHT).tracePosition());
        assertEquals(2, press(robot, KeyCode.PAGE_DOWN).tracePosition());
        assertEquals(3, press(robot, KeyCode.RIGHT).tracePosition());
        assertEquals(2, press(robot, KeyCode.LEFT).tracePosition());
        assertEquals(1, press(robot, KeyCode.PAGE_UP).tracePosition());
    }

    @Test
    void sFinishesTheSampleEFinishesTheEpochRResets(FxRobot robot) throws Exception {
        press(robot, KeyCode.RIGHT);
        Snapshot sample = press(robot, KeyCode.S);
        assertTrue(sample.tracePosition() > 1, "S revealed more than one term: " + sample.tracePosition());
        assertEquals(0, sample.currentTerm().sample(), "S stops at the end of the first sample's terms");
        assertTrue(sample.tracePosition() < sample.trace().size(), "a batch of four: the step is not over");
        assertEquals(0, sample.epoch());

        Snapshot epoch = press(robot, KeyCode.E);
        assertEquals(1, epoch.epoch(), "E finishes the epoch");
        press(robot, KeyCode.E);
        assertEquals(2, settle().epoch());

        Snapshot reset = press(robot, KeyCode.R);
        assertEquals(0, reset.epoch(), "R goes back to the initial weights");
        assertEquals(0, reset.trainLoss().size());
    }

    @Test
    void spaceStartsAndPausesTraining(FxRobot robot) throws Exception {
        robot.interact(() -> app.session().setSpeed(50));
        robot.type(KeyCode.SPACE);
        waitUntil(s -> s.running());
        assertTrue(app.session().runningProperty().get());
        robot.type(KeyCode.SPACE);
        waitUntil(s -> !s.running());
        assertFalse(app.session().runningProperty().get());
    }

    @Test
    void plusEqualsAndMinusStepThroughTheScalesAndTheFontsFollow(FxRobot robot) throws Exception {
        Label epoch = robot.lookup("#epochReadout").queryAs(Label.class);
        double base = epoch.getFont().getSize();
        assertEquals(1.0, app.settings().fontScaleProperty().get());
        robot.type(KeyCode.EQUALS);
        assertEquals(1.25, app.settings().fontScaleProperty().get());
        robot.push(KeyCode.SHIFT, KeyCode.EQUALS); // "+" on a US keyboard
        assertEquals(1.5, app.settings().fontScaleProperty().get());
        robot.type(KeyCode.ADD);
        assertEquals(2.0, app.settings().fontScaleProperty().get());
        robot.type(KeyCode.ADD);
        assertEquals(2.0, app.settings().fontScaleProperty().get(), "×2 is the largest");
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> app.scene().getRoot().applyCss());
        assertEquals(2 * base, epoch.getFont().getSize(), 0.01, "the readout's font doubles at ×2");
        robot.type(KeyCode.MINUS);
        assertEquals(1.5, app.settings().fontScaleProperty().get());
        robot.type(KeyCode.SUBTRACT, KeyCode.MINUS, KeyCode.MINUS);
        assertEquals(1.0, app.settings().fontScaleProperty().get(), "×1 is the smallest");
    }

    @Test
    void lTogglesTheSpotlight(FxRobot robot) {
        assertFalse(app.settings().spotlightProperty().get());
        robot.type(KeyCode.L);
        assertTrue(app.settings().spotlightProperty().get());
        robot.type(KeyCode.L);
        assertFalse(app.settings().spotlightProperty().get());
    }

    @Test
    void f5PresentsFullScreenWithoutMenusAndEscapeLeaves(FxRobot robot) {
        Node menu = robot.lookup("#mainMenu").query();
        Node status = robot.lookup(".status-bar").query();
        assertTrue(menu.isVisible());
        robot.type(KeyCode.F5);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(app.settings().presentationProperty().get());
        assertTrue(app.stage().isFullScreen(), "presentation mode is full screen");
        assertFalse(menu.isVisible(), "no menu bar in presentation mode");
        assertFalse(menu.isManaged(), "and no room kept for it");
        assertFalse(status.isVisible(), "no status bar in presentation mode");
        assertTrue(robot.lookup("#play").query().isVisible(), "the play button stays");
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(app.settings().presentationProperty().get());
        assertFalse(app.stage().isFullScreen());
        assertTrue(menu.isVisible());
        assertTrue(status.isVisible());
    }

    @Test
    void fTogglesFullScreen(FxRobot robot) {
        robot.type(KeyCode.F);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(app.stage().isFullScreen());
        robot.type(KeyCode.F);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(app.stage().isFullScreen());
    }

    @Test
    void questionMarkListsEveryShortcutIncludingTheLectureKeys(FxRobot robot) {
        robot.push(KeyCode.SHIFT, KeyCode.SLASH);
        WaitForAsyncUtils.waitForFxEvents();
        DialogPane dialog = robot.lookup("#shortcutsDialog").queryAs(DialogPane.class);
        Set<String> shown = robot.from(dialog).lookup(".shortcut-key").queryAllAs(Label.class).stream()
                .map(Label::getText).collect(Collectors.toSet());
        Set<String> expected = Shortcuts.TABLE.stream().map(row -> row[0]).collect(Collectors.toSet());
        assertEquals(expected, shown);
        for (String key : List.of("Space", "→  or  PageDown", "←  or  PageUp", "S", "E", "R", "F  or  F11",
                "+  or  =", "−", "?  or  F1", "L", "F5")) {
            assertTrue(shown.contains(key), "the help lists " + key);
        }
        robot.interact(() -> ((Stage) dialog.getScene().getWindow()).close());
        assertTrue(Window.getWindows().stream().noneMatch(w -> w.getScene() != null
                && w.getScene().getRoot() == dialog));
    }
}
