package dev.backstep.view.graph;

import dev.backstep.engine.Activation;
import dev.backstep.engine.BackPropagation;
import dev.backstep.engine.Dataset;
import dev.backstep.engine.InitSettings;
import dev.backstep.engine.Loss;
import dev.backstep.engine.Matrix;
import dev.backstep.engine.Network;
import dev.backstep.engine.Reduction;
import dev.backstep.engine.Workspace;
import dev.backstep.io.SampleNetworks;
import dev.backstep.model.LossLog;
import dev.backstep.model.RunState;
import dev.backstep.model.SessionWorker;
import dev.backstep.model.Snapshot;
import dev.backstep.trace.Notation;
import dev.backstep.trace.StepTrace;
import dev.backstep.trace.Term;
import dev.backstep.view.ColorScale;
import dev.backstep.view.GraphMode;
import dev.backstep.view.Theme;
import dev.backstep.view.ViewSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static dev.backstep.view.graph.FxSupport.onFx;
import static dev.backstep.view.graph.FxSupport.runFx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The layer graph on real snapshots, inspected through the description of what it drew (no robot). */
class LayerGraphViewTest {
    private static final double W = 1280;
    private static final double H = 760;
    private final List<SessionWorker> workers = new ArrayList<>();

    @BeforeAll
    static void startFx() {
        FxSupport.start();
    }

    @AfterEach
    void closeWorkers() {
        workers.forEach(SessionWorker::close);
    }

    private SessionWorker open(String sample) {
        try {
            SessionWorker w = new SessionWorker(SampleNetworks.load(sample));
            workers.add(w);
            return w;
        } catch (Exception e) {
            throw new IllegalStateException("cannot load the sample " + sample, e);
        }
    }

    private static LayerGraphView view(ViewSettings settings) {
        return onFx(() -> {
            LayerGraphView v = new LayerGraphView(settings);
            v.resize(W, H);
            v.layout();
            return v;
        });
    }

    private static GraphFrame.Drawing show(LayerGraphView view, Snapshot s) {
        return onFx(() -> {
            view.show(s);
            return view.drawing();
        });
    }

    @Test
    void pausedXorShowsEveryUnitEdgeAndBiasWithValues() {
        Snapshot s = open("xor-2-4-1").await();
        ViewSettings settings = new ViewSettings();
        LayerGraphView view = view(settings);
        GraphFrame.Drawing d = show(view, s);
        assertEquals("layerGraph", view.getId());
        assertFalse(d.termMode());
        assertEquals(7, d.units().size());
        assertEquals(8 + 4 + 4 + 1, d.edges().size(), "weights and every bias, the output's included");
        assertEquals(5, d.edges().stream().filter(e -> e.kind() == GraphElement.Kind.BIAS).count());
        double max = 0;
        for (GraphFrame.DrawnEdge e : d.edges()) {
            assertTrue(e.revealed() && e.shown());
            double w = e.kind() == GraphElement.Kind.BIAS ? s.network().layer(e.layer()).bias().value()[e.to()]
                    : s.network().layer(e.layer()).weight(e.from(), e.to());
            assertEquals(w, e.value(), 0, "edges show w in weights mode");
            max = Math.max(max, Math.abs(w));
        }
        assertEquals(ColorScale.niceMax(max), d.edgeMax(), 0, "auto scale: niceMax of the largest shown");
        int row = d.row();
        for (GraphFrame.DrawnUnit u : d.units()) {
            assertTrue(u.revealed());
            assertTrue(u.text().matches("−?\\d+\\.\\d{3}"), "fixed digits: " + u.text());
            double expected = u.layer() == 0 ? s.units().input().get(row, u.unit())
                    : s.units().layer(u.layer()).a().get(row, u.unit());
            assertEquals(expected, u.value(), 0);
        }
        assertEquals(s.unitSamples()[row], d.sample());
        assertEquals("weight w, bias b", d.edgeCaption());
        assertEquals(GraphFrame.Target.NONE, d.target());
        assertNull(d.callout());
    }

