package dev.backstep.trace;

import java.util.List;
import java.util.function.DoubleUnaryOperator;
import java.util.function.ToDoubleFunction;

/**
 * A formula as a small tree that renders as LaTeX (for the formula panel and slides) and as Unicode text (for the
 * terminal and tables), and that evaluates itself when it holds numbers: the formula a student reads with numbers
 * substituted is the computation whose value is shown.
 */
public sealed interface Expr {
    /** Binding strength, loosest first: a child that binds more loosely than its context gets parentheses. */
    int SUM = 0;
    int NEGATIVE = 1;
    int PRODUCT = 2;
    int POWER = 3;
    int ATOM = 4;

    /** Sums with more parts than this show the first {@value #HEAD} parts, an ellipsis and the last part. */
    int MAX_SHOWN = 6;
    int HEAD = 3;

    int precedence();

    void latex(StringBuilder out);

    void text(StringBuilder out);

    /** The value; NaN when the expression holds symbols. */
    double eval();

    default String latex() {
        StringBuilder out = new StringBuilder();
        latex(out);
        return out.toString();
    }

    default String text() {
        StringBuilder out = new StringBuilder();
        text(out);
        return out.toString();
    }

    static void latexIn(Expr child, int context, StringBuilder out) {
        if (child.precedence() < context) {
            out.append("\\left(");
            child.latex(out);
            out.append("\\right)");
        } else {
            child.latex(out);
        }
    }

    static void textIn(Expr child, int context, StringBuilder out) {
        if (child.precedence() < context) {
            out.append('(');
            child.text(out);
            out.append(')');
        } else {
            child.text(out);
        }
    }

    // ---- constructors -------------------------------------------------------------------------------------------

    static Expr num(double value) {
        return new Num(value);
    }

    static Sym sym(String latexBase, String textBase) {
        return new Sym(latexBase, textBase, "", "");
    }

    static Expr sum(List<Expr> parts) {
        return parts.size() == 1 ? parts.get(0) : new Sum(List.copyOf(parts));
    }

    static Expr product(Expr... factors) {
        return new Product(List.of(factors), true);
    }

    /** Factors written side by side, as symbols are (w x rather than w · x). */
    static Expr juxtapose(Expr... factors) {
        return new Product(List.of(factors), false);
    }

    static Expr minus(Expr left, Expr right) {
        return new Difference(left, right);
    }

    static Expr negate(Expr inner) {
        return new Negation(inner);
    }

    static Expr frac(Expr numerator, Expr denominator) {
        return new Fraction(numerator, denominator);
    }

    static Expr exp(Expr exponent) {
        return new Exponential(exponent);
    }

    static Expr power(Expr base, Expr exponent) {
        return new Power(base, exponent);
    }

    static Expr sqrt(Expr inner) {
        return new Root(inner);
    }

    static Expr call(String latexName, String textName, DoubleUnaryOperator function, Expr argument) {
        return new Call(latexName, textName, args -> function.applyAsDouble(args[0]), List.of(argument));
    }

    /** A function of several arguments, e.g. max(0, z). */
    static Expr call(String latexName, String textName, ToDoubleFunction<double[]> function, Expr... arguments) {
        return new Call(latexName, textName, function, List.of(arguments));
    }

    static Expr log(Expr argument) {
        return call("\\log", "log", Math::log, argument);
    }

    /** {@code inner} with text written tight before and after it, e.g. Δw₁₁ or w₁₃(new). */
    static Expr affix(String latexBefore, String textBefore, Expr inner, String latexAfter, String textAfter) {
        return new Affix(latexBefore, textBefore, inner, latexAfter, textAfter);
    }

    /** Explicit parentheses. */
    static Expr group(Expr inner) {
        return new Group(inner);
    }

    /** ∂numerator/∂denominator, e.g. ∂E/∂a⁽¹⁾₂. */
    static Expr partial(Expr numerator, Expr denominator) {
        return new Partial(numerator, denominator);
    }

