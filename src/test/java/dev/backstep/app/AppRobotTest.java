package dev.backstep.app;

import dev.backstep.io.SampleNetworks;
import dev.backstep.model.RunState;
import dev.backstep.model.Snapshot;
import dev.backstep.trace.Numbers;
import dev.backstep.view.graph.GraphElement;
import dev.backstep.view.graph.LayerGraphView;
import javafx.geometry.Point2D;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The app driven as a person would: buttons, keys, double-clicks and dialogs, headless (Monocle). */
@ExtendWith(ApplicationExtension.class)
class AppRobotTest {
    private AppWindow app;

    @Start
    void start(Stage stage) throws Exception {
        app = new AppWindow(stage, SampleNetworks.load(SampleNetworks.DEFAULT), null, 1280, 800);
        stage.show();
    }

    @AfterEach
    void close(FxRobot robot) {
        robot.interact(app::close);
    }

    /** Waits until the window has drawn a snapshot that satisfies {@code condition}. */
    private Snapshot waitFor(Predicate<Snapshot> condition) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> {
            Snapshot s = app.session().snapshot();
            return s != null && condition.test(s);
        });
        WaitForAsyncUtils.waitForFxEvents();
        return app.session().snapshot();
    }

    /** Waits until every command sent so far has run and its snapshot is on screen. */
    private Snapshot settle(FxRobot robot) throws Exception {
        long version = app.session().worker().await().version();
        return waitFor(s -> s.version() >= version);
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    private static double parse(String shown) {
        return Double.parseDouble(shown.replace('−', '-'));
    }

    private void open(FxRobot robot, String sample) throws Exception {
        robot.interact(() -> app.controller().openSample(sample));
        waitFor(s -> s.definition().name().equals(sample));
    }

    @Test
    void opensOnXorAndPlayThenPauseTrainsTheNetwork(FxRobot robot) throws Exception {
        assertEquals("Backstep — xor-2-4-1", app.stage().getTitle());
        assertEquals(0, app.session().snapshot().epoch());
        // Slow enough that Pause arrives before the file's 3000 epochs end training by themselves (15 s at this
        // speed), even on a loaded machine: a Pause that came after the end would start a new run instead.
        robot.interact(() -> app.session().setSpeed(200));
        robot.clickOn("#play");
        waitFor(s -> s.epoch() >= 50);
        robot.clickOn("#play");
        Snapshot paused = waitFor(s -> s.state() != RunState.RUNNING);
        settle(robot);
        long epoch = paused.epoch();
        assertTrue(epoch >= 50 && epoch < 3000, "epoch advanced to " + epoch);
        String shownEpoch = text(robot, "#epochReadout");
        assertTrue(shownEpoch.startsWith("Epoch "), shownEpoch);
        assertEquals(app.session().snapshot().epoch(),
                Long.parseLong(shownEpoch.substring(6).split(" ")[0].replace(",", "")), "the readout shows the epoch");
        double first = paused.trainLoss().get(0);
        double last = parse(text(robot, "#lossReadout").substring(5));
        assertTrue(last < first, "loss dropped from " + first + " to " + last);
    }

    @Test
    void steppingTermsOnTheSlidesExampleShowsTheOutputDeltaAndStepsBackExactly(FxRobot robot) throws Exception {
        open(robot, "slides-035-07");
        String previousValue = null;
        String previousKey = null;
        for (int i = 0; i < 40; i++) {
            robot.type(KeyCode.RIGHT);
            Snapshot s = settle(robot);
            if (s.currentTerm().key().equals("delta(o1)")) {
                break;
            }
            previousKey = s.currentTerm().key();
            previousValue = text(robot, "#formulaValue");
        }
        assertEquals("delta(o1)", app.session().snapshot().currentTerm().key());
        // The output's delta computed here from the network's numbers, in the slides' sign: y(1 − y)(t − y).
        double h1 = 1 / (1 + Math.exp(-(0.2 * 0.35 + 0.2 * 0.7)));
        double h2 = 1 / (1 + Math.exp(-(0.3 * 0.35 + 0.3 * 0.7)));
        double y = 1 / (1 + Math.exp(-(0.3 * h1 + 0.9 * h2)));
        double delta = y * (1 - y) * (0.5 - y);
        String shown = text(robot, "#formulaValue");
        assertEquals(Numbers.format(delta, true), shown);
        BigDecimal atFourDecimals = new BigDecimal(parse(shown)).setScale(4, RoundingMode.HALF_EVEN);
        assertEquals(new BigDecimal(delta).setScale(4, RoundingMode.HALF_EVEN), atFourDecimals);
        assertEquals(new BigDecimal("-0.0368"), atFourDecimals, "the issue's −0.0368 to its precision");

        double[] weightsAtDelta = app.session().snapshot().network().layer(1).weights().value().clone();
        robot.type(KeyCode.LEFT);
        Snapshot back = settle(robot);
        assertEquals(previousKey, back.currentTerm().key(), "back to the previous term");
        assertEquals(previousValue, text(robot, "#formulaValue"), "with the same value shown");
        assertTrue(java.util.Arrays.equals(weightsAtDelta, back.network().layer(1).weights().value()));
    }

    @Test
    void aMalformedFileIsReportedWithItsFieldAndTheOpenNetworkStays(FxRobot robot, @TempDir Path dir)
            throws Exception {
        String json = new String(SampleNetworks.bytes("xor-2-2-1"), java.nio.charset.StandardCharsets.UTF_8)
                .replace("\"activation\": \"sigmoid\", \"bias\": true, \"names\": [\"o1\"]",
                        "\"activation\": \"sigmod\", \"bias\": true, \"names\": [\"o1\"]");
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, json);
        byte[] before = Files.readAllBytes(bad);
        robot.interact(() -> app.controller().openFile(bad));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#errorDialog").tryQuery().isPresent());
        DialogPane dialog = robot.lookup("#errorDialog").queryAs(DialogPane.class);
        assertTrue(dialog.getContentText().contains("layers[2].activation"), dialog.getContentText());
        assertTrue(dialog.getContentText().contains("sigmod"), dialog.getContentText());
        robot.interact(() -> dialog.getScene().getWindow().hide());
        settle(robot);
        assertEquals("Backstep — xor-2-4-1", app.stage().getTitle(), "the open network stays open");
        assertEquals("xor-2-4-1", app.session().snapshot().definition().name());
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(bad)), "the file is untouched");
    }

    @Test
    void editingAWeightWhilePausedChangesTheOutputShown(FxRobot robot) throws Exception {
        open(robot, "slides-035-07");
        LayerGraphView graph = robot.lookup("#layerGraph").queryAs(LayerGraphView.class);
        Point2D edge = graph.pointOf(GraphElement.Kind.EDGE, 2, 1, 0).orElseThrow();
        robot.moveTo(graph.localToScreen(edge)).doubleClickOn(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#editDialog").tryQuery().isPresent());
        TextField field = robot.lookup("#editDialog .text-field").queryAs(TextField.class);
        assertEquals(0.9, Double.parseDouble(field.getText()), "the dialog starts from the weight h2 → o1");
        robot.interact(() -> field.setText("0.5"));
        robot.type(KeyCode.ENTER);
        Snapshot edited = waitFor(s -> s.network().layer(2).weight(1, 0) == 0.5);
        assertTrue(edited.dirty());
        assertTrue(app.stage().getTitle().endsWith("*"), "the title marks unsaved changes");

        // Select the output unit: the inspector shows its activation at full precision.
        Point2D output = graph.pointOf(GraphElement.Kind.UNIT, 2, -1, 0).orElseThrow();
        robot.moveTo(graph.localToScreen(output)).clickOn(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        double h1 = 1 / (1 + Math.exp(-(0.2 * 0.35 + 0.2 * 0.7)));
        double h2 = 1 / (1 + Math.exp(-(0.3 * 0.35 + 0.3 * 0.7)));
        double expected = 1 / (1 + Math.exp(-(0.3 * h1 + 0.5 * h2)));
        double shown = robot.lookup("#inspector .inspector-value").queryAllAs(Label.class).stream()
                .map(Label::getText).skip(2).findFirst().map(Double::parseDouble).orElseThrow();
        assertEquals(expected, shown, 1e-15);
    }
}
