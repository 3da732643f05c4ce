package dev.backstep.view.graph;

import dev.backstep.view.ColorScale;
import dev.backstep.view.GraphMode;
import dev.backstep.view.ViewSettings;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.util.StringConverter;

/**
 * The layer graph's control panel, bound both ways to the {@link ViewSettings}: what the graph colours (weights,
 * gradients, updates), whether the colour scale follows the values or has a fixed maximum (stepping 1, 2, 5 × 10ⁿ),
 * and the threshold under which weak edges are hidden, as a fraction of the maximum. Changes only view settings,
 * never the network. FX thread.
 */
public final class GraphControls extends HBox {
    private final ViewSettings settings;
    private final ToggleGroup modes = new ToggleGroup();
    private final ToggleButton weights = new ToggleButton(GraphMode.WEIGHTS.label());
    private final ToggleButton gradients = new ToggleButton(GraphMode.GRADIENTS.label());
    private final ToggleButton updates = new ToggleButton(GraphMode.UPDATES.label());
    private final CheckBox autoScale = new CheckBox("Auto scale");
    private final Spinner<Double> scaleMax = new Spinner<>();
    private final Slider threshold = new Slider(0, 0.9, 0);
    private final Label thresholdValue = new Label();
    private boolean syncing;

    public GraphControls(ViewSettings settings) {
        this.settings = settings;
        setId("graphControls");
        createView();
        initListeners();
    }

    private void createView() {
        setSpacing(8);
        setAlignment(Pos.CENTER_LEFT);
        getStyleClass().add("graph-controls");
        weights.setId("graphModeWeights");
        gradients.setId("graphModeGradients");
        updates.setId("graphModeUpdates");
        weights.setUserData(GraphMode.WEIGHTS);
        gradients.setUserData(GraphMode.GRADIENTS);
        updates.setUserData(GraphMode.UPDATES);
        weights.setTooltip(new Tooltip("Edges by weight w, units by activation a"));
        gradients.setTooltip(new Tooltip("Edges by gradient ∂E/∂w, units by δ"));
        updates.setTooltip(new Tooltip("Edges by the last change Δw, units by δ"));
        for (ToggleButton b : new ToggleButton[] {weights, gradients, updates}) {
            b.setToggleGroup(modes);
            b.setFocusTraversable(true);
        }
        autoScale.setId("autoScale");
        autoScale.setTooltip(new Tooltip("Colour scale maximum follows the largest value shown"));
        scaleMax.setId("scaleMax");
        scaleMax.setEditable(true);
        scaleMax.setPrefWidth(110);
        scaleMax.setValueFactory(new NiceFactory());
        scaleMax.setTooltip(new Tooltip("The magnitude that gets the full colour and width"));
        threshold.setId("threshold");
        threshold.setPrefWidth(140);
        threshold.setBlockIncrement(0.05);
        threshold.setMajorTickUnit(0.1);
        threshold.setTooltip(new Tooltip("Hide edges weaker than this fraction of the maximum"));
        thresholdValue.setMinWidth(42);
        Label mode = new Label("Show");
        Label max = new Label("Max");
        Label hide = new Label("Hide below");
        getChildren().addAll(mode, weights, gradients, updates, autoScale, max, scaleMax, hide, threshold,
                thresholdValue);
        for (Node n : getChildren()) {
            if (n instanceof Control c && n != threshold) {
                c.setMinWidth(Region.USE_PREF_SIZE);
            }
        }
        threshold.setMinWidth(60);
        pull();
    }

    private void initListeners() {
        modes.selectedToggleProperty().addListener((o, old, now) -> {
            if (now == null) {
                // Keep one mode selected: clicking the selected button again does not clear it.
                if (old != null) {
                    modes.selectToggle(old);
                }
                return;
            }
            if (!syncing) {
                settings.graphModeProperty().set((GraphMode) now.getUserData());
            }
        });
        autoScale.selectedProperty().bindBidirectional(settings.autoScaleProperty());
        scaleMax.disableProperty().bind(settings.autoScaleProperty());
        scaleMax.valueProperty().addListener((o, old, now) -> {
            if (syncing) {
                return;
            }
            if (now != null && now > 0 && Double.isFinite(now)) {
                settings.scaleMaxProperty().set(now);
            } else {
                pull();
            }
        });
        threshold.valueProperty().bindBidirectional(settings.thresholdProperty());
        settings.graphModeProperty().addListener(o -> pull());
        settings.scaleMaxProperty().addListener(o -> pull());
        settings.thresholdProperty().addListener(o -> pull());
    }

    /** Copies the settings into the controls that are not bound directly. */
    private void pull() {
        syncing = true;
        try {
            GraphMode mode = settings.graphModeProperty().get();
            modes.selectToggle(mode == GraphMode.GRADIENTS ? gradients : mode == GraphMode.UPDATES ? updates
                    : weights);
            double max = settings.scaleMaxProperty().get();
            if (scaleMax.getValueFactory().getValue() == null || scaleMax.getValueFactory().getValue() != max) {
                scaleMax.getValueFactory().setValue(max);
            }
            thresholdValue.setText(Math.round(settings.thresholdProperty().get() * 100) + " %");
        } finally {
            syncing = false;
        }
    }

    /** Steps through 1, 2, 5 × 10ⁿ; typed values are taken as they are. */
    private static final class NiceFactory extends SpinnerValueFactory<Double> {
        NiceFactory() {
            setConverter(new StringConverter<>() {
                @Override
                public String toString(Double value) {
                    return value == null ? "" : GraphPainter.plain(value);
                }

                @Override
                public Double fromString(String text) {
                    try {
                        double v = Double.parseDouble(text.strip().replace('−', '-').replace(',', '.'));
                        return v > 0 && Double.isFinite(v) ? v : null;
                    } catch (NumberFormatException e) {
                        return null;
                    }
                }
            });
            setValue(2.0);
        }

        @Override
        public void increment(int steps) {
            double v = getValue() == null ? 1 : getValue();
            for (int i = 0; i < steps; i++) {
                v = ColorScale.niceMax(v * 1.0001);
            }
            setValue(Math.min(v, 1e6));
        }

        @Override
        public void decrement(int steps) {
            double v = getValue() == null ? 1 : getValue();
            for (int i = 0; i < steps; i++) {
                double below = v;
                double candidate = ColorScale.niceMax(v / 2.6);
                // the largest nice value strictly below v
                while (ColorScale.niceMax(candidate * 1.0001) < below) {
                    candidate = ColorScale.niceMax(candidate * 1.0001);
                }
                v = candidate < below ? candidate : below / 2;
            }
            setValue(Math.max(v, 1e-6));
        }
    }
}
