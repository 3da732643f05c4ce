package dev.backstep.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backstep.engine.Dataset;
import dev.backstep.engine.Matrix;
import dev.backstep.engine.Network;
import dev.backstep.engine.Trainer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The bundled samples: they load, the index lists them, and each keeps the promise its description makes. */
class SampleNetworksTest {
    static final Path SAMPLES = Path.of("sample-networks");

    static List<String> folderNames() throws IOException {
        try (Stream<Path> files = Files.list(SAMPLES)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json"))
                    .map(n -> n.substring(0, n.length() - 5)).sorted().toList();
        }
    }

    /** The entries of index.txt as a reader of the file would take them: not blank, not a # comment. */
    static List<String> indexEntries() throws IOException {
        return Files.readAllLines(SAMPLES.resolve("index.txt"), StandardCharsets.UTF_8).stream().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }

    @Test
    void theFolderHoldsSamples() throws IOException {
        assertTrue(folderNames().size() >= 17, "samples found: " + folderNames());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("folderNames")
    void everySampleFileLoadsAndIsNamedAfterItsFile(String name) throws Exception {
        assumeTrue(TestSamples.loadsQuickly(name), name + ": its data set is not installed, or too large for a test per"
                + " sample (FashionMnistTrainingTest loads it)");
        NetworkDefinition d = NetworkReader.read(SAMPLES.resolve(name + ".json"));
        assertEquals(name, d.name(), "the \"name\" inside " + name + ".json");
        assertFalse(d.description().isBlank(), name + " has a description");
        assertTrue(d.trainingData().size() > 0, name + " has training data");
    }

    @Test
    void indexListsExactlyTheFilesOfTheFolder() throws IOException {
        List<String> index = indexEntries();
        assertEquals(index.size(), new HashSet<>(index).size(), "no sample is listed twice: " + index);
        assertEquals(Set.copyOf(folderNames()), Set.copyOf(index), "index.txt against sample-networks/*.json");
        assertTrue(index.contains(SampleNetworks.DEFAULT), "the default sample is bundled");
    }

    @Test
    void namesOnTheClasspathAreTheIndexInOrder() throws IOException {
        assertEquals(indexEntries(), SampleNetworks.names());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("folderNames")
    void everySampleLoadsByNameFromTheClasspathAsTheFileReads(String name) throws Exception {
        assertTrue(SampleNetworks.exists(name));
        byte[] bundled = SampleNetworks.bytes(name);
        assertArrayEquals(Files.readAllBytes(SAMPLES.resolve(name + ".json")), bundled,
                "the bundled copy is the folder's file");
        assumeTrue(TestSamples.loadsQuickly(name), name + ": its data set is not installed, or too large for a test per"
                + " sample (FashionMnistTrainingTest loads it)");
        NetworkDefinition fromClasspath = SampleNetworks.load(name);
        NetworkDefinition fromFile = NetworkReader.read(SAMPLES.resolve(name + ".json"));
        NetworkRoundTripTest.assertSameDefinition(fromFile, fromClasspath, name);
    }

    @Test
    void everyNameOnTheClasspathLoads() throws Exception {
        List<String> names = SampleNetworks.names();
        assertEquals(folderNames().size(), names.size());
        for (String name : names) {
            if (TestSamples.loadsQuickly(name)) {
                assertEquals(name, SampleNetworks.load(name).name());
            }
        }
    }

    @Test
    void anUnknownSampleNameIsANetworkFileError() {
        assertFalse(SampleNetworks.exists("xor-9-9-9"));
        NetworkFileException e = org.junit.jupiter.api.Assertions.assertThrows(NetworkFileException.class,
                () -> SampleNetworks.load("xor-9-9-9"));
        assertEquals("xor-9-9-9", e.file());
        assertTrue(e.problem().startsWith("no bundled sample of that name (expected one of xor-2-4-1, "),
                e.problem());
    }

    // ------------------------------------------------------------------ XOR

    /** Mean over the samples of (t − y)², from the network's predictions. */
    static double meanSquaredError(Network network, Dataset data) {
        Matrix y = network.predict(data.inputs());
        double sum = 0;
        for (int r = 0; r < data.size(); r++) {
            for (int c = 0; c < data.targetWidth(); c++) {
                double e = data.targets().get(r, c) - y.get(r, c);
                sum += e * e;
            }
        }
        return sum / (data.size() * data.targetWidth());
    }

    static Network trained(NetworkDefinition d, long epochs) {
        Network network = d.newNetwork();
        new Trainer(network, d.trainingData(), d.testData(), d.training(), d.optimizer()).runEpochs(epochs);
        return network;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"xor-2-2-1", "xor-2-3-1", "xor-2-4-1"})
    void xorSamplesLearnXorWithinTheirEpochs(String name) throws Exception {
        NetworkDefinition d = NetworkReader.read(SAMPLES.resolve(name + ".json"));
        // The data must be the XOR truth table, checked here rather than trusted.
        double[][] x = d.trainingData().inputs().toArray();
        double[][] t = d.trainingData().targets().toArray();
        assertEquals(4, x.length);
        for (int r = 0; r < 4; r++) {
            assertEquals((int) x[r][0] ^ (int) x[r][1], (int) t[r][0], name + " row " + r);
        }
        Network before = d.newNetwork();
        assertTrue(meanSquaredError(before, d.trainingData()) > 0.1, name + " does not start solved");

        Network after = trained(d, d.training().epochs());
        double mse = meanSquaredError(after, d.trainingData());
        assertTrue(mse < 0.01, name + ": mean squared error " + mse + " after " + d.training().epochs() + " epochs");
        Matrix y = after.predict(d.trainingData().inputs());
        for (int r = 0; r < 4; r++) {
            assertEquals(t[r][0], Math.round(y.get(r, 0)), name + ": output " + y.get(r, 0) + " for row " + r);
        }
    }

    // ------------------------------------------------------------------ seeds

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"xor-2-2-1", "xor-quadrants", "spiral"})
    void sameFileAndSeedTrainBitIdentically(String name) throws Exception {
        NetworkDefinition first = NetworkReader.read(SAMPLES.resolve(name + ".json"));
        NetworkDefinition second = NetworkReader.read(SAMPLES.resolve(name + ".json"));
        long epochs = Math.min(first.training().epochs(), 40);
        Network a = trained(first, epochs);
        Network b = trained(second, epochs);
        NetworkRoundTripTest.assertParametersBitForBit(a, b, name);
        assertFalse(a.sameParameters(first.newNetwork()), name + " changed while training");
    }

    static NetworkDefinition withSeed(String name, long seed) throws Exception {
        String text = Files.readString(SAMPLES.resolve(name + ".json"));
        JsonNode tree = NetworkReader.readTree(name + ".json", text);
        NetworkReader.overrideSeeds(tree, seed);
        return NetworkReader.parseTree(name + ".json", tree);
    }

    @Test
    void aDifferentSeedGivesDifferentInitialWeightsForAFileThatUsesInit() throws Exception {
        NetworkDefinition file = NetworkReader.read(SAMPLES.resolve("xor-2-4-1.json"));
        assertEquals(3, file.init().seed());
        NetworkDefinition same = withSeed("xor-2-4-1", 3);
        NetworkDefinition other = withSeed("xor-2-4-1", 4);
        NetworkRoundTripTest.assertParametersBitForBit(file.newNetwork(), same.newNetwork(), "seed 3 again");
        double[] w = file.newNetwork().layer(1).weights().value();
        double[] v = other.newNetwork().layer(1).weights().value();
        int equal = 0;
        for (int i = 0; i < w.length; i++) {
            equal += w[i] == v[i] ? 1 : 0;
        }
        assertEquals(0, equal, "seed 4 draws other first-layer weights: " + Arrays.toString(w) + " vs "
                + Arrays.toString(v));
        assertEquals(4, other.init().seed());
        assertEquals(4, other.training().seed());
    }

    @Test
    void aDifferentSeedLeavesExplicitWeightsAlone() throws Exception {
        NetworkDefinition file = NetworkReader.read(SAMPLES.resolve("seed-002-xor.json"));
        NetworkDefinition other = withSeed("seed-002-xor", 12345);
        NetworkRoundTripTest.assertParametersBitForBit(file.newNetwork(), other.newNetwork(), "explicit weights");
        assertEquals(0.4967141530112327, other.newNetwork().layer(1).weight(0, 0));
    }

    @Test
    void aDifferentSeedRegeneratesGeneratedData() throws Exception {
        NetworkDefinition file = NetworkReader.read(SAMPLES.resolve("circle.json"));
        NetworkDefinition other = withSeed("circle", 77);
        assertEquals(77, ((GeneratedData) other.data()).seed());
        assertFalse(file.trainingData().inputs().equals(other.trainingData().inputs()));
        assertEquals(file.trainingData().size(), other.trainingData().size());
    }

    @Test
    void slides231StartsFromNumpySeed7Uniform() throws Exception {
        // Computed with numpy 2.4.6, an independent implementation of MT19937 and random_sample:
        //   np.random.seed(7); np.random.uniform(size=(2, 3)); np.random.uniform(size=(3, 1))
        double[] w1 = {0.07630828937395717, 0.7799187922401146, 0.4384092314408935,
                0.7234651778309412, 0.9779895119966027, 0.5384958704104337};
        double[] w2 = {0.5011204636599379, 0.07205113335976154, 0.26843898010187117};
        NetworkDefinition d = NetworkReader.read(SAMPLES.resolve("slides-2-3-1.json"));
        Network n = d.newNetwork();
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                assertEquals(w1[i * 3 + j], n.layer(1).weight(i, j), "W1[" + i + "][" + j + "]");
            }
        }
        for (int i = 0; i < 3; i++) {
            assertEquals(w2[i], n.layer(2).weight(i, 0), "W2[" + i + "][0]");
        }
        assertFalse(n.layer(1).hasBias());
        assertFalse(n.layer(2).hasBias());
    }

    // ------------------------------------------------------------------ generated data sets

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"circle", "spiral", "gaussians", "xor-quadrants"})
    void generatedDataSetsKeepTheirPromises(String name) throws Exception {
        NetworkDefinition d = NetworkReader.read(SAMPLES.resolve(name + ".json"));
        GeneratedData spec = (GeneratedData) d.data();
        assertEquals(name, spec.generator().id());
        assertEquals(400, spec.samples(), name + ": the description promises 400 points");
        assertEquals(0.5, spec.testFraction(), name + ": half held out");
        assertNotNull(d.testData(), name + " has a test set");
        assertEquals(200, d.trainingData().size(), name + " train");
        assertEquals(200, d.testData().size(), name + " test");
        for (Dataset set : List.of(d.trainingData(), d.testData())) {
            assertEquals(2, set.inputWidth());
            assertEquals(1, set.targetWidth());
            int ones = 0;
            for (int r = 0; r < set.size(); r++) {
                double label = set.targets().get(r, 0);
                assertTrue(label == 0 || label == 1, name + ": label " + label);
                ones += label == 1 ? 1 : 0;
                for (int c = 0; c < 2; c++) {
                    double v = set.inputs().get(r, c);
                    assertTrue(Math.abs(v) <= 7, name + ": coordinate " + v + " beyond ±7");
                }
            }
            assertTrue(ones > 0 && ones < set.size(), name + ": both classes present, " + ones + " of "
                    + set.size());
        }
        // Train and test together are exactly the generated points, none lost and none repeated.
        double[][] generated = spec.generator().generate(spec.samples(), spec.noise(), spec.seed());
        List<double[]> split = new ArrayList<>();
        for (Dataset set : List.of(d.trainingData(), d.testData())) {
            for (int r = 0; r < set.size(); r++) {
                split.add(new double[] {set.inputs().get(r, 0), set.inputs().get(r, 1), set.targets().get(r, 0)});
            }
        }
        Comparator<double[]> order = Comparator.<double[]>comparingDouble(p -> p[0]).thenComparingDouble(p -> p[1])
                .thenComparingDouble(p -> p[2]);
        List<double[]> all = new ArrayList<>(Arrays.asList(generated));
        all.sort(order);
        split.sort(order);
        assertEquals(all.size(), split.size());
        for (int i = 0; i < all.size(); i++) {
            assertArrayEquals(all.get(i), split.get(i), name + ": point " + i);
        }
        // The same seed gives the same data, read twice.
        NetworkDefinition again = NetworkReader.read(SAMPLES.resolve(name + ".json"));
        NetworkRoundTripTest.assertSameDataset(d.trainingData(), again.trainingData(), name + " train again");
        NetworkRoundTripTest.assertSameDataset(d.testData(), again.testData(), name + " test again");
    }

    @Test
    void theIndexFileIsReadableFromTheJar() throws IOException {
        try (InputStream in = SampleNetworks.class.getResourceAsStream("/sample-networks/index.txt")) {
            assertNotNull(in, "index.txt is bundled");
            assertArrayEquals(Files.readAllBytes(SAMPLES.resolve("index.txt")), in.readAllBytes());
        }
    }
}
