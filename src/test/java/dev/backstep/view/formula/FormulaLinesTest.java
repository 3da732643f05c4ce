package dev.backstep.view.formula;

import static dev.backstep.view.formula.FxSupport.onFx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.scene.Scene;
import javafx.scene.image.ImageView;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

class FormulaLinesTest {
    @BeforeAll
    static void startFx() throws InterruptedException {
        FxSupport.start();
    }

    @Test
    void breaksOnlyAtTopLevelOperators() {
        assertEquals(List.of("{} = a", "\\cdot b", "+ c"), FormulaLines.breakPoints("{} = a \\cdot b + c"));
        assertEquals(List.of("{} = -x", "- y"), FormulaLines.breakPoints("{} = -x - y"));
        assertEquals(List.of("{} = \\frac{1}{4}\\,\\left(a + b - c\\right)"),
                FormulaLines.breakPoints("{} = \\frac{1}{4}\\,\\left(a + b - c\\right)"), "not inside \\left(…\\right)");
        assertEquals(List.of("{} = e^{-a + b}"), FormulaLines.breakPoints("{} = e^{-a + b}"), "not inside braces");
        assertEquals(List.of("{} = 1\\times10^{-5}", "+ \\left(-0.2\\right)"),
                FormulaLines.breakPoints("{} = 1\\times10^{-5} + \\left(-0.2\\right)"), "a sign is no operator");
        assertEquals(List.of("{} = x", "+ \\cdots", "+ y"), FormulaLines.breakPoints("{} = x + \\cdots + y"));
        // Joined with spaces the parts give the line back.
        String line = "{} = 0.3 \\cdot \\left(-0.0367703\\right) + 0.2 \\cdot 0.5 - \\frac{a}{b}";
        assertEquals(line, String.join(" ", FormulaLines.breakPoints(line)));
        for (String part : FormulaLines.breakPoints(line)) {
            assertTrue(LatexImages.renders(FormulaLines.CONTINUATION + part), part);
        }
    }

    @Test
    void aLineWithoutTopLevelOperatorsBreaksInsideItsParentheses() {
        String mean = "{} = \\frac{1}{4}\\,\\left(\\frac{\\partial E_{1}}{\\partial w} + \\frac{\\partial E_{2}}{\\partial w}"
                + " + \\frac{\\partial E_{3}}{\\partial w}\\right)";
        FormulaLines.Breakable b = FormulaLines.breakable(mean);
        assertEquals(3, b.parts().size());
        assertEquals("{} = \\frac{1}{4}\\,\\left( \\frac{\\partial E_{1}}{\\partial w} \\right.", b.line(0, 1));
        assertEquals("\\left. " + FormulaLines.CONTINUATION + "+ \\frac{\\partial E_{2}}{\\partial w} "
                + "+ \\frac{\\partial E_{3}}{\\partial w} \\right)", b.line(1, 3));
        for (int i = 0; i < 3; i++) {
            assertTrue(LatexImages.renders(b.line(i, i + 1)), b.line(i, i + 1));
            assertEquals(null, TermLatexRendersTest.wellFormed(b.line(i, i + 1)));
        }
        assertEquals(null, FormulaLines.breakable("{} = \\frac{a + b}{c}"), "never inside a fraction");
        assertEquals(null, FormulaLines.breakable("{} = \\left(a\\right)"), "nothing to break");
        // Top-level operators win over the inside of a group.
        assertEquals(List.of("{} = a", "+ \\left(b + c\\right)"),
                FormulaLines.breakable("{} = a + \\left(b + c\\right)").parts());
    }

    @Test
    void aLongSumIsBrokenIntoRowsThatFitInsteadOfShrinkingToOneLine() throws Exception {
        List<String> products = new ArrayList<>(Collections.nCopies(5, "\\left(-0.0360451\\right) \\cdot 0.0907313"));
        String sum = "{} = " + String.join(" + ", products);
        double width = 520;
        double size = 30;
        FormulaLines lines = onFx(() -> {
            FormulaLines l = new FormulaLines(new LatexImages(64, 1L << 24));
            l.setAppearance(size, Color.BLACK);
            l.setLines("\\frac{\\partial E}{\\partial a^{(1)}_{1}}", List.of("{} = W\\,\\delta", sum));
            StackPane root = new StackPane(l);
            new Scene(root, width, 800);
            root.applyCss();
            root.layout();
            return l;
        });
        assertTrue(lines.rowsShown() >= 3, "the sum takes several rows: " + lines.rowsShown());
        assertTrue(lines.allRendered());
        for (var node : lines.getChildrenUnmodifiable()) {
            if (node instanceof ImageView v && v.isVisible()) {
                assertTrue(v.getBoundsInParent().getMaxX() <= lines.getWidth() + 4, v.getBoundsInParent().toString());
            }
        }
        // A row of products at full size is about 1.4 sizes tall; the sum shrunk to one line would be a fourth of
        // that, so rows this tall show it was broken, and at no less than half the size.
        double smallestRow = Double.MAX_VALUE;
        for (var node : lines.getChildrenUnmodifiable()) {
            if (node instanceof ImageView v && v.isVisible()) {
                smallestRow = Math.min(smallestRow, v.getFitHeight());
            }
        }
        assertTrue(smallestRow > 0.6 * size, "rows stay large: " + smallestRow);
    }
}
