package dev.backstep.trace;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The symbols of a notation: what z, a, δ, a weight or a gradient is called on screen. Layers count from 0 (the
 * input), units from 0 (they are shown from 1). Weight names given by the network file win in every notation.
 */
abstract class Symbols {
    private static final Pattern NAME_WITH_INDEX = Pattern.compile("([A-Za-z]+)_?\\{?([0-9,]+)\\}?");

    final NetworkLabels labels;
    final int[] sizes;

    Symbols(NetworkLabels labels, int[] sizes) {
        this.labels = labels;
        this.sizes = sizes;
    }

    static Symbols of(Notation notation, NetworkLabels labels, int[] sizes) {
        switch (notation) {
            case NET_OUT:
                return new NetOut(labels, sizes);
            case SLIDES:
                return new Slides(labels, sizes);
            default:
                return new ZA(labels, sizes);
        }
    }

    /** True for seed 004's convention: δ = −∂E/∂z and the error term −∂E/∂y in the backward pass. */
    boolean negatesBackward() {
        return false;
    }

    abstract Expr z(int l, int j);

    /** The activation of unit j of layer l; for l = 0 the input. */
    abstract Expr a(int l, int j);

    abstract Expr delta(int l, int j);

    abstract Expr target(int k);

    abstract Expr error(int k);

    /** The loss of the step, or of one sample of a batch (sample ≥ 0). */
    abstract Expr loss(int sample);

    abstract Expr defaultWeight(int l, int i, int j);

    abstract Expr bias(int l, int j);

    /** The symbol of ∂E/∂a of unit j of layer l (or −∂E/∂y in the slides). */
    Expr dEda(int l, int j) {
        return Expr.partial(loss(-1), a(l, j));
    }

    Expr dadz(int l, int j) {
        return Expr.partial(a(l, j), z(l, j));
    }

    final Expr weight(int l, int i, int j) {
        String name = labels.weight(l, i, j);
        return name == null ? defaultWeight(l, i, j) : named(name);
    }

    /** The weight after the update. */
    Expr newWeight(int l, int i, int j) {
        return prime(weight(l, i, j));
    }

    Expr newBias(int l, int j) {
        return prime(bias(l, j));
    }

    Expr prime(Expr symbol) {
        return Expr.affix("", "", symbol, "'", "′");
    }

    /** ∂E/∂w, or ∂E_n/∂w for one sample of a batch. */
    Expr dEdw(int l, int i, int j, int sample) {
        return Expr.partial(loss(sample), weight(l, i, j));
    }

    Expr dEdb(int l, int j, int sample) {
        return Expr.partial(loss(sample), bias(l, j));
    }

    Expr change(Expr parameter) {
        return Expr.affix("\\Delta ", "Δ", parameter, "", "");
    }

    Expr eta() {
        return Expr.sym("\\eta", "η");
    }

    /** An optimizer quantity of one parameter at step t, e.g. v_t(w₅) or m̂_t(w₅). */
    Expr state(String latexBase, String textBase, String time, Expr parameter) {
        Expr.Sym s = Expr.sym(latexBase, textBase).withSub(time);
        return Expr.affix(s.latex(), s.text(), Expr.group(parameter), "", "");
    }

    /** A name from a file as a symbol: "w13" → w₁₃, "w_5" → w₅, anything else upright. */
    static Expr named(String name) {
        Matcher m = NAME_WITH_INDEX.matcher(name);
        if (m.matches()) {
            return Expr.sym(m.group(1), m.group(1)).withSub(m.group(2));
        }
        return Expr.raw("\\mathrm{" + escapeMath(name) + "}", name);
    }

    /**
     * A name from a file (a unit or weight name, any non-blank string) made safe inside {@code \mathrm{…}}: TeX's
     * special characters are escaped, so a name such as {@code 50%} or {@code a&b} cannot break a formula.
     */
    static String escapeMath(String name) {
        StringBuilder out = new StringBuilder();
        for (char c : name.toCharArray()) {
            switch (c) {
                case '\\':
                    out.append("\\backslash{}");
                    break;
                case '{':
                case '}':
                case '%':
                case '&':
                case '#':
                case '$':
                case '_':
                    out.append('\\').append(c);
                    break;
                case '^':
                    out.append("\\text{\\textasciicircum}");
                    break;
                case '~':
                    out.append("\\text{\\textasciitilde}");
                    break;
                default:
                    out.append(c);
            }
        }
        return out.toString();
    }

    static String index(int i, int j) {
        return i < 9 && j < 9 ? (i + 1) + "" + (j + 1) : (i + 1) + "," + (j + 1);
    }

    /** z⁽ˡ⁾ⱼ, a⁽ˡ⁾ⱼ, δ⁽ˡ⁾ⱼ, W⁽ˡ⁾ᵢⱼ: the deep-learning convention. */
    static final class ZA extends Symbols {
        ZA(NetworkLabels labels, int[] sizes) {
            super(labels, sizes);
        }

        private static Expr.Sym layered(String latex, String text, int l, int j) {
            return Expr.sym(latex, text).withSup("(" + l + ")").withSub(Integer.toString(j + 1));
        }

