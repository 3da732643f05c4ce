package dev.backstep.view.formula;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.scene.image.Image;
import javafx.scene.paint.Color;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LatexImagesTest {
    @BeforeAll
    static void startFx() throws InterruptedException {
        FxSupport.start();
    }

    @Test
    void rendersAFormulaInTheGivenColourAndSize() {
        LatexImages images = new LatexImages(16, 1L << 24);
        LatexImages.Rendered r = images.render("\\delta_{5} = y_{5}\\,\\left(1 - y_{5}\\right)", 30, Color.WHITE);
        assertTrue(r.ok(), r.error());
        assertTrue(r.width() > 100 && r.height() > 20, r.width() + "×" + r.height());
        assertTrue(r.baseline() > 0 && r.baseline() < r.height());
        assertTrue(hasInkOf(r.image(), Color.WHITE), "white ink expected");

        LatexImages.Rendered big = images.render("\\delta_{5} = y_{5}\\,\\left(1 - y_{5}\\right)", 60, Color.WHITE);
        assertEquals(2, big.width() / r.width(), 0.15, "twice the size, about twice as wide");
    }

    @Test
    void cachesByLatexSizeAndColour() {
        LatexImages images = new LatexImages(16, 1L << 24);
        Image first = images.image("x^{2}", 30, Color.BLACK);
        Image again = images.image("x^{2}", 30, Color.BLACK);
        assertSame(first, again);
        assertEquals(1, images.hits());
        assertEquals(1, images.misses());

        assertNotSame(first, images.image("x^{2}", 30, Color.RED), "another colour is another image");
        assertNotSame(first, images.image("x^{2}", 31, Color.BLACK), "another size is another image");
        assertNotSame(first, images.image("x^{3}", 30, Color.BLACK), "another formula is another image");
        assertEquals(4, images.misses());
        assertEquals(4, images.size());
    }

    @Test
    void dropsTheLeastRecentlyUsedBeyondItsLimit() {
        LatexImages images = new LatexImages(2, 1L << 24);
        Image a = images.image("a", 20, Color.BLACK);
        images.image("b", 20, Color.BLACK);
        images.image("a", 20, Color.BLACK); // a is now the most recent
        images.image("c", 20, Color.BLACK); // drops b
        assertEquals(2, images.size());
        assertSame(a, images.image("a", 20, Color.BLACK));
        long misses = images.misses();
        images.image("b", 20, Color.BLACK);
        assertEquals(misses + 1, images.misses(), "b was dropped and is rendered again");
    }

    @Test
    void fallsBackToPlainTextOnMalformedLatexWithoutThrowing() {
        LatexImages images = new LatexImages(16, 1L << 24);
        for (String bad : new String[] {"\\notacommand{x}", "}", "\\left( x", "a &= b \\\\ c"}) {
            LatexImages.Rendered r = assertDoesNotThrow(() -> images.render(bad, 24, Color.BLACK), bad);
            assertFalse(r.ok(), bad + " should not render");
            assertFalse(r.error().isEmpty());
            assertTrue(r.width() > 5 && r.height() > 5, "the fallback shows the text");
            assertTrue(hasInkOf(r.image(), Color.BLACK));
        }
        assertEquals(4, images.fallbacks());
        // A fallback is cached like any image: the bad string is not parsed (nor logged) again.
        images.render("}", 24, Color.BLACK);
        assertEquals(4, images.misses());
        assertFalse(LatexImages.renders("\\notacommand"));
        assertTrue(LatexImages.renders("\\frac{\\partial E}{\\partial w_{5}}"));
    }

    @Test
    void isSafeOnTheFxThread() throws Exception {
        LatexImages images = new LatexImages(16, 1L << 24);
        LatexImages.Rendered r = FxSupport.onFx(() -> images.render("\\sqrt{\\hat{v}_{t}} + \\epsilon", 28,
                Color.BLUE));
        assertTrue(r.ok(), r.error());
    }

    /** True when some pixel is nearly opaque and close to {@code color}. */
    static boolean hasInkOf(Image image, Color color) {
        var reader = image.getPixelReader();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                Color c = reader.getColor(x, y);
                if (c.getOpacity() > 0.9 && Math.abs(c.getRed() - color.getRed()) < 0.1
                        && Math.abs(c.getGreen() - color.getGreen()) < 0.1
                        && Math.abs(c.getBlue() - color.getBlue()) < 0.1) {
                    return true;
                }
            }
        }
        return false;
    }
}