    static Expr raw(String latex, String text) {
        return new Raw(latex, text);
    }

    // ---- nodes --------------------------------------------------------------------------------------------------

    /** A number, written to formula precision. */
    record Num(double value) implements Expr {
        @Override
        public int precedence() {
            // −0.0 is written "0" (see Numbers.format), so it needs no parentheses either.
            return value < 0 ? NEGATIVE : ATOM;
        }

        @Override
        public void latex(StringBuilder out) {
            out.append(Numbers.format(value, false));
        }

        @Override
        public void text(StringBuilder out) {
            out.append(Numbers.format(value, true));
        }

        @Override
        public double eval() {
            return value;
        }
    }

    /**
     * A symbol with optional subscript and superscript, e.g. z⁽¹⁾₂ or net_h1. Subscripts of digits become Unicode
     * subscripts in text; others are written after an underscore.
     */
    record Sym(String latexBase, String textBase, String sub, String sup) implements Expr {
        public Sym withSub(String value) {
            return new Sym(latexBase, textBase, value, sup);
        }

        public Sym withSup(String value) {
            return new Sym(latexBase, textBase, sub, value);
        }

        @Override
        public int precedence() {
            return ATOM;
        }

        @Override
        public void latex(StringBuilder out) {
            out.append(latexBase);
            if (!sup.isEmpty()) {
                out.append("^{").append(sup).append('}');
            }
            if (!sub.isEmpty()) {
                out.append("_{").append(latexSubscript(sub)).append('}');
            }
        }

        private static String latexSubscript(String s) {
            boolean plain = s.chars().allMatch(c -> Character.isDigit(c) || c == ',') || s.matches("[a-z][+-]\\d");
            boolean single = s.length() == 1 && Character.isLetterOrDigit(s.charAt(0));
            return plain || single ? s : "\\mathrm{" + Symbols.escapeMath(s) + "}";
        }

        @Override
        public void text(StringBuilder out) {
            out.append(textBase);
            if (!sup.isEmpty()) {
                out.append(Numbers.superscript(sup));
            }
            if (!sub.isEmpty()) {
                String digits = Numbers.subscriptDigits(sub);
                out.append(digits != null ? digits : "_" + (sub.contains(",") ? "{" + sub + "}" : sub));
            }
        }

        @Override
        public double eval() {
            return Double.NaN;
        }
    }

    /** Parts added left to right; long sums are shortened for display but always evaluated in full. */
    record Sum(List<Expr> parts) implements Expr {
        @Override
        public int precedence() {
            return SUM;
        }

        private void render(StringBuilder out, boolean latex) {
            int n = parts.size();
            boolean shorten = n > MAX_SHOWN;
            for (int i = 0; i < n; i++) {
                if (shorten && i == HEAD) {
                    out.append(latex ? " + \\cdots" : " + …");
                    i = n - 1;
                }
                if (i > 0) {
                    out.append(" + ");
                }
                // A negative part after the first is parenthesised: "0.3 + (−0.2)", never "0.3 + −0.2".
                int context = i == 0 ? SUM : NEGATIVE + 1;
                if (latex) {
                    latexIn(parts.get(i), context, out);
                } else {
                    textIn(parts.get(i), context, out);
                }
            }
        }

        @Override
        public void latex(StringBuilder out) {
            render(out, true);
        }

        @Override
        public void text(StringBuilder out) {
            render(out, false);
        }

        @Override
        public double eval() {
            double sum = 0;
            for (Expr part : parts) {
                sum += part.eval();
            }
            return sum;
        }
    }

    /** Factors multiplied left to right. */
    record Product(List<Expr> factors, boolean dot) implements Expr {
        @Override
        public int precedence() {
            return PRODUCT;
        }

