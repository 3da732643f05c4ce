package dev.backstep.io;

import dev.backstep.engine.Activation;
import dev.backstep.engine.DenseLayer;
import dev.backstep.engine.Network;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A network with other layers after the input: sizes, activations and biases changed, hidden layers added or
 * removed. The new network is initialised from the definition's own initialiser and seed, so it is exactly the network
 * a file with these layers and the same "init" would give; the data, loss, optimizer and training stay. Weight names
 * and published values belong to the old shape and are dropped.
 */
public final class ArchitectureChange {
    /** The largest layer the editor accepts (a network file allows more, but a lecture never needs it). */
    public static final int MAX_SIZE = 1000;

    /** One layer after the input, as the architecture editor describes it. */
    public record Layer(int size, Activation activation, boolean bias) {
    }

    private ArchitectureChange() {
    }

    /** The layers after the input of {@code definition}, the output last. */
    public static List<Layer> layersOf(NetworkDefinition definition) {
        List<Layer> layers = new ArrayList<>();
        for (LayerDefinition layer : definition.layers().subList(1, definition.layers().size())) {
            layers.add(new Layer(layer.size(), layer.activation(), layer.bias()));
        }
        return layers;
    }

    /**
     * The problem with {@code layers} for a network of {@code inputs} inputs and {@code outputs} outputs trained with
     * the loss of {@code definition}, or null when there is none. Layers count from 1 (the first after the input).
     */
    public static String problem(NetworkDefinition definition, List<Layer> layers) {
        if (layers.isEmpty()) {
            return "the network needs an output layer";
        }
        int outputs = definition.layers().get(definition.layers().size() - 1).size();
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            String where = i == layers.size() - 1 ? "the output layer" : "hidden layer " + (i + 1);
            if (layer.size() < 1 || layer.size() > MAX_SIZE) {
                return where + " has " + layer.size() + " units (expected 1 to " + MAX_SIZE + ")";
            }
            if (layer.activation() == null) {
                return where + " has no activation (expected one of " + Activation.names() + ")";
            }
            if (layer.activation() == Activation.SOFTMAX && i < layers.size() - 1) {
                return where + ": softmax is only allowed on the output layer";
            }
        }
        Layer output = layers.get(layers.size() - 1);
        if (output.size() != outputs) {
            return "the output layer has " + output.size() + " units, but the data has " + outputs
                    + " target" + (outputs == 1 ? "" : "s") + " per sample";
        }
        if (output.activation() == Activation.SOFTMAX && output.size() == 1) {
            return "softmax over a single unit always outputs 1 (use sigmoid for one output)";
        }
        return definition.newNetwork().loss().check(output.activation()).orElse(null);
    }

    /**
     * The definition with {@code layers} after its input layer, the network drawn afresh from its initialiser and
     * seed; its data stays.
     *
     * @throws IllegalArgumentException with {@link #problem} when the layers do not make a network for this data
     */
    public static NetworkDefinition apply(NetworkDefinition definition, List<Layer> layers) {
        String problem = problem(definition, layers);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        List<LayerDefinition> old = definition.layers();
        int count = layers.size() + 1;
        int[] sizes = new int[count];
        Activation[] activations = new Activation[count - 1];
        boolean[] biases = new boolean[count - 1];
        sizes[0] = old.get(0).size();
        List<LayerDefinition> defined = new ArrayList<>();
        defined.add(old.get(0));
        Set<String> taken = new HashSet<>(old.get(0).names());
        for (int l = 1; l < count; l++) {
            Layer layer = layers.get(l - 1);
            sizes[l] = layer.size();
            activations[l - 1] = layer.activation();
            biases[l - 1] = layer.bias();
            boolean output = l == count - 1;
            // The output keeps its names (the data's targets are the same); hidden units get the file defaults.
            List<String> names = output ? old.get(old.size() - 1).names() : hiddenNames(l, count, layer.size(), taken);
            taken.addAll(names);
            defined.add(new LayerDefinition(layer.size(), layer.activation(), layer.bias(), true, names));
        }
        Network reference = definition.newNetwork();
        Network network = new Network(sizes, activations, biases, reference.loss(), reference.reduction());
        network.initialize(definition.init());
        if (definition.freezeBiases()) {
            for (DenseLayer layer : network.layers()) {
                if (layer.hasBias()) {
                    layer.bias().setFrozen(true);
                }
            }
        }
        return new NetworkDefinition(definition.name(), definition.description(), definition.notation(), defined,
                network, null, definition.init(), definition.freezeBiases(), definition.optimizer(),
                definition.training(), definition.data(), definition.trainingData(), definition.testData(), null);
    }

    /** The shape as lecturers write it: 2-4-1 for 2 inputs, 4 hidden units and 1 output. */
    public static String shape(int inputs, List<Layer> layers) {
        StringBuilder text = new StringBuilder().append(inputs);
        for (Layer layer : layers) {
            text.append('-').append(layer.size());
        }
        return text.toString();
    }

    /** h1… for a single hidden layer, h1_1… for several (as a network file names them); never a name in use. */
    private static List<String> hiddenNames(int layer, int layerCount, int size, Set<String> taken) {
        String prefix = layerCount == 3 ? "h" : "h" + layer + "_";
        List<String> names = new ArrayList<>();
        for (int j = 1; j <= size; j++) {
            String name = prefix + j;
            while (taken.contains(name)) {
                name = name + "'";
            }
            names.add(name);
        }
        return names;
    }
}
