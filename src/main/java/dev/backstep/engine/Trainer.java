package dev.backstep.engine;

import java.util.List;

/**
 * Trains a network on a data set, one step (one batch) at a time, and keeps everything the last step computed.
 *
 * <p>An epoch is {@link Batching#stepsPerEpoch} steps over the samples in order, or in a seeded shuffled order.
 * The training loss of an epoch is measured by that epoch's own forward passes (for full batch: the loss before
 * the epoch's update, as Keras and TensorFlow Playground report it); the test loss, when there is a test set, after
 * the epoch's last update.
 *
 * <p>Not thread-safe: the thread that trains owns the trainer, its network and its workspaces.
 */
public final class Trainer {
    private final Network network;
    private final Dataset train;
    private final Dataset test;
    private final TrainingSettings settings;
    private Optimizer optimizer;
    private final NumpyRandom shuffleRandom;
    private final int[] order;
    private final int stepSize;
    private final int stepsPerEpoch;
    private final Batch fullBatch;
    private final Batch tailBatch;
    private Workspace testWorkspace;
    private Batch lastBatch;
    private int stepInEpoch;
    private long epochsDone;
    private double epochLossSum;
    private final DoubleSeries trainLoss = new DoubleSeries();
    private final DoubleSeries testLoss = new DoubleSeries();
    /** Per layer (index l − 1), the Euclidean norm of ∂E/∂W at the last step of each epoch. */
    private final DoubleSeries[] gradientNorms;

    /** The buffers of one batch size: where its samples are gathered and its pass is computed. */
    private static final class Batch {
        final Workspace workspace;
        final Matrix inputs;
        final Matrix targets;
        final int[] samples;

        Batch(Network network, Dataset data, int rows, boolean usesWholeDataset) {
            workspace = new Workspace(network, rows);
            inputs = usesWholeDataset ? data.inputs() : new Matrix(rows, data.inputWidth());
            targets = usesWholeDataset ? data.targets() : new Matrix(rows, data.targetWidth());
            samples = new int[rows];
        }
    }

