package dev.backstep.view.landscape;

import java.util.ArrayList;
import java.util.List;

/**
 * Contour lines of a grid of values by marching squares: for one level, the line segments through every cell whose
 * corners lie on both sides of it, with the crossing points placed by linear interpolation along the cell's edges.
 * Coordinates are in grid units (column, row), so the caller maps them to the screen as it maps the grid. Cells with
 * a non-finite corner get no segment; a saddle cell (opposite corners on the same side) is split by its centre's
 * value. Pure Java.
 */
final class Contours {
    private Contours() {
    }

    /** Segments as {x1, y1, x2, y2} in (column, row) units of {@code values[row][col]}. */
    static List<double[]> segments(double[][] values, double level) {
        List<double[]> out = new ArrayList<>();
        int rows = values.length;
        int cols = values[0].length;
        for (int r = 0; r + 1 < rows; r++) {
            for (int c = 0; c + 1 < cols; c++) {
                double a = values[r][c];
                double b = values[r][c + 1];
                double d = values[r + 1][c];
                double e = values[r + 1][c + 1];
                if (!Double.isFinite(a) || !Double.isFinite(b) || !Double.isFinite(d) || !Double.isFinite(e)) {
                    continue;
                }
                cell(out, c, r, a, b, e, d, level);
            }
        }
        return out;
    }

    /** One cell with corners v0 = (c, r), v1 = (c+1, r), v2 = (c+1, r+1), v3 = (c, r+1). */
    private static void cell(List<double[]> out, int c, int r, double v0, double v1, double v2, double v3,
                             double level) {
        int index = (v0 > level ? 1 : 0) | (v1 > level ? 2 : 0) | (v2 > level ? 4 : 0) | (v3 > level ? 8 : 0);
        if (index == 0 || index == 15) {
            return;
        }
        // Crossing points on the four edges: bottom (v0–v1), right (v1–v2), top (v3–v2), left (v0–v3).
        double[] bottom = {c + t(v0, v1, level), r};
        double[] right = {c + 1, r + t(v1, v2, level)};
        double[] top = {c + t(v3, v2, level), r + 1};
        double[] left = {c, r + t(v0, v3, level)};
        double centre = (v0 + v1 + v2 + v3) / 4;
        switch (index) {
            case 1: case 14: add(out, left, bottom); break;
            case 2: case 13: add(out, bottom, right); break;
            case 3: case 12: add(out, left, right); break;
            case 4: case 11: add(out, right, top); break;
            case 6: case 9: add(out, bottom, top); break;
            case 7: case 8: add(out, left, top); break;
            case 5:
                if (centre > level) {
                    add(out, left, top);
                    add(out, bottom, right);
                } else {
                    add(out, left, bottom);
                    add(out, right, top);
                }
                break;
            case 10:
                if (centre > level) {
                    add(out, left, bottom);
                    add(out, right, top);
                } else {
                    add(out, left, top);
                    add(out, bottom, right);
                }
                break;
            default:
                throw new AssertionError(index);
        }
    }

    private static double t(double from, double to, double level) {
        return (level - from) / (to - from);
    }

    private static void add(List<double[]> out, double[] p, double[] q) {
        out.add(new double[] {p[0], p[1], q[0], q[1]});
    }
}
