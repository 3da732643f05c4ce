package dev.backstep.trace;

/**
 * One chain-rule term of a training step: what it is, how it is computed, with which numbers, and where it lives.
 *
 * @param index       its position in the step (0-based)
 * @param key         a stable name independent of notation, e.g. {@code delta(h2)}, {@code dEdw(x1->h1)@3}
 *                    (the suffix is the sample's index in the data set, on per-sample terms of a batch)
 * @param sample      the data-set index of the sample it belongs to, or −1 for batch-level and update terms
 * @param symbol      what is computed, e.g. δ₅
 * @param formula     how, in symbols, e.g. y₅(1 − y₅)(t − y₅)
 * @param substituted the formula with the numbers of this step; it evaluates to {@code value}
 * @param value       the value, in the sign convention of the notation
 * @param uses        indices of the earlier terms it uses
 * @param note        a remark for the student (a simplification, a frozen parameter), or empty
 */
public record Term(int index, Phase phase, String key, int sample, Element element, Expr symbol, Expr formula,
                   Expr substituted, double value, int[] uses, String note) {
    /**
     * "symbol = formula = substituted = value" in LaTeX, as one line of an align block; a substituted formula that
     * is just the value is not repeated.
     */
    public String latexLine() {
        String line = symbol.latex() + " &= " + formula.latex();
        if (!(substituted instanceof Expr.Num)) {
            line += " = " + substituted.latex();
        }
        return line + " = " + Numbers.format(value, false);
    }

    /** "symbol = formula = substituted = value" in Unicode text, the value not repeated. */
    public String textLine() {
        String line = symbol.text() + " = " + formula.text();
        if (!(substituted instanceof Expr.Num)) {
            line += " = " + substituted.text();
        }
        return line + " = " + Numbers.format(value, true);
    }

    /** "sample 3" (counted from 1, as people count) for a per-sample term, else empty. */
    public String sampleLabel() {
        return sample < 0 ? "" : "sample " + (sample + 1);
    }
}
