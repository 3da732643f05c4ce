package dev.backstep.trace;

import dev.backstep.engine.Activation;
import dev.backstep.engine.DenseLayer;
import dev.backstep.engine.Loss;
import dev.backstep.engine.OptimizerKind;
import dev.backstep.engine.OptimizerSettings;
import dev.backstep.engine.Reduction;
import dev.backstep.trace.TermLayout.Kind;
import dev.backstep.trace.TermLayout.Position;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Builds the term at a position of the layout: its symbol, its formula, the formula with this step's numbers, its
 * value (from {@link TraceValues}, signed as the notation writes it), the terms it uses and its element.
 */
final class TermFactory {
    private final TraceValues v;
    private final TermLayout layout;
    private final Symbols s;
    private final NetworkLabels labels;
    private final int depth;
    private final boolean batch;

    TermFactory(TraceValues values, TermLayout layout, Symbols symbols, NetworkLabels labels) {
        this.v = values;
        this.layout = layout;
        this.s = symbols;
        this.labels = labels;
        this.depth = values.depth;
        this.batch = values.samples > 1;
    }

    private static Expr num(double value) {
        return Expr.num(value);
    }

    /** ±1: the sign the notation gives δ and ∂E/∂a in the backward pass. */
    private double sign() {
        return s.negatesBackward() ? -1 : 1;
    }

    Term build(int index) {
        Position p = layout.decode(index);
        Phase phase = layout.phaseAt(index);
        switch (p.kind()) {
            case Z:
                return z(index, phase, p);
            case A:
                return a(index, phase, p);
            case ERROR:
                return error(index, phase, p);
            case SAMPLE_LOSS:
                return sampleLoss(index, phase, p);
            case BATCH_LOSS:
                return batchLoss(index, phase);
            case DEDA:
                return dEda(index, phase, p);
            case DADZ:
                return dadz(index, phase, p);
            case DELTA:
                return delta(index, phase, p);
            case DEDW:
            case DEDB:
                return p.sample() < 0 ? reduction(index, phase, p) : sampleGradient(index, phase, p);
            default:
                return UpdateTerms.build(this, index, phase, p);
        }
    }

    // ---- helpers shared with UpdateTerms ------------------------------------------------------------------------

    TraceValues values() {
        return v;
    }

    Symbols symbols() {
        return s;
    }

    TermLayout layout() {
        return layout;
    }

    String key(String quantity, Element element, int sample) {
        String name = element.name(labels);
        String key = name.isEmpty() ? quantity : quantity + "(" + name + ")";
        return sample >= 0 && batch ? key + "@" + v.sampleIds[sample] : key;
    }

    int sampleId(int n) {
        return n < 0 ? -1 : v.sampleIds[n];
    }

    /** The loss symbol of a per-sample term: E for a one-sample step, E_n within a batch. */
    Expr lossSymbol(int n) {
        return s.loss(batch && n >= 0 ? v.sampleIds[n] : -1);
    }

    int[] uses(List<Position> positions) {
        return positions.stream().mapToInt(layout::indexOf).filter(i -> i >= 0).toArray();
    }

    Term term(int index, Phase phase, String key, int n, Element element, Expr symbol, Expr formula,
              Expr substituted, double value, int[] uses, String note) {
        return new Term(index, phase, key, sampleId(n), element, symbol, formula, substituted, value, uses, note);
    }

    // ---- forward -------------------------------------------------------------------------------------------------

    private Term z(int index, Phase phase, Position p) {
        int l = p.layer();
        int n = p.sample();
        int j = p.to();
        DenseLayer layer = v.network.layer(l);
        int out = layer.size();
        List<Expr> symbolic = new ArrayList<>();
        List<Expr> numeric = new ArrayList<>();
        List<Position> uses = new ArrayList<>();
        for (int i = 0; i < layer.inputSize(); i++) {
            symbolic.add(Expr.juxtapose(s.weight(l, i, j), s.a(l - 1, i)));
            numeric.add(Expr.product(num(layer.weights().value()[i * out + j]), num(v.a[l - 1][n][i])));
            if (l > 1) {
                uses.add(new Position(Kind.A, l - 1, n, -1, i));
            }
        }
        if (layer.hasBias()) {
            symbolic.add(s.bias(l, j));
            numeric.add(num(layer.bias().value()[j]));
        }
        Element element = Element.unit(l, j);
        return term(index, phase, key("z", element, n), n, element, s.z(l, j), Expr.sum(symbolic),
                Expr.sum(numeric), v.z[l][n][j], uses(uses), "");
    }

