package dev.backstep.io;

import dev.backstep.engine.Dataset;
import dev.backstep.engine.Matrix;
import dev.backstep.engine.NumpyRandom;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns data read from files into training and test sets: the first {@code samples} samples, the test file or a
 * seeded held-out fraction, then standardisation fitted on the training samples only (so the test set stays unseen).
 */
final class FileDataSets {
    private FileDataSets() {
    }

    /** Complains, naming the network file and field, when a data file is missing, with the spec's advice. */
    static void requireExists(DataLocation location, String field, FileOptions options, String networkFile)
            throws NetworkFileException {
        if (location != null && !location.exists()) {
            String help = options.missingHelp().isEmpty() ? "" : ". " + options.missingHelp();
            throw new NetworkFileException(networkFile, field, "no such file " + location.label() + help);
        }
    }

    /** The number of samples to use of {@code available}: all, or the first {@code limit}. */
    static int limit(int available, int limit, String field, String file, String networkFile)
            throws NetworkFileException {
        if (limit > available) {
            throw new NetworkFileException(networkFile, field, limit + " samples asked for, but " + file + " has only "
                    + available + " (expected at most " + available + ")");
        }
        return limit == 0 ? available : limit;
    }

    /**
     * The training and test sets from all training samples and the test file's samples (null without a test file),
     * with the spec's held-out fraction and standardisation.
     *
     * @return the sets and the standardisation used (null when inputs are not standardised)
     */
    static Prepared prepare(Dataset all, Dataset testFile, FileOptions options, String networkFile)
            throws NetworkFileException {
        Dataset train = all;
        Dataset test = testFile;
        if (testFile == null && options.testFraction() > 0) {
            int[] order = new int[all.size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            new NumpyRandom(options.seed()).shuffle(order);
            int testCount = (int) Math.round(all.size() * options.testFraction());
            int trainCount = all.size() - testCount;
            if (trainCount == 0) {
                throw new NetworkFileException(networkFile, "data.testFraction", JsonValue.number(options.testFraction())
                        + " of " + all.size() + " samples holds out all of them (expected a smaller testFraction)");
            }
            train = all.select(Arrays.copyOfRange(order, 0, trainCount));
            test = testCount == 0 ? null : all.select(Arrays.copyOfRange(order, trainCount, order.length));
        }
        Standardization standardization = null;
        if (options.standardize()) {
            standardization = options.standardization() != null ? options.standardization()
                    : Standardization.of(train.inputs());
            if (standardization.width() != train.inputWidth()) {
                throw new NetworkFileException(networkFile, "data.standardize", standardization.width()
                        + " means and standard deviations, expected " + train.inputWidth() + " (one per input)");
            }
            standardization.apply(train.inputs());
            if (test != null) {
                standardization.apply(test.inputs());
            }
        }
        return new Prepared(train, test, standardization);
    }

    record Prepared(Dataset train, Dataset test, Standardization standardization) {
    }

    /** One-hot rows for class indices; a single output gets the index itself (0 or 1). */
    static Matrix oneHot(int[] classes, int outputs) {
        Matrix targets = new Matrix(classes.length, outputs);
        for (int r = 0; r < classes.length; r++) {
            if (outputs == 1) {
                targets.set(r, 0, classes[r]);
            } else {
                targets.set(r, classes[r], 1);
            }
        }
        return targets;
    }

    /** The number of classes a network with {@code outputs} outputs tells apart: two for a single output. */
    static int classCount(int outputs) {
        return outputs == 1 ? 2 : outputs;
    }

    /** "0", "1", … */
    static List<String> numberNames(int count) {
        List<String> names = new ArrayList<>();
        for (int c = 0; c < count; c++) {
            names.add(Integer.toString(c));
        }
        return names;
    }
}
