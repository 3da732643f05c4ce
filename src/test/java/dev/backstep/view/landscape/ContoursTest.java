package dev.backstep.view.landscape;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Marching squares against fields whose contours are known in closed form. */
class ContoursTest {
    @Test
    void aPlaneGivesAStraightLineAtTheInterpolatedColumn() {
        // f(row, col) = 2·col: the level 5 is crossed at col = 2.5 in every row band.
        double[][] v = new double[6][7];
        for (int r = 0; r < 6; r++) {
            for (int c = 0; c < 7; c++) {
                v[r][c] = 2 * c;
            }
        }
        List<double[]> segments = Contours.segments(v, 5);
        assertEquals(5, segments.size(), "one segment per row band");
        for (double[] s : segments) {
            assertEquals(2.5, s[0], 1e-12);
            assertEquals(2.5, s[2], 1e-12);
            assertEquals(1.0, Math.abs(s[3] - s[1]), 1e-12);
        }
    }

    @Test
    void aBowlGivesAClosedRingAtTheRightRadius() {
        // f = (c − 10)² + (r − 10)²: the level 25 is the circle of radius 5 around (10, 10).
        int n = 21;
        double[][] v = new double[n][n];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                v[r][c] = (c - 10.0) * (c - 10.0) + (r - 10.0) * (r - 10.0);
            }
        }
        List<double[]> segments = Contours.segments(v, 25);
        assertTrue(segments.size() >= 20, "a ring of segments");
        for (double[] s : segments) {
            for (int end = 0; end < 4; end += 2) {
                double radius = Math.hypot(s[end] - 10, s[end + 1] - 10);
                assertEquals(5, radius, 0.15, "every crossing lies near the circle");
            }
        }
    }

    @Test
    void cellsWithANonFiniteCornerAreSkipped() {
        double[][] v = {{0, 1}, {Double.NaN, 1}};
        assertTrue(Contours.segments(v, 0.5).isEmpty());
    }
}