        @Override
        public void latex(StringBuilder out) {
            for (int i = 0; i < factors.size(); i++) {
                if (i > 0) {
                    out.append(dot ? " \\cdot " : "\\,");
                }
                latexIn(factors.get(i), PRODUCT + (i > 0 ? 1 : 0), out);
            }
        }

        @Override
        public void text(StringBuilder out) {
            for (int i = 0; i < factors.size(); i++) {
                if (i > 0) {
                    out.append(dot ? " · " : " ");
                }
                textIn(factors.get(i), PRODUCT + (i > 0 ? 1 : 0), out);
            }
        }

        @Override
        public double eval() {
            double product = factors.get(0).eval();
            for (int i = 1; i < factors.size(); i++) {
                product *= factors.get(i).eval();
            }
            return product;
        }
    }

    record Difference(Expr left, Expr right) implements Expr {
        @Override
        public int precedence() {
            return SUM;
        }

        @Override
        public void latex(StringBuilder out) {
            latexIn(left, SUM, out);
            out.append(" - ");
            latexIn(right, NEGATIVE + 1, out);
        }

        @Override
        public void text(StringBuilder out) {
            textIn(left, SUM, out);
            out.append(" − ");
            textIn(right, NEGATIVE + 1, out);
        }

        @Override
        public double eval() {
            return left.eval() - right.eval();
        }
    }

    record Negation(Expr inner) implements Expr {
        @Override
        public int precedence() {
            return NEGATIVE;
        }

        @Override
        public void latex(StringBuilder out) {
            out.append('-');
            latexIn(inner, PRODUCT, out);
        }

        @Override
        public void text(StringBuilder out) {
            out.append('−');
            textIn(inner, PRODUCT, out);
        }

        @Override
        public double eval() {
            return -inner.eval();
        }
    }

    record Fraction(Expr numerator, Expr denominator) implements Expr {
        @Override
        public int precedence() {
            return PRODUCT;
        }

        @Override
        public void latex(StringBuilder out) {
            out.append("\\frac{");
            numerator.latex(out);
            out.append("}{");
            denominator.latex(out);
            out.append('}');
        }

        @Override
        public void text(StringBuilder out) {
            if (numerator instanceof Num n && denominator instanceof Num d && n.value() == 1 && d.value() == 2) {
                out.append('½');
                return;
            }
            textIn(numerator, PRODUCT, out);
            out.append(" / ");
            textIn(denominator, POWER, out);
        }

        @Override
        public double eval() {
            return numerator.eval() / denominator.eval();
        }
    }

    record Exponential(Expr exponent) implements Expr {
        @Override
        public int precedence() {
            return POWER;
        }

        @Override
        public void latex(StringBuilder out) {
            out.append("e^{");
            exponent.latex(out);
            out.append('}');
        }

        @Override
        public void text(StringBuilder out) {
            out.append("e^");
            textIn(exponent, ATOM, out);
        }

        @Override
        public double eval() {
            return Math.exp(exponent.eval());
        }
    }

    record Power(Expr base, Expr exponent) implements Expr {
        @Override
        public int precedence() {
            return POWER;
        }

        /** A base that already carries an index or a mark is parenthesised: (a⁽²⁾₂)², never a double superscript. */
        private boolean decorated() {
            return base instanceof Affix || base instanceof Sym sym && !(sym.sub().isEmpty() && sym.sup().isEmpty());
        }

        @Override
        public void latex(StringBuilder out) {
            if (decorated()) {
                out.append("\\left(");
                base.latex(out);
                out.append("\\right)");
            } else {
                latexIn(base, ATOM, out);
            }
            out.append("^{");
            exponent.latex(out);
            out.append('}');
        }

        @Override
        public void text(StringBuilder out) {
            if (decorated()) {
                out.append('(');
                base.text(out);
                out.append(')');
            } else {
                textIn(base, ATOM, out);
            }
            String e = exponent.text();
            boolean simple = e.chars().allMatch(Character::isDigit);
            out.append(simple ? Numbers.superscript(e) : "^(" + e + ")");
        }