    @Test
    void paintsOnlyWhenTheSnapshotOrASettingChanges() {
        SessionWorker w = open("xor-2-4-1");
        Snapshot s = w.await();
        ViewSettings settings = new ViewSettings();
        LayerGraphView view = view(settings);
        show(view, s);
        int painted = onFx(view::paintCount);
        show(view, s);
        show(view, s);
        assertEquals(painted, (int) onFx(view::paintCount), "same version: no repaint");
        runFx(() -> settings.graphModeProperty().set(GraphMode.GRADIENTS));
        assertEquals(painted + 1, (int) onFx(view::paintCount));
        runFx(() -> settings.themeProperty().set(Theme.DARK));
        assertEquals(painted + 2, (int) onFx(view::paintCount));
        w.stepEpoch();
        show(view, w.await());
        assertEquals(painted + 3, (int) onFx(view::paintCount));
    }

    @Test
    void modesShowGradientsAndUpdatesAndUnitDeltas() {
        SessionWorker w = open("xor-2-4-1");
        w.stepEpoch();
        Snapshot s = w.await();
        ViewSettings settings = new ViewSettings();
        LayerGraphView view = view(settings);
        runFx(() -> settings.graphModeProperty().set(GraphMode.GRADIENTS));
        GraphFrame.Drawing d = show(view, s);
        GraphFrame.DrawnEdge e = d.edge(1, 0, 2);
        assertEquals(s.network().layer(1).weights().gradient()[2], e.value(), 0);
        GraphFrame.DrawnUnit h = d.unit(1, 1);
        assertEquals(s.units().layer(1).delta().get(d.row(), 1), h.value(), 0, "natural δ in the z-a notation");
        assertEquals("δ = ∂E/∂z", d.unitCaption());
        assertFalse(d.unit(0, 0).coloured(), "inputs have no δ: not coloured in gradients mode");

        runFx(() -> settings.graphModeProperty().set(GraphMode.UPDATES));
        d = onFx(view::drawing);
        assertEquals(s.network().layer(2).weights().update()[3], d.edge(2, 3, 0).value(), 0);
        assertEquals(s.network().layer(2).bias().update()[0], d.edge(2, -1, 0).value(), 0);
        assertEquals("last change Δw, Δb", d.edgeCaption());
    }

    @Test
    void thresholdHidesWeakEdgesAndFixedScaleIsUsed() {
        Snapshot s = open("xor-2-4-1").await();
        ViewSettings settings = new ViewSettings();
        LayerGraphView view = view(settings);
        runFx(() -> {
            settings.autoScaleProperty().set(false);
            settings.scaleMaxProperty().set(5);
            settings.thresholdProperty().set(0.1);
        });
        GraphFrame.Drawing d = show(view, s);
        assertEquals(5, d.edgeMax(), 0);
        for (GraphFrame.DrawnEdge e : d.edges()) {
            assertEquals(Math.abs(e.value()) >= 0.5, e.shown(), "edge " + e);
        }
        assertTrue(d.edges().stream().anyMatch(e -> !e.shown()), "xavier weights at init include weak ones");
    }

