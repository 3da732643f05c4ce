package dev.backstep.trace;

import dev.backstep.engine.OptimizerKind;
import dev.backstep.engine.OptimizerSettings;
import dev.backstep.engine.Parameter;
import dev.backstep.trace.TermLayout.Kind;
import dev.backstep.trace.TermLayout.Position;

import java.util.ArrayList;
import java.util.List;

/**
 * The update phase written out: the gradient the optimizer sees (when clipping or weight decay change it), the
 * rule's state in PyTorch's notation (v_t, s_t, m_t, v_t, m̂_t, v̂_t), the change Δθ and the new value.
 */
final class UpdateTerms {
    private UpdateTerms() {
    }

    static Term build(TermFactory f, int index, Phase phase, Position p) {
        TraceValues v = f.values();
        Symbols s = f.symbols();
        OptimizerSettings o = f.optimizer();
        if (p.kind() == Kind.NORM) {
            return norm(f, index, phase);
        }
        int l = p.layer();
        boolean bias = p.isBias();
        int param = bias ? v.biasIndex(l) : v.weightIndex(l);
        int e = bias ? p.to() : p.from() * v.sizes[l] + p.to();
        Parameter parameter = v.parameter(param);
        Element element = bias ? Element.bias(l, p.to()) : Element.edge(l, p.from(), p.to());
        Expr theta = bias ? s.bias(l, p.to()) : s.weight(l, p.from(), p.to());
        Expr g = f.gradientSymbol(p);
        Expr eta = s.eta();
        Expr gn = Expr.num(v.effective[param][e]);
        Expr etaN = Expr.num(o.learningRate());
        Kind gradientKind = bias ? Kind.DEDB : Kind.DEDW;
        Position gradient = new Position(gradientKind, l, -1, p.from(), p.to());
        Position effective = new Position(Kind.GRAD, l, -1, p.from(), p.to());
        Position source = v.usesEffectiveGradient ? effective : gradient;
        String quantity;
        Expr symbol;
        Expr formula;
        Expr substituted;
        double value;
        String note = "";
        List<Position> uses = new ArrayList<>();
        switch (p.kind()) {
            case GRAD: {
                quantity = "g";
                symbol = g;
                Expr[] parts = effectiveGradient(f, p, param, e, theta);
                formula = parts[0];
                substituted = parts[1];
                value = v.effective[param][e];
                uses.add(gradient);
                if (o.clipNorm() > 0) {
                    uses.add(new Position(Kind.NORM, 0, -1, -1, -1));
                }
                break;
            }
            case STATE1:
                quantity = stateName(o.kind());
                symbol = stateSymbol(s, o.kind(), "t", theta);
                value = v.state1[param][e];
                uses.add(source);
                if (v.step[param] == 1 && (o.kind() == OptimizerKind.MOMENTUM || o.kind() == OptimizerKind.NESTEROV)) {
                    formula = g;
                    substituted = gn;
                    note = "the first step starts the velocity at the gradient";
                    break;
                }
                Expr previous = stateSymbol(s, o.kind(), "t-1", theta);
                Expr previousN = Expr.num(v.stateBefore1[param][e]);
                switch (o.kind()) {
                    case MOMENTUM:
                    case NESTEROV: {
                        Expr mu = Expr.sym("\\mu", "μ");
                        formula = Expr.sum(List.of(Expr.juxtapose(mu, previous), g));
                        substituted = Expr.sum(List.of(Expr.product(Expr.num(o.momentum()), previousN), gn));
                        break;
                    }
                    case ADAGRAD:
                        formula = Expr.sum(List.of(previous, Expr.power(g, Expr.num(2))));
                        substituted = Expr.sum(List.of(previousN, Expr.power(gn, Expr.num(2))));
                        break;
                    case RMSPROP: {
                        Expr rho = Expr.sym("\\rho", "ρ");
                        formula = Expr.sum(List.of(Expr.juxtapose(rho, previous),
                                Expr.juxtapose(Expr.group(Expr.minus(Expr.num(1), rho)), Expr.power(g, Expr.num(2)))));
                        substituted = Expr.sum(List.of(Expr.product(Expr.num(o.rho()), previousN),
                                Expr.product(Expr.group(Expr.minus(Expr.num(1), Expr.num(o.rho()))), gn, gn)));
                        break;
                    }
                    default: {
                        Expr b1 = Expr.sym("\\beta", "β").withSub("1");
                        formula = Expr.sum(List.of(Expr.juxtapose(b1, previous),
                                Expr.juxtapose(Expr.group(Expr.minus(Expr.num(1), b1)), g)));
                        substituted = Expr.sum(List.of(Expr.product(Expr.num(o.beta1()), previousN),
                                Expr.product(Expr.group(Expr.minus(Expr.num(1), Expr.num(o.beta1()))), gn)));
                    }
                }
                break;
            case STATE2: {
                quantity = "v";
                symbol = s.state("v", "v", "t", theta);
                Expr b2 = Expr.sym("\\beta", "β").withSub("2");
                formula = Expr.sum(List.of(Expr.juxtapose(b2, s.state("v", "v", "t-1", theta)),
                        Expr.juxtapose(Expr.group(Expr.minus(Expr.num(1), b2)), Expr.power(g, Expr.num(2)))));
                substituted = Expr.sum(List.of(Expr.product(Expr.num(o.beta2()), Expr.num(v.stateBefore2[param][e])),
                        Expr.product(Expr.group(Expr.minus(Expr.num(1), Expr.num(o.beta2()))), gn, gn)));
                value = v.state2[param][e];
                uses.add(source);
                break;
            }
            case MHAT:
            case VHAT: {
                boolean first = p.kind() == Kind.MHAT;
                quantity = first ? "mhat" : "vhat";
                symbol = s.state(first ? "\\hat{m}" : "\\hat{v}", first ? "m̂" : "v̂", "t", theta);
                Expr beta = Expr.sym("\\beta", "β").withSub(first ? "1" : "2");
                Expr raw = s.state(first ? "m" : "v", first ? "m" : "v", "t", theta);
                Expr t = Expr.sym("t", "t");
                formula = Expr.frac(raw, Expr.minus(Expr.num(1), Expr.power(beta, t)));
                substituted = Expr.frac(Expr.num(first ? v.state1[param][e] : v.state2[param][e]),
                        Expr.minus(Expr.num(1), Expr.power(Expr.num(first ? o.beta1() : o.beta2()),
                                Expr.num(v.step[param]))));
                value = first ? v.mHat(param, e) : v.vHat(param, e);
                uses.add(new Position(first ? Kind.STATE1 : Kind.STATE2, l, -1, p.from(), p.to()));
                note = "bias correction at step t = " + v.step[param];
                break;
            }
            case UPDATE: {
                quantity = "update";
                symbol = s.change(theta);
                value = v.update[param][e];
                Expr[] parts = change(f, p, param, e, g, gn, eta, etaN, uses, source, theta);
                formula = parts[0];
                substituted = parts[1];
                break;
            }
            default: {
                quantity = bias ? "b" : "w";
                symbol = bias ? s.newBias(l, p.to()) : s.newWeight(l, p.from(), p.to());
                double old = parameter.value()[e];
                if (parameter.isFrozen()) {
                    formula = theta;
                    substituted = Expr.num(old);
                    value = old;
                    note = "frozen: not updated";
                } else {
                    formula = Expr.sum(List.of(theta, s.change(theta)));
                    substituted = Expr.sum(List.of(Expr.num(old), Expr.num(v.update[param][e])));
                    value = v.newValue[param][e];
                    uses.add(new Position(Kind.UPDATE, l, -1, p.from(), p.to()));
                }
            }
        }
        return f.term(index, phase, f.key(quantity, element, -1), -1, element, symbol, formula, substituted, value,
                f.uses(uses), note);
    }

