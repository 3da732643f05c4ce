package dev.backstep.app;

import dev.backstep.engine.Trainer;
import dev.backstep.engine.TrainingDivergedException;
import dev.backstep.io.NetworkDefinition;
import dev.backstep.io.SampleNetworks;
import dev.backstep.model.RunState;
import dev.backstep.model.Snapshot;
import dev.backstep.view.formula.FormulaPanel;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.Marker;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.ui.Layer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.Collection;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The timeline and divergence recovery driven as a person would: the slider, Ctrl+←, Play, the banner's button. */
@ExtendWith(ApplicationExtension.class)
class TimelineRobotTest {
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

    private Snapshot waitFor(Predicate<Snapshot> condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> {
                Snapshot s = app.session().snapshot();
                return s != null && condition.test(s);
            });
        } catch (java.util.concurrent.TimeoutException e) {
            Snapshot s = app.session().snapshot();
            throw new AssertionError("waited in vain; on screen: epoch " + s.epoch() + ", " + s.state() + ", \""
                    + s.message() + "\", viewing " + s.history().viewing(), e);
        }
        WaitForAsyncUtils.waitForFxEvents();
        return app.session().snapshot();
    }

    /** Waits until every command sent so far has run and its snapshot is drawn. */
    private Snapshot settle() throws Exception {
        long version = app.session().worker().await().version();
        Snapshot s = waitFor(x -> x.version() >= version);
        WaitForAsyncUtils.asyncFx(app::redraw).get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        return s;
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    private static boolean shown(FxRobot robot, String id) {
        Node node = robot.lookup(id).query();
        return node.isVisible() && node.getScene() != null;
    }

    private void typeLearningRate(FxRobot robot, String value) {
        TextField field = robot.lookup("#learningRate").queryAs(TextField.class);
        robot.interact(() -> field.setText(value));
        robot.clickOn(field).type(KeyCode.ENTER);
    }

    /** The epoch of the loss chart's "viewing epoch" line, or −1 without one. */
    private long chartCursor(FxRobot robot) {
        ChartViewer viewer = robot.lookup("#lossChartViewer").queryAs(ChartViewer.class);
        Collection<?> markers = viewer.getChart().getXYPlot().getDomainMarkers(Layer.FOREGROUND);
        if (markers == null) {
            return -1;
        }
        for (Object m : markers) {
            String label = ((Marker) m).getLabel();
            if (label != null && label.startsWith("viewing epoch")) {
                return (long) ((ValueMarker) m).getValue();
            }
        }
        return -1;
    }

    @Test
    void scrubbingBackShowsTheOldEpochAndPlayGoesOnFromItReplacingTheLaterHistory(FxRobot robot) throws Exception {
        for (int i = 0; i < 40; i++) {
            app.session().worker().trainEpochs(10);
        }
        Snapshot present = settle();
        assertEquals(400, present.epoch());
        assertEquals(41, present.history().moments().length, "a moment every 10 epochs");
        assertFalse(shown(robot, "#timeBanner"));

        // Drag the thumb a quarter of the way along the track.
        Slider slider = robot.lookup("#timelineSlider").queryAs(Slider.class);
        Node thumb = slider.lookup(".thumb");
        Bounds track = slider.lookup(".track").localToScreen(slider.lookup(".track").getBoundsInLocal());
        robot.drag(thumb).moveTo(track.getMinX() + track.getWidth() * 0.25, track.getCenterY()).release(
                javafx.scene.input.MouseButton.PRIMARY);
        Snapshot past = waitFor(s -> s.history().viewingPast());
        past = settle();
        long epoch = past.epoch();
        assertTrue(epoch > 0 && epoch < 400 && epoch % 10 == 0, "a kept moment back in time: " + epoch);
        assertEquals(epoch, past.history().moments()[past.history().viewing()]);

        Trainer twin = SampleNetworks.load("xor-2-4-1").newTrainer();
        twin.runEpochs(epoch);
        assertTrue(past.network().sameParameters(twin.network()), "the snapshot holds epoch " + epoch);
        FormulaPanel formula = robot.lookup("#formulaPanel").queryAs(FormulaPanel.class);
        assertEquals(epoch, formula.shown().epoch(), "the formula panel shows the moment");
        assertTrue(formula.shown().network().sameParameters(twin.network()));
        assertTrue(text(robot, "#epochReadout").startsWith(String.format("Epoch %,d", epoch)),
                text(robot, "#epochReadout"));
        assertEquals(epoch, chartCursor(robot), "the loss chart marks the epoch");
        assertTrue(shown(robot, "#timeBanner"));
        assertEquals(String.format("◀  Viewing epoch %,d — press Play to resume from here; later history will be "
                + "replaced", epoch), text(robot, "#timeBannerText"));

        // Ctrl+→ steps one kept moment forward.
        robot.press(KeyCode.CONTROL).type(KeyCode.RIGHT).release(KeyCode.CONTROL);
        Snapshot next = settle();
        assertEquals(epoch + 10, next.epoch());
        robot.press(KeyCode.CONTROL).type(KeyCode.LEFT).release(KeyCode.CONTROL);
        assertEquals(epoch, settle().epoch());

        // A lower rate makes the new history tell itself apart from the old one.
        typeLearningRate(robot, "0.5");
        // Slow enough (about 3 s) for the message to be on screen while it runs; the run's end replaces it.
        robot.interact(() -> app.session().setSpeed(1000));
        robot.clickOn("#play");
        Snapshot resumed = waitFor(s -> s.message().contains("history after it was replaced"));
        assertFalse(resumed.history().viewingPast());
        assertTrue(text(robot, "#statusMessage").contains("history after it was replaced"), "said on screen");
        assertFalse(shown(robot, "#timeBanner"), "the banner goes with the past");
        Snapshot done = waitFor(s -> s.state() == RunState.PAUSED && s.epoch() == 3000);
        assertEquals(-1, chartCursor(robot), "no cursor at the present");

        NetworkDefinition definition = SampleNetworks.load("xor-2-4-1");
        Trainer expected = definition.newTrainer();
        expected.runEpochs(epoch);
        expected.setOptimizer(definition.optimizer().withLearningRate(0.5));
        expected.runEpochs(3000 - epoch);
        assertTrue(done.network().sameParameters(expected.network()), "went on from epoch " + epoch);
        for (int e = 0; e < 3000; e++) {
            assertEquals(expected.trainLoss().get(e), done.trainLoss().get(e), "loss of epoch " + (e + 1));
        }
        long[] moments = done.history().moments();
        for (int i = 1; i < moments.length; i++) {
            assertTrue(moments[i] > moments[i - 1]);
        }
    }

    @Test
    void aHugeLearningRatePausesOnTheNaNAndTheBannerButtonGoesBackToTheLastFiniteEpoch(FxRobot robot)
            throws Exception {
        robot.interact(() -> app.controller().openSample("scalar-1-1-1"));
        waitFor(s -> s.definition().name().equals("scalar-1-1-1"));
        typeLearningRate(robot, "10");
        robot.clickOn("#play");
        Snapshot diverged = waitFor(s -> s.state() == RunState.DIVERGED);
        settle();

        // Independently: the same run into the NaN, and the last epoch whose end can still take a finite step.
        NetworkDefinition definition = SampleNetworks.load("scalar-1-1-1");
        long nanEpoch;
        Trainer twin = definition.newTrainer();
        twin.setOptimizer(definition.optimizer().withLearningRate(10));
        try {
            twin.runEpochs(100_000);
            throw new AssertionError("the twin did not diverge");
        } catch (TrainingDivergedException e) {
            nanEpoch = e.epoch();
        }
        Trainer atEnd = definition.newTrainer();
        atEnd.setOptimizer(definition.optimizer().withLearningRate(10));
        atEnd.runEpochs(nanEpoch - 1);
        long k = nanEpoch - 1;
        try {
            atEnd.step();
        } catch (TrainingDivergedException e) {
            k = nanEpoch - 2;
        }

        assertFalse(diverged.running(), "training paused");
        assertTrue(text(robot, "#lossChartWarning").contains("diverged in epoch " + nanEpoch),
                text(robot, "#lossChartWarning"));
        assertTrue(shown(robot, "#timeBanner"));
        assertTrue(text(robot, "#timeBannerText").startsWith("⚠  Training diverged"));
        Button recover = robot.lookup("#recoverButton").queryAs(Button.class);
        assertTrue(recover.isVisible());
        assertEquals(String.format("Go back to epoch %,d (last finite)", k), recover.getText());

        typeLearningRate(robot, "0.1");
        robot.clickOn("#recoverButton");
        Snapshot recovered = waitFor(s -> s.state() == RunState.PAUSED);
        settle();
        assertEquals(k, recovered.epoch());
        Trainer expected = definition.newTrainer();
        expected.setOptimizer(definition.optimizer().withLearningRate(10));
        expected.runEpochs(k);
        assertTrue(recovered.network().sameParameters(expected.network()), "exactly the parameters of epoch " + k);
        assertFalse(shown(robot, "#timeBanner"), "the banner is gone");
        assertEquals(0.1, recovered.optimizer().learningRate());

        robot.interact(() -> app.controller().stepEpoch());
        Snapshot onward = waitFor(s -> s.epoch() == recovered.epoch() + 1);
        assertEquals(RunState.PAUSED, onward.state());
        assertTrue(Double.isFinite(onward.lastLoss()), "training goes on from there: " + onward.lastLoss());
    }
}