    private Term a(int index, Phase phase, Position p) {
        int l = p.layer();
        int n = p.sample();
        int j = p.to();
        Activation f = v.network.layer(l).activation();
        Element element = Element.unit(l, j);
        Expr zs = s.z(l, j);
        Expr zn = num(v.z[l][n][j]);
        Expr formula;
        Expr substituted;
        List<Position> uses = new ArrayList<>();
        uses.add(new Position(Kind.Z, l, n, -1, j));
        String note = "";
        if (f == Activation.SOFTMAX) {
            List<Expr> symbolic = new ArrayList<>();
            List<Expr> numeric = new ArrayList<>();
            for (int k = 0; k < v.sizes[l]; k++) {
                symbolic.add(Expr.exp(s.z(l, k)));
                numeric.add(Expr.exp(num(v.z[l][n][k])));
                if (k != j) {
                    uses.add(new Position(Kind.Z, l, n, -1, k));
                }
            }
            formula = Expr.frac(Expr.exp(zs), Expr.sum(symbolic));
            substituted = Expr.frac(Expr.exp(zn), Expr.sum(numeric));
            note = "softmax: each output is e^z over the sum of e^z of its layer, so the outputs sum to 1";
        } else {
            formula = activation(f, zs);
            substituted = activation(f, zn);
        }
        return term(index, phase, key("a", element, n), n, element, s.a(l, j), formula, substituted,
                v.a[l][n][j], uses(uses), note);
    }

    /** f(z) written out for an elementwise activation. */
    static Expr activation(Activation f, Expr z) {
        switch (f) {
            case SIGMOID:
                return Expr.frac(Expr.num(1), Expr.sum(List.of(Expr.num(1), Expr.exp(Expr.negate(z)))));
            case TANH:
                return Expr.call("\\tanh", "tanh", Math::tanh, z);
            case RELU:
                return Expr.call("\\max", "max", args -> Math.max(args[0], args[1]), Expr.num(0), z);
            case LEAKY_RELU:
                return Expr.call("\\max", "max", args -> Math.max(args[0], args[1]),
                        Expr.product(Expr.num(Activation.LEAKY_SLOPE), z), z);
            default:
                return z;
        }
    }

    // ---- loss ----------------------------------------------------------------------------------------------------

    private Term error(int index, Phase phase, Position p) {
        int n = p.sample();
        int k = p.to();
        Element element = Element.unit(depth, k);
        return term(index, phase, key("error", element, n), n, element, s.error(k),
                Expr.minus(s.target(k), s.a(depth, k)),
                Expr.minus(num(v.target[n][k]), num(v.a[depth][n][k])), v.error[n][k],
                uses(List.of(new Position(Kind.A, depth, n, -1, k))), "");
    }

