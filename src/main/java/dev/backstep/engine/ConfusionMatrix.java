package dev.backstep.engine;

import java.util.Arrays;

/**
 * How often each true class was predicted as each class: {@code count(true, predicted)}, with the indices of the
 * samples in every cell so a view can list, say, the shirts taken for T-shirts.
 *
 * <p>Immutable; built once from the true and predicted class of every sample.
 */
public final class ConfusionMatrix {
    private final int classes;
    private final int[][] counts;
    private final int[][][] samples;
    private final int total;

    /**
     * @param trueClasses      the true class of each sample
     * @param predictedClasses the predicted class of each sample, same length
     * @param classes          the number of classes; every class must lie in [0, classes)
     */
    public ConfusionMatrix(int[] trueClasses, int[] predictedClasses, int classes) {
        if (trueClasses.length != predictedClasses.length) {
            throw new IllegalArgumentException(trueClasses.length + " true classes but "
                    + predictedClasses.length + " predictions");
        }
        if (classes < 1) {
            throw new IllegalArgumentException("need at least one class, got " + classes);
        }
        this.classes = classes;
        this.counts = new int[classes][classes];
        for (int i = 0; i < trueClasses.length; i++) {
            counts[checkClass(trueClasses[i], i, "true")][checkClass(predictedClasses[i], i, "predicted")]++;
        }
        // Second pass fills exactly sized index arrays, in sample order.
        this.samples = new int[classes][classes][];
        int[][] filled = new int[classes][classes];
        for (int t = 0; t < classes; t++) {
            for (int p = 0; p < classes; p++) {
                samples[t][p] = new int[counts[t][p]];
            }
        }
        for (int i = 0; i < trueClasses.length; i++) {
            int t = trueClasses[i];
            int p = predictedClasses[i];
            samples[t][p][filled[t][p]++] = i;
        }
        this.total = trueClasses.length;
    }

    private int checkClass(int value, int sample, String which) {
        if (value < 0 || value >= classes) {
            throw new IllegalArgumentException("sample " + sample + " has " + which + " class " + value
                    + ", expected 0 to " + (classes - 1));
        }
        return value;
    }

    public int classes() {
        return classes;
    }

    /** How many samples of class {@code trueClass} were predicted as {@code predictedClass}. */
    public int count(int trueClass, int predictedClass) {
        return counts[trueClass][predictedClass];
    }

    /** The indices (into the evaluated data set, ascending) of the samples in one cell; a copy. */
    public int[] samples(int trueClass, int predictedClass) {
        return samples[trueClass][predictedClass].clone();
    }

    /** How many samples have true class {@code trueClass} (the row sum). */
    public int trueTotal(int trueClass) {
        return Arrays.stream(counts[trueClass]).sum();
    }

    /** How many samples were predicted as {@code predictedClass} (the column sum). */
    public int predictedTotal(int predictedClass) {
        int sum = 0;
        for (int t = 0; t < classes; t++) {
            sum += counts[t][predictedClass];
        }
        return sum;
    }

    /** The number of samples evaluated. */
    public int total() {
        return total;
    }

    /** The number of samples on the diagonal. */
    public int correct() {
        int sum = 0;
        for (int c = 0; c < classes; c++) {
            sum += counts[c][c];
        }
        return sum;
    }

    /** The fraction of samples predicted correctly; NaN for an empty matrix. */
    public double accuracy() {
        return total == 0 ? Double.NaN : (double) correct() / total;
    }

    /** The fraction of class {@code trueClass} predicted correctly (recall); NaN when the class has no samples. */
    public double classAccuracy(int trueClass) {
        int n = trueTotal(trueClass);
        return n == 0 ? Double.NaN : (double) counts[trueClass][trueClass] / n;
    }
}
