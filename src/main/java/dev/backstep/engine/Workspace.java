package dev.backstep.engine;

/**
 * The buffers of one forward and backward pass over a batch of a fixed number of rows, allocated once and reused
 * every step so that training a small network allocates nothing.
 */
public final class Workspace {
    private final int rows;
    private final LayerState[] layers;
    private final double[] sampleLoss;
    private Matrix input;
    private Matrix target;

    public Workspace(Network network, int rows) {
        this.rows = rows;
        this.layers = new LayerState[network.layers().size() + 1];
        for (DenseLayer layer : network.layers()) {
            layers[layer.index()] = LayerState.allocate(rows, layer.size());
        }
        this.sampleLoss = new double[rows];
    }

    private Workspace(Workspace other) {
        this.rows = other.rows;
        this.layers = new LayerState[other.layers.length];
        for (int l = 1; l < layers.length; l++) {
            layers[l] = other.layers[l].copy();
        }
        this.sampleLoss = other.sampleLoss.clone();
        this.input = other.input == null ? null : other.input.copy();
        this.target = other.target == null ? null : other.target.copy();
    }

    /** A deep copy, safe to hand to another thread. */
    public Workspace copy() {
        return new Workspace(this);
    }

    public int rows() {
        return rows;
    }

    /** The state of layer {@code index}, counted from 1. */
    public LayerState layer(int index) {
        return layers[index];
    }

    /** The batch's inputs of the last forward pass (the activations of layer 0). */
    public Matrix input() {
        return input;
    }

    /** The batch's targets of the last loss computation, or null before one. */
    public Matrix target() {
        return target;
    }

    /** The activations feeding layer {@code index}: the input for layer 1. */
    public Matrix activationsBefore(int index) {
        return index == 1 ? input : layers[index - 1].a();
    }

    /** Each sample's loss from the last loss computation. */
    public double[] sampleLoss() {
        return sampleLoss;
    }

    void setInput(Matrix input) {
        this.input = input;
    }

    void setTarget(Matrix target) {
        this.target = target;
    }
}
