package dev.backstep.view.graph;

import dev.backstep.io.SampleNetworks;
import dev.backstep.model.SessionWorker;
import dev.backstep.model.Snapshot;
import dev.backstep.trace.Element;
import dev.backstep.trace.StepTrace;
import dev.backstep.trace.Term;
import dev.backstep.view.ViewSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.backstep.view.graph.FxSupport.onFx;
import static dev.backstep.view.graph.FxSupport.runFx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The graph's lecture features: the spotlight, the presentation scale and the SVG export of the same drawing. */
class LectureGraphTest {
    private final List<SessionWorker> workers = new ArrayList<>();

    @BeforeAll
    static void startFx() {
        FxSupport.start();
    }

    @AfterEach
    void closeWorkers() {
        workers.forEach(SessionWorker::close);
    }

    private SessionWorker open(String sample) throws Exception {
        SessionWorker w = new SessionWorker(SampleNetworks.load(sample));
        workers.add(w);
        return w;
    }

    private static LayerGraphView view(ViewSettings settings, double w, double h) {
        return onFx(() -> {
            LayerGraphView v = new LayerGraphView(settings);
            v.resize(w, h);
            v.layout();
            return v;
        });
    }

    /** Slides example at the term ∂E/∂w₁₃ = −δ₅ y₃: an edge as the element, two units among what it uses. */
    private Snapshot atWeightGradient() throws Exception {
        SessionWorker w = open("slides-035-07");
        w.stepTerm();
        Snapshot s = w.await();
        int index = s.trace().indexOf(StepTrace.EdgeQuantity.GRADIENT, 2, 0, 0);
        assertTrue(index > 0, "the trace has the gradient of w13");
        w.seek(index + 1);
        s = w.await();
        assertEquals(index, s.tracePosition() - 1);
        return s;
    }

    private static String key(Element.Kind kind, int layer, int from, int to) {
        return kind + "/" + layer + "/" + (kind == Element.Kind.UNIT || kind == Element.Kind.BIAS ? -1 : from) + "/"
                + to;
    }

    @Test
    void spotlightLeavesTheTermAndWhatItUsesBrightAndDimsTheRest() throws Exception {
        Snapshot s = atWeightGradient();
        // The reference: the elements of the current term and of the terms it uses, read from the trace.
        Term current = s.currentTerm();
        Set<String> lit = new HashSet<>();
        List<Element> elements = new ArrayList<>();
        elements.add(current.element());
        for (int u : current.uses()) {
            elements.add(s.trace().term(u).element());
        }
        for (Element e : elements) {
            lit.add(key(e.kind(), e.layer(), e.from(), e.to()));
        }
        ViewSettings settings = new ViewSettings();
        LayerGraphView view = view(settings, 1280, 760);
        GraphFrame.Drawing off = onFx(() -> {
            view.show(s);
            return view.drawing();
        });
        off.units().forEach(u -> assertEquals(1.0, u.alpha(), 0, "spotlight off: all bright"));
        off.edges().forEach(e -> assertEquals(1.0, e.alpha(), 0, "spotlight off: all bright"));

        runFx(() -> settings.spotlightProperty().set(true));
        GraphFrame.Drawing on = onFx(view::drawing);
        int bright = 0;
        int dim = 0;
        for (GraphFrame.DrawnUnit u : on.units()) {
            boolean expected = lit.contains(key(Element.Kind.UNIT, u.layer(), -1, u.unit()));
            assertEquals(expected ? 1.0 : GraphFrame.DIMMED, u.alpha(), 0, "unit " + u);
            bright += expected ? 1 : 0;
            dim += expected ? 0 : 1;
        }
        for (GraphFrame.DrawnEdge e : on.edges()) {
            Element.Kind kind = e.kind() == GraphElement.Kind.BIAS ? Element.Kind.BIAS : Element.Kind.EDGE;
            boolean expected = lit.contains(key(kind, e.layer(), e.from(), e.to()));
            assertEquals(expected ? 1.0 : GraphFrame.DIMMED, e.alpha(), 0, "edge " + e);
            bright += expected ? 1 : 0;
            dim += expected ? 0 : 1;
        }
        assertEquals(lit.size(), bright, "every element of the term and its uses is on the graph, and bright");
        assertTrue(bright >= 3 && dim >= 5, bright + " bright, " + dim + " dimmed");
        assertEquals(1.0, on.edge(2, 0, 0).alpha(), 0, "w13 itself is the current element");
    }

