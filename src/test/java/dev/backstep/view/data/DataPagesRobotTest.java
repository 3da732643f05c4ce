package dev.backstep.view.data;

import dev.backstep.app.AppWindow;
import dev.backstep.engine.Dataset;
import dev.backstep.engine.Network;
import dev.backstep.model.Snapshot;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;
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

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The weight images, the confusion matrix and the sample browser, driven as a person would, headless. */
@ExtendWith(ApplicationExtension.class)
class DataPagesRobotTest {
    private AppWindow app;

    @Start
    void start(Stage stage) throws Exception {
        app = new AppWindow(stage, DataViewsFixtures.bars(), null, 1280, 800);
        app.mainWindow().buildDetails();
        stage.show();
    }

    @AfterEach
    void close(FxRobot robot) {
        robot.interact(app::close);
    }

    private Snapshot trained(int epochs) throws Exception {
        app.session().worker().trainEpochs(epochs);
        long version = app.session().worker().await().version();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> app.session().snapshot().version() >= version);
        WaitForAsyncUtils.waitForFxEvents();
        return app.session().snapshot();
    }

    private static <T> T view(FxRobot robot, String id, Class<T> type) {
        Node node = robot.lookup(id).query();
        return type.cast(node.getProperties().get(type));
    }

    @Test
    void theWeightImagesPageShowsOneImagePerHiddenUnit(FxRobot robot) throws Exception {
        Snapshot s = trained(2);
        robot.clickOn("#weight-images");
        WaitForAsyncUtils.waitForFxEvents();
        WeightImagesView view = view(robot, "#weightImages", WeightImagesView.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> view.images() != null);
        assertEquals(4, view.images().side());
        assertEquals(s.network().layer(1).size(), view.images().units());
    }

    @Test
    void clickingAConfusionCellListsExactlyItsSamples(FxRobot robot) throws Exception {
        Snapshot s = trained(3);
        robot.clickOn("#confusion");
        ConfusionView view = view(robot, "#confusionView", ConfusionView.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> view.model() != null && view.model().epoch() == 3);
        WaitForAsyncUtils.waitForFxEvents();

        // Every test sample's true class and the network's class, by plain loops.
        Dataset test = s.testData();
        Network network = s.network();
        int[][] cellOf = new int[test.size()][];
        int[][] counts = new int[4][4];
        for (int i = 0; i < test.size(); i++) {
            int truth = DataViewsFixtures.argmax(test.targets().row(i));
            int predicted = DataViewsFixtures.argmax(DataViewsFixtures.forward(network, test.inputs().row(i)));
            cellOf[i] = new int[] {truth, predicted};
            counts[truth][predicted]++;
        }
        int correct = 0;
        for (int c = 0; c < 4; c++) {
            correct += counts[c][c];
        }
        String title = robot.lookup("#confusionTitle").queryAs(Label.class).getText();
        assertTrue(title.contains("test set") && title.contains("(" + correct + " of 24)"), title);

        // Click every non-empty cell (and one empty one): the list holds exactly its samples, in order.
        for (int t = 0; t < 4; t++) {
            for (int p = 0; p < 4; p++) {
                if (counts[t][p] == 0 && !(t == 0 && p == 3)) {
                    continue;
                }
                Point2D centre = view.cellCentre(t, p);
                robot.clickOn(view.canvas().localToScreen(centre));
                WaitForAsyncUtils.waitForFxEvents();
                List<Integer> expected = new ArrayList<>();
                for (int i = 0; i < test.size(); i++) {
                    if (cellOf[i][0] == t && cellOf[i][1] == p) {
                        expected.add(i);
                    }
                }
                assertArrayEquals(expected.stream().mapToInt(Integer::intValue).toArray(), view.listed(),
                        "cell " + t + "," + p);
                FlowPane tiles = robot.lookup("#confusionSamples").queryAs(FlowPane.class);
                assertEquals(expected.size(), tiles.getChildren().size());
                for (int k = 0; k < expected.size(); k++) {
                    Label number = (Label) ((VBox) tiles.getChildren().get(k)).getChildren().get(1);
                    assertEquals("#" + (expected.get(k) + 1), number.getText());
                }
                String cellTitle = robot.lookup("#confusionCellTitle").queryAs(Label.class).getText();
                assertTrue(cellTitle.contains(": " + expected.size() + " sample"), cellTitle);
            }
        }
    }

    @Test
    void theSampleBrowserShowsAForwardPassAndStepsThroughItsSample(FxRobot robot) throws Exception {
        Snapshot s = trained(2);
        robot.clickOn("#samples");
        SampleBrowserView view = view(robot, "#sampleBrowser", SampleBrowserView.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> view.outputs() != null);
        assertOutputs(s, view, 0);
        robot.clickOn("#sampleNext");
        assertEquals(1, view.index());
        assertOutputs(s, view, 1);
        robot.doubleClickOn("#sampleNumber").eraseText(3).write("30").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(29, view.index());
        assertOutputs(s, view, 29);

        robot.clickOn("#traceSample");
        Snapshot look = app.session().worker().await();
        assertNotNull(look.trace());
        assertArrayEquals(new int[] {29}, look.trace().samples(), "the terms stepped are sample 30's");
    }

    /** The bars show a forward pass computed here with plain loops, to 1e-12. */
    private static void assertOutputs(Snapshot s, SampleBrowserView view, int index) {
        double[] expected = DataViewsFixtures.forward(s.network(), s.trainingData().inputs().row(index));
        double[] shown = view.outputs().values();
        assertEquals(expected.length, shown.length);
        for (int c = 0; c < expected.length; c++) {
            assertEquals(expected[c], shown[c], 1e-12 * Math.abs(expected[c]) + 1e-300, "class " + c);
        }
        assertEquals(DataViewsFixtures.argmax(s.trainingData().targets().row(index)), view.outputs().trueClass());
        assertEquals(DataViewsFixtures.argmax(expected), view.outputs().predicted());
    }
}
