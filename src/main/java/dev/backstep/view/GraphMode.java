package dev.backstep.view;

/** What the layer graph colours: the parameters themselves, their gradients, or the last change applied. */
public enum GraphMode {
    /** Edges by weight, units by activation. */
    WEIGHTS("Weights"),
    /** Edges by ∂E/∂w, units by δ. */
    GRADIENTS("Gradients"),
    /** Edges by the last update Δw, units by δ. */
    UPDATES("Updates");

    private final String label;

    GraphMode(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
