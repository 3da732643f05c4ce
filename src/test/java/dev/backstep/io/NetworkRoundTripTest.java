package dev.backstep.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.backstep.engine.Dataset;
import dev.backstep.engine.DenseLayer;
import dev.backstep.engine.Network;
import dev.backstep.engine.Parameter;
import dev.backstep.engine.Trainer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Writing a network and reading it back must give the same network, down to the last bit of every parameter, and
 * the written text must be a fixed point of read-then-write.
 */
class NetworkRoundTripTest {
    static final Path SAMPLES = Path.of("sample-networks");

    @TempDir
    Path dir;

    /** Every *.json in the sample folder, found by listing the folder (not from index.txt). */
    static Stream<Path> samples() throws IOException {
        try (Stream<Path> files = Files.list(SAMPLES)) {
            List<Path> json = files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
            if (json.isEmpty()) {
                throw new IllegalStateException("no samples in " + SAMPLES.toAbsolutePath());
            }
            return json.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void readWriteReadGivesTheSameNetworkAndTheTextIsAFixedPoint(Path file) throws Exception {
        assumeTrue(TestSamples.loadsQuickly(TestSamples.nameOf(file)), file + ": its data set is not installed, or"
                + " too large for a test per sample (FashionMnistTrainingTest loads it)");
        NetworkDefinition original = NetworkReader.read(file);
        String written = NetworkWriter.toJson(original);
        NetworkDefinition again = NetworkReader.parse(file.getFileName().toString(), written);

        assertSameDefinition(original, again, file.toString());

        String rewritten = NetworkWriter.toJson(again);
        assertEquals(written, rewritten, file + ": writing what was read back gives the same text");
        assertTrue(written.endsWith("}\n"), "the file ends with a newline");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void explicitWeightsOfTheFileAreKeptExactly(Path file) throws Exception {
        // The numbers as Jackson reads them from the file itself, not through NetworkReader.
        var tree = new com.fasterxml.jackson.databind.ObjectMapper().readTree(file.toFile());
        if (!tree.has("weights")) {
            return;
        }
        Network written = NetworkReader.parse("w.json", NetworkWriter.toJson(NetworkReader.read(file))).newNetwork();
        for (int l = 0; l < tree.get("weights").size(); l++) {
            var matrix = tree.get("weights").get(l);
            for (int i = 0; i < matrix.size(); i++) {
                for (int j = 0; j < matrix.get(i).size(); j++) {
                    assertEquals(matrix.get(i).get(j).asDouble(), written.layer(l + 1).weight(i, j),
                            file + " weights[" + l + "][" + i + "][" + j + "]");
                }
            }
            var bias = tree.get("biases").get(l);
            for (int j = 0; j < bias.size(); j++) {
                assertEquals(bias.get(j).asDouble(), written.layer(l + 1).bias().value()[j],
                        file + " biases[" + l + "][" + j + "]");
            }
        }
    }

    /** The options no sample uses: a frozen layer, a constant bias, a test set, tuned optimizer, default names. */
    @Test
    void aFileUsingTheRarerOptionsRoundTrips() throws Exception {
        String text = """
                {
                  "format": "backstep-network",
                  "version": 1,
                  "notation": "net-out",
                  "layers": [
                    {"size": 3},
                    {"size": 4, "activation": "leaky-relu"},
                    {"size": 2, "activation": "relu", "bias": false, "trainable": false},
                    {"size": 2, "activation": "softmax"}
                  ],
                  "init": {"weights": "he-normal", "biases": 0.25, "seed": 4294967295},
                  "loss": {"name": "cross-entropy", "reduction": "sum"},
                  "optimizer": {"name": "adam", "learningRate": 0.02, "beta1": 0.8, "beta2": 0.99,
                                "epsilon": 1e-7, "weightDecay": 0.001, "clipValue": 5, "clipNorm": 2.5},
                  "training": {"batch": 2, "shuffle": true, "epochs": 12, "seed": 99},
                  "data": {
                    "inputs": [[0.1, 0.2, 0.3], [1, -1, 0.5], [-0.25, 0, 2]],
                    "targets": [[1, 0], [0, 1], [0.25, 0.75]],
                    "testInputs": [[0, 0, 0]],
                    "testTargets": [[0.5, 0.5]]
                  }
                }
                """;
        NetworkDefinition original = NetworkReader.parse("rare.json", text);
        assertEquals("rare", original.name(), "the name defaults to the file name");
        assertEquals(List.of("h1_1", "h1_2", "h1_3", "h1_4"), original.layers().get(1).names());
        assertTrue(original.newNetwork().layer(2).weights().isFrozen());
        assertEquals(0.25, original.newNetwork().layer(1).bias().value()[3]);

        String written = NetworkWriter.toJson(original);
        NetworkDefinition again = NetworkReader.parse("rare.json", written);
        assertSameDefinition(original, again, "rare.json");
        assertEquals(written, NetworkWriter.toJson(again));
        assertTrue(again.newNetwork().layer(2).weights().isFrozen(), "the frozen layer stays frozen");
    }

    @Test
    void aTrainedNetworkWrittenWithItsParametersReadsBackWithThemExactly() throws Exception {
        for (String name : List.of("xor-2-2-1", "mazur-2-2-2", "xor-quadrants")) {
            NetworkDefinition definition = NetworkReader.read(SAMPLES.resolve(name + ".json"));
            Network network = definition.newNetwork();
            Trainer trainer = new Trainer(network, definition.trainingData(), definition.testData(),
                    definition.training(), definition.optimizer());
            trainer.runEpochs(7);
            assertFalse(network.sameParameters(definition.newNetwork()), name + ": training changed something");

            Path file = dir.resolve(name + "-trained.json");
            NetworkWriter.write(definition.withParameters(network), file);
            NetworkDefinition back = NetworkReader.read(file);

            Network read = back.newNetwork();
            assertParametersBitForBit(network, read, name);
            assertFrozenFlags(definition.newNetwork(), read, name);
            assertEquals(definition.training(), back.training(), name);
            assertEquals(definition.optimizer(), back.optimizer(), name);
        }
        // Mazur's biases are frozen: after training they must still be the file's 0.35 and 0.60.
        NetworkDefinition mazur = NetworkReader.read(dir.resolve("mazur-2-2-2-trained.json"));
        assertArrayEquals(new double[] {0.35, 0.35}, mazur.newNetwork().layer(1).bias().value());
        assertArrayEquals(new double[] {0.6, 0.6}, mazur.newNetwork().layer(2).bias().value());
        assertTrue(mazur.newNetwork().layer(1).bias().isFrozen());
    }

    @Test
    void awkwardDoublesSurviveTheTextExactly() throws Exception {
        NetworkDefinition definition = NetworkReader.read(SAMPLES.resolve("xor-2-2-1.json"));
        Network network = definition.newNetwork();
        double[] awkward = {0.1 + 0.2, -0.0, Double.MIN_VALUE, Double.MAX_VALUE, 1e-300, -123456789.123456789,
                Math.PI, 1.0 / 3};
        double[] w = network.layer(1).weights().value();
        System.arraycopy(awkward, 0, w, 0, 4);
        System.arraycopy(awkward, 4, network.layer(1).bias().value(), 0, 2);
        System.arraycopy(awkward, 6, network.layer(2).weights().value(), 0, 2);
        String text = NetworkWriter.toJson(definition.withParameters(network));
        Network back = NetworkReader.parse("awkward.json", text).newNetwork();
        assertParametersBitForBit(network, back, "awkward doubles");
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(back.layer(1).weight(0, 1)),
                "negative zero keeps its sign");
    }

    @Test
    void writeReplacesTheFileByRenamingLeavingNoTemporaryFile() throws Exception {
        NetworkDefinition definition = NetworkReader.read(SAMPLES.resolve("xor-2-3-1.json"));
        Path target = dir.resolve("net.json");
        Files.writeString(target, "old contents\n");
        // A second name for the old file: an in-place rewrite would change what it sees, a rename does not.
        Path oldLink = dir.resolve("old-link.json");
        Files.createLink(oldLink, target);

        NetworkWriter.write(definition, target);

        assertEquals(NetworkWriter.toJson(definition), Files.readString(target, StandardCharsets.UTF_8));
        assertEquals("old contents\n", Files.readString(oldLink), "the old file was replaced, not overwritten");
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(Set.of(target, oldLink), Set.copyOf(files.toList()), "no temporary file is left behind");
        }
        // And once more over the file it just wrote.
        NetworkWriter.write(definition.withNotation(dev.backstep.trace.Notation.NET_OUT), target);
        assertEquals(dev.backstep.trace.Notation.NET_OUT, NetworkReader.read(target).notation());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(2, files.count());
        }
    }