    private static String stateName(OptimizerKind kind) {
        switch (kind) {
            case MOMENTUM:
            case NESTEROV:
                return "v";
            case ADAM:
                return "m";
            default:
                return "s";
        }
    }

    private static Expr stateSymbol(Symbols s, OptimizerKind kind, String time, Expr theta) {
        String name = stateName(kind);
        return s.state(name, name, time, theta);
    }

    /** Δθ by the optimizer's rule; the slides write plain gradient descent as η δ O. */
    private static Expr[] change(TermFactory f, Position p, int param, int e, Expr g, Expr gn, Expr eta, Expr etaN,
                                 List<Position> uses, Position source, Expr theta) {
        TraceValues v = f.values();
        Symbols s = f.symbols();
        OptimizerSettings o = f.optimizer();
        Expr eps = Expr.sym("\\epsilon", "ε");
        Expr epsN = Expr.num(o.epsilon());
        switch (o.kind()) {
            case SGD:
                uses.add(source);
                if (s.negatesBackward() && !f.isBatch() && !v.usesEffectiveGradient) {
                    int l = p.layer();
                    Expr delta = s.delta(l, p.to());
                    double deltaN = -v.delta[l][0][p.to()];
                    if (p.isBias()) {
                        return new Expr[] {Expr.juxtapose(eta, delta), Expr.product(etaN, Expr.num(deltaN))};
                    }
                    return new Expr[] {Expr.juxtapose(eta, delta, s.a(l - 1, p.from())),
                            Expr.product(etaN, Expr.num(deltaN), Expr.num(v.a[l - 1][0][p.from()]))};
                }
                return new Expr[] {Expr.negate(Expr.juxtapose(eta, g)), Expr.negate(Expr.product(etaN, gn))};
            case MOMENTUM: {
                uses.add(new Position(Kind.STATE1, p.layer(), -1, p.from(), p.to()));
                Expr vt = s.state("v", "v", "t", theta);
                return new Expr[] {Expr.negate(Expr.juxtapose(eta, vt)),
                        Expr.negate(Expr.product(etaN, Expr.num(v.state1[param][e])))};
            }
            case NESTEROV: {
                uses.add(source);
                uses.add(new Position(Kind.STATE1, p.layer(), -1, p.from(), p.to()));
                Expr vt = s.state("v", "v", "t", theta);
                Expr mu = Expr.sym("\\mu", "μ");
                return new Expr[] {
                    Expr.negate(Expr.juxtapose(eta, Expr.group(Expr.sum(List.of(g, Expr.juxtapose(mu, vt)))))),
                    Expr.negate(Expr.product(etaN, Expr.group(Expr.sum(List.of(gn,
                            Expr.product(Expr.num(o.momentum()), Expr.num(v.state1[param][e])))))))};
            }
            case ADAGRAD:
            case RMSPROP: {
                uses.add(source);
                uses.add(new Position(Kind.STATE1, p.layer(), -1, p.from(), p.to()));
                Expr st = s.state("s", "s", "t", theta);
                return new Expr[] {
                    Expr.negate(Expr.frac(Expr.juxtapose(eta, g), Expr.sum(List.of(Expr.sqrt(st), eps)))),
                    Expr.negate(Expr.frac(Expr.product(etaN, gn),
                            Expr.sum(List.of(Expr.sqrt(Expr.num(v.state1[param][e])), epsN))))};
            }
            default: {
                uses.add(new Position(Kind.MHAT, p.layer(), -1, p.from(), p.to()));
                uses.add(new Position(Kind.VHAT, p.layer(), -1, p.from(), p.to()));
                Expr mHat = s.state("\\hat{m}", "m̂", "t", theta);
                Expr vHat = s.state("\\hat{v}", "v̂", "t", theta);
                return new Expr[] {
                    Expr.negate(Expr.frac(Expr.juxtapose(eta, mHat), Expr.sum(List.of(Expr.sqrt(vHat), eps)))),
                    Expr.negate(Expr.frac(Expr.product(etaN, Expr.num(v.mHat(param, e))),
                            Expr.sum(List.of(Expr.sqrt(Expr.num(v.vHat(param, e))), epsN))))};
            }
        }
    }