    @Test
    void slidesTermModeRevealsOnlyComputedValuesAndHighlightsTheCurrentTerm() {
        SessionWorker w = open("slides-035-07");
        for (int i = 0; i < 11; i++) {
            w.stepTerm();
        }
        Snapshot s = w.await();
        assertEquals(11, s.tracePosition());
        Term current = s.currentTerm();
        assertEquals("delta(o1)", current.key());
        ViewSettings settings = new ViewSettings();
        settings.graphModeProperty().set(GraphMode.GRADIENTS);
        LayerGraphView view = view(settings);
        GraphFrame.Drawing d = show(view, s);
        assertTrue(d.termMode());

        // Only revealed units carry values; δ is in the slides' sign, as the formula panel prints it.
        GraphFrame.DrawnUnit o1 = d.unit(2, 0);
        assertTrue(o1.revealed());
        assertEquals(current.value(), o1.value(), 1e-15);
        assertTrue(o1.value() < 0, "slides: δ₅ = y(1 − y)(t − y) < 0 here");
        assertEquals("δ = −∂E/∂z (slides' sign)", d.unitCaption());
        for (int j = 0; j < 2; j++) {
            GraphFrame.DrawnUnit h = d.unit(1, j);
            assertFalse(h.revealed(), "δ of h" + (j + 1) + " is not computed yet");
            assertEquals("?", h.text());
        }
        assertTrue(d.unit(0, 0).revealed(), "inputs are always known");
        assertEquals("0.350", d.unit(0, 0).text());
        // The gradients of the weights come after δ₅.
        for (GraphFrame.DrawnEdge e : d.edges()) {
            assertFalse(e.revealed(), "∂E/∂w of " + e + " not revealed yet");
            assertEquals("?", e.text());
        }
        // Highlight: the current term's unit; marked: the units of the terms it uses.
        assertEquals(GraphFrame.Target.UNIT, d.target());
        assertTrue(o1.highlighted());
        assertEquals(1, d.units().stream().filter(GraphFrame.DrawnUnit::highlighted).count());
        assertTrue(o1.used(), "δ₅ uses −∂E/∂y₅ and ∂y₅/∂a₅, both of o1");
        assertTrue(d.callout().startsWith("δ"), d.callout());
        assertTrue(d.callout().contains("−0.0367703"), d.callout());

        // One more term: ∂E/∂w₁₃ is revealed and highlighted; it uses δ₅ (o1) and y₃ (h1).
        w.stepTerm();
        d = show(view, w.await());
        assertEquals(GraphFrame.Target.EDGE, d.target());
        GraphFrame.DrawnEdge w13 = d.edge(2, 0, 0);
        assertTrue(w13.highlighted() && w13.revealed());
        assertEquals(w.await().currentTerm().value(), w13.value(), 1e-15);
        assertFalse(d.edge(2, 1, 0).revealed(), "∂E/∂w₂₃ is the next term");
        assertTrue(d.unit(2, 0).used() && d.unit(1, 0).used());
        assertFalse(d.unit(1, 1).used());
    }

    @Test
    void slidesWeightsModeShowsNewWeightsAsTheyAreRevealed() {
        SessionWorker w = open("slides-035-07");
        Snapshot start = w.await();
        ViewSettings settings = new ViewSettings();
        LayerGraphView view = view(settings);
        w.seek(25); // through w₁₁(new) (term 24)
        Snapshot s = w.await();
        StepTrace trace = s.trace();
        assertEquals(25, s.tracePosition());
        GraphFrame.Drawing d = show(view, s);
        assertEquals(trace.value(StepTrace.EdgeQuantity.NEW_VALUE, 1, 0, 0), d.edge(1, 0, 0).value(), 0);
        assertEquals(start.network().layer(1).weight(0, 1), d.edge(1, 0, 1).value(), 0, "w₁₂ not updated yet");
        assertTrue(d.units().stream().allMatch(GraphFrame.DrawnUnit::revealed), "activations all computed");
    }

    @Test
    void batchTermFollowsTheTermsSample() {
        SessionWorker w = open("xor-2-4-1");
        // Past the first sample's forward, loss and backward block: the second sample's first term.
        w.stepTerm();
        Snapshot first = w.await();
        int end = first.trace().endOfSampleBlock(0);
        w.seek(end + 1);
        Snapshot s = w.await();
        assertEquals(1, s.trace().sampleAt(1) == s.currentTerm().sample() ? 1 : 0);
        GraphFrame.Drawing d = show(view(new ViewSettings()), s);
        assertEquals(1, d.row());
        assertEquals(s.currentTerm().sample(), d.sample());
        assertTrue(d.callout().contains("sample"), d.callout());
    }