    private Term sampleLoss(int index, Phase phase, Position p) {
        int n = p.sample();
        int outputs = v.sizes[depth];
        List<Expr> symbolic = new ArrayList<>();
        List<Expr> numeric = new ArrayList<>();
        List<Position> uses = new ArrayList<>();
        Loss loss = v.loss;
        for (int k = 0; k < outputs; k++) {
            Expr t = s.target(k);
            Expr y = s.a(depth, k);
            Expr tn = num(v.target[n][k]);
            Expr yn = num(v.a[depth][n][k]);
            switch (loss) {
                case HALF_SQUARED_ERROR:
                case MSE:
                    symbolic.add(Expr.power(Expr.minus(t, y), Expr.num(2)));
                    numeric.add(Expr.power(Expr.minus(tn, yn), Expr.num(2)));
                    uses.add(new Position(Kind.ERROR, depth, n, -1, k));
                    break;
                case BINARY_CROSS_ENTROPY:
                    symbolic.add(binaryCrossEntropy(t, y));
                    numeric.add(binaryCrossEntropy(tn, yn));
                    uses.add(new Position(Kind.A, depth, n, -1, k));
                    break;
                default:
                    symbolic.add(Expr.juxtapose(t, Expr.log(y)));
                    if (v.target[n][k] != 0) {
                        numeric.add(Expr.product(tn, Expr.log(yn)));
                    }
                    uses.add(new Position(Kind.A, depth, n, -1, k));
            }
        }
        Expr formula;
        Expr substituted;
        String note = "";
        switch (loss) {
            case HALF_SQUARED_ERROR:
                formula = Expr.juxtapose(Expr.frac(Expr.num(1), Expr.num(2)), Expr.sum(symbolic));
                substituted = Expr.juxtapose(Expr.frac(Expr.num(1), Expr.num(2)), Expr.sum(numeric));
                break;
            case MSE:
                formula = Expr.frac(Expr.sum(symbolic), Expr.num(outputs));
                substituted = Expr.frac(Expr.sum(numeric), Expr.num(outputs));
                break;
            case BINARY_CROSS_ENTROPY:
                formula = outputs == 1 ? symbolic.get(0) : Expr.frac(Expr.sum(symbolic), Expr.num(outputs));
                substituted = outputs == 1 ? numeric.get(0) : Expr.frac(Expr.sum(numeric), Expr.num(outputs));
                note = "computed from z as max(z, 0) − z·t + log(1 + e^−|z|), which stays finite when y saturates";
                break;
            default:
                formula = Expr.negate(Expr.sum(symbolic));
                substituted = numeric.isEmpty() ? Expr.num(0) : Expr.negate(Expr.sum(numeric));
                note = "terms with t = 0 vanish; computed from z with the log-sum-exp shift, which stays finite";
        }
        Element element = Element.network();
        return term(index, phase, key("loss", element, n), n, element, lossSymbol(n), formula, substituted,
                v.sampleLoss[n], uses(uses), note);
    }

    private static Expr binaryCrossEntropy(Expr t, Expr y) {
        return Expr.negate(Expr.sum(List.of(Expr.juxtapose(t, Expr.log(y)),
                Expr.juxtapose(Expr.minus(Expr.num(1), t), Expr.log(Expr.minus(Expr.num(1), y))))));
    }

    private Term batchLoss(int index, Phase phase) {
        List<Expr> symbolic = new ArrayList<>();
        List<Expr> numeric = new ArrayList<>();
        List<Position> uses = new ArrayList<>();
        for (int n = 0; n < v.samples; n++) {
            symbolic.add(lossSymbol(n));
            numeric.add(num(v.sampleLoss[n]));
            uses.add(new Position(Kind.SAMPLE_LOSS, depth, n, -1, -1));
        }
        Expr formula = reduce(Expr.sum(symbolic));
        Expr substituted = reduce(Expr.sum(numeric));
        return term(index, phase, "loss", -1, Element.network(), s.loss(-1), formula, substituted, v.batchLoss,
                uses(uses), v.network.reduction() == Reduction.MEAN ? "the mean over the batch" : "the sum over the batch");
    }

    /** (1/N)·Σ for a mean over the batch, Σ for a sum. */
    Expr reduce(Expr sum) {
        if (v.network.reduction() == Reduction.SUM) {
            return sum;
        }
        return Expr.juxtapose(Expr.frac(Expr.num(1), Expr.num(v.samples)), sum);
    }

    // ---- backward ------------------------------------------------------------------------------------------------