    /**
     * @param test samples to measure after every epoch, or null
     * @throws IllegalArgumentException when the data's widths do not match the network
     */
    public Trainer(Network network, Dataset train, Dataset test, TrainingSettings settings,
                   OptimizerSettings optimizerSettings) {
        checkWidths(network, train, "training data");
        if (test != null) {
            checkWidths(network, test, "test data");
        }
        if (train.size() == 0) {
            throw new IllegalArgumentException("training data is empty");
        }
        this.network = network;
        this.train = train;
        this.test = test == null || test.size() == 0 ? null : test;
        this.settings = settings;
        this.optimizer = new Optimizer(optimizerSettings, network.parameters());
        this.shuffleRandom = new NumpyRandom(settings.seed());
        this.order = new int[train.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        this.gradientNorms = new DoubleSeries[network.layers().size()];
        for (int l = 0; l < gradientNorms.length; l++) {
            gradientNorms[l] = new DoubleSeries();
        }
        this.stepSize = settings.batching().stepSize(train.size());
        this.stepsPerEpoch = settings.batching().stepsPerEpoch(train.size());
        boolean wholeInOrder = stepSize == train.size() && !settings.shuffle();
        this.fullBatch = new Batch(network, train, stepSize, wholeInOrder);
        int tail = train.size() % stepSize;
        this.tailBatch = tail == 0 ? null : new Batch(network, train, tail, false);
    }

    private static void checkWidths(Network network, Dataset data, String what) {
        if (data.inputWidth() != network.inputSize()) {
            throw new IllegalArgumentException(what + " has " + data.inputWidth() + " inputs per sample, the network "
                    + network.inputSize());
        }
        if (data.targetWidth() != network.outputSize()) {
            throw new IllegalArgumentException(what + " has " + data.targetWidth() + " targets per sample, the network "
                    + network.outputSize() + " outputs");
        }
    }

    public Network network() {
        return network;
    }

    public Dataset trainingData() {
        return train;
    }

    /** The test set, or null. */
    public Dataset testData() {
        return test;
    }

    public TrainingSettings settings() {
        return settings;
    }

    public Optimizer optimizer() {
        return optimizer;
    }

    /**
     * Switches to other optimizer settings between steps. With the same rule (a new learning rate, say) the rule's
     * state carries over; a different rule starts with fresh state.
     */
    public void setOptimizer(OptimizerSettings settings) {
        Optimizer next = new Optimizer(settings, network.parameters());
        if (settings.kind() == optimizer.settings().kind()) {
            next.copyStateFrom(optimizer);
        }
        optimizer = next;
    }

    /** Completed epochs. */
    public long epoch() {
        return epochsDone;
    }

    /** Steps of the current epoch already taken (0 at an epoch boundary). */
    public int stepInEpoch() {
        return stepInEpoch;
    }

    public int stepsPerEpoch() {
        return stepsPerEpoch;
    }

    /** Training loss of each completed epoch. */
    public DoubleSeries trainLoss() {
        return trainLoss;
    }

    /** Test loss after each completed epoch (empty without a test set). */
    public DoubleSeries testLoss() {
        return testLoss;
    }

    /**
     * The norm ‖∂E/∂W⁽ˡ⁾‖ of layer {@code layer} (counted from 1) at the last step of each completed epoch: how
     * strongly each layer learns, the measure of vanishing and exploding gradients.
     */
    public DoubleSeries gradientNorms(int layer) {
        return gradientNorms[layer - 1];
    }

    /** The buffers of the last step (null before the first): z, a, ∂E/∂a, ∂a/∂z and δ per layer. */
    public Workspace lastWorkspace() {
        return lastBatch == null ? null : lastBatch.workspace;
    }

    /** The sample indices of the last step's batch, in the order they were processed (null before the first). */
    public int[] lastSamples() {
        return lastBatch == null ? null : lastBatch.samples.clone();
    }

    /** The sample indices the next step will process, in order. */
    public int[] nextSamples() {
        int[] peekOrder = order;
        if (stepInEpoch == 0 && settings.shuffle()) {
            peekOrder = order.clone();
            shuffleRandom.copy().shuffle(peekOrder);
        }
        int from = stepInEpoch * stepSize;
        int count = Math.min(stepSize, train.size() - from);
        int[] samples = new int[count];
        System.arraycopy(peekOrder, from, samples, 0, count);
        return samples;
    }

    /** Runs epochs until {@code count} more have completed (finishing the current one first counts as one). */
    public void runEpochs(long count) {
        for (long e = 0; e < count; e++) {
            finishEpoch();
        }
    }

    /** Steps until the current epoch completes; at an epoch boundary, runs one whole epoch. */
    public void finishEpoch() {
        do {
            step();
        } while (stepInEpoch != 0);
    }

    /**
     * One training step on the next batch: forward, loss, backward, update.
     *
     * @return the reduced loss of this batch, measured before the update
     * @throws TrainingDivergedException when the loss or an updated parameter would not be finite; nothing is
     *                                   changed then but the optimizer's state
     */
    public double step() {
        if (stepInEpoch == 0) {
            epochLossSum = 0;
            if (settings.shuffle()) {
                shuffleRandom.shuffle(order);
            }
        }
        int from = stepInEpoch * stepSize;
        int count = Math.min(stepSize, train.size() - from);
        Batch batch = count == stepSize ? fullBatch : tailBatch;
        System.arraycopy(order, from, batch.samples, 0, count);
        if (batch.inputs != train.inputs()) {
            train.gather(order, from, count, batch.inputs, batch.targets);
        }
        Workspace workspace = batch.workspace;
        lastBatch = batch;
        BackPropagation.forward(network, batch.inputs, workspace);
        double loss = BackPropagation.loss(network, batch.targets, workspace);
        if (!Double.isFinite(loss)) {
            throw new TrainingDivergedException(epochsDone + 1, describeNonFiniteLoss(workspace, loss));
        }
        BackPropagation.backward(network, workspace);
        optimizer.computeUpdates();
        applyUpdates();
        double[] sampleLoss = workspace.sampleLoss();
        for (int r = 0; r < count; r++) {
            epochLossSum += sampleLoss[r];
        }
        if (++stepInEpoch == stepsPerEpoch) {
            completeEpoch();
        }
        return loss;
    }

    private void applyUpdates() {
        List<Parameter> parameters = network.parameters();
        for (int k = 0; k < parameters.size(); k++) {
            Parameter p = parameters.get(k);
            double[] w = p.value();
            double[] u = p.update();
            for (int i = 0; i < w.length; i++) {
                if (!Double.isFinite(w[i] + u[i])) {
                    throw new TrainingDivergedException(epochsDone + 1,
                            "the update of " + p.name() + "[" + i + "] would make it " + (w[i] + u[i]));
                }
            }
        }
        for (int k = 0; k < parameters.size(); k++) {
            double[] w = parameters.get(k).value();
            double[] u = parameters.get(k).update();
            for (int i = 0; i < w.length; i++) {
                w[i] += u[i];
            }
        }
    }

    private String describeNonFiniteLoss(Workspace workspace, double loss) {
        for (DenseLayer layer : network.layers()) {
            LayerState state = workspace.layer(layer.index());
            if (!MatrixOps.allFinite(state.z().data())) {
                return "the weighted sums z of layer " + layer.index() + " overflowed, so the loss is " + loss;
            }
        }
        return "the loss became " + loss;
    }

    private void completeEpoch() {
        stepInEpoch = 0;
        epochsDone++;
        trainLoss.add(epochLossSum * network.reduction().scale(train.size()));
        List<DenseLayer> layers = network.layers();
        for (int l = 0; l < layers.size(); l++) {
            double squares = 0;
            for (double g : layers.get(l).weights().gradient()) {
                squares += g * g;
            }
            gradientNorms[l].add(Math.sqrt(squares));
        }
        if (test != null) {
            testLoss.add(evaluateLoss(test));
        }
    }

    /**
     * Changes one input of a training sample in place. The trainer must own its data set (construct it with a copy)
     * because the change is seen by every later step.
     */
    public void setInput(int sample, int input, double value) {
        train.inputs().set(sample, input, value);
        lastBatch = null;
    }

    /** Changes one target of a training sample in place; see {@link #setInput}. */
    public void setTarget(int sample, int output, double value) {
        train.targets().set(sample, output, value);
        lastBatch = null;
    }

    /** The reduced loss of the network on {@code data} (a forward pass only; the last step's buffers are kept). */
    public double evaluateLoss(Dataset data) {
        Workspace workspace;
        if (data == test) {
            if (testWorkspace == null) {
                testWorkspace = new Workspace(network, test.size());
            }
            workspace = testWorkspace;
        } else {
            workspace = new Workspace(network, data.size());
        }
        BackPropagation.forward(network, data.inputs(), workspace);
        return BackPropagation.loss(network, data.targets(), workspace);
    }

    /** Everything needed to return this trainer to the present moment exactly. */
    public Checkpoint checkpoint() {
        Network copy = network.copy();
        Optimizer optimizerCopy = new Optimizer(optimizer.settings(), copy.parameters());
        optimizerCopy.copyStateFrom(optimizer);
        return new Checkpoint(copy, optimizerCopy, shuffleRandom.copy(), order.clone(), stepInEpoch, epochsDone,
                epochLossSum, trainLoss.size(), testLoss.size(), lastBatch == null ? null : lastBatch.workspace.copy(),
                lastSamples());
    }

    /**
     * Returns to an earlier checkpoint of this trainer: parameters, optimizer state, shuffling, position in the epoch
     * and loss history (epochs recorded after the checkpoint are dropped). The last step's buffers are restored too.
     * Going forward again means training again, which gives bit-for-bit the same results.
     *
     * @throws IllegalStateException when the checkpoint is later than the present (its losses are no longer kept)
     */
    public void restore(Checkpoint checkpoint) {
        if (checkpoint.trainLossSize() > trainLoss.size() || checkpoint.testLossSize() > testLoss.size()) {
            throw new IllegalStateException("cannot restore a checkpoint of epoch " + checkpoint.epochsDone()
                    + " from epoch " + epochsDone + ": only earlier checkpoints can be restored");
        }
        network.copyParametersFrom(checkpoint.network());
        if (!optimizer.settings().equals(checkpoint.optimizer().settings())) {
            optimizer = new Optimizer(checkpoint.optimizer().settings(), network.parameters());
        }
        optimizer.copyStateFrom(checkpoint.optimizer());
        NumpyRandom random = checkpoint.shuffleRandom().copy();
        shuffleRandom.copyStateFrom(random);
        System.arraycopy(checkpoint.order(), 0, order, 0, order.length);
        stepInEpoch = checkpoint.stepInEpoch();
        epochsDone = checkpoint.epochsDone();
        epochLossSum = checkpoint.epochLossSum();
        trainLoss.truncate(checkpoint.trainLossSize());
        for (DoubleSeries norms : gradientNorms) {
            norms.truncate(checkpoint.trainLossSize());
        }
        testLoss.truncate(checkpoint.testLossSize());
        if (checkpoint.lastWorkspace() == null) {
            lastBatch = null;
        } else {
            Workspace saved = checkpoint.lastWorkspace();
            Batch batch = saved.rows() == stepSize ? fullBatch : tailBatch;
            restoreWorkspace(batch, saved, checkpoint.lastSamples());
            lastBatch = batch;
        }
    }

    private void restoreWorkspace(Batch batch, Workspace saved, int[] samples) {
        for (DenseLayer layer : network.layers()) {
            LayerState from = saved.layer(layer.index());
            LayerState to = batch.workspace.layer(layer.index());
            to.z().copyFrom(from.z());
            to.a().copyFrom(from.a());
            to.dEda().copyFrom(from.dEda());
            to.dadz().copyFrom(from.dadz());
            to.delta().copyFrom(from.delta());
        }
        System.arraycopy(saved.sampleLoss(), 0, batch.workspace.sampleLoss(), 0, saved.rows());
        System.arraycopy(samples, 0, batch.samples, 0, samples.length);
        if (batch.inputs != train.inputs()) {
            batch.inputs.copyFrom(saved.input());
            batch.targets.copyFrom(saved.target());
        }
        batch.workspace.setInput(batch.inputs);
        batch.workspace.setTarget(batch.targets);
    }

    /** A frozen copy of a trainer's state; see {@link Trainer#checkpoint()}. */
    public record Checkpoint(Network network, Optimizer optimizer, NumpyRandom shuffleRandom, int[] order,
                             int stepInEpoch, long epochsDone, double epochLossSum, int trainLossSize,
                             int testLossSize, Workspace lastWorkspace, int[] lastSamples) {
    }
}
