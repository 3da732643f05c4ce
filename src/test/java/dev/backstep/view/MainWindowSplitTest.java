package dev.backstep.view;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How the window divides its height between the graph and the formula panel. */
class MainWindowSplitTest {
    @Test
    void aFourUnitLayerGetsTheHeightAndTheFormulaKeepsItsMinimum() {
        // 1280×800: about 630 px for graph and formula; 2-4-1 wants 242 + 4·72 = 530 px for comfortable units.
        double share = MainWindow.graphShare(4, 630, 1);
        assertEquals(630 - 195, share * 630, 1e-9, "the formula keeps its 195 px, the graph takes the rest");
    }

    @Test
    void aTwoUnitNetworkLeavesTheFormulaWhatItsGraphDoesNotNeed() {
        // 1440×900: about 740 px; 2-2-2 wants 242 + 2·72 = 386 px, the formula at most 330 of the 354 left.
        double share = MainWindow.graphShare(2, 740, 1);
        assertEquals(740 - 330, share * 740, 1e-9);
        // 1280×800: 630 − 386 = 244 px for the formula, between its bounds.
        assertEquals(386, MainWindow.graphShare(2, 630, 1) * 630, 1e-9);
    }

    @Test
    void boundsHoldForHugeLayersTinyWindowsAndLargeScales() {
        for (int widest : new int[] {1, 2, 4, 8, 784}) {
            for (double height : new double[] {1, 300, 630, 2000}) {
                for (double scale : new double[] {1, 1.5, 2}) {
                    double share = MainWindow.graphShare(widest, height, scale);
                    assertTrue(share >= 0.5 && share <= 0.8, widest + " " + height + " " + scale + ": " + share);
                }
            }
        }
        // At ×1.5 the formula's minimum grows with the scale: 195·1.5 px of 1000.
        assertEquals(1 - 195 * 1.5 / 1000, MainWindow.graphShare(8, 1000, 1.5), 1e-12);
    }
}
