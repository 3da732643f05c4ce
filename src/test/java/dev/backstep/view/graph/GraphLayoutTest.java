package dev.backstep.view.graph;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The graph's geometry: no values, no JavaFX. */
class GraphLayoutTest {
    private static GraphLayout layout(int[] sizes, boolean[] bias, double w, double h) {
        int slots = GraphLayout.slotsFor(sizes, w, h, GraphLayout.anyBias(bias), 1);
        int[][] visible = new int[sizes.length][];
        for (int l = 0; l < sizes.length; l++) {
            double[] importance = new double[sizes[l]];
            for (int j = 0; j < sizes[l]; j++) {
                importance[j] = (j * 7919) % 101; // deterministic, scattered
            }
            visible[l] = GraphLayout.chooseVisible(sizes[l], slots, importance);
        }
        return new GraphLayout(sizes, bias, null, w, h, visible);
    }

    private static void assertInside(GraphLayout g) {
        for (int u = 0; u < g.unitCount; u++) {
            assertTrue(g.unitX[u] - g.radius >= 0 && g.unitX[u] + g.radius <= g.width, "unit " + u + " inside x");
            assertTrue(g.unitY[u] - g.radius >= 0 && g.unitY[u] + g.radius <= g.legendY, "unit " + u
                    + " above the legend");
        }
        for (int e = 0; e < g.edgeCount; e++) {
            for (double x : new double[] {g.edgeX1[e], g.edgeX2[e]}) {
                assertTrue(x >= 0 && x <= g.width, "edge " + e + " inside");
            }
            for (double y : new double[] {g.edgeY1[e], g.edgeY2[e]}) {
                assertTrue(y >= 0 && y <= g.legendY, "edge " + e + " above the legend");
            }
        }
        assertTrue(g.legendY + g.legendH <= g.height + 1e-9, "legend inside");
    }

    @Test
    void xorTwoFourOneIsOrderedInsideAndNotOverlapping() {
        GraphLayout g = layout(new int[] {2, 4, 1}, new boolean[] {false, true, true}, 1280, 760);
        assertEquals(7, g.unitCount);
        assertEquals(2 * 4 + 4 + 4 + 1, g.edgeCount);
        assertTrue(g.columnX[0] < g.columnX[1] && g.columnX[1] < g.columnX[2], "columns left to right");
        for (int u = 0; u < g.unitCount; u++) {
            assertEquals(g.columnX[g.unitLayer[u]], g.unitX[u], 1e-9, "unit in its layer's column");
        }
        for (int l = 0; l < 3; l++) {
            for (int u = g.unitStart[l] + 1; u < g.unitStart[l + 1]; u++) {
                assertTrue(g.unitY[u] > g.unitY[u - 1], "units top to bottom in order");
            }
        }
        assertInside(g);
        assertFalse(g.circlesOverlap());
        assertTrue(g.radius >= GraphLayout.MIN_RADIUS, "units big enough for 14 px text");
        assertTrue(g.unitFont >= 14 && g.captionFont >= 14 && g.legendFont >= 14 && g.labelFont >= 14);
        for (int l = 1; l < 3; l++) {
            assertFalse(Double.isNaN(g.biasX[l]), "layer " + l + " has its bias node, the output's included");
            assertTrue(g.biasY[l] < g.unitTop, "bias nodes above the units");
        }
        assertEquals(GraphLayout.Collapse.NONE, g.collapse[1]);
        // Every edge's label box, when it has one, covers no unit circle.
        for (int e = 0; e < g.edgeCount; e++) {
            if (!Double.isNaN(g.labelX[e])) {
                for (int u = 0; u < g.unitCount; u++) {
                    double dx = Math.max(Math.abs(g.labelX[e] - g.unitX[u]) - g.labelW / 2, 0);
                    double dy = Math.max(Math.abs(g.labelY[e] - g.unitY[u]) - g.labelH / 2, 0);
                    assertTrue(dx * dx + dy * dy >= g.radius * g.radius, "label " + e + " clear of unit " + u);
                }
            }
        }
    }

