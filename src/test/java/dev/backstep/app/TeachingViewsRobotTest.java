package dev.backstep.app;

import dev.backstep.demo.GradientDescentExample;
import dev.backstep.engine.GradientCheck;
import dev.backstep.io.SampleNetworks;
import dev.backstep.model.Snapshot;
import dev.backstep.trace.Errata;
import dev.backstep.trace.Numbers;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
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

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The teaching views opened and used as a person would: errata rows clicked, pages opened, demo buttons pressed. */
@ExtendWith(ApplicationExtension.class)
class TeachingViewsRobotTest {
    private AppWindow app;

    @Start
    void start(Stage stage) throws Exception {
        app = new AppWindow(stage, SampleNetworks.load("slides-035-07"), null, 1280, 800);
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

    private void select(FxRobot robot, String id) {
        robot.interact(() -> assertTrue(app.mainWindow().select(id), "a page or side tab " + id));
        robot.interact(app::redraw);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @SuppressWarnings("unchecked")
    private static TableView<Errata.Entry> errataTable(FxRobot robot) {
        return robot.lookup("#errataTable").queryAs(TableView.class);
    }

    /** Scrolls the row of {@code term} into view and clicks it. */
    @SuppressWarnings("unchecked")
    private static void clickErrataRow(FxRobot robot, String term) {
        TableView<Errata.Entry> table = errataTable(robot);
        Errata.Entry entry = table.getItems().stream().filter(e -> e.published().term().equals(term)).findFirst()
                .orElseThrow();
        robot.interact(() -> table.scrollTo(table.getItems().indexOf(entry)));
        WaitForAsyncUtils.waitForFxEvents();
        Node row = robot.lookup("#errataTable .table-row-cell")
                .match(n -> ((TableRow<Errata.Entry>) n).getItem() == entry).query();
        robot.clickOn(row);
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    @Test
    void clickingAnErrataRowMovesTheTermCursorToThatTerm(FxRobot robot) throws Exception {
        select(robot, "errata");
        String summary = robot.lookup("#errataSummary").queryAs(Label.class).getText();
        TableView<Errata.Entry> table = errataTable(robot);
        long wrong = table.getItems().stream().filter(e -> !e.agrees()).count();
        assertEquals("Errata: " + wrong + " of " + table.getItems().size() + " printed values are wrong", summary);

        clickErrataRow(robot, "delta(h2)");
        Snapshot s = settle();
        assertEquals("delta(h2)", s.currentTerm().key());
        // δ₄ in the slides' sign, from the network's numbers: y₄(1 − y₄)·w₂₃·δ₅ with δ₅ = y₅(1 − y₅)(t − y₅).
        double y3 = sigmoid(0.2 * 0.35 + 0.2 * 0.7);
        double y4 = sigmoid(0.3 * 0.35 + 0.3 * 0.7);
        double y5 = sigmoid(0.3 * y3 + 0.9 * y4);
        double delta5 = y5 * (1 - y5) * (0.5 - y5);
        double delta4 = y4 * (1 - y4) * 0.9 * delta5;
        assertEquals(delta4, s.currentTerm().value(), 1e-12 * Math.abs(delta4));

        // A term of the forward pass repeated after the update: the first step is applied, then a(o1) revealed.
        clickErrataRow(robot, "next.a(o1)");
        Snapshot after = settle();
        assertEquals("a(o1)", after.currentTerm().key());
        assertEquals(1, after.epoch(), "the first (only) step of epoch 1 was applied");
        // And back to a term of the first step: the step's application is undone exactly.
        clickErrataRow(robot, "z(h2)");
        Snapshot back = settle();
        assertEquals("z(h2)", back.currentTerm().key());
        assertEquals(0.3 * 0.35 + 0.3 * 0.7, back.currentTerm().value(), 1e-15);
    }

    @Test
    void aNetworkWithoutPrintedValuesShowsAPlaceholder(FxRobot robot) throws Exception {
        robot.interact(() -> app.controller().openSample("xor-2-4-1"));
        waitFor(s -> s.definition().name().equals("xor-2-4-1"));
        select(robot, "errata");
        Label placeholder = robot.lookup("#errataPlaceholder").queryAs(Label.class);
        assertTrue(placeholder.isVisible() && placeholder.getScene() != null, "the placeholder is shown");
        assertTrue(placeholder.getText().contains("no values printed"), placeholder.getText());
    }

    @Test
    @SuppressWarnings("unchecked")
    void theGradientCheckPageListsEveryParameterWorstFirstWithoutTouchingTheNetwork(FxRobot robot) throws Exception {
        Snapshot before = settle();
        double[] weights = before.network().layer(1).weights().value().clone();
        select(robot, "gradient-check");
        TableView<Object> table = robot.lookup("#gradientCheckTable").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !table.getItems().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(before.network().parameterCount(), table.getItems().size(), "one row per parameter element");
        // An independent check of the first row's numbers: the same element through the engine's own check.
        GradientCheck.Result reference = GradientCheck.run(before.network(), before.trainingData());
        double worst = reference.maxRelativeDifference();
        Object first = table.getItems().get(0);
        double shownWorst = (double) table.getColumns().get(4).getCellObservableValue(first).getValue();
        assertEquals(worst, shownWorst, 1e-12 * Math.max(worst, 1e-300), "the worst row comes first");
        String summary = robot.lookup("#gradientCheckSummary").queryAs(Label.class).getText();
        assertTrue(summary.startsWith("✓ Backpropagation agrees"), summary);
        assertArrayEquals(weights, app.session().worker().await().network().layer(1).weights().value(),
                "checking never changes the training network");
    }

    @Test
    void theGradientFlowPageComparesTheFirstLayerWithTheLast(FxRobot robot) throws Exception {
        robot.interact(() -> app.controller().openSample("deep-sigmoid"));
        waitFor(s -> s.definition().name().equals("deep-sigmoid"));
        select(robot, "gradient-flow");
        app.session().worker().trainEpochs(3);
        settle();
        robot.interact(app::redraw);
        String verdict = robot.lookup("#gradientFlowVerdict").queryAs(Label.class).getText();
        assertTrue(verdict.startsWith("Epoch 3: first layer"), verdict);
        assertTrue(verdict.contains("vanishing"), verdict);
    }

    @Test
    void theChainRulePageRecomputesEveryTermForATypedX(FxRobot robot) throws Exception {
        select(robot, "chain-rule");
        robot.doubleClickOn("#chainRuleX").eraseText(8).write("3").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        // u = 10, du/dx = 6, f = 1000, df/du = 300, df/dx = 1800 = 6·3·10².
        double[] expected = {10, 6, 1000, 300, 6 * 3 * 100, 6 * 3 * 100};
        for (int r = 0; r < expected.length; r++) {
            String shown = robot.lookup("#chainRuleValue" + r).queryAs(Label.class).getText();
            assertEquals("= " + Numbers.format(expected[r], 6, true), shown, "row " + r);
        }
        assertEquals("3", robot.lookup("#chainRuleX").queryAs(TextField.class).getText());
    }

    @Test
    void theGradientDescentPageStepsAlongTheClosedForm(FxRobot robot) throws Exception {
        select(robot, "gradient-descent");
        robot.clickOn("#gradientDescentStep");
        robot.clickOn("#gradientDescentStep");
        robot.clickOn("#gradientDescentTen");
        WaitForAsyncUtils.waitForFxEvents();
        // The page opens on the slide's run, x₀ = 10, η = 0.1, five steps in; twelve more: xₖ = 10·0.8ᵏ, k = 17.
        String verdict = robot.lookup("#gradientDescentVerdict").queryAs(Label.class).getText();
        assertTrue(verdict.startsWith("✓ η = 0.1"), verdict);
        List<Node> cells = robot.lookup("#gradientDescentIterates .label").queryAll().stream().toList();
        String lastK = ((Label) cells.get(cells.size() - 4)).getText();
        String lastX = ((Label) cells.get(cells.size() - 3)).getText();
        assertEquals("17", lastK);
        assertEquals(Numbers.format(10 * Math.pow(0.8, 17), 5, true), lastX);
        // Above η = 1 the page says it diverges, and the iterates grow as (1 − 2η)ᵏ·x₀ says.
        robot.interact(() -> robot.lookup("#learningRateSlider").queryAs(Slider.class).setValue(1.1));
        robot.clickOn("#gradientDescentTen");
        WaitForAsyncUtils.waitForFxEvents();
        String diverging = robot.lookup("#gradientDescentVerdict").queryAs(Label.class).getText();
        assertTrue(diverging.startsWith("✗ η = 1.1") && diverging.contains("diverges"), diverging);
        List<Node> after = robot.lookup("#gradientDescentIterates .label").queryAll().stream().toList();
        assertEquals(Numbers.format(GradientDescentExample.f(10 * Math.pow(1 - 2 * 1.1, 10)), 5, true),
                ((Label) after.get(after.size() - 2)).getText(), "f(x₁₀) after ten steps from 10 at η = 1.1");
    }
}
