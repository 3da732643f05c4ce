package dev.backstep.view.boundary;

/**
 * The part of the input plane the decision boundary shows: x is the first input, y the second.
 *
 * @param minX smallest first input shown
 * @param maxX largest first input shown
 * @param minY smallest second input shown
 * @param maxY largest second input shown
 */
public record Plane(double minX, double maxX, double minY, double maxY) {
    /** The margin added on each side, as a fraction of the data's extent. */
    public static final double MARGIN = 0.10;
    /** Extents within this ratio are made equal, so that a circle in the data looks like a circle. */
    static final double SQUARE_RATIO = 2.0;

    public double width() {
        return maxX - minX;
    }

    public double height() {
        return maxY - minY;
    }

    public boolean contains(double x, double y) {
        return x >= minX && x <= maxX && y >= minY && y <= maxY;
    }

    /**
     * The bounding box of the points (x[i], y[i]) for i below {@code count}, with a {@link #MARGIN} on every side;
     * extents within a factor {@link #SQUARE_RATIO} of each other are made equal (around their centres), a zero
     * extent (a single point, or all points on a line) becomes one unit or a tenth of the coordinate's magnitude,
     * and non-finite coordinates are ignored. Without any finite point it is [−1, 1]².
     */
    public static Plane around(double[] x, double[] y, int count) {
        double minX = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < count; i++) {
            if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
                minX = Math.min(minX, x[i]);
                maxX = Math.max(maxX, x[i]);
                minY = Math.min(minY, y[i]);
                maxY = Math.max(maxY, y[i]);
            }
        }
        if (minX > maxX) {
            return new Plane(-1, 1, -1, 1);
        }
        double w = extent(minX, maxX);
        double h = extent(minY, maxY);
        if (w / h <= SQUARE_RATIO && h / w <= SQUARE_RATIO) {
            w = Math.max(w, h);
            h = w;
        }
        double cx = (minX + maxX) / 2;
        double cy = (minY + maxY) / 2;
        double hw = w / 2 * (1 + 2 * MARGIN);
        double hh = h / 2 * (1 + 2 * MARGIN);
        return new Plane(cx - hw, cx + hw, cy - hh, cy + hh);
    }

    private static double extent(double min, double max) {
        double e = max - min;
        if (e > 0) {
            return e;
        }
        return Math.max(1.0, Math.abs(min) / 10);
    }
}
