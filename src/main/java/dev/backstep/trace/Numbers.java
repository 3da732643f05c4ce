package dev.backstep.trace;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** How numbers are written in formulas: a fixed number of significant digits, trailing zeros dropped. */
public final class Numbers {
    /** Digits of the numbers substituted into a formula: enough to redo the arithmetic by hand. */
    public static final int FORMULA_DIGITS = 6;

    private Numbers() {
    }

    /**
     * {@code value} rounded to {@code significant} digits, in plain decimal between 10⁻⁴ and 10⁶ and as
     * mantissa and power of ten outside; {@code text} selects "1.2×10⁻⁵" over LaTeX's "1.2\times10^{-5}".
     */
    public static String format(double value, int significant, boolean text) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? (text ? "∞" : "\\infty") : (text ? "−∞" : "-\\infty");
        }
        if (value == 0) {
            return "0";
        }
        BigDecimal rounded = new BigDecimal(value).round(new MathContext(significant, RoundingMode.HALF_EVEN));
        double magnitude = Math.abs(rounded.doubleValue());
        String sign = rounded.signum() < 0 ? (text ? "−" : "-") : "";
        BigDecimal abs = rounded.abs();
        if (magnitude >= 1e-4 && magnitude < 1e6) {
            return sign + abs.stripTrailingZeros().toPlainString();
        }
        int exponent = abs.precision() - abs.scale() - 1;
        BigDecimal mantissa = abs.movePointLeft(exponent).stripTrailingZeros();
        String m = mantissa.toPlainString();
        if (text) {
            return sign + m + "×10" + superscript(Integer.toString(exponent));
        }
        return sign + m + "\\times10^{" + exponent + "}";
    }

    /** Formula precision. */
    public static String format(double value, boolean text) {
        return format(value, FORMULA_DIGITS, text);
    }

    /** Full precision: the shortest decimal that reads back as exactly this double. */
    public static String exact(double value) {
        return Double.toString(value);
    }

    private static final String SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹";
    private static final String SUBSCRIPTS = "₀₁₂₃₄₅₆₇₈₉";

    /** Digits, signs and parentheses as Unicode superscripts (other characters unchanged). */
    public static String superscript(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c >= '0' && c <= '9') {
                out.append(SUPERSCRIPTS.charAt(c - '0'));
            } else if (c == '-' || c == '−') {
                out.append('⁻');
            } else if (c == '+') {
                out.append('⁺');
            } else if (c == '(') {
                out.append('⁽');
            } else if (c == ')') {
                out.append('⁾');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Digits as Unicode subscripts when the whole string is digits, otherwise null (the caller writes _x). */
    public static String subscriptDigits(String s) {
        if (s.isEmpty()) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c < '0' || c > '9') {
                return null;
            }
            out.append(SUBSCRIPTS.charAt(c - '0'));
        }
        return out.toString();
    }
}
