package dev.backstep.app;

import dev.backstep.io.NetworkFileException;
import dev.backstep.io.SampleNetworks;
import dev.backstep.view.formula.LatexImages;
import javafx.application.Application;
import javafx.stage.Stage;

/** The desktop app: one window on the default network, xor-2-4-1, ready to press Play. */
public final class BackstepApp extends Application {
    public static void launchApp(String[] args) {
        Application.launch(BackstepApp.class, args);
    }

    @Override
    public void start(Stage stage) throws NetworkFileException {
        AppWindow window = new AppWindow(stage, SampleNetworks.load(SampleNetworks.DEFAULT), null, AppWindow.WIDTH,
                AppWindow.HEIGHT, true);
        stage.setMinWidth(960);
        stage.setMinHeight(640);
        stage.show();
        if (Boolean.getBoolean("backstep.timing")) {
            StartupTiming.report(window);
        }
        // JLaTeXMath's fonts take a moment to load: start that now rather than on the first term.
        LatexImages.preload();
    }
}
