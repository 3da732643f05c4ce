package dev.backstep.trace;

import java.math.BigDecimal;

/**
 * One printed value.
 *
 * @param term    the term it claims to be, e.g. {@code delta(h2)}, {@code w(x1->h1)} or {@code next.a(o1)}
 *                (the grammar is in sample-networks/README.md)
 * @param printed the number exactly as printed, e.g. {@code "-0.0376"}; its decimals are its precision
 * @param label   what the source called it, e.g. {@code δ_5}, or empty
 * @param note    where it was printed or how the source got it, or empty
 */
public record PublishedValue(String term, String printed, String label, String note) {
    /** The printed number. */
    public BigDecimal value() {
        return new BigDecimal(printed.replace('−', '-'));
    }

    /** Digits after the decimal point as printed: the precision the source claims. */
    public int decimals() {
        return Math.max(0, value().scale());
    }
}