    private Term dEda(int index, Phase phase, Position p) {
        int l = p.layer();
        int n = p.sample();
        int j = p.to();
        Element element = Element.unit(l, j);
        Expr[] formula = dEdaFormula(l, n, j);
        List<Position> uses = new ArrayList<>();
        if (l == depth) {
            uses.add(new Position(v.loss == Loss.HALF_SQUARED_ERROR || v.loss == Loss.MSE ? Kind.ERROR : Kind.A,
                    depth, n, -1, j));
        } else {
            for (int q = 0; q < v.sizes[l + 1]; q++) {
                uses.add(new Position(Kind.DELTA, l + 1, n, -1, q));
            }
        }
        String note = l < depth ? "the deltas of the units it feeds, each times its weight" : "";
        return term(index, phase, key("dEda", element, n), n, element, s.dEda(l, j), formula[0], formula[1],
                sign() * v.dEda[l][n][j], uses(uses), note);
    }

    /** {symbolic, substituted} for ∂E/∂a (or −∂E/∂y in the slides' signs). */
    private Expr[] dEdaFormula(int l, int n, int j) {
        boolean flip = s.negatesBackward();
        if (l < depth) {
            List<Expr> symbolic = new ArrayList<>();
            List<Expr> numeric = new ArrayList<>();
            double[] w = v.network.layer(l + 1).weights().value();
            int out = v.sizes[l + 1];
            for (int q = 0; q < out; q++) {
                symbolic.add(Expr.juxtapose(s.weight(l + 1, j, q), s.delta(l + 1, q)));
                numeric.add(Expr.product(num(w[j * out + q]), num(sign() * v.delta[l + 1][n][q])));
            }
            return new Expr[] {Expr.sum(symbolic), Expr.sum(numeric)};
        }
        Expr t = s.target(j);
        Expr y = s.a(depth, j);
        Expr tn = num(v.target[n][j]);
        Expr yn = num(v.a[depth][n][j]);
        // In the slides' signs the same quantity is written with target and output swapped.
        Expr diff = flip ? Expr.minus(t, y) : Expr.minus(y, t);
        Expr diffN = flip ? Expr.minus(tn, yn) : Expr.minus(yn, tn);
        Expr k = Expr.num(v.sizes[depth]);
        switch (v.loss) {
            case HALF_SQUARED_ERROR:
                return new Expr[] {diff, diffN};
            case MSE:
                return new Expr[] {Expr.frac(Expr.juxtapose(Expr.num(2), diff), k),
                        Expr.frac(Expr.product(Expr.num(2), diffN), k)};
            case BINARY_CROSS_ENTROPY:
                return new Expr[] {Expr.frac(diff, Expr.juxtapose(y, Expr.minus(Expr.num(1), y), k)),
                        Expr.frac(diffN, Expr.product(yn, Expr.minus(Expr.num(1), yn), k))};
            default:
                Expr ratio = Expr.frac(t, y);
                Expr ratioN = Expr.frac(tn, yn);
                return flip ? new Expr[] {ratio, ratioN} : new Expr[] {Expr.negate(ratio), Expr.negate(ratioN)};
        }
    }

    private Term dadz(int index, Phase phase, Position p) {
        int l = p.layer();
        int n = p.sample();
        int j = p.to();
        Element element = Element.unit(l, j);
        Expr[] formula = dadzFormula(l, n, j);
        Activation f = v.network.layer(l).activation();
        boolean byZ = f == Activation.RELU || f == Activation.LEAKY_RELU;
        String note = byZ ? String.format(Locale.ROOT, "z = %s", Numbers.format(v.z[l][n][j], true)) : "";
        return term(index, phase, key("dadz", element, n), n, element, s.dadz(l, j), formula[0], formula[1],
                v.dadz[l][n][j], uses(List.of(new Position(byZ ? Kind.Z : Kind.A, l, n, -1, j))), note);
    }

