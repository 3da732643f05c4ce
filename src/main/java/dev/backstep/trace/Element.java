package dev.backstep.trace;

/**
 * The place on the network a term belongs to: a unit, an edge (a weight), a unit's bias, or the network as a whole
 * (the loss). Layers count from 0 (the input); an edge and a bias belong to the layer of the unit they feed.
 */
public record Element(Kind kind, int layer, int from, int to) {
    public enum Kind { UNIT, EDGE, BIAS, NETWORK }

    public static Element unit(int layer, int unit) {
        return new Element(Kind.UNIT, layer, -1, unit);
    }

    /** The weight from unit {@code from} of layer {@code layer − 1} to unit {@code to} of {@code layer}. */
    public static Element edge(int layer, int from, int to) {
        return new Element(Kind.EDGE, layer, from, to);
    }

    public static Element bias(int layer, int unit) {
        return new Element(Kind.BIAS, layer, -1, unit);
    }

    public static Element network() {
        return new Element(Kind.NETWORK, -1, -1, -1);
    }

    /** How term keys and exports name it: {@code h1}, {@code x1->h1}, {@code h1} (for a bias), or empty. */
    public String name(NetworkLabels labels) {
        switch (kind) {
            case UNIT:
            case BIAS:
                return labels.unit(layer, to);
            case EDGE:
                return labels.unit(layer - 1, from) + "->" + labels.unit(layer, to);
            default:
                return "";
        }
    }

    /** For people: "h1", "x1 → h1", "bias of h1", "network". */
    public String describe(NetworkLabels labels) {
        switch (kind) {
            case UNIT:
                return labels.unit(layer, to);
            case EDGE:
                return labels.unit(layer - 1, from) + " → " + labels.unit(layer, to);
            case BIAS:
                return "bias of " + labels.unit(layer, to);
            default:
                return "network";
        }
    }
}
