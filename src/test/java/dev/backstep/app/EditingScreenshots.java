package dev.backstep.app;

import dev.backstep.controller.AppController;
import dev.backstep.io.SampleNetworks;
import dev.backstep.view.Theme;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.DialogPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Renders the editing screenshots (the boundary with added points and the two editor dialogs) in the projector
 * set-up: 1920×1080, dark theme, text ×1.5. The dialogs are separate windows that the screenshot command cannot
 * reach, hence a test. Runs only when asked:
 * {@code mvn -o -B test -Dtest=EditingScreenshots -Dbackstep.screenshots=screenshots}.
 */
@EnabledIfSystemProperty(named = "backstep.screenshots", matches = ".+")
@ExtendWith(ApplicationExtension.class)
class EditingScreenshots {
    static {
        // Monocle's headless screen must hold the 1920×1080 window (as the screenshot command's does).
        System.setProperty("headless.geometry", "2560x1440-32");
    }

    private AppWindow app;
    private Path dir;

    @Start
    void start(Stage stage) throws Exception {
        dir = Path.of(System.getProperty("backstep.screenshots"));
        Files.createDirectories(dir);
        app = new AppWindow(stage, SampleNetworks.load(SampleNetworks.DEFAULT), null, 1920, 1080);
        app.settings().themeProperty().set(Theme.DARK);
        app.settings().fontScaleProperty().set(1.5);
        stage.show();
    }

    @AfterEach
    void close(FxRobot robot) {
        robot.interact(app::close);
    }

    private void write(FxRobot robot, Scene scene, String name) {
        robot.interact(() -> {
            try {
                app.redraw();
                AppController.writePng(scene.snapshot(null), dir.resolve(name + ".png"));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private DialogPane open(FxRobot robot, String item, String id) throws Exception {
        robot.clickOn("#editMenu").clickOn(item);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup(id).tryQuery().isPresent());
        WaitForAsyncUtils.waitForFxEvents();
        return robot.lookup(id).queryAs(DialogPane.class);
    }

    @Test
    void screenshots(FxRobot robot) throws Exception {
        // XOR with four more points: class 1 near the middle of the left and right edges, class 0 in the centre.
        double[][] points = {{0.0, 0.5}, {1.0, 0.5}, {0.5, 0.5}, {0.5, 0.05}};
        int[] classes = {1, 1, 0, 0};
        for (int i = 0; i < points.length; i++) {
            int k = i;
            robot.interact(() -> app.controller().addPoint(points[k][0], points[k][1], classes[k]));
        }
        app.session().worker().trainEpochs(2000);
        app.session().worker().await();
        WaitForAsyncUtils.waitForFxEvents();
        Thread.sleep(300);
        WaitForAsyncUtils.waitForFxEvents();
        // Give the boundary the room a lecturer would drag it to: a wide right column, the formula row lower.
        robot.interact(() -> {
            SplitPane content = (SplitPane) app.mainWindow().content();
            content.setDividerPositions(0.8);
            ((SplitPane) content.getItems().get(0)).setDividerPositions(0.42);
            ((SplitPane) ((SplitPane) content.getItems().get(0)).getItems().get(1)).setDividerPositions(0.72);
        });
        WaitForAsyncUtils.waitForFxEvents();
        Thread.sleep(300);
        write(robot, app.scene(), "editing-boundary");

        DialogPane layers = open(robot, "#editArchitecture", "#architectureEditor");
        robot.clickOn("#addHiddenLayer");
        write(robot, layers.getScene(), "architecture-editor");
        robot.interact(() -> layers.getScene().getWindow().hide());

        DialogPane data = open(robot, "#editData", "#dataEditor");
        robot.interact(() -> robot.lookup("#cell-2-1").queryAs(TextField.class).setText("0,5"));
        write(robot, data.getScene(), "data-editor");
        robot.interact(() -> data.getScene().getWindow().hide());
    }
}
