package dev.backstep.app;

import dev.backstep.io.SampleNetworks;
import dev.backstep.model.Snapshot;
import dev.backstep.view.boundary.BoundaryEditor;
import dev.backstep.view.boundary.DecisionBoundaryView;
import dev.backstep.view.boundary.Plane;
import dev.backstep.view.graph.GraphElement;
import dev.backstep.view.graph.LayerGraphView;
import javafx.geometry.Point2D;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Editing what is on screen, as a person would: clicks on the boundary, the layer and data editors, Undo. */
@ExtendWith(ApplicationExtension.class)
class EditingRobotTest {
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

    private Snapshot waitFor(Predicate<Snapshot> condition) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> {
            Snapshot s = app.session().snapshot();
            return s != null && condition.test(s);
        });
        WaitForAsyncUtils.waitForFxEvents();
        return app.session().snapshot();
    }

    private Snapshot settle() throws Exception {
        long version = app.session().worker().await().version();
        return waitFor(s -> s.version() >= version);
    }

    @Test
    void aClickLandsWhereClickedAtPresentationScale(FxRobot robot) throws Exception {
        settle();
        // ×1.25: in this 1280×800 window ×1.5 leaves the boundary only a 40-pixel plot under its class bar.
        robot.interact(() -> app.settings().fontScaleProperty().set(1.25));
        // The window re-fits its panes to the new scale over the next pulses: let the boundary settle first.
        for (int pulse = 0; pulse < 10; pulse++) {
            WaitForAsyncUtils.sleep(50, TimeUnit.MILLISECONDS);
            WaitForAsyncUtils.waitForFxEvents();
        }
        DecisionBoundaryView boundary = robot.lookup("#boundaryEditor").queryAs(BoundaryEditor.class).boundary();
        Rectangle2D area = boundary.plotArea();
        Plane plane = boundary.plane();
        Point2D screen = boundary.localToScreen(area.getMinX() + area.getWidth() * 0.6,
                area.getMinY() + area.getHeight() * 0.75);
        screen = new Point2D(Math.round(screen.getX()), Math.round(screen.getY()));
        Point2D local = boundary.screenToLocal(screen);
        double x = plane.minX() + (local.getX() - area.getMinX()) / area.getWidth() * plane.width();
        double y = plane.maxY() - (local.getY() - area.getMinY()) / area.getHeight() * plane.height();

        robot.moveTo(screen).clickOn();
        double[] point = waitFor(s -> s.trainingData().size() == 5).trainingData().inputs().row(4);
        assertEquals(x, point[0], 1e-9 * plane.width());
        assertEquals(y, point[1], 1e-9 * plane.height());
    }

    @Test
    void clickAddsAPointWhereClickedAndShiftClickRemovesIt(FxRobot robot) throws Exception {
        settle();
        DecisionBoundaryView boundary = robot.lookup("#boundaryEditor").queryAs(BoundaryEditor.class).boundary();
        robot.clickOn("#addClass1");
        Rectangle2D area = boundary.plotArea();
        Plane plane = boundary.plane();
        // A whole screen pixel a third across and near the bottom of the plot (robots click on whole pixels).
        Point2D screen = boundary.localToScreen(area.getMinX() + area.getWidth() * 0.3,
                area.getMinY() + area.getHeight() * 0.8);
        screen = new Point2D(Math.round(screen.getX()), Math.round(screen.getY()));
        Point2D local = boundary.screenToLocal(screen);
        // The inverse of the plane's drawing: x grows to the right from minX, y upwards from maxY at the top.
        double x = plane.minX() + (local.getX() - area.getMinX()) / area.getWidth() * plane.width();
        double y = plane.maxY() - (local.getY() - area.getMinY()) / area.getHeight() * plane.height();

        robot.moveTo(screen).clickOn();
        Snapshot added = waitFor(s -> s.trainingData().size() == 5);
        double[] point = added.trainingData().inputs().row(4);
        assertEquals(x, point[0], 1e-9 * plane.width());
        assertEquals(y, point[1], 1e-9 * plane.height());
        assertArrayEquals(new double[] {1}, added.trainingData().targets().row(4), "class 1 was chosen");
        assertEquals(0, added.epoch());
        assertTrue(app.stage().getTitle().endsWith("*"), "the title marks unsaved changes");

        robot.press(KeyCode.SHIFT).moveTo(screen).clickOn().release(KeyCode.SHIFT);
        Snapshot removed = waitFor(s -> s.trainingData().size() == 4);
        assertArrayEquals(new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}}, removed.trainingData().inputs().toArray());

        app.session().setSpeed(2); // slow, so that the run is still going when the hint is read
        robot.clickOn("#play");
        waitFor(Snapshot::running);
        assertEquals("Pause (Space) to add or remove points", robot.lookup("#boundaryHint").queryAs(Label.class)
                .getText());
        robot.clickOn("#play");
        waitFor(s -> !s.running());
        assertEquals("Click adds · Shift-click removes the nearest",
                robot.lookup("#boundaryHint").queryAs(Label.class).getText());
    }

    @Test
    void theArchitectureEditorAddsAUnitAndUndoBringsTheNetworkBack(FxRobot robot) throws Exception {
        Snapshot before = settle();
        LayerGraphView graph = robot.lookup("#layerGraph").queryAs(LayerGraphView.class);
        assertFalse(graph.pointOf(GraphElement.Kind.UNIT, 1, -1, 4).isPresent(), "4 hidden units at first");

        robot.clickOn("#editMenu").clickOn("#editArchitecture");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> robot.lookup("#architectureEditor").tryQuery().isPresent());
        DialogPane dialog = robot.lookup("#architectureEditor").queryAs(DialogPane.class);
        assertEquals("2-4-1", robot.lookup("#architectureShape").queryAs(Label.class).getText());
        Spinner<?> size = robot.lookup("#layerSize1").queryAs(Spinner.class);
        robot.clickOn(robot.from(size).lookup(".increment-arrow-button").queryAs(Node.class));
        assertEquals("2-5-1", robot.lookup("#architectureShape").queryAs(Label.class).getText());
        robot.clickOn((Node) dialog.lookupButton(ButtonType.OK));

        Snapshot changed = waitFor(s -> s.network().layerSizes()[1] == 5);
        assertEquals(0, changed.epoch());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> graph.pointOf(GraphElement.Kind.UNIT, 1, -1, 4).isPresent());

        robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
        Snapshot undone = waitFor(s -> s.network().layerSizes()[1] == 4);
        assertTrue(undone.network().sameParameters(before.network()), "the network as it was, bit for bit");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> !graph.pointOf(GraphElement.Kind.UNIT, 1, -1, 4).isPresent());
    }

    @Test
    void theDataEditorNamesABadCellAndReplacesTheData(FxRobot robot) throws Exception {
        settle();
        robot.clickOn("#editMenu").clickOn("#editData");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#dataEditor").tryQuery().isPresent());
        DialogPane dialog = robot.lookup("#dataEditor").queryAs(DialogPane.class);
        TextField cell = robot.lookup("#cell-1-0").queryAs(TextField.class);
        robot.interact(() -> cell.setText("0,5"));
        Label problem = robot.lookup("#dataProblem").queryAs(Label.class);
        assertTrue(problem.getText().startsWith("row 2, x1: \"0,5\" is not a number"), problem.getText());
        assertTrue(dialog.lookupButton(ButtonType.OK).isDisabled());
        robot.interact(() -> cell.setText("0.5"));
        assertEquals("", problem.getText());
        robot.clickOn("#addRow");
        robot.interact(() -> {
            robot.lookup("#cell-4-0").queryAs(TextField.class).setText("2");
            robot.lookup("#cell-4-1").queryAs(TextField.class).setText("−3");
            robot.lookup("#cell-4-2").queryAs(TextField.class).setText("1");
        });
        robot.clickOn((Node) dialog.lookupButton(ButtonType.OK));

        Snapshot s = waitFor(x -> x.trainingData().size() == 5);
        assertArrayEquals(new double[][] {{0, 0}, {0.5, 1}, {1, 0}, {1, 1}, {2, -3}},
                s.trainingData().inputs().toArray());
        assertArrayEquals(new double[][] {{0}, {1}, {1}, {0}, {1}}, s.trainingData().targets().toArray());
    }
}
