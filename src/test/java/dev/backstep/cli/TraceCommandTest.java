package dev.backstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backstep.engine.Network;
import dev.backstep.io.NetworkDefinition;
import dev.backstep.io.SampleNetworks;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code trace FILE [--sample I] [--format F] [--notation N]}, run in-process. */
class TraceCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    record Run(int code, String out, String err) {
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

    private static JsonNode json(String... args) throws Exception {
        Run r = run(args);
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err());
        JsonNode root = JSON.readTree(r.out());
        assertTrue(root.isArray());
        return root;
    }

    private static Map<String, JsonNode> byKey(JsonNode root) {
        Map<String, JsonNode> map = new HashMap<>();
        for (int i = 0; i < root.size(); i++) {
            JsonNode o = root.get(i);
            assertEquals(i, o.get("index").asInt());
            for (String field : List.of("index", "phase", "symbol", "formula", "substituted", "value", "uses",
                    "element")) {
                assertTrue(o.has(field), field + " in " + o);
            }
            assertTrue(map.put(o.get("key").asText(), o) == null, "unique keys");
        }
        return map;
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    private static void assertRel(double expected, double actual, String what) {
        double scale = Math.max(Math.abs(expected), Math.abs(actual));
        assertTrue(Math.abs(expected - actual) <= 1e-12 * scale, what + ": expected " + expected + " but was " + actual);
    }

    /** One step on sample I of a full-batch XOR file, against a scalar forward and backward pass written here. */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3})
    void sampleOptionTracesAOneSampleStep(int sample) throws Exception {
        JsonNode root = json("trace", "xor-2-4-1", "--sample", Integer.toString(sample), "--format", "json");
        Map<String, JsonNode> terms = byKey(root);
        for (JsonNode o : root) {
            assertFalse(o.get("key").asText().contains("@"), "a one-sample step has no per-sample keys");
            if (o.has("sample")) {
                assertEquals(sample, o.get("sample").asInt(), "every per-sample term is sample " + sample);
            }
        }
        NetworkDefinition d = SampleNetworks.load("xor-2-4-1");
        assertTrue(d.training().batching().isFull(), "the file trains full batch");
        Network n = d.newNetwork();
        double[] x = d.trainingData().inputs().row(sample);
        double t = d.trainingData().targets().row(sample)[0];
        double eta = d.optimizer().learningRate();
        int hidden = 4;
        double[] h = new double[hidden];
        double zo = n.layer(2).bias().value()[0];
        for (int j = 0; j < hidden; j++) {
            double z = n.layer(1).weight(0, j) * x[0] + n.layer(1).weight(1, j) * x[1] + n.layer(1).bias().value()[j];
            assertRel(z, terms.get("z(h" + (j + 1) + ")").get("value").asDouble(), "z(h" + (j + 1) + ")");
            h[j] = sigmoid(z);
            zo += n.layer(2).weight(j, 0) * h[j];
        }
        double y = sigmoid(zo);
        assertRel(y, terms.get("a(o1)").get("value").asDouble(), "a(o1)");
        assertRel(0.5 * (t - y) * (t - y), terms.get("loss").get("value").asDouble(), "the loss of this sample alone");
        double deltaO = (y - t) * y * (1 - y);
        assertRel(deltaO, terms.get("delta(o1)").get("value").asDouble(), "delta(o1)");
        for (int j = 0; j < hidden; j++) {
            double deltaH = n.layer(2).weight(j, 0) * deltaO * h[j] * (1 - h[j]);
            String edge = "x1->h" + (j + 1);
            double w = n.layer(1).weight(0, j);
            double expected = w - eta * deltaH * x[0];
            double actual = terms.get("w(" + edge + ")").get("value").asDouble();
            if (x[0] == 0) {
                assertEquals(w, actual, 0.0, "an input of 0 leaves its weights");
            } else {
                assertRel(expected, actual, "w(" + edge + ")");
            }
            assertRel(n.layer(1).bias().value()[j] - eta * deltaH, terms.get("b(h" + (j + 1) + ")").get("value")
                    .asDouble(), "b(h" + (j + 1) + ")");
        }
    }

    @Test
    void withoutSampleTheWholeFirstBatchIsTraced() throws Exception {
        JsonNode root = json("trace", "xor-2-4-1", "--format", "json");
        Set<Integer> samples = new HashSet<>();
        for (JsonNode o : root) {
            if (o.has("sample")) {
                samples.add(o.get("sample").asInt());
                assertTrue(o.get("key").asText().endsWith("@" + o.get("sample").asInt()), o.get("key").asText());
            }
        }
        assertEquals(Set.of(0, 1, 2, 3), samples);
        Map<String, JsonNode> terms = byKey(root);
        assertTrue(terms.containsKey("loss"));
        assertTrue(terms.containsKey("loss@2"));
        assertTrue(terms.containsKey("dEdw(x1->h1)"), "the batch gradient");
        assertTrue(terms.containsKey("dEdw(x1->h1)@3"), "a sample's gradient");
    }

    @Test
    void notationSwitchesSymbolsAndSlidesSigns() throws Exception {
        Map<String, JsonNode> slides = byKey(json("trace", "slides-035-07", "--format", "json"));
        Map<String, JsonNode> za = byKey(json("trace", "slides-035-07", "--format", "json", "--notation", "z-a"));
        Map<String, JsonNode> netOut = byKey(json("trace", "slides-035-07", "--format", "json", "--notation",
                "net-out"));
        assertEquals(slides.keySet(), za.keySet());
        assertEquals("\\delta_{5}", slides.get("delta(o1)").get("symbol").asText());
        assertEquals("\\delta^{(2)}_{1}", za.get("delta(o1)").get("symbol").asText());
        assertEquals("\\delta_{\\mathrm{o1}}", netOut.get("delta(o1)").get("symbol").asText());
        assertEquals("a_{3}", slides.get("z(h1)").get("symbol").asText());
        assertEquals("z^{(1)}_{1}", za.get("z(h1)").get("symbol").asText());
        assertEquals("\\mathit{net}_{\\mathrm{h1}}", netOut.get("z(h1)").get("symbol").asText());
        assertEquals(-slides.get("delta(o1)").get("value").asDouble(), za.get("delta(o1)").get("value").asDouble(),
                0.0, "the slides' δ is −∂E/∂z");
        assertEquals(slides.get("w(x1->h1)").get("value").asDouble(), za.get("w(x1->h1)").get("value").asDouble(),
                0.0, "the new weight is the same in every notation");
        assertNotEquals(slides.get("delta(o1)").get("formula").asText(), za.get("delta(o1)").get("formula").asText());
    }

    @Test
    void textIsTheDefaultFormat() {
        Run r = run("trace", "slides-035-07");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("slides-035-07"), r.out());
        assertTrue(r.out().contains("Forward pass") && r.out().contains("Update"), r.out());
        assertTrue(r.out().contains("δ₅"), "the file's notation (slides) by default");
    }

    @ParameterizedTest
    @ValueSource(strings = {"latex", "markdown", "csv", "text"})
    void everyFormatRuns(String format) {
        Run r = run("trace", "mazur-2-2-2", "--format", format);
        assertEquals(0, r.code(), r.err());
        assertFalse(r.out().isBlank());
        assertEquals("", r.err());
    }

    @Test
    void badFormatOrNotationIsAUsageError() {
        Run format = run("trace", "slides-035-07", "--format", "pdf");
        assertEquals(2, format.code());
        assertEquals("", format.out());
        assertTrue(format.err().contains("pdf") && format.err().contains("json"), format.err());
        assertFalse(format.err().contains("\tat "), "no stack trace");
        Run notation = run("trace", "slides-035-07", "--notation", "greek");
        assertEquals(2, notation.code());
        assertTrue(notation.err().contains("greek") && notation.err().contains("net-out"), notation.err());
        Run sample = run("trace", "xor-2-4-1", "--sample", "4");
        assertEquals(2, sample.code(), "sample 4 of 4 samples (0 to 3)");
        Run missing = run("trace");
        assertEquals(2, missing.code());
        Run file = run("trace", "no-such-network-file.json");
        assertEquals(1, file.code());
        assertTrue(file.err().contains("no-such-network-file"), file.err());
    }
}
