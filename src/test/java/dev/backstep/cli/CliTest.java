package dev.backstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backstep.engine.Activation;
import dev.backstep.engine.DenseLayer;
import dev.backstep.engine.Loss;
import dev.backstep.engine.Network;
import dev.backstep.engine.Parameter;
import dev.backstep.engine.Reduction;
import dev.backstep.engine.Trainer;
import dev.backstep.io.NetworkDefinition;
import dev.backstep.io.NetworkReader;
import dev.backstep.io.TestSamples;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The headless command line, run in-process with its output captured. */
class CliTest {
    static final Path SAMPLES = Path.of("sample-networks");
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    @TempDir
    Path dir;

    /** What one run printed and returned. */
    record Run(int code, String out, String err) {
        List<String> outLines() {
            return out.lines().toList();
        }

        List<String> errLines() {
            return err.lines().toList();
        }
    }

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        int code = Cli.run(args, o, e);
        o.flush();
        e.flush();
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The samples small enough for per-weight checks, with their data installed. */
    static List<Path> sampleFiles() throws IOException {
        try (Stream<Path> files = Files.list(SAMPLES)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".json"))
                    .filter(p -> TestSamples.suitsPerWeightChecks(TestSamples.nameOf(p))).sorted()
                    .map(Path::toAbsolutePath).toList();
        }
    }

    static List<Path> fullBatchSamples() throws Exception {
        List<Path> out = new ArrayList<>();
        for (Path file : sampleFiles()) {
            if (NetworkReader.read(file).training().batching().isFull()) {
                out.add(file);
            }
        }
        if (out.size() < 10) {
            throw new IllegalStateException("expected the worked examples to be full batch: " + out);
        }
        return out;
    }

    // ------------------------------------------------------------------ an independent scalar reference

    /**
     * The reduced loss of a network on the file's training data, by a plain forward pass over doubles: one sample,
     * one unit, one weight at a time. Shares nothing with the engine but the parameter values it reads.
     */
    static double referenceLoss(Network network, double[][] inputs, double[][] targets) {
        double total = 0;
        for (int s = 0; s < inputs.length; s++) {
            double[] y = referenceForward(network, inputs[s]);
            double[] t = targets[s];
            int k = y.length;
            double e = 0;
            Loss loss = network.loss();
            for (int j = 0; j < k; j++) {
                double d = t[j] - y[j];
                if (loss == Loss.HALF_SQUARED_ERROR) {
                    e += 0.5 * d * d;
                } else if (loss == Loss.MSE) {
                    e += d * d / k;
                } else if (loss == Loss.BINARY_CROSS_ENTROPY) {
                    e += -(t[j] * Math.log(y[j]) + (1 - t[j]) * Math.log(1 - y[j])) / k;
                } else {
                    throw new IllegalArgumentException("no reference for " + loss);
                }
            }
            total += e;
        }
        return network.reduction() == Reduction.MEAN ? total / inputs.length : total;
    }

    static double[] referenceForward(Network network, double[] input) {
        double[] a = input.clone();
        for (DenseLayer layer : network.layers()) {
            double[] next = new double[layer.size()];
            for (int j = 0; j < layer.size(); j++) {
                double z = layer.hasBias() ? layer.bias().value()[j] : 0;
                for (int i = 0; i < layer.inputSize(); i++) {
                    z += a[i] * layer.weight(i, j);
                }
                next[j] = activate(layer.activation(), z);
            }
            a = next;
        }
        return a;
    }

    static double activate(Activation activation, double z) {
        switch (activation) {
            case SIGMOID:
                return 1 / (1 + Math.exp(-z));
            case TANH:
                return (Math.exp(z) - Math.exp(-z)) / (Math.exp(z) + Math.exp(-z));
            case IDENTITY:
                return z;
            case RELU:
                return Math.max(0, z);
            default:
                throw new IllegalArgumentException("no reference for " + activation);
        }
    }

    static void assertClose(double expected, double actual, double relative, String what) {
        double scale = Math.max(Math.abs(expected), Math.abs(actual));
        if (Math.abs(expected - actual) > relative * scale) {
            fail(what + ": expected " + expected + " but was " + actual);
        }
    }

    static void assertSameParameters(Network expected, Network actual, String what) {
        List<Parameter> pe = expected.parameters();
        List<Parameter> pa = actual.parameters();
        assertEquals(pe.size(), pa.size(), what);
        for (int i = 0; i < pe.size(); i++) {
            double[] x = pe.get(i).value();
            double[] y = pa.get(i).value();
            for (int k = 0; k < x.length; k++) {
                if (Double.doubleToLongBits(x[k]) != Double.doubleToLongBits(y[k])) {
                    fail(what + ": " + pe.get(i).name() + "[" + k + "] expected " + x[k] + " but was " + y[k]);
                }
            }
        }
    }

    static JsonNode parseSingleJsonObject(String out) throws IOException {
        assertEquals(1, out.lines().count(), "one line of JSON: " + out);
        JsonNode root = JSON.readTree(out);
        assertTrue(root.isObject(), out);
        return root;
    }

    // ------------------------------------------------------------------ train --json

    @ParameterizedTest(name = "{0}")
    @MethodSource("fullBatchSamples")
    void trainJsonReportsTheLossBeforeAnyUpdateAndTheTrainedNetwork(Path file) throws Exception {
        int epochs = 3;
        Run run = run("train", file.toString(), "--epochs", Integer.toString(epochs), "--json");
        assertEquals(0, run.code(), run.err());
        assertEquals("", run.err());
        JsonNode root = parseSingleJsonObject(run.out());

        assertEquals(epochs, root.get("epochs").asLong());
        JsonNode loss = root.get("loss");
        assertEquals(epochs, loss.size(), "one loss per epoch");

        NetworkDefinition definition = NetworkReader.read(file);
        double[][] x = definition.trainingData().inputs().toArray();
        double[][] t = definition.trainingData().targets().toArray();
        double before = referenceLoss(definition.newNetwork(), x, t);
        assertClose(before, loss.get(0).asDouble(), 1e-12, file.getFileName() + ": loss[0]");

        // The network in the output is the file's network after the epochs, in the file format.
        NetworkDefinition trained = NetworkReader.parseTree("train output", root.get("network"));
        Network expected = definition.newNetwork();
        new Trainer(expected, definition.trainingData(), definition.testData(), definition.training(),
                definition.optimizer()).runEpochs(epochs);
        assertSameParameters(expected, trained.newNetwork(), file.getFileName() + ": trained network");
        assertEquals(definition.name(), trained.name());
        assertEquals(definition.layers(), trained.layers());
        assertEquals(definition.optimizer(), trained.optimizer());
    }

    @Test
    void eachEpochsLossIsTheLossAtTheWeightsTheEpochBeganWith() throws Exception {
        String file = SAMPLES.resolve("xor-2-4-1.json").toAbsolutePath().toString();
        NetworkDefinition definition = NetworkReader.read(Path.of(file));
        double[][] x = definition.trainingData().inputs().toArray();
        double[][] t = definition.trainingData().targets().toArray();
        JsonNode three = parseSingleJsonObject(run("train", file, "--epochs", "3", "--json").out());
        for (int e = 1; e < 3; e++) {
            JsonNode after = parseSingleJsonObject(run("train", file, "--epochs", Integer.toString(e), "--json").out());
            Network network = NetworkReader.parseTree("after", after.get("network")).newNetwork();
            assertClose(referenceLoss(network, x, t), three.get("loss").get(e).asDouble(), 1e-12,
                    "loss[" + e + "] is the loss after " + e + " updates");
        }
        assertTrue(three.get("loss").get(2).asDouble() < three.get("loss").get(0).asDouble(), "the loss falls");
    }

    @Test
    void trainWithoutEpochsUsesTheFilesEpochs() throws Exception {
        Run run = run("train", "seed-002-example", "--json");
        assertEquals(0, run.code(), run.err());
        JsonNode root = parseSingleJsonObject(run.out());
        assertEquals(1, root.get("epochs").asLong(), "seed-002-example.json says 1 epoch");
        assertEquals(1, root.get("loss").size());
    }

    @Test
    void trainSeedOptionChangesTheInitialWeights() throws Exception {
        JsonNode a = parseSingleJsonObject(run("train", "xor-2-4-1", "--epochs", "0", "--json").out());
        JsonNode b = parseSingleJsonObject(run("train", "xor-2-4-1", "--epochs", "0", "--seed", "4", "--json")
                .out());
        JsonNode c = parseSingleJsonObject(run("train", "xor-2-4-1", "--epochs=0", "--seed=3", "--json").out());
        assertEquals(0, a.get("loss").size());
        assertFalse(a.get("network").get("weights").equals(b.get("network").get("weights")));
        assertEquals(4, b.get("network").get("init").get("seed").asLong());
        assertEquals(a.get("network").get("weights"), c.get("network").get("weights"),
                "--seed 3 is the file's own init seed");
        assertEquals(3, c.get("network").get("training").get("seed").asLong(), "--seed also seeds the shuffling");
    }

    // ------------------------------------------------------------------ train, text

    private static final Pattern OUTPUT_ROW = Pattern.compile("^ {2}(\\S+) (\\S+) {2}→ (\\S+) \\((\\S+)\\)$");

    @Test
    void trainTextEndsWithTheOutputsOfTheTrainedNetwork() throws Exception {
        Run text = run("train", "xor-2-2-1", "--epochs", "50");
        assertEquals(0, text.code(), text.err());
        assertEquals("", text.err());
        List<String> lines = text.outLines();
        assertTrue(lines.get(0).startsWith("xor-2-2-1: 2-2-1 network, 4 training samples"), lines.get(0));
        assertEquals("outputs after training (target in brackets):", lines.get(lines.size() - 5));

        JsonNode json = parseSingleJsonObject(run("train", "xor-2-2-1", "--epochs", "50", "--json").out());
        Network trained = NetworkReader.parseTree("json", json.get("network")).newNetwork();
        double[][] inputs = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
        double[] targets = {0, 1, 1, 0};
        for (int r = 0; r < 4; r++) {
            String line = lines.get(lines.size() - 4 + r);
            Matcher m = OUTPUT_ROW.matcher(line);
            assertTrue(m.matches(), "output row: \"" + line + "\"");
            assertEquals(inputs[r][0], Double.parseDouble(m.group(1)), line);
            assertEquals(inputs[r][1], Double.parseDouble(m.group(2)), line);
            assertEquals(targets[r], Double.parseDouble(m.group(4)), line);
            double y = referenceForward(trained, inputs[r])[0];
            assertEquals(y, Double.parseDouble(m.group(3)), 5.000001e-7, "printed to 6 decimals: " + line);
        }
        assertTrue(text.out().contains("final loss "), text.out());
    }

    @Test
    void trainTextPrintsInputsToFourSignificantDigits() throws Exception {
        Run text = run("train", "circle", "--epochs", "1");
        assertEquals(0, text.code(), text.err());
        List<String> lines = text.outLines();
        int header = lines.indexOf("outputs after training (target in brackets):");
        assertTrue(header > 0, text.out());
        double[][] inputs = NetworkReader.read(SAMPLES.resolve("circle.json")).trainingData().inputs().toArray();
        for (int r = 0; r < 16; r++) {
            String line = lines.get(header + 1 + r);
            Matcher m = OUTPUT_ROW.matcher(line);
            assertTrue(m.matches(), "output row: \"" + line + "\"");
            for (int c = 0; c < 2; c++) {
                String printed = m.group(c + 1);
                double x = inputs[r][c];
                assertEquals(new java.math.BigDecimal(x).round(new java.math.MathContext(4)).doubleValue(),
                        Double.parseDouble(printed), 0, line);
                assertTrue(printed.replaceAll("^-?0\\.0*|[-.]", "").length() <= 4, "at most 4 digits: " + line);
            }
        }
        assertEquals("  … 184 more samples", lines.get(header + 17));
    }

    @Test
    void trainTextInputsAreRoundedToFourSignificantDigits() {
        assertEquals("-3.817", TrainCommand.input(-3.81723));
        assertEquals("0.6389", TrainCommand.input(0.638912));
        assertEquals("0.5", TrainCommand.input(0.5));
        assertEquals("1", TrainCommand.input(1));
        assertEquals("-2", TrainCommand.input(-2));
        assertEquals("0.00025", TrainCommand.input(2.5e-4));
        assertEquals("1.235e-30", TrainCommand.input(1.23456e-30));
        assertEquals("12350", TrainCommand.input(12345.678));
    }

    @Test
    void aBundledSampleNameWorksAsFile() {
        for (String name : List.of("xor-2-3-1", "xor-2-3-1.json", "mazur-2-2-2")) {
            Run run = run("train", name, "--epochs", "2");
            assertEquals(0, run.code(), name + ": " + run.err());
            assertTrue(run.out().startsWith(name.replace(".json", "") + ": "), run.out());
        }
    }

    @Test
    void aFileOnDiskWinsOverTheSampleOfTheSameName() throws Exception {
        Path file = dir.resolve("xor-2-3-1.json");
        Files.writeString(file, Files.readString(SAMPLES.resolve("xor-2-3-1.json"))
                .replace("\"name\": \"xor-2-3-1\"", "\"name\": \"my own copy\""));
        Run run = run("train", file.toString(), "--epochs", "1");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().startsWith("my own copy: "), run.out());
    }

    // ------------------------------------------------------------------ errors

    @Test
    void aMissingFileGivesExitOneAndOneLineWithoutStackTrace() {
        String missing = dir.resolve("no-such-network.json").toString();
        Run run = run("train", missing);
        assertEquals(1, run.code());
        assertEquals(List.of("backstep: " + missing + ": no such file"), run.errLines());
        assertEquals("", run.out());
        assertFalse(Files.exists(Path.of(missing)), "nothing is created");
    }

    @Test
    void aMalformedFileGivesExitOneAndNamesThePlace() throws Exception {
        Path file = dir.resolve("typo.json");
        Files.writeString(file, Files.readString(SAMPLES.resolve("xor-2-2-1.json"))
                .replace("\"learningRate\"", "\"learningrate\""));
        Run run = run("train", file.toString());
        assertEquals(1, run.code());
        assertEquals(1, run.errLines().size(), run.err());
        assertEquals("backstep: " + file + ": optimizer.learningrate: unknown field, did you mean \"learningRate\"?"
                + " (expected one of name, learningRate, momentum, beta1, beta2, epsilon, rho, weightDecay, clipValue,"
                + " clipNorm)", run.errLines().get(0));
        assertFalse(run.err().contains("\tat "), "no stack trace: " + run.err());
    }

    @Test
    void debugShowsTheStackTraceOfAFailingFile() throws Exception {
        Path file = dir.resolve("typo.json");
        Files.writeString(file, Files.readString(SAMPLES.resolve("xor-2-2-1.json"))
                .replace("\"sigmoid\"", "\"sigmod\""));
        Run run = run("train", file.toString(), "--debug");
        assertEquals(1, run.code());
        assertTrue(run.errLines().get(0).startsWith("backstep: " + file + ": layers[1].activation: unknown"
                + " activation \"sigmod\""), run.err());
        assertTrue(run.err().contains("NetworkFileException"), run.err());
        assertTrue(run.err().contains("\tat dev.backstep.io.NetworkReader"), run.err());
        // --debug may come first, too.
        Run first = run("--debug", "train", file.toString());
        assertEquals(1, first.code());
        assertTrue(first.err().contains("\tat "), first.err());
    }

    @Test
    void anUnknownOptionGivesExitTwo() {
        Run run = run("train", "xor-2-2-1", "--epoch", "5");
        assertEquals(2, run.code());
        assertEquals(List.of("backstep train: unknown option --epoch (usage: train FILE [--epochs N] [--seed S]"
                + " [--json])"), run.errLines());
        assertEquals("", run.out());
    }

    @Test
    void badOptionValuesGiveExitTwo() {
        Run words = run("train", "xor-2-2-1", "--epochs", "many");
        assertEquals(2, words.code());
        assertTrue(words.err().contains("--epochs expects a whole number, got \"many\""), words.err());
        Run negative = run("train", "xor-2-2-1", "--epochs", "-1");
        assertEquals(2, negative.code(), negative.err());
        Run seed = run("train", "xor-2-2-1", "--seed", "4294967296");
        assertEquals(2, seed.code(), seed.err());
        Run noValue = run("train", "xor-2-2-1", "--epochs");
        assertEquals(2, noValue.code());
        assertTrue(noValue.err().contains("--epochs needs a value"), noValue.err());
        Run noFile = run("train");
        assertEquals(2, noFile.code());
        assertTrue(noFile.err().contains("expected one network FILE, got 0"), noFile.err());
        Run twoFiles = run("train", "xor-2-2-1", "xor-2-3-1");
        assertEquals(2, twoFiles.code());
        Run tolerance = run("gradcheck", "xor-2-2-1", "--tolerance", "0");
        assertEquals(2, tolerance.code(), tolerance.err());
    }

    @Test
    void anUnknownCommandGivesExitTwo() {
        Run run = run("trian", "xor-2-2-1");
        assertEquals(2, run.code());
        assertEquals(1, run.errLines().size(), run.err());
        assertTrue(run.err().contains("unknown command \"trian\""), run.err());
        assertEquals("", run.out());
    }

    /**
     * {@code --seed} used to crash with "train failed: java.lang.UnsupportedOperationException: Property 'init' has
     * value that is not of type `ObjectNode`" when "init" or "training" was not an object.
     */
    @Test
    void aSeedOverrideOnAMalformedInitReportsTheFile() throws Exception {
        Path file = dir.resolve("init.json");
        Files.writeString(file, Files.readString(SAMPLES.resolve("xor-2-2-1.json"))
                .replace("\"init\": {\"weights\": \"xavier-uniform\", \"biases\": \"zeros\", \"seed\": 1}",
                        "\"init\": \"xavier-uniform\""));
        Run plain = run("train", file.toString());
        assertEquals(1, plain.code());
        assertEquals(List.of("backstep: " + file + ": init: expected an object, found string \"xavier-uniform\""),
                plain.errLines(), "without --seed the reader reports it");
        Run seeded = run("train", file.toString(), "--seed", "5");
        assertEquals(plain.errLines(), seeded.errLines(), "with --seed the same report");

        Path training = dir.resolve("training.json");
        Files.writeString(training, Files.readString(SAMPLES.resolve("xor-2-2-1.json"))
                .replaceFirst("\"training\": \\{[^}]*\\}", "\"training\": [1]"));
        Run seededTraining = run("train", training.toString(), "--seed", "5");
        assertEquals(1, seededTraining.code());
        assertEquals(List.of("backstep: " + training + ": training: expected an object, found an array"),
                seededTraining.errLines());
    }

    @Test
    void aSeedOverrideOnAFileWithoutInitOrTrainingSeedsBoth() throws Exception {
        Path file = dir.resolve("bare.json");
        Files.writeString(file, Files.readString(SAMPLES.resolve("xor-2-2-1.json"))
                .replaceFirst("\"init\": \\{[^}]*\\},", "")
                .replaceFirst(",\\s*\"training\": \\{[^}]*\\}", ""));
        JsonNode root = parseSingleJsonObject(run("train", file.toString(), "--epochs", "0", "--seed", "9", "--json")
                .out());
        assertEquals(9, root.get("network").get("init").get("seed").asLong());
        assertEquals(9, root.get("network").get("training").get("seed").asLong());
    }

    /** Data that used to pass the reader and then crash training with an IllegalArgumentException. */
    @Test
    void dataWithoutSamplesToTrainOrTestOnIsReportedInTheFile() throws Exception {
        String xor = Files.readString(SAMPLES.resolve("xor-2-2-1.json"));
        Path emptyTest = dir.resolve("empty-test.json");
        Files.writeString(emptyTest, xor.replaceFirst("\"targets\": ", "\"testInputs\": [], \"testTargets\": [],"
                + " \"targets\": "));
        Run a = run("train", emptyTest.toString(), "--epochs", "1");
        assertEquals(1, a.code(), a.out());
        assertEquals(List.of("backstep: " + emptyTest + ": data.testInputs: is empty (expected at least one sample,"
                + " or leave testInputs and testTargets out)"), a.errLines());

        Path allTest = dir.resolve("all-test.json");
        Files.writeString(allTest, xor.replaceFirst("\"data\": \\{[^}]*\\}", "\"data\": {\"generator\": \"circle\","
                + " \"samples\": 3, \"testFraction\": 0.9}"));
        Run b = run("train", allTest.toString(), "--epochs", "1");
        assertEquals(1, b.code(), b.out());
        assertEquals(List.of("backstep: " + allTest + ": data.testFraction: 0.9 of 3 samples holds out all of them"
                + " and leaves no training samples (expected a smaller testFraction or more samples)"), b.errLines());
    }

    // ------------------------------------------------------------------ gradcheck and help

    @ParameterizedTest(name = "{0}")
    @MethodSource("sampleFiles")
    void gradcheckAgreesOnEverySample(Path file) {
        Run run = run("gradcheck", file.toString());
        assertEquals(0, run.code(), run.out() + run.err());
        assertTrue(run.out().contains("gradients agree"), run.out());
        assertFalse(run.out().contains("DISAGREE"), run.out());
        assertEquals("", run.err());
    }

    @Test
    void gradcheckAlsoAgreesAfterTraining() {
        Run run = run("gradcheck", "xor-2-4-1", "--epochs", "20");
        assertEquals(0, run.code(), run.out() + run.err());
        assertTrue(run.out().contains("after 20 epochs"), run.out());
        assertTrue(run.out().contains("gradients agree"), run.out());
    }

    @Test
    void helpListsTheCommandsAndEachListedCommandExists() {
        for (String[] args : List.of(new String[] {"help"}, new String[] {"--help"}, new String[] {})) {
            Run run = run(args);
            assertEquals(0, run.code());
            assertTrue(run.out().contains("train FILE"), run.out());
            assertTrue(run.out().contains("gradcheck FILE"), run.out());
        }
        Pattern command = Pattern.compile("java -jar backstep\\.jar (\\w+)");
        Matcher m = command.matcher(run("help").out());
        int listed = 0;
        while (m.find()) {
            listed++;
            Run bare = run(m.group(1));
            assertFalse(bare.err().contains("unknown command"), m.group(1) + " is listed but unknown: " + bare.err());
        }
        assertTrue(listed >= 2, "commands listed: " + listed);
    }
}