        @Override
        Expr z(int l, int j) {
            return layered("z", "z", l, j);
        }

        @Override
        Expr a(int l, int j) {
            return l == 0 ? Expr.sym("x", "x").withSub(Integer.toString(j + 1)) : layered("a", "a", l, j);
        }

        @Override
        Expr delta(int l, int j) {
            return layered("\\delta", "δ", l, j);
        }

        @Override
        Expr target(int k) {
            return Expr.sym("t", "t").withSub(Integer.toString(k + 1));
        }

        @Override
        Expr error(int k) {
            return Expr.sym("e", "e").withSub(Integer.toString(k + 1));
        }

        @Override
        Expr loss(int sample) {
            return sample < 0 ? Expr.sym("E", "E") : Expr.sym("E", "E").withSub(Integer.toString(sample + 1));
        }

        @Override
        Expr defaultWeight(int l, int i, int j) {
            return Expr.sym("W", "W").withSup("(" + l + ")").withSub(index(i, j));
        }

        @Override
        Expr bias(int l, int j) {
            return layered("b", "b", l, j);
        }
    }

    /** net_h1, out_h1, w1…w8: the classic step-by-step convention. */
    static final class NetOut extends Symbols {
        NetOut(NetworkLabels labels, int[] sizes) {
            super(labels, sizes);
        }

        private Expr.Sym of(String latex, String text, int l, int j) {
            return Expr.sym(latex, text).withSub(labels.unit(l, j));
        }

        @Override
        Expr z(int l, int j) {
            return of("\\mathit{net}", "net", l, j);
        }

        @Override
        Expr a(int l, int j) {
            return l == 0 ? named(labels.unit(0, j)) : of("\\mathit{out}", "out", l, j);
        }

        @Override
        Expr delta(int l, int j) {
            return of("\\delta", "δ", l, j);
        }

        @Override
        Expr target(int k) {
            return of("\\mathit{target}", "target", sizes.length - 1, k);
        }

        @Override
        Expr error(int k) {
            return of("e", "e", sizes.length - 1, k);
        }

        @Override
        Expr loss(int sample) {
            return Expr.sym("E", "E").withSub(sample < 0 ? "total" : "total," + (sample + 1));
        }

        /** w1, w2, … numbered as the classic example does: by target unit, then by source unit, layer by layer. */
        @Override
        Expr defaultWeight(int l, int i, int j) {
            int number = 0;
            for (int layer = 1; layer < l; layer++) {
                number += sizes[layer - 1] * sizes[layer];
            }
            number += j * sizes[l - 1] + i + 1;
            return Expr.sym("w", "w").withSub(Integer.toString(number));
        }

        @Override
        Expr bias(int l, int j) {
            return of("b", "b", l, j);
        }

        @Override
        Expr prime(Expr symbol) {
            return Expr.affix("", "", symbol, "^{+}", "⁺");
        }
    }

    /** a_j, y_j with units numbered across layers, w_{i,j}, and seed 004's signs: δ = −∂E/∂z, Δw = +ηδO. */
    static final class Slides extends Symbols {
        Slides(NetworkLabels labels, int[] sizes) {
            super(labels, sizes);
        }

        @Override
        boolean negatesBackward() {
            return true;
        }

        /** Units numbered 1, 2, … across layers, inputs first. */
        int number(int l, int j) {
            int n = 0;
            for (int layer = 0; layer < l; layer++) {
                n += sizes[layer];
            }
            return n + j + 1;
        }

        private Expr.Sym numbered(String latex, String text, int l, int j) {
            return Expr.sym(latex, text).withSub(Integer.toString(number(l, j)));
        }

        @Override
        Expr z(int l, int j) {
            return numbered("a", "a", l, j);
        }

        @Override
        Expr a(int l, int j) {
            return l == 0 ? numbered("x", "x", 0, j) : numbered("y", "y", l, j);
        }

        @Override
        Expr delta(int l, int j) {
            return numbered("\\delta", "δ", l, j);
        }

        @Override
        Expr target(int k) {
            return sizes[sizes.length - 1] == 1 ? Expr.sym("t", "t")
                    : numbered("t", "t", sizes.length - 1, k);
        }

        @Override
        Expr error(int k) {
            return Expr.sym("\\mathrm{Error}", "Error").withSub(Integer.toString(number(sizes.length - 1, k)));
        }

        @Override
        Expr loss(int sample) {
            return sample < 0 ? Expr.sym("E", "E") : Expr.sym("E", "E").withSub(Integer.toString(sample + 1));
        }

        /** −∂E/∂y_j: the backpropagated error the slides multiply by y(1 − y). */
        @Override
        Expr dEda(int l, int j) {
            return Expr.negate(Expr.partial(loss(-1), a(l, j)));
        }

        @Override
        Expr defaultWeight(int l, int i, int j) {
            return Expr.sym("w", "w").withSub(number(l - 1, i) + "," + number(l, j));
        }

        @Override
        Expr bias(int l, int j) {
            return numbered("b", "b", l, j);
        }

        @Override
        Expr prime(Expr symbol) {
            return Expr.affix("", "", symbol, "(\\mathrm{new})", "(new)");
        }
    }
}