        @Override
        public double eval() {
            double b = base.eval();
            double e = exponent.eval();
            // b·b, not pow(b, 2): the engine squares by multiplying, and the two may differ in the last bit.
            return e == 2 ? b * b : Math.pow(b, e);
        }
    }

    record Root(Expr inner) implements Expr {
        @Override
        public int precedence() {
            return ATOM;
        }

        @Override
        public void latex(StringBuilder out) {
            out.append("\\sqrt{");
            inner.latex(out);
            out.append('}');
        }

        @Override
        public void text(StringBuilder out) {
            out.append('√');
            textIn(inner, ATOM, out);
        }

        @Override
        public double eval() {
            return Math.sqrt(inner.eval());
        }
    }

    /** A named function applied to arguments, e.g. σ(0.21), tanh(z), max(0, z). */
    record Call(String latexName, String textName, ToDoubleFunction<double[]> function, List<Expr> arguments)
            implements Expr {
        @Override
        public int precedence() {
            return ATOM;
        }

        @Override
        public void latex(StringBuilder out) {
            out.append(latexName).append("\\left(");
            for (int i = 0; i < arguments.size(); i++) {
                out.append(i > 0 ? ", " : "");
                arguments.get(i).latex(out);
            }
            out.append("\\right)");
        }

        @Override
        public void text(StringBuilder out) {
            out.append(textName).append('(');
            for (int i = 0; i < arguments.size(); i++) {
                out.append(i > 0 ? ", " : "");
                arguments.get(i).text(out);
            }
            out.append(')');
        }

        @Override
        public double eval() {
            double[] values = new double[arguments.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = arguments.get(i).eval();
            }
            return function.applyAsDouble(values);
        }
    }

    record Affix(String latexBefore, String textBefore, Expr inner, String latexAfter, String textAfter)
            implements Expr {
        @Override
        public int precedence() {
            return ATOM;
        }

        @Override
        public void latex(StringBuilder out) {
            out.append(latexBefore);
            inner.latex(out);
            out.append(latexAfter);
        }

        @Override
        public void text(StringBuilder out) {
            out.append(textBefore);
            inner.text(out);
            out.append(textAfter);
        }

        @Override
        public double eval() {
            return Double.NaN;
        }
    }

    record Group(Expr inner) implements Expr {
        @Override
        public int precedence() {
            return ATOM;
        }

        @Override
        public void latex(StringBuilder out) {
            out.append("\\left(");
            inner.latex(out);
            out.append("\\right)");
        }

        @Override
        public void text(StringBuilder out) {
            out.append('(');
            inner.text(out);
            out.append(')');
        }

        @Override
        public double eval() {
            return inner.eval();
        }
    }

    /** A partial derivative, written as a fraction in LaTeX and as ∂E/∂a in text. */
    record Partial(Expr numerator, Expr denominator) implements Expr {
        @Override
        public int precedence() {
            return ATOM;
        }

        @Override
        public void latex(StringBuilder out) {
            out.append("\\frac{\\partial ");
            numerator.latex(out);
            out.append("}{\\partial ");
            denominator.latex(out);
            out.append('}');
        }

        @Override
        public void text(StringBuilder out) {
            out.append('∂');
            numerator.text(out);
            out.append("/∂");
            denominator.text(out);
        }

        @Override
        public double eval() {
            return Double.NaN;
        }
    }

    /** Fixed text, e.g. a word in a formula; evaluates to NaN. */
    record Raw(String latex, String text) implements Expr {
        @Override
        public int precedence() {
            return ATOM;
        }

        @Override
        public void latex(StringBuilder out) {
            out.append(latex);
        }

        @Override
        public void text(StringBuilder out) {
            out.append(text);
        }

        @Override
        public double eval() {
            return Double.NaN;
        }
    }
}
