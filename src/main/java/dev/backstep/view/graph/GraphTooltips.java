package dev.backstep.view.graph;

import dev.backstep.engine.DenseLayer;
import dev.backstep.engine.LayerState;
import dev.backstep.engine.Matrix;
import dev.backstep.engine.Network;
import dev.backstep.engine.Parameter;
import dev.backstep.engine.Workspace;
import dev.backstep.model.Snapshot;
import dev.backstep.trace.NetworkLabels;
import dev.backstep.trace.Notation;
import dev.backstep.trace.Phase;
import dev.backstep.trace.StepTrace;
import dev.backstep.trace.StepTrace.EdgeQuantity;
import dev.backstep.trace.StepTrace.UnitQuantity;

import java.util.Arrays;

/**
 * The hover text of the layer graph: every value of a unit, an edge or a bias at full precision
 * ({@link Double#toString}), in the natural sign convention with the slides' δ added when that notation is in
 * force. In term mode only values already revealed are given; the rest say "not yet computed". FX thread.
 */
final class GraphTooltips {
    private static final String PENDING = "?  (not yet computed)";

    private GraphTooltips() {
    }

    static String describe(GraphLayout.Hit hit, Snapshot s, GraphFrame f, NetworkLabels labels) {
        if (hit == null || s == null) {
            return null;
        }
        return switch (hit.kind()) {
            case UNIT -> unit(hit.layer(), hit.to(), s, f, labels);
            case EDGE -> edge(hit.layer(), hit.from(), hit.to(), s, f, labels);
            case BIAS -> hit.to() < 0 ? biasNode(hit.layer(), s, labels) : edge(hit.layer(), -1, hit.to(), s, f,
                    labels);
        };
    }

    private static String unit(int layer, int j, Snapshot s, GraphFrame f, NetworkLabels labels) {
        int layers = s.network().layers().size() + 1;
        String role = layer == 0 ? "input" : layer == layers - 1 ? "output" : "hidden";
        StringBuilder out = new StringBuilder();
        out.append(labels.unit(layer, j)).append("   (").append(role).append(" unit ").append(j + 1).append(" of ")
                .append(s.network().layerSizes()[layer]).append(")   sample ").append(f.sample + 1);
        if (layer == 0) {
            line(out, "x", Double.toString(inputValue(j, s, f)));
            return out.toString();
        }
        line(out, "z", unitValue(UnitQuantity.Z, layer, j, s, f));
        line(out, "a", unitValue(UnitQuantity.A, layer, j, s, f));
        line(out, "∂E/∂a", unitValue(UnitQuantity.DEDA, layer, j, s, f));
        line(out, "∂a/∂z", unitValue(UnitQuantity.DADZ, layer, j, s, f));
        String delta = unitValue(UnitQuantity.DELTA, layer, j, s, f);
        line(out, "δ = ∂E/∂z", delta);
        if (s.notation() == Notation.SLIDES) {
            line(out, "δ (slides' sign) = −∂E/∂z", negate(delta));
        }
        if (layer == layers - 1) {
            int k = Arrays.binarySearch(f.layout.visible[layer], j);
            if (k >= 0) {
                line(out, "t (target)", Double.toString(f.targetValue[k]));
            }
            line(out, "E (this sample)", f.lossRevealed ? Double.toString(f.loss) : PENDING);
        }
        return out.toString();
    }

