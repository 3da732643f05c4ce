package dev.backstep.io;

import dev.backstep.engine.Dataset;
import dev.backstep.engine.Matrix;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/** Loads {@link CsvData}: picks the columns, one-hot encodes labels, checks everything against the network. */
final class CsvDataSets {
    private CsvDataSets() {
    }

    /** Which column feeds which input, and which columns are the targets or the label. */
    private record Columns(int[] inputs, int[] targets, int label) {
    }

    static DataSets.Split load(CsvData spec, int inputs, int outputs, String networkFile) throws NetworkFileException {
        FileOptions options = spec.options();
        FileDataSets.requireExists(spec.file(), "data.csv", options, networkFile);
        FileDataSets.requireExists(spec.testFile(), "data.testCsv", options, networkFile);
        CsvReader.CsvTable table = CsvReader.read(spec.file());
        CsvReader.CsvTable testTable = spec.testFile() == null ? null : CsvReader.read(spec.testFile());
        Columns columns = columns(spec, table, inputs, outputs, networkFile);
        Columns testColumns = testTable == null ? null : columns(spec, testTable, inputs, outputs, networkFile);
        List<String> classes = null;
        if (columns.label() >= 0) {
            classes = spec.classes() != null ? spec.classes() : classesOf(table, columns.label(), testTable,
                    testColumns);
            int expected = FileDataSets.classCount(outputs);
            if (classes.size() != expected) {
                String where = spec.classes() != null ? "data.classes" : "data.labelColumn";
                throw new NetworkFileException(networkFile, where, "column \"" + table.header().get(columns.label())
                        + "\" of " + table.file() + " holds " + classes.size() + " classes (" + String.join(", ",
                        classes) + "), but the network has " + outputs + (outputs == 1 ? " output" : " outputs")
                        + " (expected one output per class, or a single output for two classes)");
            }
        }
        int count = FileDataSets.limit(table.size(), options.samples(), "data.samples", table.file(), networkFile);
        Dataset all = dataset(table, count, columns, classes, outputs, spec.inputRange());
        Dataset test = null;
        if (testTable != null) {
            int testCount = FileDataSets.limit(testTable.size(), options.testSamples(), "data.testSamples",
                    testTable.file(), networkFile);
            test = dataset(testTable, testCount, testColumns, classes, outputs, spec.inputRange());
        }
        FileDataSets.Prepared prepared = FileDataSets.prepare(all, test, options, networkFile);
        return new DataSets.Split(prepared.train(), prepared.test(),
                spec.resolved(classes, prepared.standardization()));
    }

    private static Columns columns(CsvData spec, CsvReader.CsvTable table, int inputs, int outputs,
                                   String networkFile) throws NetworkFileException {
        int[] targets = new int[0];
        int label = -1;
        if (spec.targetColumns() != null) {
            targets = find(spec.targetColumns(), "data.targetColumns", table, networkFile);
            if (targets.length != outputs) {
                throw new NetworkFileException(networkFile, "data.targetColumns", targets.length + " target columns,"
                        + " but the network has " + outputs + (outputs == 1 ? " output" : " outputs")
                        + " (expected one target column per output)");
            }
        } else if (spec.labelColumn() != null) {
            label = find(List.of(spec.labelColumn()), "data.labelColumn", table, networkFile)[0];
        } else {
            label = table.header().size() - 1;
        }
        int[] in;
        if (spec.inputColumns() != null) {
            in = find(spec.inputColumns(), "data.inputColumns", table, networkFile);
        } else {
            List<Integer> rest = new ArrayList<>();
            for (int c = 0; c < table.header().size(); c++) {
                if (c != label && !contains(targets, c)) {
                    rest.add(c);
                }
            }
            in = rest.stream().mapToInt(Integer::intValue).toArray();
        }
        if (in.length != inputs) {
            List<String> names = new ArrayList<>();
            for (int c : in) {
                names.add(table.header().get(c));
            }
            throw new NetworkFileException(networkFile, spec.inputColumns() != null ? "data.inputColumns" : "data.csv",
                    in.length + " input columns in " + table.file() + " (" + String.join(", ", names) + "), but the"
                            + " network has " + inputs + (inputs == 1 ? " input" : " inputs") + " (expected one column"
                            + " per input; name them in data.inputColumns)");
        }
        return new Columns(in, targets, label);
    }

    private static int[] find(List<String> names, String field, CsvReader.CsvTable table, String networkFile)
            throws NetworkFileException {
        int[] indices = new int[names.size()];
        for (int i = 0; i < indices.length; i++) {
            indices[i] = table.column(names.get(i));
            if (indices[i] < 0) {
                String at = names.size() == 1 && field.equals("data.labelColumn") ? field : field + "[" + i + "]";
                throw new NetworkFileException(networkFile, at, "no column \"" + names.get(i) + "\" in "
                        + table.file() + " (its columns: " + String.join(", ", table.header()) + ")");
            }
        }
        return indices;
    }

    private static boolean contains(int[] values, int value) {
        for (int v : values) {
            if (v == value) {
                return true;
            }
        }
        return false;
    }

    /** The distinct labels of both files, sorted: by value when all are numbers, else alphabetically. */
    private static List<String> classesOf(CsvReader.CsvTable table, int label, CsvReader.CsvTable testTable,
                                          Columns testColumns) {
        List<String> labels = new ArrayList<>();
        for (String[] row : table.rows()) {
            labels.add(row[label]);
        }
        if (testTable != null) {
            for (String[] row : testTable.rows()) {
                labels.add(row[testColumns.label()]);
            }
        }
        boolean numeric = labels.stream().allMatch(CsvDataSets::isNumber);
        Comparator<String> order = numeric
                ? Comparator.comparingDouble(Double::parseDouble).thenComparing(Comparator.naturalOrder())
                : Comparator.naturalOrder();
        TreeSet<String> distinct = new TreeSet<>(order);
        distinct.addAll(labels);
        return List.copyOf(distinct);
    }

    private static boolean isNumber(String text) {
        try {
            return Double.isFinite(Double.parseDouble(text));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static Dataset dataset(CsvReader.CsvTable table, int count, Columns columns, List<String> classes,
                                   int outputs, double[] inputRange) throws NetworkFileException {
        int[] in = columns.inputs();
        Matrix x = new Matrix(count, in.length);
        for (int r = 0; r < count; r++) {
            for (int i = 0; i < in.length; i++) {
                double value = table.number(r, in[i]);
                x.set(r, i, inputRange == null ? value : (value - inputRange[0]) / (inputRange[1] - inputRange[0]));
            }
        }
        if (columns.label() < 0) {
            int[] out = columns.targets();
            Matrix t = new Matrix(count, out.length);
            for (int r = 0; r < count; r++) {
                for (int o = 0; o < out.length; o++) {
                    t.set(r, o, table.number(r, out[o]));
                }
            }
            return new Dataset(x, t);
        }
        int[] classOf = new int[count];
        for (int r = 0; r < count; r++) {
            String label = table.rows().get(r)[columns.label()];
            classOf[r] = classes.indexOf(label);
            if (classOf[r] < 0) {
                throw table.cellError(r, columns.label(), "label \"" + label + "\" is out of range: not one of the"
                        + " classes " + String.join(", ", classes) + " (data.classes)");
            }
        }
        return new Dataset(x, FileDataSets.oneHot(classOf, outputs));
    }
}