    @Test
    void hitTestingSelectionEditsAndTooltips() {
        SessionWorker w = open("slides-035-07");
        Snapshot s = w.await();
        ViewSettings settings = new ViewSettings();
        LayerGraphView view = view(settings);
        show(view, s);
        GraphLayout g = onFx(view::currentLayout);
        List<GraphElement> selected = new ArrayList<>();
        List<EditRequest> edits = new ArrayList<>();
        runFx(() -> {
            view.setOnSelect(selected::add);
            view.setOnEditRequest(edits::add);
        });

        int x1 = g.unitAt(0, 0);
        GraphElement input = onFx(() -> view.elementAt(g.unitX[x1], g.unitY[x1]));
        assertEquals(GraphElement.Kind.UNIT, input.kind());
        assertEquals(0.35, input.value(), 0);
        assertEquals(0, input.sample());
        EditRequest editInput = onFx(() -> view.editRequestFor(input));
        assertEquals(EditRequest.Target.INPUT, editInput.target());
        assertEquals(0, editInput.to());

        int o1 = g.unitAt(2, 0);
        GraphElement output = onFx(() -> view.elementAt(g.unitX[o1] - 5, g.unitY[o1] + 5));
        EditRequest editTarget = onFx(() -> view.editRequestFor(output));
        assertEquals(EditRequest.Target.TARGET, editTarget.target());
        assertEquals(0.5, editTarget.value(), 0);
        assertEquals(0, editTarget.sample());

        int h1 = g.unitAt(1, 0);
        assertNull(onFx(() -> view.editRequestFor(view.elementAt(g.unitX[h1], g.unitY[h1]))),
                "hidden units are computed, not edited");

        int e = g.edgeAt(2, 1, 0);
        double mx = (g.edgeX1[e] + g.edgeX2[e]) / 2;
        double my = (g.edgeY1[e] + g.edgeY2[e]) / 2;
        GraphElement edge = onFx(() -> view.elementAt(mx, my));
        assertEquals(GraphElement.edge(2, 1, 0, 0.9), edge);
        EditRequest editWeight = onFx(() -> view.editRequestFor(edge));
        assertEquals(EditRequest.Target.WEIGHT, editWeight.target());
        assertEquals("weight h2 → o1", editWeight.label());

        String tip = onFx(() -> view.tooltipTextAt(g.unitX[h1], g.unitY[h1]));
        assertTrue(tip.startsWith("h1"), tip);
        assertTrue(tip.contains("z = " + s.units().layer(1).z().get(0, 0)), tip);
        assertTrue(tip.contains("a = " + s.units().layer(1).a().get(0, 0)), tip);
        assertTrue(tip.contains("∂a/∂z = ") && tip.contains("∂E/∂a = ") && tip.contains("δ = ∂E/∂z = "), tip);
        assertTrue(tip.contains("δ (slides' sign) = −∂E/∂z = " + (-s.units().layer(1).delta().get(0, 0))), tip);
        String edgeTip = onFx(() -> view.tooltipTextAt(mx, my));
        assertTrue(edgeTip.startsWith("h2 → o1") && edgeTip.contains("w23"), edgeTip);
        assertTrue(edgeTip.contains("w = 0.9") && edgeTip.contains("∂E/∂w = ") && edgeTip.contains("Δw"), edgeTip);
        assertNull(onFx(() -> view.tooltipTextAt(W - 3, g.unitTop + 2)));
        assertTrue(selected.isEmpty() && edits.isEmpty(), "callbacks fire only on clicks");
    }

    @Test
    void biasesAreVisibleAndEditable() {
        Snapshot s = open("mazur-2-2-2").await();
        LayerGraphView view = view(new ViewSettings());
        GraphFrame.Drawing d = show(view, s);
        assertEquals(0.60, d.edge(2, -1, 1).value(), 0, "the output's bias is drawn");
        assertEquals(0.35, d.edge(1, -1, 0).value(), 0);
        GraphLayout g = onFx(view::currentLayout);
        int e = g.edgeAt(2, -1, 1);
        double x = g.edgeX1[e] + 0.5 * (g.edgeX2[e] - g.edgeX1[e]);
        double y = g.edgeY1[e] + 0.5 * (g.edgeY2[e] - g.edgeY1[e]);
        GraphElement bias = onFx(() -> view.elementAt(x, y));
        assertEquals(GraphElement.bias(2, 1, 0.60), bias);
        EditRequest edit = onFx(() -> view.editRequestFor(bias));
        assertEquals(EditRequest.Target.BIAS, edit.target());
        assertTrue(onFx(() -> view.tooltipTextAt(x, y)).contains("frozen"));
    }

