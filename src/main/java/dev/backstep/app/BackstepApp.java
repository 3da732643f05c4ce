package dev.backstep.app;

import dev.backstep.io.NetworkDefinition;
import dev.backstep.io.NetworkFileException;
import dev.backstep.io.SampleNetworks;
import javafx.application.Application;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

/** The desktop app. For now a minimal window on the default network, until the views land. */
public final class BackstepApp extends Application {
    public static void launchApp(String[] args) {
        Application.launch(BackstepApp.class, args);
    }

    @Override
    public void start(Stage stage) throws NetworkFileException {
        NetworkDefinition definition = SampleNetworks.load(SampleNetworks.DEFAULT);
        Label title = new Label(definition.name());
        title.setStyle("-fx-font-size: 28px; -fx-font-weight: bold;");
        Label description = new Label(definition.description());
        description.setWrapText(true);
        VBox root = new VBox(16, title, description);
        root.setPadding(new Insets(24));
        stage.setTitle("Backstep — " + definition.name());
        stage.setScene(new Scene(root, 900, 600));
        stage.show();
    }
}
