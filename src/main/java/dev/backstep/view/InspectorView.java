package dev.backstep.view;

import dev.backstep.engine.DenseLayer;
import dev.backstep.engine.LayerState;
import dev.backstep.engine.Network;
import dev.backstep.model.Snapshot;
import dev.backstep.trace.Element;
import dev.backstep.trace.NetworkLabels;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

import java.util.ArrayList;
import java.util.List;

/**
 * Every value of the element selected on the graph, at full precision, kept current as training goes on: for a
 * unit z, a, ∂E/∂a, ∂a/∂z and δ of the sample shown; for a weight or a bias its value, gradient and last change.
 */
public final class InspectorView extends VBox {
    private final ObjectProperty<Element> selected = new SimpleObjectProperty<>(this, "selected");
    private final Label title = new Label("Inspector");
    private final Label hint = new Label("Click a unit, a weight or a bias on the graph to see all its values.");
    private final GridPane grid = new GridPane();
    private final ViewSettings settings;
    private Snapshot last;

    public InspectorView(ViewSettings settings) {
        this.settings = settings;
        setId("inspector");
        getStyleClass().add("inspector");
        title.getStyleClass().add("pane-title");
        hint.setWrapText(true);
        hint.getStyleClass().add("description");
        grid.setHgap(12);
        grid.setVgap(3);
        grid.setStyle("-fx-padding: 2 8 8 8;");
        getChildren().setAll(title, hint, grid);
        selected.addListener((o, a, b) -> refresh());
        settings.focusRowProperty().addListener((o, a, b) -> refresh());
    }

    /** The element shown; null shows the hint. */
    public ObjectProperty<Element> selectedProperty() {
        return selected;
    }

    public void show(Snapshot snapshot) {
        last = snapshot;
        refresh();
    }

    private void refresh() {
        Element element = selected.get();
        grid.getChildren().clear();
        hint.setVisible(element == null || last == null);
        hint.setManaged(hint.isVisible());
        if (element == null || last == null) {
            title.setText("Inspector");
            return;
        }
        NetworkLabels labels = last.definition().labels();
        Network network = last.network();
        if (element.layer() >= labels.layerCount() || element.to() >= labels.size(Math.max(0, element.layer()))) {
            selected.set(null);
            return;
        }
        title.setText(element.describe(labels));
        List<String[]> rows = new ArrayList<>();
        switch (element.kind()) {
            case UNIT:
                unitRows(element, rows);
                break;
            case EDGE: {
                DenseLayer layer = network.layer(element.layer());
                int index = element.from() * layer.size() + element.to();
                String name = last.definition().weightName(element.layer() - 1, element.from(), element.to());
                if (name != null) {
                    rows.add(new String[] {"name", name});
                }
                rows.add(new String[] {"w", exact(layer.weights().value()[index])});
                rows.add(new String[] {"∂E/∂w", exact(layer.weights().gradient()[index])});
                rows.add(new String[] {"last Δw", exact(layer.weights().update()[index])});
                rows.add(new String[] {"frozen", Boolean.toString(layer.weights().isFrozen())});
                break;
            }
            case BIAS: {
                DenseLayer layer = network.layer(element.layer());
                if (!layer.hasBias()) {
                    break;
                }
                int j = element.to();
                rows.add(new String[] {"b", exact(layer.bias().value()[j])});
                rows.add(new String[] {"∂E/∂b", exact(layer.bias().gradient()[j])});
                rows.add(new String[] {"last Δb", exact(layer.bias().update()[j])});
                rows.add(new String[] {"frozen", Boolean.toString(layer.bias().isFrozen())});
                break;
            }
            default:
                break;
        }
        for (int r = 0; r < rows.size(); r++) {
            Label key = new Label(rows.get(r)[0]);
            Label value = new Label(rows.get(r)[1]);
            value.getStyleClass().add("inspector-value");
            grid.addRow(r, key, value);
        }
    }

    private void unitRows(Element element, List<String[]> rows) {
        int layer = element.layer();
        int j = element.to();
        int row = Math.max(0, Math.min(settings.focusRowProperty().get(), last.units().rows() - 1));
        int sample = last.unitSamples()[row];
        rows.add(new String[] {"sample", Integer.toString(sample + 1)});
        if (layer == 0) {
            rows.add(new String[] {"input", exact(last.units().input().get(row, j))});
            return;
        }
        LayerState state = last.units().layer(layer);
        rows.add(new String[] {"z", exact(state.z().get(row, j))});
        rows.add(new String[] {"a", exact(state.a().get(row, j))});
        rows.add(new String[] {"∂E/∂a", exact(state.dEda().get(row, j))});
        rows.add(new String[] {"∂a/∂z", exact(state.dadz().get(row, j))});
        rows.add(new String[] {"δ = ∂E/∂z", exact(state.delta().get(row, j))});
        if (layer == last.definition().layers().size() - 1 && last.units().target() != null) {
            rows.add(new String[] {"target", exact(last.units().target().get(row, j))});
        }
    }

    private static String exact(double value) {
        return Double.toString(value);
    }
}
