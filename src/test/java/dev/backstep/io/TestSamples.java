package dev.backstep.io;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Which sample networks a test that iterates over all of them can use: a sample whose data set is installed
 * separately (Fashion-MNIST) is skipped where it is missing and, being tens of megabytes, also where it is installed
 * (FashionMnistTrainingTest loads it once); tests that do work per weight or per term also skip samples with many
 * parameters. Decided from the JSON and the files' sizes, without loading any data.
 */
public final class TestSamples {
    /** More parameters than this make per-weight checks (finite differences, every term's LaTeX) slow. */
    public static final int MAX_PARAMETERS_PER_WEIGHT_CHECKS = 1000;
    /** Data files larger than this together take seconds to load: too slow for a test per sample. */
    public static final long MAX_DATA_BYTES = 5_000_000;
    private static final Path FOLDER = Path.of("sample-networks");
    private static final List<String> FILE_FIELDS = List.of("csv", "testCsv", "images", "labels", "testImages",
            "testLabels");

    private TestSamples() {
    }

    private static JsonNode tree(String name) {
        Path file = FOLDER.resolve(name.endsWith(".json") ? name : name + ".json");
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            return NetworkReader.readTree(file.toString(), text);
        } catch (IOException | NetworkFileException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** True when every data file the sample names exists (always, for samples with inline or generated data). */
    public static boolean hasData(String name) {
        return dataBytes(name) >= 0;
    }

    /** True when the sample's data is there and small enough to load in a test per sample. */
    public static boolean loadsQuickly(String name) {
        long bytes = dataBytes(name);
        return bytes >= 0 && bytes <= MAX_DATA_BYTES;
    }

    /** The size of the data files the sample names, 0 for none, −1 when one is missing. */
    private static long dataBytes(String name) {
        JsonNode data = tree(name).get("data");
        long total = 0;
        for (String field : FILE_FIELDS) {
            if (data.has(field)) {
                Path path = Path.of(data.get(field).asText());
                Path file = path.isAbsolute() ? path : FOLDER.resolve(path);
                try {
                    total += Files.size(file);
                } catch (IOException e) {
                    return -1;
                }
            }
        }
        return total;
    }

    /** Weights and biases, from the layer sizes. */
    public static int parameterCount(String name) {
        JsonNode layers = tree(name).get("layers");
        int count = 0;
        for (int l = 1; l < layers.size(); l++) {
            int from = layers.get(l - 1).get("size").asInt();
            int to = layers.get(l).get("size").asInt();
            boolean bias = !layers.get(l).has("bias") || layers.get(l).get("bias").asBoolean();
            count += from * to + (bias ? to : 0);
        }
        return count;
    }

    /** True for samples whose data is there and that are small enough for checks per weight or per term. */
    public static boolean suitsPerWeightChecks(String name) {
        return parameterCount(name) <= MAX_PARAMETERS_PER_WEIGHT_CHECKS && loadsQuickly(name);
    }

    /** The file name of a sample path, without ".json". */
    public static String nameOf(Path file) {
        String base = file.getFileName().toString();
        return base.endsWith(".json") ? base.substring(0, base.length() - 5) : base;
    }
}
