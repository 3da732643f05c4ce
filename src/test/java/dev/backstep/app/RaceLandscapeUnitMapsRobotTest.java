package dev.backstep.app;

import dev.backstep.io.SampleNetworks;
import dev.backstep.model.landscape.LossLandscape;
import dev.backstep.model.race.RaceStandings;
import dev.backstep.view.chart.RaceChart;
import dev.backstep.view.landscape.LossLandscapeView;
import dev.backstep.view.race.OptimizerRaceView;
import dev.backstep.view.units.UnitMapsView;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The optimizer race, the loss landscape and the unit maps, driven as a person would, headless. */
@ExtendWith(ApplicationExtension.class)
class RaceLandscapeUnitMapsRobotTest {
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

    private void openPage(FxRobot robot, String id) {
        robot.interact(() -> assertTrue(app.mainWindow().select(id), id));
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void threeTickedOptimizersRaceAndEachGetsACurveWithPoints(FxRobot robot) throws Exception {
        openPage(robot, "race");
        OptimizerRaceView view = (OptimizerRaceView) app.mainWindow().view("race");
        // Swap the three ticked at first for three others.
        for (String id : List.of("sgd", "momentum", "adam", "nesterov", "adagrad", "rmsprop")) {
            robot.clickOn("#race-" + id);
        }
        for (String id : List.of("nesterov", "adagrad", "rmsprop")) {
            assertTrue(robot.lookup("#race-" + id).queryAs(CheckBox.class).isSelected(), id);
        }
        assertFalse(robot.lookup("#race-sgd").queryAs(CheckBox.class).isSelected());
        robot.doubleClickOn("#raceEpochs").write("400");
        robot.interact(() -> robot.lookup("#raceSpeed").queryAs(ComboBox.class).getSelectionModel().select(3));
        robot.clickOn("#raceStart");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> view.race() != null
                && view.race().standings().finished());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> {
            List<Integer> points = new ArrayList<>();
            robot.interact(() -> {
                for (int i = 0; i < view.chart().curveCount(); i++) {
                    points.add(view.chart().pointCount(i));
                }
            });
            return points.size() == 3 && points.stream().allMatch(p -> p >= 400);
        });
        RaceChart chart = view.chart();
        RaceStandings standings = view.race().standings();
        assertEquals(3, chart.curveCount());
        String[] names = {"Nesterov", "Adagrad", "RMSprop"};
        for (int i = 0; i < 3; i++) {
            assertTrue(chart.curveName(i).startsWith(names[i]), chart.curveName(i));
            assertEquals(400, standings.racers().get(i).epochs());
            assertTrue(chart.pointCount(i) > 0);
        }
        assertEquals("Finished", robot.lookup("#raceStart").queryButton().getText());
        assertEquals(0, app.session().snapshot().epoch(), "the session's network did not train");

        robot.clickOn("#raceReset");
        assertEquals(0, chart.curveCount());
        assertFalse(robot.lookup("#race-nesterov").queryAs(CheckBox.class).isDisabled());
    }

    @Test
    void theLandscapeAndTheUnitMapsDrawSomething(FxRobot robot) throws Exception {
        robot.interact(() -> app.session().worker().trainEpochs(200));
        app.session().worker().await();
        openPage(robot, "landscape");
        LossLandscapeView landscape = (LossLandscapeView) app.mainWindow().view("landscape");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> landscape.grid() != null);
        LossLandscape.Grid grid = landscape.grid();
        assertEquals(41, grid.size());
        assertTrue(Double.isFinite(grid.range()[0]) && grid.range()[1] > grid.range()[0], "a landscape with relief");
        // Training moves the point; the landscape follows on its own thread.
        double before = grid.centreX();
        robot.interact(() -> app.session().setSpeed(300));
        robot.clickOn("#play");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> landscape.grid().centreX() != before);
        robot.clickOn("#play");
        assertTrue(landscape.grid().centreX() != before, "the grid was recomputed around the new point");

        openPage(robot, "unit-maps");
        UnitMapsView maps = (UnitMapsView) app.mainWindow().view("unit-maps");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> maps.mapCount() == 5);
        assertEquals(5, maps.mapCount(), "four hidden units and the output");
    }
}