    /** {symbolic, substituted} for ∂a/∂z of an elementwise activation. */
    private Expr[] dadzFormula(int l, int n, int j) {
        Activation f = v.network.layer(l).activation();
        Expr a = s.a(l, j);
        Expr an = num(v.a[l][n][j]);
        Expr z = s.z(l, j);
        switch (f) {
            case SIGMOID:
                return new Expr[] {Expr.juxtapose(a, Expr.minus(Expr.num(1), a)),
                        Expr.product(an, Expr.minus(Expr.num(1), an))};
            case TANH:
                return new Expr[] {Expr.minus(Expr.num(1), Expr.power(a, Expr.num(2))),
                        Expr.minus(Expr.num(1), Expr.power(an, Expr.num(2)))};
            case RELU:
            case LEAKY_RELU: {
                String low = f == Activation.RELU ? "0" : "0.01";
                Expr rule = Expr.raw("1 \\text{ if } " + z.latex() + " > 0 \\text{, else } " + low,
                        "1 if " + z.text() + " > 0, else " + low);
                return new Expr[] {rule, num(v.dadz[l][n][j])};
            }
            default:
                return new Expr[] {Expr.num(1), Expr.num(1)};
        }
    }

    private Term delta(int index, Phase phase, Position p) {
        int l = p.layer();
        int n = p.sample();
        int j = p.to();
        Element element = Element.unit(l, j);
        boolean flip = s.negatesBackward();
        double value = sign() * v.delta[l][n][j];
        Expr formula;
        Expr substituted;
        String note = "";
        List<Position> uses = new ArrayList<>();
        if (l == depth && v.loss.hasSimplifiedDelta()) {
            Expr y = s.a(depth, j);
            Expr t = s.target(j);
            Expr yn = num(v.a[depth][n][j]);
            Expr tn = num(v.target[n][j]);
            Expr diff = flip ? Expr.minus(t, y) : Expr.minus(y, t);
            Expr diffN = flip ? Expr.minus(tn, yn) : Expr.minus(yn, tn);
            int k = v.sizes[depth];
            if (v.loss == Loss.BINARY_CROSS_ENTROPY && k > 1) {
                diff = Expr.frac(diff, Expr.num(k));
                diffN = Expr.frac(diffN, Expr.num(k));
            }
            formula = diff;
            substituted = diffN;
            note = v.loss == Loss.BINARY_CROSS_ENTROPY
                    ? "simplified: with a sigmoid output and binary cross-entropy, ∂E/∂a · ∂a/∂z = (a − t)/K exactly;"
                    + " this form stays accurate when the output saturates"
                    : "simplified: softmax with cross-entropy gives δ = a − t (for targets that sum to 1);"
                    + " the softmax's derivative never has to be formed";
            uses.add(new Position(Kind.A, depth, n, -1, j));
        } else if (flip) {
            Expr[] dadz = dadzFormula(l, n, j);
            Expr[] error = dEdaFormula(l, n, j);
            // relu's derivative is a rule ("1 if a > 0, else 0"): parenthesised, or "else 0 (…)" would read as a product
            Expr rule = dadz[0] instanceof Expr.Raw ? Expr.group(dadz[0]) : dadz[0];
            formula = Expr.juxtapose(rule, group(error[0]));
            substituted = Expr.product(dadz[1], group(error[1]));
            uses.add(new Position(Kind.DEDA, l, n, -1, j));
            uses.add(new Position(Kind.DADZ, l, n, -1, j));
        } else {
            formula = Expr.product(s.dEda(l, j), s.dadz(l, j));
            substituted = Expr.product(num(v.dEda[l][n][j]), num(v.dadz[l][n][j]));
            uses.add(new Position(Kind.DEDA, l, n, -1, j));
            uses.add(new Position(Kind.DADZ, l, n, -1, j));
        }
        return term(index, phase, key("delta", element, n), n, element, s.delta(l, j), formula, substituted,
                value, uses(uses), note);
    }

    /** Parentheses around a sum or difference that is a factor (the slides' (t − y₅) and (w₁₃ δ₅ + …)). */
    private static Expr group(Expr e) {
        return e.precedence() >= Expr.PRODUCT ? e : Expr.group(e);
    }

