package dev.backstep.view;

import dev.backstep.model.RunState;
import dev.backstep.model.Session;
import dev.backstep.model.Snapshot;
import dev.backstep.trace.Notation;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

import java.nio.file.Path;

/** The bottom line: the last message (a divergence in plain words), the notation in force, the file. */
public final class StatusBar extends HBox {
    private final Label message = new Label();
    private final Label notation = new Label();
    private final Label file = new Label();
    private final dev.backstep.view.data.EpochProgressBar progress = new dev.backstep.view.data.EpochProgressBar();

    public StatusBar(Session session) {
        setId("statusBar");
        getStyleClass().add("status-bar");
        message.setId("statusMessage");
        notation.setId("statusNotation");
        file.setId("statusFile");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        setAlignment(Pos.CENTER_LEFT);
        setSpacing(16);
        getChildren().setAll(message, spacer, progress, notation, file);
        session.fileProperty().addListener((o, a, b) -> showFile(b));
        showFile(session.fileProperty().get());
    }

    private void showFile(Path path) {
        file.setText(path == null ? "bundled sample" : path.toString());
    }

    public void show(Snapshot s) {
        message.setText(s.message());
        message.getStyleClass().remove("warning");
        if (s.state() == RunState.DIVERGED) {
            message.getStyleClass().add("warning");
        }
        notation.setText(describe(s.notation()));
        progress.show(s);
    }

    /** The notation and the convention it writes δ and Δw in. */
    public static String describe(Notation n) {
        switch (n) {
            case SLIDES:
                return "slides notation: δ = −∂E/∂z, Δw = +η δ O";
            case NET_OUT:
                return "net/out notation: δ = ∂E/∂net";
            default:
                return "z/a notation: δ = ∂E/∂z";
        }
    }
}
