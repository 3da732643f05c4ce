package dev.backstep.io;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.file.Path;
import java.util.List;

/**
 * Writes the {@code data} section of CSV and IDX data: the files, and what reading them settled (the class order and
 * the standardisation), so that the saved network reads its data exactly as it was trained on.
 */
final class FileDataWriter {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private FileDataWriter() {
    }

    /** @param folder the folder of the file being written, or null when unknown */
    static ObjectNode data(DataSpec spec, Path folder) {
        ObjectNode node = JSON.objectNode();
        FileOptions options;
        if (spec instanceof CsvData csv) {
            node.put("csv", csv.file().nameFor(folder));
            if (csv.testFile() != null) {
                node.put("testCsv", csv.testFile().nameFor(folder));
            }
            putNames(node, "inputColumns", csv.inputColumns());
            if (csv.labelColumn() != null) {
                node.put("labelColumn", csv.labelColumn());
            }
            putNames(node, "targetColumns", csv.targetColumns());
            putNames(node, "classes", csv.classes());
            if (csv.inputRange() != null) {
                node.set("inputRange", numbers(csv.inputRange()));
            }
            options = csv.options();
        } else {
            IdxData idx = (IdxData) spec;
            node.put("images", idx.images().nameFor(folder));
            node.put("labels", idx.labels().nameFor(folder));
            if (idx.testImages() != null) {
                node.put("testImages", idx.testImages().nameFor(folder));
                node.put("testLabels", idx.testLabels().nameFor(folder));
            }
            putNames(node, "classNames", idx.classNames());
            options = idx.options();
        }
        if (options.samples() > 0) {
            node.put("samples", options.samples());
        }
        if (options.testSamples() > 0) {
            node.put("testSamples", options.testSamples());
        }
        if (options.testFraction() > 0) {
            node.put("testFraction", options.testFraction());
            node.put("seed", options.seed());
        }
        if (options.standardization() != null) {
            ObjectNode s = node.putObject("standardize");
            s.set("mean", numbers(options.standardization().mean()));
            s.set("std", numbers(options.standardization().std()));
        }
        if (!options.missingHelp().isEmpty()) {
            node.put("missingHelp", options.missingHelp());
        }
        return node;
    }

    private static void putNames(ObjectNode node, String field, List<String> names) {
        if (names != null) {
            ArrayNode array = node.putArray(field);
            names.forEach(array::add);
        }
    }

    private static ArrayNode numbers(double[] values) {
        ArrayNode array = JSON.arrayNode();
        for (double v : values) {
            array.add(v);
        }
        return array;
    }
}