    /** Every pair of unit centres at least a diameter apart, computed here rather than by the layout. */
    private static void assertApart(GraphLayout g) {
        for (int a = 0; a < g.unitCount; a++) {
            for (int b = a + 1; b < g.unitCount; b++) {
                double d = Math.hypot(g.unitX[a] - g.unitX[b], g.unitY[a] - g.unitY[b]);
                assertTrue(d >= 2 * g.radius, "units " + a + " and " + b + " " + d + " apart, radius " + g.radius);
            }
        }
    }

    @Test
    void smallNetworksInALowGraphShrinkTheirUnitsRatherThanHideAny() {
        for (int hidden : new int[] {4, 5, 8}) {
            int[] sizes = {2, hidden, 1};
            // A canvas whose unit band (between the captions with the bias row and the legend) is 260 px high.
            GraphLayout g = layout(sizes, new boolean[] {false, true, true}, 900, 410);
            assertTrue(g.unitBottom - g.unitTop <= 265, "band " + (g.unitBottom - g.unitTop));
            assertEquals(2 + hidden + 1, g.unitCount, "2-" + hidden + "-1: every unit shown");
            for (int l = 0; l < 3; l++) {
                assertEquals(GraphLayout.Collapse.NONE, g.collapse[l]);
                assertEquals(0, g.hidden[l]);
            }
            assertTrue(g.radius >= GraphLayout.FLOOR_RADIUS, "2-" + hidden + "-1: radius " + g.radius);
            assertTrue(g.radius < GraphLayout.MIN_RADIUS, "2-" + hidden + "-1 is squeezed here: " + g.radius);
            assertEquals(g.radius >= GraphLayout.VALUE_RADIUS, g.unitValues, "the value line only where it fits");
            assertInside(g);
            assertApart(g);
        }
        // The value line goes before a unit does: 2-8-1 at this height has no room for it.
        assertFalse(layout(new int[] {2, 8, 1}, new boolean[] {false, true, true}, 900, 410).unitValues);
        assertTrue(layout(new int[] {2, 4, 1}, new boolean[] {false, true, true}, 1280, 760).unitValues);
    }

    @Test
    void wideLayersStillCollapseAndKeepTheirUnitsAsLargeAsTheWholeLayersAllow() {
        GraphLayout g = layout(new int[] {784, 6}, new boolean[] {false, true}, 900, 410);
        assertEquals(GraphLayout.Collapse.LARGEST, g.collapse[0], "784 inputs collapse even with the smallest units");
        assertTrue(g.hidden[0] > 0);
        assertEquals(GraphLayout.Collapse.NONE, g.collapse[1], "the 6 outputs are not: " + g.visible[1].length);
        assertInside(g);
        assertApart(g);
        // Alone, a wide layer keeps comfortable units instead of squeezing many small ones in.
        GraphLayout wide = layout(new int[] {784, 784}, new boolean[] {false, true}, 1280, 760);
        assertTrue(wide.radius >= GraphLayout.MIN_RADIUS, "radius " + wide.radius);
        assertTrue(wide.hidden[0] > 0 && wide.hidden[1] > 0);
        assertApart(wide);
    }

    @Test
    void aModeratelyWideLayerShowsAsManyUnitsAsTheSmallestCirclesAllow() {
        // The spiral's 2-8-8-8-1 where only six slots fit: five units and a marker per hidden layer, not two.
        int[] sizes = {2, 8, 8, 8, 1};
        boolean[] bias = {false, true, true, true, true};
        double w = 780;
        double h = 340;
        int most = GraphLayout.slotsFor(w, h, true, 1);
        assertTrue(most >= 3 && most < 8, "a view where 8 do not fit: " + most);
        GraphLayout g = layout(sizes, bias, w, h);
        for (int l = 1; l <= 3; l++) {
            assertEquals(GraphLayout.Collapse.HEAD_TAIL, g.collapse[l]);
            assertEquals(most - 1, g.visible[l].length, "layer " + l);
        }
        assertInside(g);
        assertApart(g);
    }

