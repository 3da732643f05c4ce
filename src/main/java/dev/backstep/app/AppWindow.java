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
        this(stage, definition, file, width, height, false);
    }

    /**
     * @param deferDetails build the boundary, chart, formula panel and term list only after the first frame has been
     *                     painted, so the window appears sooner (the app); false builds everything at once (tests,
     *                     screenshots)
     */
    public AppWindow(Stage stage, NetworkDefinition definition, Path file, double width, double height,
                     boolean deferDetails) {
        this.stage = stage;
        session = new Session(definition, file);
        controller = new AppController(stage, session);
        controller.setViewSettings(settings);
        window = new MainWindow(session, settings, controller, controller.recentFiles());
        controller.setExportTarget(window::content);
        controller.setGraphSvg(window::graphSvg);
        ViewCatalog.install(window, session, settings, controller);
        scene = new Scene(window.root(), width, height);
        window.applyTheme(scene);
        Shortcuts.install(scene, controller, settings);
        presentOnFullScreen(stage);
        pump = new FramePump(session, snapshot -> window.show(snapshot, framesPerSecond()));
        stage.setScene(scene);
        stage.titleProperty().bind(session.titleProperty());
        stage.setOnCloseRequest(e -> {
            if (!controller.confirmDiscard()) {
                e.consume();
            }
        });
        stage.setOnHidden(e -> close());
        if (deferDetails) {
            afterFirstFrame(window::buildDetails);
        } else {
            window.buildDetails();
        }
        pump.redraw();
        pump.start();
    }

    /** Presentation mode is full screen; leaving full screen (Esc, F, F11) ends it. */
    private void presentOnFullScreen(Stage stage) {
        settings.presentationProperty().addListener((o, was, on) -> {
            if (on) {
                stage.setFullScreenExitHint("Presentation mode: Esc or F5 leaves");
            }
            stage.setFullScreen(on);
        });
        stage.fullScreenProperty().addListener((o, was, full) -> {
            if (!full) {
                settings.presentationProperty().set(false);
            }
        });
    }

    /** Runs {@code action} on the second pulse, when the first frame has been rendered. */
    private static void afterFirstFrame(Runnable action) {
        new javafx.animation.AnimationTimer() {
            private int frames;

            @Override
            public void handle(long now) {
                if (++frames == 2) {
                    stop();
                    action.run();
                }
            }
        }.start();
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

    /** The window's views: pages and side tabs are selected through it (menus, tests, screenshots). */
    public MainWindow mainWindow() {
        return window;
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