    @Test
    void scaleMultipliesTheGraphsFontsAndLineWidths() throws Exception {
        Snapshot s = open("xor-2-2-1").await();
        ViewSettings settings = new ViewSettings();
        LayerGraphView view = view(settings, 1600, 1000);
        onFx(() -> {
            view.show(s);
            return null;
        });
        GraphLayout one = onFx(view::currentLayout);
        double widthOne = onFx(() -> maxWidth(view));
        runFx(() -> settings.fontScaleProperty().set(1.5));
        GraphLayout big = onFx(view::currentLayout);
        assertEquals(1.5, big.scale, 0, "room enough for ×1.5");
        assertEquals(1.5 * one.font, big.font, 1e-9);
        assertEquals(1.5 * one.captionFont, big.captionFont, 1e-9);
        assertEquals(1.5 * one.legendFont, big.legendFont, 1e-9);
        assertTrue(big.radius > one.radius, big.radius + " > " + one.radius);
        assertTrue(big.labelFont > one.labelFont);
        double widthBig = onFx(() -> maxWidth(view));
        assertTrue(widthBig > 1.2 * widthOne, "edges thicken: " + widthOne + " → " + widthBig);
    }

    private static double maxWidth(LayerGraphView view) {
        double max = 0;
        for (double w : view.frameForTests().edgeWidth) {
            max = Math.max(max, w);
        }
        return max;
    }

    @Test
    void aScaleThatWouldTakeTheValuesOutOfTheCirclesIsReducedUntilTheyFit() {
        int[] sizes = {2, 4, 1};
        double w = 1300;
        double h = 450;
        assertTrue(GraphLayout.showsValues(sizes, w, h, true, 1), "values fit at ×1");
        assertTrue(!GraphLayout.showsValues(sizes, w, h, true, 1.5), "not at ×1.5");
        double scale = LayerGraphView.fittingScale(w, h, sizes, true, 1.5);
        assertTrue(scale >= 1 && scale < 1.5, "reduced: " + scale);
        assertTrue(GraphLayout.showsValues(sizes, w, h, true, scale));
        assertTrue(!GraphLayout.showsValues(sizes, w, h, true, scale + 0.05), "the largest that keeps them");
        int[][] visible = {{0, 1}, {0, 1, 2, 3}, {0}};
        GraphLayout g = new GraphLayout(sizes, new boolean[] {false, true, true}, null, w, h, visible, scale);
        assertTrue(g.unitValues && g.radius >= GraphLayout.VALUE_RADIUS * scale, "radius " + g.radius);
    }

    @Test
    void aScaleThatWouldHideUnitsIsReducedUntilNoneIsHidden() {
        int[] sizes = {2, 8, 1};
        double w = 1800;
        double h = 600;
        int atOne = GraphLayout.slotsFor(w, h, true, 1);
        assertTrue(atOne >= 8, "all eight fit at ×1: " + atOne);
        assertTrue(GraphLayout.slotsFor(w, h, true, 2) < 8, "at ×2 they would not");
        double scale = LayerGraphView.fittingScale(w, h, sizes, true, 2);
        assertTrue(scale > 1 && scale < 2, "in between: " + scale);
        assertTrue(GraphLayout.slotsFor(w, h, true, scale) >= 8);
        // The largest that fits: a little more would hide units or (the stricter here) the circles' values.
        assertTrue(GraphLayout.slotsFor(w, h, true, scale + 0.05) < 8
                || !GraphLayout.showsValues(sizes, w, h, true, scale + 0.05), "the largest that fits");
        assertEquals(2, LayerGraphView.fittingScale(3000, 2000, sizes, true, 2), 0, "plenty of room: as asked");
    }