    @Test
    void labelsComeForAWholeLayerOrNotAtAll() {
        GraphLayout g = layout(new int[] {2, 2, 1}, new boolean[] {false, false, false}, 1280, 760);
        for (int l = 1; l < g.layers; l++) {
            int labelled = 0;
            for (int e = g.edgeStart[l]; e < g.edgeStart[l + 1]; e++) {
                labelled += Double.isNaN(g.labelX[e]) ? 0 : 1;
            }
            assertTrue(labelled == 0 || labelled == g.edgeStart[l + 1] - g.edgeStart[l], "layer " + l);
        }
        // The slides' 2-2-1 network is small enough to carry every value on its edges.
        for (int e = 0; e < g.edgeCount; e++) {
            assertFalse(Double.isNaN(g.labelX[e]), "edge " + e + " labelled");
        }
    }

    @Test
    void mnistSizedNetworkCollapsesWithinBounds() {
        int[] sizes = {784, 128, 64, 10};
        long start = System.nanoTime();
        GraphLayout g = layout(sizes, new boolean[] {false, true, true, true}, 1280, 760);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < 500, "layout took " + millis + " ms");
        int slots = GraphLayout.slotsFor(1280, 760, true);
        assertTrue(slots <= GraphLayout.MAX_SLOTS);
        for (int l = 0; l < sizes.length; l++) {
            assertTrue(g.visible[l].length < slots || g.visible[l].length == sizes[l]);
            assertEquals(sizes[l], g.visible[l].length + g.hidden[l]);
        }
        assertTrue(g.unitCount <= 4 * GraphLayout.MAX_SLOTS);
        assertTrue(g.edgeCount <= 3 * GraphLayout.MAX_SLOTS * (GraphLayout.MAX_SLOTS + 1));
        assertEquals(GraphLayout.Collapse.LARGEST, g.collapse[0], "784 inputs: the strongest are shown");
        assertEquals(GraphLayout.Collapse.LARGEST, g.collapse[1]);
        assertFalse(Double.isNaN(g.markerY[0]), "a '⋯ N more' marker for the collapsed input");
        assertEquals(784 - g.visible[0].length, g.hidden[0]);
        assertInside(g);
        assertFalse(g.circlesOverlap());
        assertApart(g);
        // The marker slot does not sit on a unit.
        for (int l = 0; l < sizes.length; l++) {
            if (!Double.isNaN(g.markerY[l])) {
                for (int u = g.unitStart[l]; u < g.unitStart[l + 1]; u++) {
                    assertTrue(Math.abs(g.unitY[u] - g.markerY[l]) >= g.pitch - 1e-6);
                }
            }
        }
    }

    @Test
    void oneOneOneWorksAndTinyViewsDoNotFail() {
        GraphLayout g = layout(new int[] {1, 1, 1}, new boolean[] {false, true, true}, 1280, 760);
        assertEquals(3, g.unitCount);
        assertEquals(4, g.edgeCount);
        assertInside(g);
        GraphLayout tiny = layout(new int[] {1, 1, 1}, new boolean[] {false, true, true}, 50, 40);
        assertEquals(3, tiny.unitCount);
        GraphLayout deep = layout(new int[] {3, 30, 30, 30, 30, 30, 30, 30, 30, 2}, new boolean[10], 600, 400);
        assertTrue(deep.unitCount <= 10 * GraphLayout.MAX_SLOTS);
    }

    @Test
    void chooseVisibleKeepsSmallLayersAndCollapsesWideOnes() {
        assertArrayEquals(new int[] {0, 1, 2}, GraphLayout.chooseVisible(3, 8, null));
        // Moderately wide: the first ones, the last one; the marker takes a slot.
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 9}, GraphLayout.chooseVisible(10, 8, new double[10]));
        // Very wide: the largest importance, in ascending order of index.
        double[] importance = new double[100];
        importance[42] = 9;
        importance[7] = 8;
        importance[99] = 7;
        int[] shown = GraphLayout.chooseVisible(100, 4, importance);
        assertArrayEquals(new int[] {7, 42, 99}, shown);
        assertEquals(1, GraphLayout.chooseVisible(1000, 1, importance).length);
    }

    @Test
    void hitTestFindsUnitsEdgesAndBiases() {
        GraphLayout g = layout(new int[] {2, 4, 1}, new boolean[] {false, true, true}, 1280, 760);
        double[] widths = new double[g.edgeCount];
        java.util.Arrays.fill(widths, 2);
        int h3 = g.unitAt(1, 2);
        GraphLayout.Hit unit = g.hitTest(g.unitX[h3] + 3, g.unitY[h3] - 3, widths);
        assertEquals(new GraphLayout.Hit(GraphElement.Kind.UNIT, 1, -1, 2), unit);

        int edge = g.edgeAt(2, 3, 0);
        double x = g.edgeX1[edge] + 0.5 * (g.edgeX2[edge] - g.edgeX1[edge]);
        double y = g.edgeY1[edge] + 0.5 * (g.edgeY2[edge] - g.edgeY1[edge]);
        assertEquals(new GraphLayout.Hit(GraphElement.Kind.EDGE, 2, 3, 0), g.hitTest(x, y + 2, widths));

        int bias = g.edgeAt(2, -1, 0);
        double bx = g.edgeX1[bias] + 0.4 * (g.edgeX2[bias] - g.edgeX1[bias]);
        double by = g.edgeY1[bias] + 0.4 * (g.edgeY2[bias] - g.edgeY1[bias]);
        assertEquals(new GraphLayout.Hit(GraphElement.Kind.BIAS, 2, -1, 0), g.hitTest(bx, by, widths));
        // The output's bias node feeds one unit: pointing at the node is pointing at that bias.
        assertEquals(new GraphLayout.Hit(GraphElement.Kind.BIAS, 2, -1, 0), g.hitTest(g.biasX[2], g.biasY[2],
                widths));
        // The hidden layer's node feeds four: it is the node, not one bias.
        GraphLayout.Hit node = g.hitTest(g.biasX[1], g.biasY[1], widths);
        assertNotNull(node);
        assertEquals(-1, node.to());

        // An edge that is not drawn (width 0) cannot be hit; empty space hits nothing.
        java.util.Arrays.fill(widths, 0);
        assertNull(g.hitTest(x, y + 2, widths));
        assertNull(g.hitTest(g.width - 2, g.unitTop + 1, widths));
    }

    @Test
    void lookupsAndGeometryHelpers() {
        GraphLayout g = layout(new int[] {2, 4, 1}, new boolean[] {false, true, false}, 1000, 600);
        assertEquals(-1, g.edgeAt(2, -1, 0), "no bias into the output");
        assertEquals(-1, g.unitAt(1, 9));
        assertEquals(-1, g.edgeAt(0, 0, 0));
        assertTrue(GraphLayout.segmentHitsRect(0, 0, 10, 10, 4, 4, 6, 6));
        assertFalse(GraphLayout.segmentHitsRect(0, 0, 10, 0, 4, 4, 6, 6));
        assertEquals(5, GraphLayout.distanceToSegment(5, 5, 0, 0, 10, 0), 1e-12);
    }

    @Test
    void fixedDigitNumbers() {
        assertEquals("0.552", Fixed.format(0.5523079, 3));
        assertEquals("−0.0368", Fixed.format(-0.0367703, 4));
        assertEquals("0.000", Fixed.format(-0.0001, 3), "no negative zero");
        assertEquals("12.000", Fixed.format(12, 3));
        assertEquals("—", Fixed.format(Double.NaN, 3));
        assertEquals("∞", Fixed.format(Double.POSITIVE_INFINITY, 3));
        assertEquals(3, Fixed.decimalsFor(2));
        assertEquals(3, Fixed.decimalsFor(0.1));
        assertEquals(4, Fixed.decimalsFor(0.05));
        assertEquals(5, Fixed.decimalsFor(0.002));
        assertEquals(5, Fixed.decimalsFor(1e-9));
    }
}
