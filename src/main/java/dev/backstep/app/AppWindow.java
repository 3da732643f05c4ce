package dev.backstep.app;

import dev.backstep.controller.AppController;
import dev.backstep.controller.FramePump;
import dev.backstep.controller.Shortcuts;
import dev.backstep.io.NetworkDefinition;
import dev.backstep.model.Session;
import dev.backstep.view.MainWindow;
import dev.backstep.view.ViewSettings;
import javafx.scene.Scene;
import javafx.stage.Stage;

import java.nio.file.Path;

/** One Backstep window: its session, view settings, controller, layout and frame pump, wired together. */
public final class AppWindow {
    public static final double WIDTH = 1440;
    public static final double HEIGHT = 900;

    private final Stage stage;
    private final Session session;
    private final ViewSettings settings = new ViewSettings();
    private final AppController controller;
    private final MainWindow window;
    private final FramePump pump;
    private final Scene scene;

    /**
     * Builds the window on {@code stage} for a network (FX thread); call {@link Stage#show()} afterwards.
     *
     * @param file where the network came from, or null for a bundled sample
     */
    public AppWindow(Stage stage, NetworkDefinition definition, Path file, double width, double height) {
        this.stage = stage;
        session = new Session(definition, file);
        controller = new AppController(stage, session);
        window = new MainWindow(session, settings, controller, controller.recentFiles());
        controller.setExportTarget(window::content);
        scene = new Scene(window.root(), width, height);
        window.applyTheme(scene);
        Shortcuts.install(scene, controller);
        pump = new FramePump(session, snapshot -> window.show(snapshot, framesPerSecond()));
        stage.setScene(scene);
        stage.titleProperty().bind(session.titleProperty());
        stage.setOnCloseRequest(e -> {
            if (!controller.confirmDiscard()) {
                e.consume();
            }
        });
        stage.setOnHidden(e -> close());
        pump.redraw();
        pump.start();
    }

    private double framesPerSecond() {
        return pump == null ? 0 : pump.framesPerSecondProperty().get();
    }

    public Session session() {
        return session;
    }

    public ViewSettings settings() {
        return settings;
    }

    public AppController controller() {
        return controller;
    }

    public Scene scene() {
        return scene;
    }

    public Stage stage() {
        return stage;
    }

    public FramePump pump() {
        return pump;
    }

    /** Draws the latest snapshot now, outside the frame rhythm (tests, screenshots). */
    public void redraw() {
        pump.redraw();
    }

    public void close() {
        pump.stop();
        session.close();
    }
}
