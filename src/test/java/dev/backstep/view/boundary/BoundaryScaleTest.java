package dev.backstep.view.boundary;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The boundary grows with the presentation scale as far as it keeps a 480 × 300 layout in scaled units. */
class BoundaryScaleTest {
    @Test
    void scaleIsLimitedByTheRoomAndNeverBelowOne() {
        assertEquals(2, DecisionBoundaryView.fittingScale(960, 600, 2), 0, "room for ×2");
        assertEquals(1.5, DecisionBoundaryView.fittingScale(720, 450, 2), 1e-12, "720/480 = 450/300 = 1.5");
        assertEquals(1.25, DecisionBoundaryView.fittingScale(2000, 375, 2), 1e-12, "the height limits: 375/300");
        assertEquals(1, DecisionBoundaryView.fittingScale(600, 260, 1.5), 0, "too small: stays at ×1");
        assertEquals(1.25, DecisionBoundaryView.fittingScale(4000, 4000, 1.25), 0, "never more than asked");
    }
}
