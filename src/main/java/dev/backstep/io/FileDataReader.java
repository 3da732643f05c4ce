package dev.backstep.io;

import java.nio.file.InvalidPathException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Reads the {@code data} section of a network file that names CSV or IDX files (see sample-networks/README.md). */
final class FileDataReader {
    private static final List<String> COMMON_FIELDS = List.of("samples", "testSamples", "testFraction", "seed",
            "standardize", "missingHelp");
    static final List<String> CSV_FIELDS = concat(List.of("csv", "testCsv", "inputColumns", "labelColumn",
            "targetColumns", "classes", "inputRange"), COMMON_FIELDS);
    static final List<String> IDX_FIELDS = concat(List.of("images", "labels", "testImages", "testLabels",
            "classNames"), COMMON_FIELDS);

    private FileDataReader() {
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }

    /** Whether the data section names files (rather than holding samples or a generator). */
    static boolean namesFiles(JsonValue data) {
        return data.has("csv") || data.has("images");
    }

    /** The CSV or IDX spec of a data section for which {@link #namesFiles} holds. */
    static DataSpec read(JsonValue data, DataFolder folder, int inputs) throws NetworkFileException {
        if (data.has("csv") && data.has("images")) {
            throw data.get("images").error("a data section reads either a CSV file (\"csv\") or IDX files"
                    + " (\"images\"), not both");
        }
        return data.has("csv") ? csv(data, folder, inputs) : idx(data, folder, inputs);
    }

    private static CsvData csv(JsonValue data, DataFolder folder, int inputs) throws NetworkFileException {
        data.requireObject(CSV_FIELDS);
        DataLocation file = location(data.get("csv"), folder);
        DataLocation testFile = data.has("testCsv") ? location(data.get("testCsv"), folder) : null;
        List<String> inputColumns = data.has("inputColumns") ? names(data.get("inputColumns"), 1) : null;
        if (data.has("labelColumn") && data.has("targetColumns")) {
            throw data.get("targetColumns").error("give either a label column (class labels, one-hot encoded) or"
                    + " target columns (numbers used as they are), not both");
        }
        String labelColumn = data.has("labelColumn") ? data.get("labelColumn").asString() : null;
        List<String> targetColumns = data.has("targetColumns") ? names(data.get("targetColumns"), 1) : null;
        List<String> classes = null;
        if (data.has("classes")) {
            if (targetColumns != null) {
                throw data.get("classes").error("classes belong to a label column, but the data has target columns");
            }
            classes = names(data.get("classes"), 2);
        }
        double[] inputRange = null;
        if (data.has("inputRange")) {
            JsonValue range = data.get("inputRange");
            inputRange = range.asDoubleArray(2, "[low, high], the values mapped to 0 and 1");
            if (!(inputRange[1] > inputRange[0])) {
                throw range.error("high " + JsonValue.number(inputRange[1]) + " is not above low "
                        + JsonValue.number(inputRange[0]) + " (expected [low, high] with low < high)");
            }
            if (data.has("standardize")) {
                throw range.error("give either inputRange or standardize, not both");
            }
        }
        return new CsvData(file, testFile, inputColumns, labelColumn, targetColumns, classes, inputRange,
                options(data, testFile != null, "testCsv", inputs));
    }

    private static IdxData idx(JsonValue data, DataFolder folder, int inputs) throws NetworkFileException {
        data.requireObject(IDX_FIELDS);
        DataLocation images = location(data.get("images"), folder);
        DataLocation labels = location(data.required("labels", "the IDX file of the labels of data.images"), folder);
        if (data.has("testImages") != data.has("testLabels")) {
            String missing = data.has("testImages") ? "testLabels" : "testImages";
            data.required(missing, "test images and test labels come together");
        }
        DataLocation testImages = data.has("testImages") ? location(data.get("testImages"), folder) : null;
        DataLocation testLabels = data.has("testLabels") ? location(data.get("testLabels"), folder) : null;
        List<String> classNames = data.has("classNames") ? names(data.get("classNames"), 2) : null;
        return new IdxData(images, labels, testImages, testLabels, classNames,
                options(data, testImages != null, "testImages", inputs));
    }

    private static FileOptions options(JsonValue data, boolean hasTestFile, String testField, int inputs)
            throws NetworkFileException {
        int samples = data.has("samples") ? data.get("samples").asInt(1, Integer.MAX_VALUE) : 0;
        int testSamples = 0;
        if (data.has("testSamples")) {
            if (!hasTestFile) {
                throw data.get("testSamples").error("limits the samples of a test file, but there is no "
                        + testField);
            }
            testSamples = data.get("testSamples").asInt(1, Integer.MAX_VALUE);
        }
        double testFraction = 0;
        if (data.has("testFraction")) {
            if (hasTestFile) {
                throw data.get("testFraction").error("give either a test file (" + testField + ") or testFraction,"
                        + " not both");
            }
            testFraction = data.get("testFraction").asDouble(0, 0.9, "from 0 to 0.9");
        }
        long seed = data.has("seed") ? data.get("seed").asLong(0, 0xffffffffL) : 1;
        boolean standardize = false;
        Standardization standardization = null;
        if (data.has("standardize")) {
            JsonValue s = data.get("standardize");
            if (s.isObject()) {
                standardize = true;
                standardization = standardization(s, inputs);
            } else {
                standardize = s.asBoolean();
            }
        }
        String missingHelp = data.has("missingHelp") ? data.get("missingHelp").asString() : "";
        return new FileOptions(samples, testSamples, testFraction, seed, standardize, standardization, missingHelp);
    }

    private static Standardization standardization(JsonValue value, int inputs) throws NetworkFileException {
        value.requireObject(List.of("mean", "std"));
        double[] mean = value.required("mean", "one mean per input").asDoubleArray(inputs, "one mean per input");
        JsonValue stdNode = value.required("std", "one standard deviation per input");
        double[] std = stdNode.asDoubleArray(inputs, "one standard deviation per input");
        List<JsonValue> items = stdNode.elements();
        for (int i = 0; i < std.length; i++) {
            if (std[i] < 0) {
                throw items.get(i).error(JsonValue.number(std[i]) + " is negative (expected a standard deviation, 0 or"
                        + " more)");
            }
        }
        return new Standardization(mean, std);
    }

    private static DataLocation location(JsonValue value, DataFolder folder) throws NetworkFileException {
        String name = value.asString();
        if (name.isBlank()) {
            throw value.error("is empty (expected the name of a data file)");
        }
        try {
            return folder.resolve(name);
        } catch (InvalidPathException e) {
            throw value.error("\"" + name + "\" is not a valid file name (" + e.getReason() + ")");
        }
    }

    /** An array of at least {@code min} distinct, non-empty strings. */
    private static List<String> names(JsonValue value, int min) throws NetworkFileException {
        List<JsonValue> items = value.elements();
        if (items.size() < min) {
            throw value.error(items.size() + " " + (items.size() == 1 ? "name" : "names") + ", expected at least "
                    + min);
        }
        List<String> names = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (JsonValue item : items) {
            String name = item.asString();
            if (name.isEmpty() || !seen.add(name)) {
                throw item.error("\"" + name + "\" is empty or given twice (expected distinct names)");
            }
            names.add(name);
        }
        return names;
    }
}