    @Test
    void mnistSizedNetworkDrawsABoundedSummaryQuickly() {
        Network net = new Network(new int[] {784, 128, 64, 10},
                new Activation[] {Activation.RELU, Activation.RELU, Activation.SOFTMAX},
                new boolean[] {true, true, true}, Loss.CROSS_ENTROPY, Reduction.MEAN);
        net.initialize(InitSettings.DEFAULT);
        int rows = 3;
        Random random = new Random(5);
        Matrix x = new Matrix(rows, 784);
        Matrix t = new Matrix(rows, 10);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < 784; j++) {
                x.set(i, j, random.nextDouble());
            }
            t.set(i, i, 1);
        }
        Workspace ws = new Workspace(net, rows);
        BackPropagation.forward(net, x, ws);
        BackPropagation.loss(net, t, ws);
        BackPropagation.backward(net, ws);
        Snapshot s = new Snapshot(1, null, net, new Dataset(x, t), null, ws, new int[] {0, 1, 2}, 0, 0, 1,
                new LossLog(), 0, new LossLog(), 0, null, 0, false, RunState.PAUSED, "", 0, 1, null, null,
                Notation.Z_A, false, false);
        ViewSettings settings = new ViewSettings();
        LayerGraphView view = view(settings);
        long start = System.nanoTime();
        GraphFrame.Drawing d = show(view, s);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < 2000, "first paint took " + millis + " ms");
        assertTrue(d.units().size() <= 4 * GraphLayout.MAX_SLOTS, d.units().size() + " units");
        assertTrue(d.drawnEdges() <= GraphLayout.MAX_DRAWN_EDGES);
        assertTrue(d.units().stream().filter(u -> u.layer() == 0).count() < 784);
        // The inputs shown are the ones with the largest summed |w|.
        double[] importance = LayerGraphView.importance(net, 0);
        double weakestShown = d.units().stream().filter(u -> u.layer() == 0).mapToDouble(u -> importance[u.unit()])
                .min().orElseThrow();
        long stronger = java.util.Arrays.stream(importance).filter(v -> v > weakestShown).count();
        assertTrue(stronger < d.units().stream().filter(u -> u.layer() == 0).count());
        // Later frames are cheap.
        start = System.nanoTime();
        for (int i = 0; i < 20; i++) {
            int mode = i % 3;
            runFx(() -> settings.graphModeProperty().set(GraphMode.values()[mode]));
        }
        millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < 4000, "20 repaints took " + millis + " ms");
        assertNotNull(onFx(view::drawing));
    }

    @Test
    void controlsAreBoundToTheSettings() {
        ViewSettings settings = new ViewSettings();
        GraphControls controls = onFx(() -> new GraphControls(settings));
        runFx(() -> {
            javafx.scene.control.ToggleButton gradients = (javafx.scene.control.ToggleButton) controls
                    .lookup("#graphModeGradients");
            gradients.fire();
        });
        assertEquals(GraphMode.GRADIENTS, settings.graphModeProperty().get());
        runFx(() -> settings.graphModeProperty().set(GraphMode.UPDATES));
        assertTrue(onFx(() -> ((javafx.scene.control.ToggleButton) controls.lookup("#graphModeUpdates"))
                .isSelected()));
        runFx(() -> ((javafx.scene.control.ToggleButton) controls.lookup("#graphModeUpdates")).fire());
        assertEquals(GraphMode.UPDATES, settings.graphModeProperty().get(), "a mode cannot be unselected");

        runFx(() -> ((javafx.scene.control.CheckBox) controls.lookup("#autoScale")).fire());
        assertFalse(settings.autoScaleProperty().get());
        @SuppressWarnings("unchecked")
        javafx.scene.control.Spinner<Double> max = onFx(() -> (javafx.scene.control.Spinner<Double>) controls
                .lookup("#scaleMax"));
        runFx(() -> max.increment());
        assertEquals(5, settings.scaleMaxProperty().get(), 0, "2 → 5");
        runFx(() -> max.decrement(2));
        assertEquals(1, settings.scaleMaxProperty().get(), 0, "5 → 2 → 1");
        runFx(() -> settings.scaleMaxProperty().set(0.5));
        assertEquals(0.5, max.getValue(), 0);

        runFx(() -> ((javafx.scene.control.Slider) controls.lookup("#threshold")).setValue(0.3));
        assertEquals(0.3, settings.thresholdProperty().get(), 1e-12);
    }
}
