package dev.backstep.view.edit;

import dev.backstep.engine.Dataset;
import dev.backstep.model.DataEdits;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

import java.util.ArrayList;
import java.util.List;

/**
 * The training data as a table to edit: a row per sample with its inputs and targets, rows added and removed. Every
 * change is checked at once; while something is wrong, the first problem is named (row, column, what was expected)
 * and OK is disabled. The result is the new table; the caller replaces the data with it.
 */
public final class DataTableDialog extends Dialog<DataTableDialog.Table> {
    /** The edited samples, one row each. */
    public record Table(double[][] inputs, double[][] targets) {
    }

    private final List<String> inputNames;
    private final List<String> targetNames;
    private final int minimumRows;
    private final List<TextField[]> rows = new ArrayList<>();
    private final GridPane grid = new GridPane();
    private final Label problem = new Label();
    private final Label count = new Label();

    /**
     * @param minimumRows the fewest samples training can use (one, or a mini-batch)
     */
    public DataTableDialog(Window owner, double fontScale, String networkName, Dataset data, List<String> inputNames,
                           List<String> targetNames, int minimumRows) {
        this.inputNames = inputNames;
        this.targetNames = targetNames;
        this.minimumRows = minimumRows;
        initOwner(owner);
        setTitle("Training data");
        setHeaderText("Training data of " + networkName + ".\nOK replaces it and restarts training at epoch 0;"
                + " the test set stays as it is.");
        getDialogPane().setId("dataEditor");
        getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        DialogStyle.apply(getDialogPane(), owner, fontScale);

        grid.setHgap(8);
        grid.setVgap(4);
        grid.setPadding(new Insets(4));
        for (int r = 0; r < data.size(); r++) {
            addRow(data.inputs().row(r), data.targets().row(r));
        }
        ScrollPane scroll = new ScrollPane(grid);
        scroll.setFitToWidth(true);
        scroll.setPrefViewportHeight(Math.min(420 * fontScale, 40 * fontScale * (data.size() + 1)));
        Button add = new Button("Add row");
        add.setId("addRow");
        add.setOnAction(e -> {
            addRow(new double[inputNames.size()], new double[targetNames.size()]);
            check();
        });
        problem.setId("dataProblem");
        problem.setWrapText(true);
        problem.setStyle("-fx-text-fill: -bs-negative; -fx-font-weight: bold;");
        count.getStyleClass().add("description");
        HBox actions = new HBox(12, add, count);
        actions.setAlignment(Pos.CENTER_LEFT);
        VBox content = new VBox(8, scroll, actions, problem);
        content.setPrefWidth(Math.max(440, 130 * (inputNames.size() + targetNames.size()) + 160) * fontScale);
        getDialogPane().setContent(content);
        setResultConverter(button -> button == ButtonType.OK ? table() : null);
        check();
    }

    private void addRow(double[] inputs, double[] targets) {
        TextField[] fields = new TextField[inputs.length + targets.length];
        for (int c = 0; c < fields.length; c++) {
            double v = c < inputs.length ? inputs[c] : targets[c - inputs.length];
            TextField field = new TextField(format(v));
            field.setPrefColumnCount(7);
            field.textProperty().addListener((o, a, b) -> check());
            fields[c] = field;
        }
        rows.add(fields);
        layoutRows();
    }

    private void removeRow(TextField[] fields) {
        rows.remove(fields);
        layoutRows();
        check();
    }

    /** Numbers the rows again and names every field by its place, so messages and tests can find them. */
    private void layoutRows() {
        grid.getChildren().clear();
        grid.add(header("#"), 0, 0);
        for (int c = 0; c < inputNames.size(); c++) {
            grid.add(header(inputNames.get(c)), 1 + c, 0);
        }
        for (int c = 0; c < targetNames.size(); c++) {
            grid.add(header("target " + targetNames.get(c)), 1 + inputNames.size() + c, 0);
        }
        for (int r = 0; r < rows.size(); r++) {
            TextField[] fields = rows.get(r);
            grid.add(new Label(Integer.toString(r + 1)), 0, r + 1);
            for (int c = 0; c < fields.length; c++) {
                fields[c].setId("cell-" + r + "-" + c);
                grid.add(fields[c], 1 + c, r + 1);
            }
            Button remove = new Button("Remove");
            remove.setId("removeRow" + r);
            remove.setOnAction(e -> removeRow(fields));
            grid.add(remove, 1 + fields.length, r + 1);
        }
    }

    private static Node header(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("field-label");
        return label;
    }

    /** Marks unreadable fields, names the first problem and allows OK only without one. */
    private void check() {
        String first = null;
        for (int r = 0; r < rows.size(); r++) {
            TextField[] fields = rows.get(r);
            for (int c = 0; c < fields.length; c++) {
                boolean ok = parse(fields[c].getText()) != null;
                fields[c].getStyleClass().remove("invalid");
                if (!ok) {
                    fields[c].getStyleClass().add("invalid");
                    if (first == null) {
                        first = "row " + (r + 1) + ", " + column(c) + ": \"" + fields[c].getText().strip()
                                + "\" is not a number (expected a finite number such as 0.5 or -1e-3)";
                    }
                }
            }
        }
        if (first == null) {
            Table table = table();
            first = DataEdits.problem(table.inputs(), table.targets(), inputNames.size(), targetNames.size(),
                    minimumRows);
        }
        problem.setText(first == null ? "" : first);
        problem.setVisible(first != null);
        count.setText(rows.size() + " sample" + (rows.size() == 1 ? "" : "s"));
        getDialogPane().lookupButton(ButtonType.OK).setDisable(first != null);
    }

    private String column(int c) {
        return c < inputNames.size() ? inputNames.get(c) : "target " + targetNames.get(c - inputNames.size());
    }

    private Table table() {
        double[][] inputs = new double[rows.size()][inputNames.size()];
        double[][] targets = new double[rows.size()][targetNames.size()];
        for (int r = 0; r < rows.size(); r++) {
            TextField[] fields = rows.get(r);
            for (int c = 0; c < fields.length; c++) {
                Double v = parse(fields[c].getText());
                double value = v == null ? Double.NaN : v;
                if (c < inputs[r].length) {
                    inputs[r][c] = value;
                } else {
                    targets[r][c - inputs[r].length] = value;
                }
            }
        }
        return new Table(inputs, targets);
    }

    /** The number in a field (a minus sign may be the typographic one), or null. */
    static Double parse(String text) {
        try {
            double v = Double.parseDouble(text.strip().replace('−', '-'));
            return Double.isFinite(v) ? v : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    /** The number of rows shown (for tests). */
    public int rowCount() {
        return rows.size();
    }
}
