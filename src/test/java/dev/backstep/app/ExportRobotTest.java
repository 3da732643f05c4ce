package dev.backstep.app;

import dev.backstep.controller.AppController;
import dev.backstep.engine.Trainer;
import dev.backstep.io.NetworkReader;
import dev.backstep.io.SampleNetworks;
import dev.backstep.io.TraceFormat;
import dev.backstep.model.Snapshot;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each export of the app writes a file that exists and parses, with what is on screen. */
@ExtendWith(ApplicationExtension.class)
class ExportRobotTest {
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

    private Snapshot trained(int epochs) throws Exception {
        app.session().worker().trainEpochs(epochs);
        long version = app.session().worker().await().version();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> app.session().snapshot().version() >= version);
        return app.session().snapshot();
    }

    @Test
    void theLossHistoryAsCsv(FxRobot robot, @TempDir Path dir) throws Exception {
        trained(12);
        Path csv = dir.resolve("loss.csv");
        robot.interact(() -> {
            try {
                app.controller().exportLossesTo(csv);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertEquals(13, lines.size());
        Trainer twin = SampleNetworks.load("xor-2-3-1").newTrainer();
        twin.runEpochs(12);
        assertEquals(twin.trainLoss().get(11), Double.parseDouble(lines.get(12).split(",")[1]));
    }

    @Test
    void theNetworkAsAFileReadsBackAsItIsNow(@TempDir Path dir) throws Exception {
        Snapshot s = trained(5);
        Path json = dir.resolve("copy.json");
        app.controller().exportNetworkTo(json).get(60, TimeUnit.SECONDS);
        assertTrue(NetworkReader.read(json).newNetwork().sameParameters(s.network()));
        assertEquals(null, app.session().fileProperty().get(), "the open file is unchanged by a copy");
    }

    @Test
    void theTraceInEveryFormatParses(@TempDir Path dir) throws Exception {
        trained(3);
        for (TraceFormat format : TraceFormat.values()) {
            Path out = dir.resolve("trace." + format.extension());
            app.controller().exportTraceTo(out, format).get(60, TimeUnit.SECONDS);
            String text = Files.readString(out, StandardCharsets.UTF_8);
            switch (format) {
                case JSON:
                    assertTrue(new com.fasterxml.jackson.databind.ObjectMapper().readTree(text).isArray());
                    break;
                case LATEX:
                    assertTrue(text.contains("\\begin{align*}") && text.contains("\\end{align*}"));
                    break;
                case CSV:
                    assertTrue(text.startsWith("index,phase,key"));
                    break;
                default:
                    assertTrue(text.contains("xor-2-3-1"));
            }
        }
    }

    @Test
    void theViewAsPng(FxRobot robot, @TempDir Path dir) throws Exception {
        Path png = dir.resolve("view.png");
        robot.interact(() -> {
            try {
                AppController.writePng(app.scene().getRoot().snapshot(null, null), png);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(1280, image.getWidth());
        assertEquals(800, image.getHeight());
    }
}
