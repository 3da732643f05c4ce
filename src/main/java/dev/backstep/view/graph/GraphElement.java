package dev.backstep.view.graph;

import dev.backstep.trace.Element;

/**
 * A thing on the layer graph a user pointed at: a unit, a weight (edge) or a unit's bias. Layers count from 0 (the
 * input); an edge and a bias belong to the layer of the unit they feed, as in {@link Element}.
 *
 * @param kind   what it is
 * @param layer  the unit's layer, or the layer an edge or bias feeds
 * @param from   the unit of layer {@code layer − 1} an edge leaves; −1 for units and biases
 * @param to     the unit (for a unit, a bias, or the unit an edge enters)
 * @param value  the current value: the activation a of a unit (the input x of an input unit), the weight w of an
 *               edge, the bias b of a bias, as the network holds it now
 * @param sample the data-set index of the sample whose values the units show (so an input or a target can be
 *               edited); −1 for edges and biases
 */
public record GraphElement(Kind kind, int layer, int from, int to, double value, int sample) {
    public enum Kind { UNIT, EDGE, BIAS }

    public static GraphElement unit(int layer, int unit, double value, int sample) {
        return new GraphElement(Kind.UNIT, layer, -1, unit, value, sample);
    }

    public static GraphElement edge(int layer, int from, int to, double weight) {
        return new GraphElement(Kind.EDGE, layer, from, to, weight, -1);
    }

    public static GraphElement bias(int layer, int unit, double bias) {
        return new GraphElement(Kind.BIAS, layer, -1, unit, bias, -1);
    }

    /** The same place as the trace names it (to find its terms, or to link with the formula panel). */
    public Element toTraceElement() {
        return switch (kind) {
            case UNIT -> Element.unit(layer, to);
            case EDGE -> Element.edge(layer, from, to);
            case BIAS -> Element.bias(layer, to);
        };
    }

    /** True when this is the same unit, edge or bias as {@code other}, whatever the values. */
    public boolean samePlace(GraphElement other) {
        return other != null && other.kind == kind && other.layer == layer && other.from == from && other.to == to;
    }
}