    /** g = clip(∂E/∂θ) · (norm factor) + λθ, with only the parts the settings switch on. */
    private static Expr[] effectiveGradient(TermFactory f, Position p, int param, int e, Expr theta) {
        TraceValues v = f.values();
        Symbols s = f.symbols();
        OptimizerSettings o = f.optimizer();
        Expr raw = p.isBias() ? s.dEdb(p.layer(), p.to(), -1) : s.dEdw(p.layer(), p.from(), p.to(), -1);
        Expr symbolic = raw;
        Expr numeric = Expr.num(v.gradient[param][e]);
        if (o.clipValue() > 0) {
            double c = o.clipValue();
            symbolic = Expr.call("\\mathrm{clip}", "clip", args -> Math.max(args[1], Math.min(args[2], args[0])),
                    symbolic, Expr.negate(Expr.sym("c", "c")), Expr.sym("c", "c"));
            numeric = Expr.call("\\mathrm{clip}", "clip", args -> Math.max(args[1], Math.min(args[2], args[0])),
                    numeric, Expr.num(-c), Expr.num(c));
        }
        if (o.clipNorm() > 0 && v.clipFactor < 1) {
            symbolic = Expr.juxtapose(symbolic, Expr.frac(Expr.sym("c", "c"),
                    Expr.sum(List.of(Expr.raw("\\lVert g \\rVert", "‖g‖"), Expr.num(1e-6)))));
            numeric = Expr.product(numeric, Expr.num(v.clipFactor));
        }
        if (o.weightDecay() != 0) {
            Expr lambda = Expr.sym("\\lambda", "λ");
            double old = v.parameter(param).value()[e];
            symbolic = Expr.sum(List.of(symbolic, Expr.juxtapose(lambda, theta)));
            numeric = Expr.sum(List.of(numeric, Expr.product(Expr.num(o.weightDecay()), Expr.num(old))));
        }
        return new Expr[] {symbolic, numeric};
    }

    private static Term norm(TermFactory f, int index, Phase phase) {
        TraceValues v = f.values();
        List<Expr> numeric = new ArrayList<>();
        for (int p = 0; p < v.gradient.length; p++) {
            if (v.parameter(p).isFrozen()) {
                continue;
            }
            double c = f.optimizer().clipValue();
            for (double g : v.gradient[p]) {
                double clipped = c > 0 ? Math.max(-c, Math.min(c, g)) : g;
                numeric.add(Expr.power(Expr.num(clipped), Expr.num(2)));
            }
        }
        Expr symbolic = Expr.sqrt(Expr.raw("\\sum_\\theta g_\\theta^2", "Σ g²"));
        String note = v.clipFactor < 1
                ? "above the limit " + Numbers.format(f.optimizer().clipNorm(), true) + ": every gradient is scaled by "
                + Numbers.format(v.clipFactor, true)
                : "within the limit " + Numbers.format(f.optimizer().clipNorm(), true) + ": no scaling";
        return f.term(index, phase, "norm", -1, Element.network(), Expr.raw("\\lVert g \\rVert", "‖g‖"), symbolic,
                Expr.sqrt(Expr.sum(numeric)), v.gradientNorm, new int[0], note);
    }
}
