package dev.backstep.view.edit;

import dev.backstep.engine.Activation;
import dev.backstep.io.ArchitectureChange;
import dev.backstep.io.NetworkDefinition;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

import java.util.ArrayList;
import java.util.List;

/**
 * The layers of the network to edit: size, activation and bias of each layer after the input, hidden layers added
 * and removed, with the resulting shape (2-4-1) shown large and any problem named. The input and output sizes are
 * fixed by the data. The result is the new list of layers; the network is then drawn afresh from its seed.
 */
public final class ArchitectureDialog extends Dialog<List<ArchitectureChange.Layer>> {
    private final NetworkDefinition definition;
    private final int inputs;
    private final int outputs;
    private final List<Row> rows = new ArrayList<>();
    private final GridPane grid = new GridPane();
    private final Label shape = new Label();
    private final Label problem = new Label();

    /** The controls of one layer after the input. */
    private record Row(Spinner<Integer> size, ComboBox<Activation> activation, CheckBox bias) {
        ArchitectureChange.Layer layer() {
            return new ArchitectureChange.Layer(size.getValue(), activation.getValue(), bias.isSelected());
        }
    }

    public ArchitectureDialog(Window owner, double fontScale, NetworkDefinition definition) {
        this.definition = definition;
        List<ArchitectureChange.Layer> layers = ArchitectureChange.layersOf(definition);
        inputs = definition.layers().get(0).size();
        outputs = layers.get(layers.size() - 1).size();
        initOwner(owner);
        setTitle("Layers");
        setHeaderText("Layers of " + definition.name() + ".\nOK draws the network afresh from seed "
                + definition.init().seed() + " and restarts training at epoch 0;\nUndo (Ctrl+Z) brings back the"
                + " network as it is now.");
        getDialogPane().setId("architectureEditor");
        getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        DialogStyle.apply(getDialogPane(), owner, fontScale);

        for (ArchitectureChange.Layer layer : layers) {
            rows.add(row(layer));
        }
        grid.setHgap(12);
        grid.setVgap(6);
        grid.setPadding(new Insets(4));
        shape.setId("architectureShape");
        shape.setStyle(String.format(java.util.Locale.ROOT, "-fx-font-size: %.0fpx; -fx-font-weight: bold;",
                26 * fontScale));
        problem.setId("architectureProblem");
        problem.setWrapText(true);
        problem.setStyle("-fx-text-fill: -bs-negative; -fx-font-weight: bold;");
        Button add = new Button("Add hidden layer");
        add.setId("addHiddenLayer");
        add.setOnAction(e -> addHidden());
        Label shapeTitle = new Label("Shape:");
        shapeTitle.getStyleClass().add("field-label");
        HBox preview = new HBox(12, shapeTitle, shape);
        preview.setAlignment(Pos.BASELINE_LEFT);
        VBox content = new VBox(12, grid, add, preview, problem);
        content.setPrefWidth(620 * fontScale);
        getDialogPane().setContent(content);
        setResultConverter(button -> button == ButtonType.OK ? layers() : null);
        layoutRows();
    }

    private Row row(ArchitectureChange.Layer layer) {
        Spinner<Integer> size = new Spinner<>(1, ArchitectureChange.MAX_SIZE, layer.size());
        size.setEditable(true);
        size.setPrefWidth(110);
        size.valueProperty().addListener((o, a, b) -> check());
        ComboBox<Activation> activation = new ComboBox<>();
        activation.getItems().setAll(Activation.values());
        activation.setValue(layer.activation());
        activation.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Activation a) {
                return a == null ? "" : a.id();
            }

            @Override
            public Activation fromString(String text) {
                return Activation.byId(text).orElse(null);
            }
        });
        activation.valueProperty().addListener((o, a, b) -> check());
        CheckBox bias = new CheckBox("bias");
        bias.setSelected(layer.bias());
        bias.selectedProperty().addListener((o, a, b) -> check());
        return new Row(size, activation, bias);
    }

    /** A hidden layer before the output, like the last hidden layer (or 4 tanh units when there is none). */
    private void addHidden() {
        Row like = rows.size() > 1 ? rows.get(rows.size() - 2) : null;
        ArchitectureChange.Layer layer = like == null ? new ArchitectureChange.Layer(4, Activation.TANH, true)
                : like.layer();
        rows.add(rows.size() - 1, row(layer));
        layoutRows();
        fitWindow();
    }

    private void layoutRows() {
        grid.getChildren().clear();
        grid.addRow(0, header("Layer"), header("Units"), header("Activation"), header("Bias"));
        grid.addRow(1, new Label("Input"), fixed(inputs), new Label("—"), new Label(""));
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            boolean output = i == rows.size() - 1;
            int n = i + 1;
            row.size().setId("layerSize" + n);
            row.activation().setId("layerActivation" + n);
            row.bias().setId("layerBias" + n);
            Label name = new Label(output ? "Output" : "Hidden " + n);
            grid.addRow(n + 1, name, output ? fixed(outputs) : row.size(), row.activation(), row.bias());
            if (!output) {
                Button remove = new Button("Remove");
                remove.setId("removeLayer" + n);
                remove.setOnAction(e -> {
                    rows.remove(row);
                    layoutRows();
                    fitWindow();
                });
                grid.add(remove, 4, n + 1);
            }
        }
        check();
    }

    /** Grows or shrinks the open dialog with its rows, so the buttons stay on screen. */
    private void fitWindow() {
        if (getDialogPane().getScene() != null && getDialogPane().getScene().getWindow() != null) {
            getDialogPane().getScene().getWindow().sizeToScene();
        }
    }

    /** A size the data fixes (input and output), shown but not editable. */
    private static Label fixed(int size) {
        Label label = new Label(size + "  (fixed by the data)");
        return label;
    }

    private static Label header(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("field-label");
        return label;
    }

    private void check() {
        List<ArchitectureChange.Layer> layers = layers();
        shape.setText(ArchitectureChange.shape(inputs, layers));
        String text = ArchitectureChange.problem(definition, layers);
        problem.setText(text == null ? "" : text);
        problem.setVisible(text != null);
        getDialogPane().lookupButton(ButtonType.OK).setDisable(text != null);
    }

    private List<ArchitectureChange.Layer> layers() {
        List<ArchitectureChange.Layer> layers = new ArrayList<>();
        for (Row row : rows) {
            layers.add(row.layer());
        }
        return layers;
    }

    /** The shape as shown, e.g. 2-4-1 (for tests). */
    public String shapeText() {
        return shape.getText();
    }
}
