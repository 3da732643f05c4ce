package dev.backstep.app;

import dev.backstep.io.NetworkFileException;
import dev.backstep.io.SampleNetworks;
import dev.backstep.view.formula.LatexImages;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

/** The desktop app: one window on the default network, xor-2-4-1, ready to press Play. */
public final class BackstepApp extends Application {
    public static void launchApp(String[] args) {
        Application.launch(BackstepApp.class, args);
    }

    @Override
    public void start(Stage stage) {
        boolean timing = Boolean.getBoolean("backstep.timing");
        // Showing a native window costs as much as building the views; showing a plain one first puts the window on
        // screen about a second sooner, and the views replace it on the next pulse.
        stage.setTitle("Backstep — " + SampleNetworks.DEFAULT);
        stage.setMinWidth(960);
        stage.setMinHeight(640);
        stage.setScene(openingScene());
        stage.show();
        if (timing) {
            StartupTiming.windowShown();
        }
        Platform.runLater(() -> {
            AppWindow window = openDefault(stage);
            if (timing) {
                StartupTiming.viewsBuilt(window);
            }
            // JLaTeXMath's fonts take a moment to load: start that now rather than on the first term.
            LatexImages.preload();
        });
    }

    private static Scene openingScene() {
        Label opening = new Label("Opening " + SampleNetworks.DEFAULT + " …");
        opening.setStyle("-fx-font-size: 18px; -fx-text-fill: #555555;");
        StackPane pane = new StackPane(opening);
        pane.setStyle("-fx-background-color: #FAFAFA;");
        return new Scene(pane, AppWindow.WIDTH, AppWindow.HEIGHT);
    }

    private static AppWindow openDefault(Stage stage) {
        try {
            return new AppWindow(stage, SampleNetworks.load(SampleNetworks.DEFAULT), null, stage.getScene().getWidth(),
                    stage.getScene().getHeight(), true);
        } catch (NetworkFileException e) {
            // The default network is bundled in the jar: failing to read it is a broken build, not a user error.
            throw new IllegalStateException("the bundled default network cannot be read", e);
        }
    }
}
