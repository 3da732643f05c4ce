package dev.backstep.engine;

/**
 * A fully connected layer: z = a_prev · W + b, a = f(z). W is inputSize × size (input by output, as
 * {@code X · W} in the seed code), so W[i][j] is the weight from unit i of the previous layer to unit j of this one.
 */
public final class DenseLayer {
    private final int index;
    private final int inputSize;
    private final int size;
    private final Activation activation;
    private final Parameter weights;
    private final Parameter bias;
    private final Matrix weightMatrix;

    /**
     * @param index the layer's position counted from 1 (the input layer is 0), used in parameter names
     */
    public DenseLayer(int index, int inputSize, int size, Activation activation, boolean hasBias) {
        if (inputSize <= 0 || size <= 0) {
            throw new IllegalArgumentException("layer " + index + " needs positive sizes, got " + inputSize + "→" + size);
        }
        this.index = index;
        this.inputSize = inputSize;
        this.size = size;
        this.activation = activation;
        this.weights = new Parameter("W" + index, inputSize, size);
        this.bias = hasBias ? new Parameter("b" + index, 1, size) : null;
        this.weightMatrix = Matrix.wrap(inputSize, size, weights.value());
    }

    public int index() {
        return index;
    }

    public int inputSize() {
        return inputSize;
    }

    public int size() {
        return size;
    }

    public Activation activation() {
        return activation;
    }

    public Parameter weights() {
        return weights;
    }

    /** A view of the weights as an inputSize × size matrix. */
    public Matrix weightMatrix() {
        return weightMatrix;
    }

    public boolean hasBias() {
        return bias != null;
    }

    /** The bias, or null for a layer without one. */
    public Parameter bias() {
        return bias;
    }

    public double weight(int from, int to) {
        return weights.value()[from * size + to];
    }

    /** Freezes or thaws the whole layer (weights and bias). */
    public void setTrainable(boolean trainable) {
        weights.setFrozen(!trainable);
        if (bias != null) {
            bias.setFrozen(!trainable);
        }
    }

    /** A layer of the same shape with copies of this one's parameters. */
    DenseLayer copy() {
        DenseLayer copy = new DenseLayer(index, inputSize, size, activation, hasBias());
        copy.weights.copyFrom(weights);
        if (bias != null) {
            copy.bias.copyFrom(bias);
        }
        return copy;
    }
}
