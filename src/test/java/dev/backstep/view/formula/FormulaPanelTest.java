package dev.backstep.view.formula;

import static dev.backstep.view.formula.FxSupport.onFx;
import static dev.backstep.view.formula.FxSupport.runFx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backstep.io.SampleNetworks;
import dev.backstep.model.SessionWorker;
import dev.backstep.model.Snapshot;
import dev.backstep.trace.Notation;
import dev.backstep.trace.Numbers;
import dev.backstep.trace.Term;
import dev.backstep.view.Theme;
import dev.backstep.view.ViewSettings;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

class FormulaPanelTest {
    @BeforeAll
    static void startFx() throws InterruptedException {
        FxSupport.start();
    }

    /**
     * δ of the output of the slides' example by a plain scalar forward pass (x = 0.35, 0.7; no biases; sigmoid;
     * target 0.5) in the slides' sign: δ = y(1 − y)(t − y).
     */
    private static double slidesOutputDelta() {
        double[] x = {0.35, 0.7};
        double[][] w1 = {{0.2, 0.3}, {0.2, 0.3}}; // [from input][to hidden]
        double[] w2 = {0.3, 0.9}; // [from hidden] to the output
        double[] h = new double[2];
        for (int j = 0; j < 2; j++) {
            h[j] = sigmoid(x[0] * w1[0][j] + x[1] * w1[1][j]);
        }
        double y = sigmoid(h[0] * w2[0] + h[1] * w2[1]);
        double t = 0.5;
        return y * (1 - y) * (t - y);
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    /** A panel in a scene of the given size, showing {@code snapshot}, laid out. */
    private static FormulaPanel panel(ViewSettings settings, LatexImages images, Snapshot snapshot, double width,
                                      double height) throws Exception {
        return onFx(() -> {
            FormulaPanel panel = new FormulaPanel(settings, images);
            new Scene(panel, width, height);
            panel.show(snapshot);
            panel.applyCss();
            panel.layout();
            return panel;
        });
    }

    private static String text(Node root, String id) {
        Node node = root.lookup("#" + id);
        assertNotNull(node, "#" + id);
        return ((Label) node).getText();
    }

    @Test
    void showsTheOutputDeltaOfTheSlidesExampleWithItsValue() throws Exception {
        Snapshot s = FxSupport.snapshotAt("slides-035-07", "delta(o1)", null);
        Term term = s.currentTerm();
        FormulaPanel panel = panel(new ViewSettings(), new LatexImages(64, 1L << 24), s, 900, 600);

        double expected = slidesOutputDelta();
        assertTrue(expected < 0, "the output is above its target: the slides' δ is negative");
        assertEquals(Numbers.format(expected, true), text(panel, "formulaValue"));
        assertEquals(term.symbol().text(), text(panel, "formulaSymbol"));
        assertEquals("Backward pass", text(panel, "formulaPhase"));
        assertTrue(text(panel, "formulaElement").contains("o1"), text(panel, "formulaElement"));
        assertEquals("term " + s.tracePosition() + " of " + s.trace().size(), text(panel, "formulaProgress"));
        assertEquals("slides notation: δ = −∂E/∂z, Δw = +ηδO", text(panel, "formulaNotation"));
        assertTrue(panel.formulasRendered(), "JLaTeXMath rendered every line");
        assertFalse(panel.lookup("#formulaHint").getParent().isVisible(), "no hint while a term is shown");

        FormulaLines lines = (FormulaLines) panel.lookup("#formulaLines");
        assertEquals(term.symbol().latex(), lines.leftLatex());
        assertEquals(List.of("{} = " + term.formula().latex(), "{} = " + term.substituted().latex()),
                lines.rightLatex());
        assertTrue(visibleImages(lines).size() == 3, "symbol, formula, formula with numbers");
    }

    @Test
    void beforeTheFirstTermItSaysHowToStartAndWhatComesNext() throws Exception {
        Snapshot s;
        try (SessionWorker worker = new SessionWorker(SampleNetworks.load("slides-035-07"))) {
            s = worker.await();
        }
        FormulaPanel panel = panel(new ViewSettings(), new LatexImages(64, 1L << 24), s, 900, 600);
        assertTrue(panel.lookup("#formulaHint").getParent().isVisible());
        assertTrue(text(panel, "formulaHint").contains("Press → or PageDown"), text(panel, "formulaHint"));
        assertTrue(text(panel, "formulaNext").contains("sample 1"), text(panel, "formulaNext"));
        assertEquals("", text(panel, "formulaValue"));
        assertFalse(panel.lookup("#formulaScroll").isVisible(), "no formula before the first term");

        // A batch: the next step is named as one.
        try (SessionWorker worker = new SessionWorker(SampleNetworks.load("xor-2-4-1"))) {
            s = worker.await();
        }
        Snapshot batch = s;
        runFx(() -> panel.show(batch));
        assertTrue(text(panel, "formulaNext").contains("a batch of 4 samples"), text(panel, "formulaNext"));
    }

    @Test
    void namesTheSampleOfAPerSampleTermOfABatch() throws Exception {
        Snapshot s = FxSupport.snapshotAt("xor-2-4-1", "delta(h2)@2", null);
        FormulaPanel panel = panel(new ViewSettings(), new LatexImages(64, 1L << 24), s, 900, 600);
        String element = text(panel, "formulaElement");
        assertTrue(element.contains("h2") && element.contains(s.currentTerm().sampleLabel()), element);
        assertEquals("sample 3", s.currentTerm().sampleLabel());
    }

    @Test
    void aLongFormulaIsBrokenAndFittedToThePanelWidthNotCutOff() throws Exception {
        Snapshot s = FxSupport.snapshotAt("xor-2-4-1", "dEdw(x1->h1)", null);
        assertEquals(-1, s.currentTerm().sample(), "the batch-level mean of the samples' gradients");
        double width = 420;
        FormulaPanel panel = panel(new ViewSettings(), new LatexImages(64, 1L << 24), s, width, 700);
        assertEquals(width, panel.getWidth(), 0.5, "the panel keeps the width it was given");
        FormulaLines lines = (FormulaLines) panel.lookup("#formulaLines");
        double inner = lines.getWidth();
        assertTrue(inner < width);
        List<ImageView> images = visibleImages(lines);
        assertTrue(images.size() > 3, "too wide for one line each: broken into more (" + images.size() + ")");
        for (ImageView view : images) {
            // The image may have a few transparent pixels of margin beyond the ink; the ink must fit.
            assertTrue(view.getBoundsInParent().getMaxX() <= inner + 4, view.getBoundsInParent() + " in " + inner);
            assertTrue(view.getBoundsInParent().getMinX() >= -4, view.getBoundsInParent().toString());
        }
        assertTrue(panel.formulasRendered());
        Node result = panel.lookup("#formulaResult").getParent();
        assertTrue(result.getBoundsInParent().getMaxX() <= width, "the value fits too");
    }

    @Test
    void aThemeChangeRendersTheFormulasAgainInTheThemesTextColour() throws Exception {
        Snapshot s = FxSupport.snapshotAt("slides-035-07", "delta(h2)", null);
        ViewSettings settings = new ViewSettings();
        LatexImages images = new LatexImages(64, 1L << 24);
        FormulaPanel panel = panel(settings, images, s, 900, 600);
        FormulaLines lines = (FormulaLines) panel.lookup("#formulaLines");
        assertTrue(LatexImagesTest.hasInkOf(visibleImages(lines).get(0).getImage(), Theme.LIGHT.text()));
        long before = images.misses();

        runFx(() -> {
            settings.themeProperty().set(Theme.DARK);
            panel.applyCss();
            panel.layout();
        });
        long after = images.misses();
        assertTrue(after >= before + 3, "the three lines rendered again");
        assertTrue(LatexImagesTest.hasInkOf(visibleImages(lines).get(0).getImage(), Theme.DARK.text()));
        assertTrue(panel.getStyle().contains(FormulaStyles.web(Theme.DARK.surface())), "dark background");

        runFx(() -> {
            panel.show(s); // the same snapshot again: nothing to do
            panel.layout();
        });
        assertEquals(after, images.misses());
    }

    @Test
    void clickingATermItUsesSeeksToThatTerm() throws Exception {
        Snapshot s = FxSupport.snapshotAt("slides-035-07", "delta(h2)", null);
        FormulaPanel panel = panel(new ViewSettings(), new LatexImages(64, 1L << 24), s, 900, 600);
        AtomicInteger seek = new AtomicInteger(-1);
        Term term = s.currentTerm();
        assertTrue(term.uses().length > 0);
        List<Hyperlink> links = onFx(() -> {
            panel.setOnSeek(seek::set);
            List<Hyperlink> found = new ArrayList<>();
            panel.lookupAll(".use").forEach(n -> found.add((Hyperlink) n));
            return found;
        });
        assertEquals(Math.min(term.uses().length, FormulaPanel.MAX_USES_SHOWN), links.size());
        Term used = s.trace().term(term.uses()[0]);
        assertTrue(links.get(0).getText().startsWith(used.symbol().text() + " = "), links.get(0).getText());
        runFx(() -> links.get(0).fire());
        assertEquals(used.index() + 1, seek.get());
    }

    @Test
    void writesEachNotationsSignConvention() throws Exception {
        Snapshot s = FxSupport.snapshotAt("mazur-2-2-2", "delta(o1)", Notation.NET_OUT);
        FormulaPanel panel = panel(new ViewSettings(), new LatexImages(64, 1L << 24), s, 900, 600);
        assertEquals("net-out notation: δ = ∂E/∂net, Δw = −η ∂E/∂w", text(panel, "formulaNotation"));
        assertEquals("unit o1", text(panel, "formulaElement"));
        assertTrue(panel.formulasRendered());

        Snapshot adam = FxSupport.snapshotAt("spiral", "update(x1->h1_1)", Notation.Z_A);
        runFx(() -> panel.show(adam));
        assertEquals("z-a notation: δ = ∂E/∂z, Adam: Δw = −η m̂ / (√v̂ + ε)", text(panel, "formulaNotation"));
        assertEquals("Update", text(panel, "formulaPhase"));
        assertEquals("weight x1 → h1_1", text(panel, "formulaElement"));
    }

    @Test
    void saysWhenTheStepHasBeenApplied() throws Exception {
        Snapshot s;
        try (SessionWorker worker = new SessionWorker(SampleNetworks.load("slides-035-07"))) {
            worker.stepStep();
            s = worker.await();
        }
        assertTrue(s.traceApplied());
        FormulaPanel panel = panel(new ViewSettings(), new LatexImages(64, 1L << 24), s, 900, 600);
        assertEquals("term " + s.trace().size() + " of " + s.trace().size() + " · step applied",
                text(panel, "formulaProgress"));
        assertEquals("Update", text(panel, "formulaPhase"));
    }

    private static List<ImageView> visibleImages(Parent parent) {
        List<ImageView> out = new ArrayList<>();
        for (Node n : parent.getChildrenUnmodifiable()) {
            if (n instanceof ImageView v && v.isVisible() && v.getImage() != null) {
                out.add(v);
            }
        }
        return out;
    }
}
