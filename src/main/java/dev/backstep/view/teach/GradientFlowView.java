package dev.backstep.view.teach;

import dev.backstep.model.LossLog;
import dev.backstep.model.Snapshot;
import dev.backstep.trace.Numbers;
import dev.backstep.view.SnapshotView;
import dev.backstep.view.ViewSettings;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.util.ArrayList;
import java.util.List;

/**
 * Vanishing and exploding gradients (seed 000, slide 11): the norm ‖∂E/∂W‖ of each layer's weights at the last
 * step of every epoch, on a logarithmic axis, one line per layer. A line far below the others is a layer that barely
 * learns; the verdict above the chart compares the first layer with the last at the latest epoch.
 */
public final class GradientFlowView extends VBox implements SnapshotView {
    /** A ratio of first to last layer beyond a hundredfold either way is called vanishing or exploding. */
    static final double HUNDREDFOLD = 100;

    private final ViewSettings settings;
    private final Label verdict = new Label();
    private final LogLineChart chart = new LogLineChart();
    private long shownVersion = -1;

    public GradientFlowView(ViewSettings settings) {
        this.settings = settings;
        setId("gradientFlowView");
        TeachStyles.apply(this, settings);
        Label title = new Label("Gradient flow: how strongly each layer learns");
        title.getStyleClass().add("teach-title");
        Label explain = new Label("‖∂E/∂W‖ of each layer's weights at the last step of every epoch, log scale."
                + " Backpropagation multiplies the error signal by each layer's weights and its activation's slope on"
                + " the way back: a sigmoid's slope is at most 0.25, so in a deep sigmoid network the first layers'"
                + " gradients shrink by orders of magnitude (vanishing); ReLU's slope is 1 where it is active."
                + " Compare the samples deep-sigmoid and deep-relu.");
        explain.getStyleClass().add("teach-note");
        explain.setWrapText(true);
        verdict.setId("gradientFlowVerdict");
        verdict.getStyleClass().add("teach-summary");
        verdict.setWrapText(true);
        chart.setId("gradientFlowChart");
        VBox.setVgrow(chart, Priority.ALWAYS);
        getChildren().setAll(title, explain, verdict, chart);
        settings.themeProperty().addListener((o, a, b) -> shownVersion = -1);
        settings.fontScaleProperty().addListener((o, a, b) -> shownVersion = -1);
    }

    @Override
    public Node node() {
        return this;
    }

    @Override
    public void show(Snapshot snapshot) {
        if (snapshot.version() == shownVersion) {
            return;
        }
        shownVersion = snapshot.version();
        LossLog[] norms = snapshot.history().gradientNorms();
        int count = snapshot.trainLossCount();
        int layers = norms.length;
        List<LogLineChart.Series> series = new ArrayList<>();
        for (int l = 0; l < layers; l++) {
            double[] values = new double[count];
            for (int e = 0; e < count; e++) {
                values[e] = norms[l].get(e);
            }
            series.add(new LogLineChart.Series(layerName(l + 1, layers), values, count));
        }
        chart.setData(series, "epoch", "‖∂E/∂W‖ (log scale)", settings.themeProperty().get(),
                TeachStyles.fontSize(settings));
        verdict.setText(verdict(series, count));
    }

    static String layerName(int layer, int layers) {
        return "W" + layer + (layer == layers ? " (output)" : layer == 1 ? " (first hidden)" : " (hidden " + layer
                + ")");
    }

    private static String verdict(List<LogLineChart.Series> series, int count) {
        if (count == 0 || series.size() < 2) {
            return series.size() < 2 ? "One layer only: nothing to compare." : "Train (Space) to see the gradients.";
        }
        double first = series.get(0).values()[count - 1];
        double last = series.get(series.size() - 1).values()[count - 1];
        if (!(first > 0) || !(last > 0) || !Double.isFinite(first) || !Double.isFinite(last)) {
            return "Epoch " + count + ": a gradient norm is zero or not finite.";
        }
        double ratio = first / last;
        String word = ratio < 1 / HUNDREDFOLD ? "vanishing: the first layer barely learns"
                : ratio > HUNDREDFOLD ? "exploding: the first layer's steps are huge" : "the gradient reaches every layer";
        return "Epoch " + count + ": first layer ‖∂E/∂W1‖ = " + Numbers.format(first, 3, true) + ", output layer "
                + Numbers.format(last, 3, true) + ", ratio " + Numbers.format(ratio, 2, true) + " — " + word + ".";
    }
}
