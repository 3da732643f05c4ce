package dev.backstep.app;

import dev.backstep.io.SampleNetworks;
import dev.backstep.view.Theme;
import dev.backstep.view.graph.GraphElement;
import dev.backstep.view.graph.LayerGraphView;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.w3c.dom.Document;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** File › Export › Graph as SVG, and the View menu's lecture items, in the running app. */
@ExtendWith(ApplicationExtension.class)
class GraphSvgExportRobotTest {
    private AppWindow app;

    @Start
    void start(Stage stage) throws Exception {
        app = new AppWindow(stage, SampleNetworks.load("xor-2-3-1"), null, 1280, 800);
        stage.show();
    }

    @AfterEach
    void close(FxRobot robot) {
        robot.interact(app::close);
    }

    @Test
    void theGraphAsSvgIsWrittenAndParsesWithEveryUnit(FxRobot robot, @TempDir Path dir) throws Exception {
        long version = app.session().worker().await().version();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> app.session().snapshot().version() >= version);
        robot.interact(app::redraw);
        Path svg = dir.resolve("graph.svg");
        robot.interact(() -> {
            try {
                app.controller().exportGraphSvgTo(svg);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertTrue(Files.size(svg) > 1000);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(svg.toFile());
        assertEquals("svg", doc.getDocumentElement().getTagName());
        int units = 0;
        var groups = doc.getElementsByTagName("g");
        for (int i = 0; i < groups.getLength(); i++) {
            if ("unit".equals(((org.w3c.dom.Element) groups.item(i)).getAttribute("class"))) {
                units++;
            }
        }
        int drawn = 0;
        int[] sizes = app.session().snapshot().network().layerSizes();
        for (int l = 0; l < sizes.length; l++) {
            for (int u = 0; u < sizes[l]; u++) {
                int layer = l;
                int unit = u;
                drawn += robot.lookup("#layerGraph").queryAs(LayerGraphView.class)
                        .pointOf(GraphElement.Kind.UNIT, layer, -1, unit).isPresent() ? 1 : 0;
            }
        }
        assertTrue(drawn >= 4, "the graph shows units: " + drawn);
        assertEquals(drawn, units, "one group per unit on screen");
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left beside it");
        }
    }

    @Test
    void theViewMenuOffersTheThemesScalesSpotlightAndPresentation(FxRobot robot) {
        MenuBar bar = robot.lookup("#mainMenu").queryAs(MenuBar.class);
        List<MenuItem> items = new ArrayList<>();
        bar.getMenus().forEach(m -> collect(m.getItems(), items));
        assertTrue(items.stream().anyMatch(i -> "exportGraphSvg".equals(i.getId())));
        RadioMenuItem highContrast = (RadioMenuItem) find(items, "theme-high-contrast");
        robot.interact(highContrast::fire);
        assertEquals(Theme.HIGH_CONTRAST, app.settings().themeProperty().get());
        assertTrue(app.scene().getStylesheets().stream().anyMatch(s -> s.endsWith("high-contrast.css")));
        RadioMenuItem scale = (RadioMenuItem) find(items, "scale-1.5");
        robot.interact(scale::fire);
        assertEquals(1.5, app.settings().fontScaleProperty().get());
        robot.interact(() -> app.settings().scaleUp());
        assertTrue(((RadioMenuItem) find(items, "scale-2.0")).isSelected(), "the menu follows the keys");
        CheckMenuItem spotlight = (CheckMenuItem) find(items, "spotlightMenu");
        robot.interact(() -> spotlight.setSelected(true)); // what a click on a check item does
        assertTrue(app.settings().spotlightProperty().get());
        CheckMenuItem presentation = (CheckMenuItem) find(items, "presentationMenu");
        robot.interact(() -> presentation.setSelected(true));
        assertTrue(app.settings().presentationProperty().get());
        robot.interact(() -> app.settings().presentationProperty().set(false));
        assertFalse(presentation.isSelected());
    }

    private static void collect(List<MenuItem> from, List<MenuItem> into) {
        for (MenuItem item : from) {
            into.add(item);
            if (item instanceof javafx.scene.control.Menu menu) {
                collect(menu.getItems(), into);
            }
        }
    }

    private static MenuItem find(List<MenuItem> items, String id) {
        return items.stream().filter(i -> id.equals(i.getId())).findFirst()
                .orElseThrow(() -> new AssertionError("no menu item " + id));
    }
}
