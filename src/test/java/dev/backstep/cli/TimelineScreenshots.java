package dev.backstep.cli;

import dev.backstep.app.AppWindow;
import dev.backstep.controller.AppController;
import dev.backstep.io.NetworkDefinition;
import dev.backstep.io.SampleNetworks;
import dev.backstep.model.RunState;
import dev.backstep.model.SessionWorker;
import dev.backstep.view.Theme;
import dev.backstep.view.formula.LatexImages;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Renders the time-travel screenshots, which the screenshot command cannot reach (a past moment on screen, a
 * diverged run). Runs only on request, in its own JVM (the headless screen must be large):
 * {@code mvn -o test -Dtest=TimelineScreenshots -Dbackstep.screenshots=screenshots}.
 */
@EnabledIfSystemProperty(named = "backstep.screenshots", matches = ".+")
class TimelineScreenshots {
    private static final double WIDTH = 1920;
    private static final double HEIGHT = 1080;

    @Test
    void viewingAPastEpoch() throws Exception {
        render("timeline-past", SampleNetworks.load("xor-2-4-1"), window -> {
            SessionWorker worker = window.session().worker();
            for (int i = 0; i < 300; i++) {
                worker.trainEpochs(10);
            }
            worker.viewMoment(45);
            assertEquals(450, worker.await().epoch());
        });
    }

    @Test
    void divergenceAndItsRecoveryButton() throws Exception {
        render("divergence-recover", SampleNetworks.load("scalar-1-1-1"), window -> {
            SessionWorker worker = window.session().worker();
            worker.trainEpochs(50);
            worker.setLearningRate(10);
            worker.play();
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (worker.latest().state() != RunState.DIVERGED && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertEquals(RunState.DIVERGED, worker.await().state());
            runOnFx(() -> window.settings().logLossProperty().set(true));
        });
    }

    private static void render(String name, NetworkDefinition definition, Consumer<AppWindow> prepare)
            throws Exception {
        Path dir = Path.of(System.getProperty("backstep.screenshots"));
        Files.createDirectories(dir);
        ScreenshotCommand.startHeadless();
        LatexImages.preload();
        CompletableFuture<AppWindow> built = new CompletableFuture<>();
        Platform.runLater(() -> {
            Stage stage = new Stage();
            AppWindow window = new AppWindow(stage, definition, null, WIDTH, HEIGHT);
            window.settings().themeProperty().set(Theme.all().stream().filter(t -> t.id().equals("dark"))
                    .findFirst().orElseThrow());
            window.settings().fontScaleProperty().set(1.5);
            stage.show();
            built.complete(window);
        });
        AppWindow window = built.get(30, TimeUnit.SECONDS);
        try {
            prepare.accept(window);
            window.session().worker().await();
            for (int round = 0; round < 3; round++) {
                runOnFx(window::redraw);
                Thread.sleep(200);
            }
            Path target = dir.resolve(name + ".png");
            runOnFx(() -> {
                try {
                    window.redraw();
                    AppController.writePng(window.scene().snapshot(null), target);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            assertTrue(Files.size(target) > 10_000, "a picture was written: " + target);
        } finally {
            runOnFx(() -> window.stage().close());
        }
    }

    private static void runOnFx(Runnable action) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                action.run();
                done.complete(null);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        done.join();
    }
}
