package dev.backstep.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A stack of dense layers with a loss: the model the engine trains. It owns parameter values only; the buffers a
 * forward and backward pass fill live in a {@link Workspace}, so one network can be stepped, checked and copied.
 *
 * <p>Not thread-safe: one thread owns a network while it trains; others read {@link #copy() copies}.
 */
public final class Network {
    private final int inputSize;
    private final List<DenseLayer> layers;
    private final Loss loss;
    private final Reduction reduction;
    private final List<Parameter> parameters;

    /**
     * @param layerSizes  sizes of every layer, the input layer first
     * @param activations the activation of each layer after the input (one fewer than the sizes)
     * @param biases      whether each layer after the input has a bias
     * @throws IllegalArgumentException when shapes disagree, softmax is not the last layer, or the loss does not fit
     *                                  the output activation
     */
    public Network(int[] layerSizes, Activation[] activations, boolean[] biases, Loss loss, Reduction reduction) {
        if (layerSizes.length < 2) {
            throw new IllegalArgumentException("a network needs an input layer and at least one more layer");
        }
        if (activations.length != layerSizes.length - 1 || biases.length != layerSizes.length - 1) {
            throw new IllegalArgumentException("need one activation and one bias flag per layer after the input");
        }
        List<DenseLayer> built = new ArrayList<>();
        for (int l = 1; l < layerSizes.length; l++) {
            if (activations[l - 1] == Activation.SOFTMAX && l < layerSizes.length - 1) {
                throw new IllegalArgumentException("softmax is only allowed on the output layer (layer " + l + ")");
            }
            built.add(new DenseLayer(l, layerSizes[l - 1], layerSizes[l], activations[l - 1], biases[l - 1]));
        }
        loss.check(activations[activations.length - 1]).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        this.inputSize = layerSizes[0];
        this.layers = Collections.unmodifiableList(built);
        this.loss = loss;
        this.reduction = reduction;
        this.parameters = collectParameters(built);
    }

    private Network(Network other) {
        this.inputSize = other.inputSize;
        List<DenseLayer> copied = new ArrayList<>();
        for (DenseLayer layer : other.layers) {
            copied.add(layer.copy());
        }
        this.layers = Collections.unmodifiableList(copied);
        this.loss = other.loss;
        this.reduction = other.reduction;
        this.parameters = collectParameters(copied);
    }

    private static List<Parameter> collectParameters(List<DenseLayer> layers) {
        List<Parameter> all = new ArrayList<>();
        for (DenseLayer layer : layers) {
            all.add(layer.weights());
            if (layer.hasBias()) {
                all.add(layer.bias());
            }
        }
        return Collections.unmodifiableList(all);
    }

    /** A deep copy: parameters, gradients, updates and frozen flags. */
    public Network copy() {
        return new Network(this);
    }

    public int inputSize() {
        return inputSize;
    }

    public int outputSize() {
        return outputLayer().size();
    }

    /** The layers after the input, in order; layer l (from 1) is {@code layers().get(l - 1)}. */
    public List<DenseLayer> layers() {
        return layers;
    }

    public DenseLayer layer(int index) {
        return layers.get(index - 1);
    }

    public DenseLayer outputLayer() {
        return layers.get(layers.size() - 1);
    }

    /** Sizes of all layers, the input first. */
    public int[] layerSizes() {
        int[] sizes = new int[layers.size() + 1];
        sizes[0] = inputSize;
        for (int l = 0; l < layers.size(); l++) {
            sizes[l + 1] = layers.get(l).size();
        }
        return sizes;
    }

    public Loss loss() {
        return loss;
    }

    public Reduction reduction() {
        return reduction;
    }

    /** W1, b1, W2, b2, … in layer order (layers without bias contribute only their weights). */
    public List<Parameter> parameters() {
        return parameters;
    }

    public int parameterCount() {
        int n = 0;
        for (Parameter p : parameters) {
            n += p.size();
        }
        return n;
    }

    /** Overwrites parameter values (and gradients, updates, frozen flags) with those of a same-shaped network. */
    public void copyParametersFrom(Network other) {
        if (other.parameters.size() != parameters.size()) {
            throw new IllegalArgumentException("networks have different parameter lists");
        }
        for (int i = 0; i < parameters.size(); i++) {
            parameters.get(i).copyFrom(other.parameters.get(i));
        }
    }

    /** True when every parameter value is bit-for-bit equal to the other network's. */
    public boolean sameParameters(Network other) {
        if (other.parameters.size() != parameters.size()) {
            return false;
        }
        for (int i = 0; i < parameters.size(); i++) {
            if (!parameters.get(i).sameValues(other.parameters.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** Initialises every parameter from {@code init}: all weights layer by layer, then all biases, as numpy code does. */
    public void initialize(InitSettings init) {
        NumpyRandom random = new NumpyRandom(init.seed());
        for (DenseLayer layer : layers) {
            double[] w = layer.weights().value();
            for (int i = 0; i < w.length; i++) {
                w[i] = init.weights().draw(random, layer.inputSize(), layer.size());
            }
        }
        for (DenseLayer layer : layers) {
            if (layer.hasBias()) {
                double[] b = layer.bias().value();
                for (int i = 0; i < b.length; i++) {
                    b[i] = init.biases().draw(random);
                }
            }
        }
    }

    /** The outputs for each row of {@code inputs} (allocates; for predictions and views, not the training loop). */
    public Matrix predict(Matrix inputs) {
        Workspace workspace = new Workspace(this, inputs.rows());
        BackPropagation.forward(this, inputs, workspace);
        return workspace.layer(layers.size()).a().copy();
    }
}
