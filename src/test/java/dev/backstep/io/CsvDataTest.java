package dev.backstep.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backstep.engine.Dataset;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CSV data read through a network file: files the test writes into a temporary folder are read back exactly, labels
 * are one-hot encoded in sorted order, standardisation is the plain mean and standard deviation computed here, and
 * every malformed file is reported with the file, the line and column (or the network file's field) and what was
 * expected.
 */
class CsvDataTest {
    @TempDir
    Path dir;

    /** A network file with {@code inputs} inputs, {@code outputs} softmax outputs (sigmoid for one) and {@code data}. */
    private Path network(int inputs, int outputs, String data) throws IOException {
        String output = outputs == 1 ? "sigmoid" : "softmax";
        String loss = outputs == 1 ? "binary-cross-entropy" : "cross-entropy";
        String json = "{\"format\": \"backstep-network\", \"version\": 1,\n"
                + " \"layers\": [{\"size\": " + inputs + "}, {\"size\": 3, \"activation\": \"tanh\"},"
                + " {\"size\": " + outputs + ", \"activation\": \"" + output + "\"}],\n"
                + " \"loss\": \"" + loss + "\", \"optimizer\": {\"name\": \"adam\"},\n"
                + " \"data\": " + data + "}\n";
        Path file = dir.resolve("net.json");
        Files.writeString(file, json);
        return file;
    }

    private Path csv(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    private NetworkFileException failure(Path network) {
        return assertThrows(NetworkFileException.class, () -> NetworkReader.read(network));
    }

    /** Random rows of three numbers and a label; returns the text and fills {@code values} and {@code labels}. */
    private static String randomCsv(Random random, int rows, List<double[]> values, List<String> labels,
                                    String[] names) {
        StringBuilder text = new StringBuilder("a,b,c,label\n");
        for (int r = 0; r < rows; r++) {
            double[] v = {random.nextGaussian() * 3 + 1, random.nextDouble() * 100, -random.nextDouble()};
            String label = names[random.nextInt(names.length)];
            values.add(v);
            labels.add(label);
            text.append(v[0]).append(',').append(v[1]).append(',').append(v[2]).append(',').append(label).append('\n');
        }
        return text.toString();
    }

    // ------------------------------------------------------------------ round trips

    @Test
    void numbersReadBackExactlyAndLabelsAreOneHotInAlphabeticalOrder() throws Exception {
        List<double[]> values = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        csv("animals.csv", randomCsv(new Random(5), 40, values, labels, new String[] {"dog", "cat", "bird"}));
        NetworkDefinition d = NetworkReader.read(network(3, 3, "{\"csv\": \"animals.csv\"}"));

        List<String> order = List.of("bird", "cat", "dog");
        assertEquals(order, ((CsvData) d.data()).classes());
        assertEquals(order, DataSets.classNames(d.data(), 3));
        Dataset train = d.trainingData();
        assertEquals(40, train.size());
        assertNull(d.testData());
        for (int r = 0; r < 40; r++) {
            assertArrayEquals(values.get(r), train.inputs().toArray()[r], "row " + r);
            double[] oneHot = new double[3];
            oneHot[order.indexOf(labels.get(r))] = 1;
            assertArrayEquals(oneHot, train.targets().toArray()[r], "row " + r + " (" + labels.get(r) + ")");
        }
    }

    @Test
    void aGzippedFileReadsAsThePlainOne() throws Exception {
        List<double[]> values = new ArrayList<>();
        String text = randomCsv(new Random(6), 25, values, new ArrayList<>(), new String[] {"x", "y"});
        csv("plain.csv", text);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(dir.resolve("packed.csv.gz")))) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        Dataset plain = NetworkReader.read(network(3, 2, "{\"csv\": \"plain.csv\"}")).trainingData();
        Dataset packed = NetworkReader.read(network(3, 2, "{\"csv\": \"packed.csv.gz\"}")).trainingData();
        assertEquals(plain.inputs(), packed.inputs());
        assertEquals(plain.targets(), packed.targets());
    }

    @Test
    void numericLabelsSortByValueAndASingleOutputGetsTheClassIndex() throws Exception {
        csv("n.csv", "x,y,z,k\n1,2,3,10\n4,5,6,9\n7,8,9,10\n0,0,0,9\n");
        NetworkDefinition d = NetworkReader.read(network(3, 1, "{\"csv\": \"n.csv\"}"));
        assertEquals(List.of("9", "10"), ((CsvData) d.data()).classes(), "9 before 10, not alphabetically");
        assertArrayEquals(new double[][] {{1}, {0}, {1}, {0}}, d.trainingData().targets().toArray());

        csv("m.csv", "x,y,z,k\n1,2,3,10\n4,5,6,2\n7,8,9,1\n");
        NetworkDefinition three = NetworkReader.read(network(3, 3, "{\"csv\": \"m.csv\"}"));
        assertEquals(List.of("1", "2", "10"), ((CsvData) three.data()).classes());
    }

    @Test
    void namedColumnsPickInputsInTheGivenOrderAndTargetColumnsAreTakenAsTheyAre() throws Exception {
        csv("t.csv", "id,p,q,r,s\n1,0.5,-2,7,0.25\n2,1.5,3,8,0.75\n");
        NetworkDefinition d = NetworkReader.read(network(2, 1,
                "{\"csv\": \"t.csv\", \"inputColumns\": [\"r\", \"p\"], \"targetColumns\": [\"s\"]}"));
        assertArrayEquals(new double[][] {{7, 0.5}, {8, 1.5}}, d.trainingData().inputs().toArray());
        assertArrayEquals(new double[][] {{0.25}, {0.75}}, d.trainingData().targets().toArray());
        assertEquals(List.of(), DataSets.classNames(d.data(), 1), "numeric targets name no classes");

        NetworkDefinition labelled = NetworkReader.read(network(3, 2,
                "{\"csv\": \"t.csv\", \"inputColumns\": [\"p\", \"q\", \"s\"], \"labelColumn\": \"id\"}"));
        assertEquals(List.of("1", "2"), ((CsvData) labelled.data()).classes());
        assertArrayEquals(new double[][] {{0.5, -2, 0.25}, {1.5, 3, 0.75}}, labelled.trainingData().inputs().toArray());
    }

    @Test
    void quotedFieldsSpacesBlankLinesAndWindowsLineEndsAreRead() throws Exception {
        csv("q.csv", "\"a, first\", b ,\"c \"\"quoted\"\"\",kind\r\n\r\n 1.5 ,\"2\", 3 ,\"big, red\"\r\n4,5,6,small\r\n");
        NetworkDefinition d = NetworkReader.read(network(3, 2,
                "{\"csv\": \"q.csv\", \"inputColumns\": [\"a, first\", \"b\", \"c \\\"quoted\\\"\"]}"));
        assertArrayEquals(new double[][] {{1.5, 2, 3}, {4, 5, 6}}, d.trainingData().inputs().toArray());
        assertEquals(List.of("big, red", "small"), ((CsvData) d.data()).classes());
    }

    @Test
    void inputRangeMapsLowAndHighToZeroAndOne() throws Exception {
        csv("px.csv", "p1,p2,p3,digit\n0,16,4,1\n8,2,12,0\n");
        NetworkDefinition d = NetworkReader.read(network(3, 2, "{\"csv\": \"px.csv\", \"inputRange\": [0, 16]}"));
        assertArrayEquals(new double[][] {{0, 1, 0.25}, {0.5, 0.125, 0.75}}, d.trainingData().inputs().toArray());
    }

    // ------------------------------------------------------------------ split and standardisation

    @Test
    void testFractionHoldsOutASeededShareAndTogetherTheSetsAreEveryRowOnce() throws Exception {
        List<double[]> values = new ArrayList<>();
        csv("s.csv", randomCsv(new Random(7), 50, values, new ArrayList<>(), new String[] {"u", "v"}));
        Path net = network(3, 2, "{\"csv\": \"s.csv\", \"testFraction\": 0.2, \"seed\": 9}");
        NetworkDefinition d = NetworkReader.read(net);
        assertEquals(40, d.trainingData().size());
        assertEquals(10, d.testData().size());
        Set<List<Double>> seen = new HashSet<>();
        for (Dataset set : List.of(d.trainingData(), d.testData())) {
            for (double[] row : set.inputs().toArray()) {
                assertTrue(seen.add(List.of(row[0], row[1], row[2])), "a row appears twice");
            }
        }
        for (double[] v : values) {
            assertTrue(seen.contains(List.of(v[0], v[1], v[2])), "every row of the file is used");
        }
        NetworkDefinition again = NetworkReader.read(net);
        assertEquals(d.testData().inputs(), again.testData().inputs(), "the same seed holds out the same rows");
    }

    @Test
    void standardisationUsesTheTrainingFilesMeanAndStdForBothSets() throws Exception {
        Random random = new Random(8);
        List<double[]> train = new ArrayList<>();
        List<double[]> test = new ArrayList<>();
        csv("train.csv", randomCsv(random, 30, train, new ArrayList<>(), new String[] {"a", "b"}));
        csv("test.csv", randomCsv(random, 12, test, new ArrayList<>(), new String[] {"a", "b"}));
        NetworkDefinition d = NetworkReader.read(network(3, 2,
                "{\"csv\": \"train.csv\", \"testCsv\": \"test.csv\", \"standardize\": true}"));

        // Plain mean and population standard deviation of the training file, column by column.
        double[] mean = new double[3];
        double[] std = new double[3];
        for (int c = 0; c < 3; c++) {
            double sum = 0;
            for (double[] row : train) {
                sum += row[c];
            }
            mean[c] = sum / train.size();
            double squares = 0;
            for (double[] row : train) {
                squares += (row[c] - mean[c]) * (row[c] - mean[c]);
            }
            std[c] = Math.sqrt(squares / train.size());
        }
        Standardization s = ((CsvData) d.data()).options().standardization();
        for (int c = 0; c < 3; c++) {
            assertRel(mean[c], s.mean()[c], "mean " + c);
            assertRel(std[c], s.std()[c], "std " + c);
        }
        double[][] x = d.trainingData().inputs().toArray();
        double[][] t = d.testData().inputs().toArray();
        for (int c = 0; c < 3; c++) {
            double sum = 0;
            double squares = 0;
            for (double[] row : x) {
                sum += row[c];
                squares += row[c] * row[c];
            }
            assertEquals(0, sum / x.length, 1e-12, "standardised training column " + c + " has mean 0");
            assertEquals(1, squares / x.length, 1e-12, "and variance 1");
            for (int r = 0; r < test.size(); r++) {
                assertRel((test.get(r)[c] - mean[c]) / std[c], t[r][c], "test row " + r + " scaled by training");
            }
        }
    }

    @Test
    void aSavedNetworkKeepsItsStandardisationAndClassOrderWhenTheFileChanges() throws Exception {
        csv("grow.csv", "a,b,c,kind\n1,2,3,pear\n2,4,1,apple\n5,0,2,pear\n");
        NetworkDefinition d = NetworkReader.read(network(3, 2, "{\"csv\": \"grow.csv\", \"standardize\": true}"));
        Path saved = dir.resolve("saved.json");
        NetworkWriter.write(d, saved);
        String text = Files.readString(saved);
        assertTrue(text.contains("\"csv\": \"grow.csv\""), "a file beside the network is named relative to it:\n"
                + text);
        assertTrue(text.contains("\"classes\": [\"apple\", \"pear\"]"), text);

        // New rows change the file's statistics, but the saved network scales as it did when it was trained.
        csv("grow.csv", "a,b,c,kind\n1,2,3,pear\n2,4,1,apple\n5,0,2,pear\n100,200,300,apple\n");
        NetworkDefinition back = NetworkReader.read(saved);
        Standardization before = ((CsvData) d.data()).options().standardization();
        Standardization after = ((CsvData) back.data()).options().standardization();
        assertArrayEquals(before.mean(), after.mean());
        assertArrayEquals(before.std(), after.std());
        assertArrayEquals(d.trainingData().inputs().toArray()[0], back.trainingData().inputs().toArray()[0]);
    }

    @Test
    void aConstantColumnIsOnlyShifted() throws Exception {
        csv("k.csv", "a,b,c,kind\n1,7,3,x\n2,7,1,y\n");
        NetworkDefinition d = NetworkReader.read(network(3, 2, "{\"csv\": \"k.csv\", \"standardize\": true}"));
        assertEquals(0, ((CsvData) d.data()).options().standardization().std()[1]);
        assertEquals(0, d.trainingData().inputs().get(0, 1));
        assertEquals(0, d.trainingData().inputs().get(1, 1));
    }

    // ------------------------------------------------------------------ malformed files

    @Test
    void aRaggedRowNamesItsLineAndTheExpectedCount() throws Exception {
        Path data = csv("ragged.csv", "a,b,c,kind\n1,2,3,x\n\n4,5,y\n");
        NetworkFileException e = failure(network(3, 2, "{\"csv\": \"ragged.csv\"}"));
        assertEquals(data.toString(), e.file());
        assertEquals("line 4", e.location());
        assertEquals("3 values, expected 4 (one per column of the header: a, b, c, kind)", e.problem());
    }

    @Test
    void aCellThatIsNoNumberNamesLineAndColumn() throws Exception {
        Path data = csv("words.csv", "a,b,c,kind\n1,2,3,x\n4,five,6,y\n");
        NetworkFileException e = failure(network(3, 2, "{\"csv\": \"words.csv\"}"));
        assertEquals(data.toString(), e.file());
        assertEquals("line 3, column \"b\"", e.location());
        assertEquals("\"five\" is not a number (expected e.g. 5.1 or -0.25e-3)", e.problem());

        for (String bad : List.of("NaN", "Infinity", "1f", "0x1p3", "")) {
            csv("words.csv", "a,b,c,kind\n1," + bad + ",3,x\n4,5,6,y\n");
            NetworkFileException f = failure(network(3, 2, "{\"csv\": \"words.csv\"}"));
            assertEquals("line 2, column \"b\"", f.location(), bad);
        }
    }

    @Test
    void aLabelOutsideTheGivenClassesIsOutOfRange() throws Exception {
        Path data = csv("l.csv", "a,b,c,kind\n1,2,3,cat\n4,5,6,cow\n");
        NetworkFileException e = failure(network(3, 2, "{\"csv\": \"l.csv\", \"classes\": [\"cat\", \"dog\"]}"));
        assertEquals(data.toString(), e.file());
        assertEquals("line 3, column \"kind\"", e.location());
        assertTrue(e.problem().startsWith("label \"cow\" is out of range: not one of the classes cat, dog"),
                e.problem());
    }

    @Test
    void moreClassesThanOutputsNamesTheNetworkFileAndTheClasses() throws Exception {
        csv("c.csv", "a,b,c,kind\n1,2,3,x\n4,5,6,y\n7,8,9,z\n");
        Path net = network(3, 2, "{\"csv\": \"c.csv\"}");
        NetworkFileException e = failure(net);
        assertEquals(net.toString(), e.file());
        assertEquals("data.labelColumn", e.location());
        assertTrue(e.problem().contains("holds 3 classes (x, y, z), but the network has 2 outputs"), e.problem());
    }

    @Test
    void columnsThatDoNotFitTheNetworkOrTheFileAreNamed() throws Exception {
        Path data = csv("w.csv", "a,b,kind\n1,2,x\n3,4,y\n");
        NetworkFileException wide = failure(network(3, 2, "{\"csv\": \"w.csv\"}"));
        assertEquals("data.csv", wide.location());
        assertTrue(wide.problem().startsWith("2 input columns in " + data + " (a, b), but the network has 3 inputs"),
                wide.problem());

        NetworkFileException unknown = failure(network(2, 2, "{\"csv\": \"w.csv\", \"inputColumns\": [\"a\", \"B\"]}"));
        assertEquals("data.inputColumns[1]", unknown.location());
        assertEquals("no column \"B\" in " + data + " (its columns: a, b, kind)", unknown.problem());
    }

    @Test
    void emptyFilesHeadersWithoutRowsBadHeadersAndOpenQuotesAreReported() throws Exception {
        Path data = csv("e.csv", "\n\n");
        assertEquals("is empty (expected a header row naming the columns, then one row per sample)",
                failure(network(3, 2, "{\"csv\": \"e.csv\"}")).problem());
        csv("e.csv", "a,b,c,kind\n");
        assertEquals("has a header but no rows (expected one row per sample)",
                failure(network(3, 2, "{\"csv\": \"e.csv\"}")).problem());
        csv("e.csv", "a,b,a,kind\n1,2,3,x\n");
        NetworkFileException twice = failure(network(3, 2, "{\"csv\": \"e.csv\"}"));
        assertEquals("line 1", twice.location());
        assertEquals(data.toString(), twice.file());
        assertTrue(twice.problem().contains("\"a\" twice"), twice.problem());
        csv("e.csv", "a,b,c,kind\n1,2,\"3,x\n");
        NetworkFileException quote = failure(network(3, 2, "{\"csv\": \"e.csv\"}"));
        assertEquals("line 2", quote.location());
        assertEquals("the quote opened at character 5 is never closed (expected a closing \")", quote.problem());
    }

    @Test
    void aMissingFileNamesTheNetworkFileTheFieldAndThePathTried() throws Exception {
        Path net = network(3, 2, "{\"csv\": \"nowhere.csv\", \"missingHelp\": \"Copy it from the course page.\"}");
        NetworkFileException e = failure(net);
        assertEquals(net.toString(), e.file());
        assertEquals("data.csv", e.location());
        assertEquals("no such file " + dir.resolve("nowhere.csv") + ". Copy it from the course page.", e.problem());
    }

    @Test
    void contradictoryFieldsAreRefused() throws Exception {
        csv("x.csv", "a,b,c,kind\n1,2,3,x\n4,5,6,y\n");
        csv("y.csv", "a,b,c,kind\n1,2,3,x\n");
        assertEquals("data.testFraction", failure(network(3, 2,
                "{\"csv\": \"x.csv\", \"testCsv\": \"y.csv\", \"testFraction\": 0.5}")).location());
        assertEquals("data.targetColumns", failure(network(3, 2,
                "{\"csv\": \"x.csv\", \"labelColumn\": \"kind\", \"targetColumns\": [\"a\"]}")).location());
        assertEquals("data.inputRange", failure(network(3, 2,
                "{\"csv\": \"x.csv\", \"inputRange\": [0, 1], \"standardize\": true}")).location());
        assertEquals("data.inputRange", failure(network(3, 2, "{\"csv\": \"x.csv\", \"inputRange\": [1, 1]}"))
                .location());
        assertEquals("data.samples", failure(network(3, 2, "{\"csv\": \"x.csv\", \"samples\": 3}")).location());
        assertEquals("data.standardize.std[1]", failure(network(3, 2,
                "{\"csv\": \"x.csv\", \"standardize\": {\"mean\": [0, 0, 0], \"std\": [1, -1, 1]}}")).location());
        assertEquals("data.standardize.mean", failure(network(3, 2,
                "{\"csv\": \"x.csv\", \"standardize\": {\"mean\": [0, 0], \"std\": [1, 1, 1]}}")).location());
        assertEquals("data.clases", failure(network(3, 2, "{\"csv\": \"x.csv\", \"clases\": [\"x\", \"y\"]}"))
                .location());
    }

    private static void assertRel(double expected, double actual, String what) {
        double scale = Math.max(Math.abs(expected), Math.abs(actual));
        assertTrue(Math.abs(expected - actual) <= 1e-12 * scale, what + ": expected " + expected + ", was " + actual);
    }
}
