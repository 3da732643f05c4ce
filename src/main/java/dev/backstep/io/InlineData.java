package dev.backstep.io;

/**
 * Samples written into the network file. The test arrays are null when there is no test set.
 */
public record InlineData(double[][] inputs, double[][] targets, double[][] testInputs, double[][] testTargets)
        implements DataSpec {
    public boolean hasTest() {
        return testInputs != null;
    }
}
