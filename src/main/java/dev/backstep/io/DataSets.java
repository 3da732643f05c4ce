package dev.backstep.io;

import dev.backstep.engine.Dataset;
import dev.backstep.engine.Matrix;
import dev.backstep.engine.NumpyRandom;

import java.util.List;

/** Turns a {@link DataSpec} into training and test data sets of the right widths. */
public final class DataSets {
    private DataSets() {
    }

    /**
     * A training set and a test set (null when there is none), and the spec with what loading settled (for data
     * files: the class order and the standardisation), which is what a saved network file must repeat.
     */
    public record Split(Dataset train, Dataset test, DataSpec spec) {
    }

    /**
     * The names of the classes the outputs stand for, in output order: the labels of a CSV label column, the class
     * names of IDX data (or 0, 1, …); empty for other data.
     */
    public static List<String> classNames(DataSpec spec, int outputs) {
        if (spec instanceof CsvData csv && csv.classes() != null) {
            return csv.classes();
        }
        if (spec instanceof IdxData idx) {
            return idx.classNames() != null ? idx.classNames()
                    : FileDataSets.numberNames(FileDataSets.classCount(outputs));
        }
        return List.of();
    }

    /**
     * Loads the data of a spec for a network with {@code inputs} inputs and {@code outputs} outputs.
     *
     * @throws NetworkFileException naming {@code file} and the {@code data} field that does not fit
     */
    public static Split load(DataSpec spec, int inputs, int outputs, String file) throws NetworkFileException {
        if (spec instanceof InlineData inline) {
            Dataset train = new Dataset(Matrix.of(inline.inputs()), Matrix.of(inline.targets()));
            Dataset test = inline.hasTest()
                    ? new Dataset(Matrix.of(inline.testInputs()), Matrix.of(inline.testTargets())) : null;
            return new Split(train, test, spec);
        }
        if (spec instanceof CsvData csv) {
            return CsvDataSets.load(csv, inputs, outputs, file);
        }
        if (spec instanceof IdxData idx) {
            return IdxDataSets.load(idx, inputs, outputs, file);
        }
        GeneratedData generated = (GeneratedData) spec;
        if (inputs != 2) {
            throw new NetworkFileException(file, "data.generator",
                    "generated data sets have 2 inputs, the network has " + inputs);
        }
        if (outputs != 1 && outputs != 2) {
            throw new NetworkFileException(file, "data.generator", "generated data sets have 2 classes: the network"
                    + " needs 1 output (target 0 or 1) or 2 (one-hot), not " + outputs);
        }
        return generate(generated, outputs, file);
    }

    private static Split generate(GeneratedData spec, int outputs, String file) throws NetworkFileException {
        double[][] points = spec.generator().generate(spec.samples(), spec.noise(), spec.seed());
        int[] order = new int[points.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        // Shuffle before splitting, as Playground does, so both sets hold both classes.
        new NumpyRandom(spec.seed()).shuffle(order);
        int testCount = (int) Math.round(points.length * spec.testFraction());
        int trainCount = points.length - testCount;
        if (trainCount == 0) {
            throw new NetworkFileException(file, "data.testFraction", JsonValue.number(spec.testFraction()) + " of "
                    + points.length + " samples holds out all of them and leaves no training samples (expected a"
                    + " smaller testFraction or more samples)");
        }
        Dataset train = toDataset(points, order, 0, trainCount, outputs);
        Dataset test = testCount == 0 ? null : toDataset(points, order, trainCount, points.length, outputs);
        return new Split(train, test, spec);
    }

    private static Dataset toDataset(double[][] points, int[] order, int from, int to, int outputs) {
        Matrix x = new Matrix(to - from, 2);
        Matrix t = new Matrix(to - from, outputs);
        for (int r = 0; r < to - from; r++) {
            double[] p = points[order[from + r]];
            x.set(r, 0, p[0]);
            x.set(r, 1, p[1]);
            if (outputs == 1) {
                t.set(r, 0, p[2]);
            } else {
                t.set(r, p[2] == 1 ? 1 : 0, 1);
            }
        }
        return new Dataset(x, t);
    }
}
