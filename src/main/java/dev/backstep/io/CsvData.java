package dev.backstep.io;

import java.util.List;

/**
 * Samples read from a CSV file with a header row: some columns are the inputs, and either one column holds class
 * labels (one-hot encoded, one output per class, in the order of {@link #classes}) or several columns hold numeric
 * targets.
 *
 * @param testFile      a CSV file of test samples with the same columns, or null
 * @param inputColumns  the input columns in network order, or null for every column but the label or targets
 * @param labelColumn   the column of class labels, or null: then the targets, or else the last column
 * @param targetColumns numeric target columns used as they are, or null for a label column
 * @param classes       the labels in output order; null until read (then sorted, numerically when all are numbers)
 * @param inputRange    [low, high] mapped linearly to [0, 1] for every input (e.g. [0, 16] for 4-bit pixels), or null
 */
public record CsvData(DataLocation file, DataLocation testFile, List<String> inputColumns, String labelColumn,
                      List<String> targetColumns, List<String> classes, double[] inputRange, FileOptions options)
        implements DataSpec {
    /** This spec with what reading the files settled: the class order and the standardisation. */
    CsvData resolved(List<String> classOrder, Standardization standardization) {
        return new CsvData(file, testFile, inputColumns, labelColumn, targetColumns, classOrder, inputRange,
                options.withStandardization(standardization));
    }
}
