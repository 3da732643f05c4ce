package dev.backstep.view;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How the window divides its height between the graph and the formula panel. */
class MainWindowSplitTest {
    @Test
    void aFourUnitLayerGetsTheHeightAndTheFormulaKeepsItsMinimum() {
        // 1280×800: about 630 px for graph and formula; 2-4-1 wants 242 + 4·72 = 530 px for comfortable units.
        double share = MainWindow.graphShare(4, true, 630, 1);
        assertEquals(630 - 195, share * 630, 1e-9, "the formula keeps its 195 px, the graph takes the rest");
    }

    @Test
    void aTwoUnitNetworkLeavesTheFormulaWhatItsGraphDoesNotNeed() {
        // 1440×900: about 740 px; 2-2-2 with biases wants 207 + 35 + 250 = 492 px (its edge labels need more than
        // 2·72 px, the bias edges coming down steeply).
        assertEquals(492, MainWindow.graphShare(2, true, 740, 1) * 740, 1e-9);
        // Without biases 2-2-1 wants 207 + 144 = 351 px: the formula gets its full 330.
        assertEquals(740 - 330, MainWindow.graphShare(2, false, 740, 1) * 740, 1e-9);
        // A tall window: the formula takes at most 330 px, the graph the rest.
        assertEquals(1000 - 330, MainWindow.graphShare(2, true, 1000, 1) * 1000, 1e-9);
    }

    @Test
    void boundsHoldForHugeLayersTinyWindowsAndLargeScales() {
        for (int widest : new int[] {1, 2, 4, 8, 784}) {
            for (double height : new double[] {1, 300, 630, 2000}) {
                for (double scale : new double[] {1, 1.5, 2}) {
                    double share = MainWindow.graphShare(widest, true, height, scale);
                    assertTrue(share >= 0.5 && share <= 0.8, widest + " " + height + " " + scale + ": " + share);
                }
            }
        }
        // Above ×1 the formula gets at least MIN_SCALED_FORMULA_HEIGHT px per unit of scale.
        assertEquals(1 - MainWindow.MIN_SCALED_FORMULA_HEIGHT * 1.5 / 1000, MainWindow.graphShare(8, true, 1000, 1.5), 1e-12);
    }
}
