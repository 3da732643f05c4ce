package dev.backstep.view.data;

import dev.backstep.engine.ConfusionMatrix;
import dev.backstep.engine.Dataset;
import dev.backstep.engine.Evaluation;
import dev.backstep.io.NetworkDefinition;
import dev.backstep.model.Snapshot;

/**
 * The confusion matrix of one snapshot's network on its test set, or on the training set when the file has no test
 * set (and says so). Computed off the FX thread: only reads the snapshot's immutable copies.
 *
 * @param data      the evaluated set (the test set, or the training set)
 * @param testSet   true when {@code data} is the test set
 * @param classes   the class names along both axes
 */
record ConfusionModel(NetworkDefinition definition, long epoch, Dataset data, boolean testSet, String[] classes,
                      ConfusionMatrix matrix) {

    static ConfusionModel of(Snapshot s) {
        boolean test = s.testData() != null && s.testData().size() > 0;
        Dataset data = test ? s.testData() : s.trainingData();
        return new ConfusionModel(s.definition(), s.epoch(), data, test, ClassNames.of(s.definition()),
                Evaluation.confusion(s.network(), data));
    }

    /** "test set" or "training set (no test set)". */
    String setName() {
        return testSet ? "test set" : "training set (this network has no test set)";
    }

    /** The samples of a cell, as indices into {@link #data}. */
    int[] samples(int trueClass, int predictedClass) {
        return matrix.samples(trueClass, predictedClass);
    }

    /** True when this model was computed from the same network state as {@code s} shows. */
    boolean current(Snapshot s) {
        return s.definition() == definition && s.epoch() == epoch
                && (testSet ? s.testData() : s.trainingData()) == data;
    }
}