    private static String edge(int layer, int from, int to, Snapshot s, GraphFrame f, NetworkLabels labels) {
        Network network = s.network();
        DenseLayer l = network.layer(layer);
        Parameter p = from < 0 ? l.bias() : l.weights();
        if (p == null) {
            return null;
        }
        int index = from < 0 ? to : from * l.size() + to;
        StringBuilder out = new StringBuilder();
        String symbol = from < 0 ? "b" : "w";
        if (from < 0) {
            out.append("bias of ").append(labels.unit(layer, to)).append("   (").append(p.name()).append('[')
                    .append(to).append("])");
        } else {
            out.append(labels.unit(layer - 1, from)).append(" → ").append(labels.unit(layer, to)).append("   (");
            String name = labels.weightNames() == null ? null : labels.weight(layer, from, to);
            if (name != null) {
                out.append(name).append(", ");
            }
            out.append(p.name()).append('[').append(from).append("][").append(to).append("])");
        }
        if (p.isFrozen()) {
            out.append("   frozen");
        }
        StepTrace trace = s.trace();
        if (f.termMode && trace != null) {
            int position = s.tracePosition();
            boolean applied = s.traceApplied() || position >= trace.size();
            int updateStart = trace.firstIndexOf(Phase.UPDATE);
            line(out, symbol + (applied ? " (after this step)" : " (before this step)"),
                    Double.toString(p.value()[index]));
            line(out, "∂E/∂" + symbol, edgeValue(trace, EdgeQuantity.GRADIENT, layer, from, to, position, applied,
                    updateStart));
            line(out, "Δ" + symbol, edgeValue(trace, EdgeQuantity.UPDATE, layer, from, to, position, applied,
                    updateStart));
            line(out, symbol + " (new)", edgeValue(trace, EdgeQuantity.NEW_VALUE, layer, from, to, position,
                    applied, updateStart));
        } else {
            line(out, symbol, Double.toString(p.value()[index]));
            line(out, "∂E/∂" + symbol, Double.toString(p.gradient()[index]));
            line(out, "Δ" + symbol + " (last step)", Double.toString(p.update()[index]));
        }
        return out.toString();
    }

    private static String biasNode(int layer, Snapshot s, NetworkLabels labels) {
        DenseLayer l = s.network().layer(layer);
        StringBuilder out = new StringBuilder("+1: the bias input of layer ").append(layer)
                .append(" (point at one of its edges for all its values)");
        int n = Math.min(l.size(), 12);
        for (int j = 0; j < n; j++) {
            line(out, "b of " + labels.unit(layer, j), Double.toString(l.bias().value()[j]));
        }
        if (l.size() > n) {
            out.append("\n… ").append(l.size() - n).append(" more");
        }
        return out.toString();
    }

    private static String edgeValue(StepTrace trace, EdgeQuantity q, int layer, int from, int to, int position,
                                    boolean applied, int updateStart) {
        int index = trace.indexOf(q, layer, from, to);
        boolean revealed = applied || (index >= 0 ? index < position : updateStart >= 0 && position > updateStart);
        return revealed ? Double.toString(trace.value(q, layer, from, to)) : PENDING;
    }

    private static String unitValue(UnitQuantity q, int layer, int j, Snapshot s, GraphFrame f) {
        StepTrace trace = s.trace();
        if (f.termMode && trace != null) {
            int index = trace.indexOf(q, layer, j, f.row);
            int position = s.tracePosition();
            boolean applied = s.traceApplied() || position >= trace.size();
            if (index < 0 && !applied) {
                return q == UnitQuantity.DADZ ? "—  (no elementwise derivative)" : PENDING;
            }
            return applied || index < position ? Double.toString(trace.value(q, layer, j, f.row)) : PENDING;
        }
        Workspace ws = s.units();
        if (ws == null) {
            return "—";
        }
        LayerState state = ws.layer(layer);
        Matrix m = switch (q) {
            case Z -> state.z();
            case A -> state.a();
            case DEDA -> state.dEda();
            case DADZ -> state.dadz();
            case DELTA -> state.delta();
        };
        return f.row < m.rows() ? Double.toString(m.get(f.row, j)) : "—";
    }

    static double inputValue(int j, Snapshot s, GraphFrame f) {
        int u = f.layout.unitAt(0, j);
        if (u >= 0) {
            return f.unitValue[u];
        }
        Workspace ws = s.units();
        return ws != null && ws.input() != null && f.row < ws.input().rows() ? ws.input().get(f.row, j) : Double.NaN;
    }

    private static String negate(String value) {
        try {
            return Double.toString(-Double.parseDouble(value));
        } catch (NumberFormatException e) {
            return value;
        }
    }

    private static void line(StringBuilder out, String name, String value) {
        out.append('\n').append(name).append(" = ").append(value);
    }
}
