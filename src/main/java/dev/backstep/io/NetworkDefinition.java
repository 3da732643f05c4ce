package dev.backstep.io;

import dev.backstep.engine.Dataset;
import dev.backstep.engine.InitSettings;
import dev.backstep.engine.Network;
import dev.backstep.engine.OptimizerSettings;
import dev.backstep.engine.TrainingSettings;
import dev.backstep.trace.Notation;
import dev.backstep.trace.Published;
import dev.backstep.trace.NetworkLabels;

import java.util.List;

/**
 * Everything a network file says, validated and resolved: the layers and their names, the network with its initial
 * parameters (from the file, or drawn by its initialiser), the optimizer, the training settings, the data (as
 * specified and as loaded) and any published values. Immutable: {@link #newNetwork()} hands out copies.
 */
public final class NetworkDefinition {
    private final String name;
    private final String description;
    private final Notation notation;
    private final List<LayerDefinition> layers;
    private final Network initial;
    private final String[][][] weightNames;
    private final InitSettings init;
    private final boolean freezeBiases;
    private final OptimizerSettings optimizer;
    private final TrainingSettings training;
    private final DataSpec data;
    private final Dataset trainingData;
    private final Dataset testData;
    private final Published published;

    /**
     * @param weightNames display names per weight, [layer][from][to], or null for the notation's names
     * @param testData    null without a test set
     * @param published   null when the file has none
     */
    public NetworkDefinition(String name, String description, Notation notation, List<LayerDefinition> layers,
                             Network initial, String[][][] weightNames, InitSettings init, boolean freezeBiases,
                             OptimizerSettings optimizer, TrainingSettings training, DataSpec data,
                             Dataset trainingData, Dataset testData, Published published) {
        this.name = name;
        this.description = description;
        this.notation = notation;
        this.layers = List.copyOf(layers);
        this.initial = initial.copy();
        this.weightNames = weightNames;
        this.init = init;
        this.freezeBiases = freezeBiases;
        this.optimizer = optimizer;
        this.training = training;
        this.data = data;
        this.trainingData = trainingData;
        this.testData = testData;
        this.published = published;
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public Notation notation() {
        return notation;
    }

    /** All layers, the input first. */
    public List<LayerDefinition> layers() {
        return layers;
    }

    /** A trainer over a fresh copy of the network, with the file's data, training and optimizer settings. */
    public dev.backstep.engine.Trainer newTrainer() {
        return new dev.backstep.engine.Trainer(newNetwork(), trainingData, testData, training, optimizer);
    }

    /** A fresh copy of the network with its initial parameters. */
    public Network newNetwork() {
        return initial.copy();
    }

    /** Unit names and weight names, for the trace and the views. */
    public NetworkLabels labels() {
        List<List<String>> units = new java.util.ArrayList<>();
        for (LayerDefinition layer : layers) {
            units.add(layer.names());
        }
        return new NetworkLabels(units, weightNames);
    }

    /** The display name of unit {@code unit} of layer {@code layer} (0 = input). */
    public String unitName(int layer, int unit) {
        return layers.get(layer).names().get(unit);
    }

    /** The display name the file gives the weight from unit i of layer l to unit j of layer l+1, or null. */
    public String weightName(int layer, int from, int to) {
        return weightNames == null ? null : weightNames[layer][from][to];
    }

    /** The file's weight names, [layer][from][to], or null. */
    public String[][][] weightNames() {
        return weightNames;
    }

    public InitSettings init() {
        return init;
    }

    public boolean freezeBiases() {
        return freezeBiases;
    }

    public OptimizerSettings optimizer() {
        return optimizer;
    }

    public TrainingSettings training() {
        return training;
    }

    public DataSpec data() {
        return data;
    }

    public Dataset trainingData() {
        return trainingData;
    }

    /** The test set, or null. */
    public Dataset testData() {
        return testData;
    }

    /** The published values, or null. */
    public Published published() {
        return published;
    }

    /** This definition with {@code network}'s parameters as its initial ones (to save a trained network). */
    public NetworkDefinition withParameters(Network network) {
        return new NetworkDefinition(name, description, notation, layers, network, weightNames, init, freezeBiases,
                optimizer, training, data, trainingData, testData, published);
    }

    public NetworkDefinition withOptimizer(OptimizerSettings value) {
        return new NetworkDefinition(name, description, notation, layers, initial, weightNames, init, freezeBiases,
                value, training, data, trainingData, testData, published);
    }

    public NetworkDefinition withTraining(TrainingSettings value) {
        return new NetworkDefinition(name, description, notation, layers, initial, weightNames, init, freezeBiases,
                optimizer, value, data, trainingData, testData, published);
    }

    /** This definition with other data (as specified and as loaded). */
    public NetworkDefinition withData(DataSpec spec, Dataset train, Dataset test) {
        return new NetworkDefinition(name, description, notation, layers, initial, weightNames, init, freezeBiases,
                optimizer, training, spec, train, test, published);
    }

    public NetworkDefinition withNotation(Notation value) {
        return new NetworkDefinition(name, description, value, layers, initial, weightNames, init, freezeBiases,
                optimizer, training, data, trainingData, testData, published);
    }
}
