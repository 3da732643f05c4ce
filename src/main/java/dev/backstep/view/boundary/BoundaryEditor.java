package dev.backstep.view.boundary;

import dev.backstep.engine.Network;
import dev.backstep.model.DataEdits;
import dev.backstep.model.Session;
import dev.backstep.model.Snapshot;
import dev.backstep.view.Theme;
import dev.backstep.view.UserActions;
import dev.backstep.view.ViewSettings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;

import java.util.ArrayList;
import java.util.List;

/**
 * The decision boundary with a bar for editing its points: a chooser of the class a click adds (each class in its
 * colour and with the training marker the plot uses), and a hint. Click adds a point of the chosen class,
 * Shift-click removes the nearest; both only while paused, which the hint says while training runs.
 */
public final class BoundaryEditor extends BorderPane {
    private static final String PAUSED_HINT = "Click adds · Shift-click removes the nearest";
    private static final String RUNNING_HINT = "Pause (Space) to add or remove points";

    private final DecisionBoundaryView boundary;
    private final ViewSettings settings;
    private final HBox bar = new HBox(8);
    private final HBox classes = new HBox(6);
    private final ToggleGroup choice = new ToggleGroup();
    private final Label hint = new Label();
    private final List<Circle> markers = new ArrayList<>();
    /** The class count and output names the buttons were made for. */
    private String madeFor = "";
    private boolean singleOutput;

    public BoundaryEditor(DecisionBoundaryView boundary, Session session, ViewSettings settings,
                          UserActions actions) {
        this.boundary = boundary;
        this.settings = settings;
        setId("boundaryEditor");
        Label add = new Label("Add:");
        add.getStyleClass().add("field-label");
        hint.setId("boundaryHint");
        hint.getStyleClass().add("description");
        classes.setAlignment(Pos.CENTER_LEFT);
        classes.setMinWidth(Region.USE_PREF_SIZE);
        add.setMinWidth(Region.USE_PREF_SIZE);
        hint.setMinWidth(0);
        // A class stays chosen: clicking the chosen button again must not leave clicks adding nothing.
        choice.selectedToggleProperty().addListener((o, was, is) -> {
            if (is == null && was != null) {
                was.setSelected(true);
            }
        });
        bar.getChildren().setAll(add, classes, hint);
        bar.setAlignment(Pos.CENTER_LEFT);
        // Thin: the plot below needs the height more (the side pane is short on a 1080-line projector).
        bar.setPadding(new Insets(2, 8, 2, 8));
        setTop(bar);
        setCenter(boundary);

        boundary.setOnPlaneClick((x, y, shift) -> {
            if (session.runningProperty().get()) {
                return; // the hint already says to pause
            }
            if (shift) {
                actions.removeNearestPoint(x, y);
            } else if (choice.getSelectedToggle() != null) {
                actions.addPoint(x, y, (Integer) choice.getSelectedToggle().getUserData());
            }
        });
        session.runningProperty().addListener((o, was, running) -> showHint(running));
        session.snapshotProperty().addListener((o, was, s) -> update(s));
        settings.themeProperty().addListener((o, was, theme) -> colour(theme));
        showHint(session.runningProperty().get());
        update(session.snapshot());
    }

    private void showHint(boolean running) {
        hint.setText(running ? RUNNING_HINT : PAUSED_HINT);
        classes.setDisable(running);
    }

    /** Makes one button per class when the network's outputs change; hides the bar without two inputs. */
    private void update(Snapshot s) {
        if (s == null) {
            return;
        }
        Network network = s.network();
        boolean plane = network.inputSize() == 2;
        bar.setVisible(plane);
        bar.setManaged(plane);
        List<String> outputs = s.definition().layers().get(s.definition().layers().size() - 1).names();
        int count = DataEdits.classCount(network);
        String key = count + " " + outputs;
        if (key.equals(madeFor)) {
            return;
        }
        madeFor = key;
        singleOutput = network.outputSize() == 1;
        int selected = choice.getSelectedToggle() == null ? count - 1 : (Integer) choice.getSelectedToggle().getUserData();
        classes.getChildren().clear();
        markers.clear();
        for (int c = 0; c < count; c++) {
            Circle marker = new Circle(6);
            marker.setStrokeWidth(1.3);
            markers.add(marker);
            String name = singleOutput ? "class " + c : outputs.get(c);
            ToggleButton button = new ToggleButton(name, marker);
            button.setMinWidth(Region.USE_PREF_SIZE);
            button.setStyle("-fx-padding: 1 6 1 4;");
            button.setId("addClass" + c);
            button.setUserData(c);
            button.setToggleGroup(choice);
            button.setSelected(c == Math.min(selected, count - 1));
            classes.getChildren().add(button);
        }
        colour(settings.themeProperty().get());
    }

    private void colour(Theme theme) {
        for (int c = 0; c < markers.size(); c++) {
            markers.get(c).setFill(classColour(theme, singleOutput, c));
            markers.get(c).setStroke(theme.text());
        }
    }

    /**
     * The colour the boundary view gives points of class {@code cls}: for one output the theme's negative colour
     * for the low target (class 0) and its positive colour for 1, for several outputs the class colours.
     */
    static Color classColour(Theme theme, boolean singleOutput, int cls) {
        if (singleOutput) {
            return DecisionBoundaryView.pointColor(theme, cls == 1 ? 1 : -1);
        }
        return theme.classColor(cls);
    }

    public DecisionBoundaryView boundary() {
        return boundary;
    }
}