    @Test
    void writingIntoAMissingDirectoryFailsAndCreatesNothing() throws Exception {
        NetworkDefinition definition = NetworkReader.read(SAMPLES.resolve("xor-2-3-1.json"));
        Path missing = dir.resolve("no-such-dir");
        Path target = missing.resolve("net.json");
        assertThrows(IOException.class, () -> NetworkWriter.write(definition, target));
        assertFalse(Files.exists(missing));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(0, files.count(), "nothing was created");
        }
    }

    /**
     * Saving used to make a file private: the temporary file came from Files.createTempFile (rw-------) and was
     * renamed over the target.
     */
    @Test
    void savingKeepsTheFilesPermissions() throws Exception {
        NetworkDefinition definition = NetworkReader.read(SAMPLES.resolve("xor-2-3-1.json"));
        Path existing = dir.resolve("shared.json");
        Files.writeString(existing, "{}");
        Set<PosixFilePermission> shared = PosixFilePermissions.fromString("rw-r--r--");
        Files.setPosixFilePermissions(existing, shared);
        NetworkWriter.write(definition, existing);
        assertEquals(shared, Files.getPosixFilePermissions(existing), "an existing file keeps its permissions");

        Path plain = dir.resolve("plain.json");
        Files.writeString(plain, "{}");
        Path fresh = dir.resolve("fresh.json");
        NetworkWriter.write(definition, fresh);
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(fresh),
                "a new file gets the same permissions as any other new file");

        // Other permissions are kept too, and the write stays a rename that leaves no temporary file.
        Set<PosixFilePermission> groupWritable = PosixFilePermissions.fromString("rw-rw-r--");
        Files.setPosixFilePermissions(existing, groupWritable);
        NetworkWriter.write(definition, existing);
        assertEquals(groupWritable, Files.getPosixFilePermissions(existing));
        assertEquals(NetworkWriter.toJson(definition), Files.readString(existing, StandardCharsets.UTF_8));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(Set.of(existing, plain, fresh), Set.copyOf(files.toList()), "no temporary file is left");
        }

        // A private file stays private, and a read-only one can still be saved (and stays read-only).
        for (String mode : List.of("rw-------", "r--r--r--")) {
            Set<PosixFilePermission> permissions = PosixFilePermissions.fromString(mode);
            Files.setPosixFilePermissions(existing, permissions);
            NetworkWriter.write(definition.withNotation(dev.backstep.trace.Notation.SLIDES), existing);
            assertEquals(permissions, Files.getPosixFilePermissions(existing), mode);
            assertEquals(dev.backstep.trace.Notation.SLIDES, NetworkReader.read(existing).notation(), mode);
            Files.setPosixFilePermissions(existing, shared);
            NetworkWriter.write(definition, existing);
        }
    }

    // ------------------------------------------------------------------ comparisons

    static void assertSameDefinition(NetworkDefinition a, NetworkDefinition b, String what) {
        assertEquals(a.name(), b.name(), what + " name");
        assertEquals(a.description(), b.description(), what + " description");
        assertEquals(a.notation(), b.notation(), what + " notation");
        assertEquals(a.layers(), b.layers(), what + " layers (sizes, activations, biases, trainable, unit names)");
        assertTrue(Arrays.deepEquals(a.weightNames(), b.weightNames()), what + " weight names");
        assertEquals(a.init(), b.init(), what + " init");
        assertEquals(a.freezeBiases(), b.freezeBiases(), what + " freeze");
        assertEquals(a.optimizer(), b.optimizer(), what + " optimizer");
        assertEquals(a.training(), b.training(), what + " training");
        assertEquals(a.published(), b.published(), what + " published");

        Network na = a.newNetwork();
        Network nb = b.newNetwork();
        assertEquals(na.loss(), nb.loss(), what + " loss");
        assertEquals(na.reduction(), nb.reduction(), what + " reduction");
        assertArrayEquals(na.layerSizes(), nb.layerSizes(), what + " sizes");
        for (int l = 0; l < na.layers().size(); l++) {
            assertEquals(na.layers().get(l).activation(), nb.layers().get(l).activation(), what + " activation");
        }
        assertParametersBitForBit(na, nb, what);
        assertFrozenFlags(na, nb, what);

        assertSameDataSpec(a.data(), b.data(), what);
        assertSameDataset(a.trainingData(), b.trainingData(), what + " training data");
        if (a.testData() == null) {
            assertNull(b.testData(), what + " test data");
        } else {
            assertSameDataset(a.testData(), b.testData(), what + " test data");
        }
    }

    static void assertParametersBitForBit(Network expected, Network actual, String what) {
        List<Parameter> pe = expected.parameters();
        List<Parameter> pa = actual.parameters();
        assertEquals(pe.size(), pa.size(), what + ": parameter count");
        for (int i = 0; i < pe.size(); i++) {
            assertEquals(pe.get(i).name(), pa.get(i).name(), what);
            double[] x = pe.get(i).value();
            double[] y = pa.get(i).value();
            assertEquals(x.length, y.length, what + " " + pe.get(i).name());
            for (int k = 0; k < x.length; k++) {
                if (Double.doubleToRawLongBits(x[k]) != Double.doubleToRawLongBits(y[k])) {
                    fail(what + ": " + pe.get(i).name() + "[" + k + "] was " + x[k] + ", read back " + y[k]);
                }
            }
        }
    }

    static void assertFrozenFlags(Network expected, Network actual, String what) {
        for (int l = 0; l < expected.layers().size(); l++) {
            DenseLayer e = expected.layers().get(l);
            DenseLayer a = actual.layers().get(l);
            assertEquals(e.weights().isFrozen(), a.weights().isFrozen(), what + ": W" + (l + 1) + " frozen");
            assertEquals(e.hasBias(), a.hasBias(), what + ": layer " + (l + 1) + " bias");
            if (e.hasBias()) {
                assertEquals(e.bias().isFrozen(), a.bias().isFrozen(), what + ": b" + (l + 1) + " frozen");
            }
        }
    }

    static void assertSameDataSpec(DataSpec a, DataSpec b, String what) {
        assertEquals(a.getClass(), b.getClass(), what + " data kind");
        if (a instanceof GeneratedData) {
            assertEquals(a, b, what + " generated data");
            return;
        }
        if (a instanceof CsvData || a instanceof IdxData) {
            assertSameFileSpec(a, b, what);
            return;
        }
        InlineData x = (InlineData) a;
        InlineData y = (InlineData) b;
        assertTrue(Arrays.deepEquals(x.inputs(), y.inputs()), what + " inputs");
        assertTrue(Arrays.deepEquals(x.targets(), y.targets()), what + " targets");
        assertTrue(Arrays.deepEquals(x.testInputs(), y.testInputs()), what + " test inputs");
        assertTrue(Arrays.deepEquals(x.testTargets(), y.testTargets()), what + " test targets");
    }

    /**
     * Two CSV or IDX specs name the same files (by file name: one may be bundled, the other on disk) with the same
     * columns, classes and options, down to every bit of a standardisation.
     */
    static void assertSameFileSpec(DataSpec a, DataSpec b, String what) {
        FileOptions oa;
        FileOptions ob;
        if (a instanceof CsvData x) {
            CsvData y = (CsvData) b;
            assertEquals(fileName(x.file()), fileName(y.file()), what + " csv");
            assertEquals(fileName(x.testFile()), fileName(y.testFile()), what + " testCsv");
            assertEquals(x.inputColumns(), y.inputColumns(), what + " inputColumns");
            assertEquals(x.labelColumn(), y.labelColumn(), what + " labelColumn");
            assertEquals(x.targetColumns(), y.targetColumns(), what + " targetColumns");
            assertEquals(x.classes(), y.classes(), what + " classes");
            assertArrayEquals(x.inputRange(), y.inputRange(), what + " inputRange");
            oa = x.options();
            ob = y.options();
        } else {
            IdxData x = (IdxData) a;
            IdxData y = (IdxData) b;
            assertEquals(fileName(x.images()), fileName(y.images()), what + " images");
            assertEquals(fileName(x.labels()), fileName(y.labels()), what + " labels");
            assertEquals(fileName(x.testImages()), fileName(y.testImages()), what + " testImages");
            assertEquals(fileName(x.testLabels()), fileName(y.testLabels()), what + " testLabels");
            assertEquals(x.classNames(), y.classNames(), what + " classNames");
            oa = x.options();
            ob = y.options();
        }
        assertEquals(oa.withStandardization(null), ob.withStandardization(null), what + " options");
        if (oa.standardization() == null) {
            assertNull(ob.standardization(), what + " standardization");
        } else {
            assertArrayEquals(oa.standardization().mean(), ob.standardization().mean(), what + " mean");
            assertArrayEquals(oa.standardization().std(), ob.standardization().std(), what + " std");
        }
    }

    private static String fileName(DataLocation location) {
        return location == null ? null : Path.of(location.name()).getFileName().toString();
    }

    static void assertSameDataset(Dataset a, Dataset b, String what) {
        assertEquals(a.inputs(), b.inputs(), what + " inputs");
        assertEquals(a.targets(), b.targets(), what + " targets");
        assertNotEquals(0, a.size(), what + " is not empty");
    }
}