    private Term sampleGradient(int index, Phase phase, Position p) {
        int l = p.layer();
        int n = p.sample();
        int j = p.to();
        boolean weight = p.kind() == Kind.DEDW;
        int i = p.from();
        Element element = weight ? Element.edge(l, i, j) : Element.bias(l, j);
        int id = batch ? v.sampleIds[n] : -1;
        Expr symbol = weight ? s.dEdw(l, i, j, id) : s.dEdb(l, j, id);
        double deltaShown = sign() * v.delta[l][n][j];
        Expr formula;
        Expr substituted;
        double value;
        List<Position> uses = new ArrayList<>();
        uses.add(new Position(Kind.DELTA, l, n, -1, j));
        if (weight) {
            Expr product = Expr.juxtapose(s.delta(l, j), s.a(l - 1, i));
            Expr productN = Expr.product(num(deltaShown), num(v.a[l - 1][n][i]));
            formula = s.negatesBackward() ? Expr.negate(product) : product;
            substituted = s.negatesBackward() ? Expr.negate(productN) : productN;
            value = batch ? v.sampleWeightGradient(l, n, i, j) : v.gradient[v.weightIndex(l)][i * v.sizes[l] + j];
            if (l > 1) {
                uses.add(new Position(Kind.A, l - 1, n, -1, i));
            }
        } else {
            formula = s.negatesBackward() ? Expr.negate(s.delta(l, j)) : s.delta(l, j);
            substituted = s.negatesBackward() ? Expr.negate(num(deltaShown)) : num(deltaShown);
            value = batch ? v.delta[l][n][j] : v.gradient[v.biasIndex(l)][j];
        }
        String quantity = weight ? "dEdw" : "dEdb";
        return term(index, phase, key(quantity, element, n), n, element, symbol, formula, substituted, value,
                uses(uses), "");
    }

    private Term reduction(int index, Phase phase, Position p) {
        int l = p.layer();
        int j = p.to();
        boolean weight = p.kind() == Kind.DEDW;
        int i = p.from();
        Element element = weight ? Element.edge(l, i, j) : Element.bias(l, j);
        List<Expr> symbolic = new ArrayList<>();
        List<Expr> numeric = new ArrayList<>();
        List<Position> uses = new ArrayList<>();
        for (int n = 0; n < v.samples; n++) {
            int id = v.sampleIds[n];
            symbolic.add(weight ? s.dEdw(l, i, j, id) : s.dEdb(l, j, id));
            numeric.add(num(weight ? v.sampleWeightGradient(l, n, i, j) : v.delta[l][n][j]));
            uses.add(new Position(p.kind(), l, n, i, j));
        }
        double value = weight ? v.gradient[v.weightIndex(l)][i * v.sizes[l] + j] : v.gradient[v.biasIndex(l)][j];
        Expr symbol = weight ? s.dEdw(l, i, j, -1) : s.dEdb(l, j, -1);
        return term(index, phase, key(weight ? "dEdw" : "dEdb", element, -1), -1, element, symbol,
                reduce(Expr.sum(symbolic)), reduce(Expr.sum(numeric)), value, uses(uses),
                v.network.reduction() == Reduction.MEAN ? "the mean of the samples' gradients"
                        : "the sum of the samples' gradients");
    }

    /** The symbol of the gradient the optimizer sees: g_t when clipping or weight decay change it, else ∂E/∂θ. */
    Expr gradientSymbol(Position p) {
        Expr parameter = p.isBias() ? s.bias(p.layer(), p.to()) : s.weight(p.layer(), p.from(), p.to());
        if (v.usesEffectiveGradient) {
            return s.state("g", "g", "t", parameter);
        }
        return p.isBias() ? s.dEdb(p.layer(), p.to(), -1) : s.dEdw(p.layer(), p.from(), p.to(), -1);
    }

    OptimizerSettings optimizer() {
        return v.optimizer;
    }

    boolean isSgd() {
        return v.optimizer.kind() == OptimizerKind.SGD;
    }

    boolean isBatch() {
        return batch;
    }
}
