package dev.backstep.view.graph;

/**
 * Fixed-digit numbers for the graph: the same count of decimals for every value of one quantity, so columns of
 * numbers line up and a changing value does not make its label jump. Negative numbers use the true minus sign
 * (U+2212), which reads better than a hyphen from the back of a lecture hall.
 */
final class Fixed {
    /** Fewest and most decimals shown on the graph. */
    static final int MIN_DECIMALS = 3;
    static final int MAX_DECIMALS = 5;

    private static final long[] POW10 = {1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L};

    private Fixed() {
    }

    /**
     * Decimals that give about three significant digits to the largest value of a scale with maximum {@code max}:
     * 3 for a maximum of 0.1 to 10, 4 below 0.1, 5 below 0.01.
     */
    static int decimalsFor(double max) {
        if (!(max > 0) || !Double.isFinite(max)) {
            return MIN_DECIMALS;
        }
        int d = 2 - (int) Math.floor(Math.log10(max) + 1e-9);
        return Math.max(MIN_DECIMALS, Math.min(MAX_DECIMALS, d));
    }

    /** {@code value} with exactly {@code decimals} decimals; "—" for NaN, "∞" for infinities, no "−0.000". */
    static String format(double value, int decimals) {
        if (Double.isNaN(value)) {
            return "—";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "∞" : "−∞";
        }
        int d = Math.max(0, Math.min(POW10.length - 1, decimals));
        double scaled = Math.abs(value) * POW10[d];
        if (scaled >= 9e15) {
            return sci(value);
        }
        long units = Math.round(scaled);
        StringBuilder out = new StringBuilder(12);
        if (value < 0 && units != 0) {
            out.append('−');
        }
        out.append(units / POW10[d]);
        if (d > 0) {
            out.append('.');
            String frac = Long.toString(units % POW10[d]);
            for (int i = frac.length(); i < d; i++) {
                out.append('0');
            }
            out.append(frac);
        }
        return out.toString();
    }

    private static String sci(double value) {
        String s = String.format("%.2e", value);
        return s.replace('-', '−');
    }
}