    @Test
    void svgExportIsTheDrawingWithOneGroupPerUnitAndDrawnEdge() throws Exception {
        SessionWorker w = open("xor-2-4-1");
        w.stepEpoch();
        Snapshot s = w.await();
        ViewSettings settings = new ViewSettings();
        LayerGraphView view = view(settings, 1280, 760);
        GraphFrame.Drawing d = onFx(() -> {
            view.show(s);
            return view.drawing();
        });
        String svg = onFx(view::toSvg);
        assertNotNull(svg);
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertEquals("svg", doc.getDocumentElement().getLocalName());
        assertEquals("http://www.w3.org/2000/svg", doc.getDocumentElement().getNamespaceURI());
        NodeList groups = doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "g");
        Map<String, Integer> count = new HashMap<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < groups.getLength(); i++) {
            org.w3c.dom.Element g = (org.w3c.dom.Element) groups.item(i);
            count.merge(g.getAttribute("class"), 1, Integer::sum);
            assertTrue(ids.add(g.getAttribute("id")), "unique id " + g.getAttribute("id"));
            if (g.getAttribute("class").equals("unit")) {
                assertTrue(g.getElementsByTagNameNS("*", "ellipse").getLength() >= 1, "a unit is drawn as a circle");
            }
            if (g.getAttribute("class").equals("edge")) {
                assertEquals(1, g.getElementsByTagNameNS("*", "line").getLength(), "an edge is one line");
            }
        }
        assertEquals(7, d.units().size());
        assertEquals(d.units().size(), count.getOrDefault("unit", 0), "one group per unit");
        long weights = d.edges().stream().filter(e -> e.shown() && e.kind() == GraphElement.Kind.EDGE).count();
        long biases = d.edges().stream().filter(e -> e.shown() && e.kind() == GraphElement.Kind.BIAS).count();
        assertEquals(8 + 4, weights);
        assertEquals(5, biases);
        assertEquals(weights, (long) count.getOrDefault("edge", 0), "one group per drawn weight");
        assertEquals(biases, (long) count.getOrDefault("bias", 0), "one group per drawn bias");
        assertEquals(2, (int) count.getOrDefault("bias-node", 0), "a +1 node per layer with a bias");
        // The unit texts are the ones on screen.
        for (GraphFrame.DrawnUnit u : d.units()) {
            org.w3c.dom.Element g = find(groups, "unit-" + u.layer() + "-" + u.unit());
            assertNotNull(g, "unit " + u);
            assertTrue(g.getTextContent().contains(u.text()), g.getTextContent() + " shows " + u.text());
        }
    }

    private static org.w3c.dom.Element find(NodeList groups, String id) {
        for (int i = 0; i < groups.getLength(); i++) {
            org.w3c.dom.Element g = (org.w3c.dom.Element) groups.item(i);
            if (id.equals(g.getAttribute("id"))) {
                return g;
            }
        }
        return null;
    }

    @Test
    void svgOfTheSpotlitGraphCarriesTheDimmedOpacity() throws Exception {
        Snapshot s = atWeightGradient();
        ViewSettings settings = new ViewSettings();
        settings.spotlightProperty().set(true);
        LayerGraphView view = view(settings, 1280, 760);
        GraphFrame.Drawing d = onFx(() -> {
            view.show(s);
            return view.drawing();
        });
        String svg = onFx(view::toSvg);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        NodeList groups = doc.getElementsByTagName("g");
        for (GraphFrame.DrawnUnit u : d.units()) {
            org.w3c.dom.Element g = find(groups, "unit-" + u.layer() + "-" + u.unit());
            org.w3c.dom.Element circle = (org.w3c.dom.Element) g.getElementsByTagName("ellipse").item(0);
            String opacity = circle.getAttribute("fill-opacity");
            if (u.alpha() < 1) {
                assertEquals(GraphFrame.DIMMED, Double.parseDouble(opacity), 0.006, "dimmed unit " + u);
            } else {
                assertEquals("", opacity, "bright unit " + u + " is opaque");
            }
        }
    }
}
