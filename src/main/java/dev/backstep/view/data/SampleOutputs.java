package dev.backstep.view.data;

import dev.backstep.engine.Activation;
import dev.backstep.engine.Dataset;
import dev.backstep.engine.Evaluation;
import dev.backstep.engine.Matrix;
import dev.backstep.engine.Network;

/**
 * What the network says about one sample: a value per class (probabilities for a softmax output or a single sigmoid,
 * whose two classes get 1 − p and p), the class it picks and the sample's true class.
 *
 * @param values        per class
 * @param probabilities true when {@code values} are probabilities (softmax, or one sigmoid output)
 */
record SampleOutputs(double[] values, boolean probabilities, int predicted, int trueClass) {

    static SampleOutputs of(Network network, Dataset data, int index) {
        int width = data.inputWidth();
        double[] input = new double[width];
        System.arraycopy(data.inputs().data(), index * width, input, 0, width);
        double[] out = network.predict(Matrix.wrap(1, width, input)).row(0);
        Activation last = network.outputLayer().activation();
        double[] values = out.length == 1 ? new double[] {1 - out[0], out[0]} : out;
        boolean probabilities = last == Activation.SOFTMAX || (out.length == 1 && last == Activation.SIGMOID);
        int trueClass = Evaluation.classOf(data.targets().data(), index * data.targetWidth(), data.targetWidth());
        return new SampleOutputs(values, probabilities, Evaluation.classOf(out, 0, out.length), trueClass);
    }
}
