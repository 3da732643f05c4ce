package dev.backstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code errata FILE [--json]}, run in-process. */
class ErrataCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    @TempDir
    Path dir;

    private static TraceCommandTest.Run run(String... args) {
        return TraceCommandTest.run(args);
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    /** A few exact values of the slides' example, by hand (x = 0.35, 0.7; t = 0.5; η = 1; δ = −∂E/∂z). */
    private static Map<String, Double> someExactValues() {
        double y3 = sigmoid(0.2 * 0.35 + 0.2 * 0.7);
        double y4 = sigmoid(0.3 * 0.35 + 0.3 * 0.7);
        double a5 = 0.3 * y3 + 0.9 * y4;
        double y5 = sigmoid(a5);
        double delta5 = y5 * (1 - y5) * (0.5 - y5);
        double delta4 = y4 * (1 - y4) * (0.9 * delta5);
        Map<String, Double> v = new HashMap<>();
        v.put("z(o1)", a5);
        v.put("delta(o1)", delta5);
        v.put("delta(h2)", delta4);
        v.put("w(h2->o1)", 0.9 + delta5 * y4);
        return v;
    }

    @Test
    void jsonHasEveryPublishedValueWithItsVerdict() throws Exception {
        TraceCommandTest.Run r = run("errata", "slides-035-07", "--json");
        assertEquals(0, r.code(), "wrong printed values are the finding, not a failure: " + r.err());
        JsonNode root = JSON.readTree(r.out());
        assertTrue(root.isArray());
        assertEquals(23, root.size());
        Map<String, Double> exact = someExactValues();
        int agree = 0;
        for (JsonNode o : root) {
            for (String field : new String[] {"term", "published", "exact", "agrees"}) {
                assertTrue(o.has(field), field + " in " + o);
            }
            assertTrue(o.get("exact").isNumber());
            assertTrue(o.get("agrees").isBoolean());
            String term = o.get("term").asText();
            double value = o.get("exact").asDouble();
            BigDecimal printed = new BigDecimal(o.get("published").asText());
            BigDecimal half = BigDecimal.ONE.movePointLeft(printed.scale()).divide(BigDecimal.valueOf(2));
            boolean mine = new BigDecimal(value).subtract(printed).abs().compareTo(half) <= 0;
            assertEquals(mine, o.get("agrees").asBoolean(), term + " " + printed);
            agree += mine ? 1 : 0;
            if (exact.containsKey(term)) {
                double expected = exact.get(term);
                assertTrue(Math.abs(expected - value) <= 1e-12 * Math.abs(expected), term + ": " + value);
                assertFalse(o.get("agrees").asBoolean(), term + " is printed wrong by the slides");
            }
        }
        assertEquals(5, agree, "z(h1), z(h2), a(o1), error(o1) and delta(h1) are right");
    }

    @Test
    void textSaysHowManyAgree() {
        TraceCommandTest.Run r = run("errata", "slides-035-07");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("5 agree, 18 wrong"), r.out());
        assertTrue(r.out().contains("WRONG"), r.out());
    }

    @Test
    void aFileWithoutPublishedValuesIsAnErrorNamingPublished() {
        TraceCommandTest.Run r = run("errata", "xor-2-4-1");
        assertEquals(1, r.code());
        assertEquals("", r.out());
        assertTrue(r.err().contains("published"), r.err());
        assertTrue(r.err().contains("xor-2-4-1"), r.err());
        assertEquals(1, r.err().lines().count(), "one line, no stack trace: " + r.err());
    }

    @Test
    void anUnknownTermIsAnErrorNamingItsPlace() throws Exception {
        String text = Files.readString(Path.of("sample-networks", "slides-035-07.json"), StandardCharsets.UTF_8);
        String broken = text.replaceFirst("\"term\": \"z\\(h2\\)\"", "\"term\": \"z(h9)\"");
        assertTrue(!broken.equals(text));
        Path file = dir.resolve("broken.json");
        Files.writeString(file, broken, StandardCharsets.UTF_8);
        TraceCommandTest.Run r = run("errata", file.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("published.values[2].term"), r.err());
        assertTrue(r.err().contains("z(h9)"), r.err());
    }

    @Test
    void nextOnABackwardTermIsRejected() throws Exception {
        String text = Files.readString(Path.of("sample-networks", "slides-035-07.json"), StandardCharsets.UTF_8);
        String broken = text.replaceFirst("\"term\": \"next.a\\(h1\\)\"", "\"term\": \"next.delta(h1)\"");
        assertTrue(!broken.equals(text));
        Path file = dir.resolve("next.json");
        Files.writeString(file, broken, StandardCharsets.UTF_8);
        TraceCommandTest.Run r = run("errata", file.toString(), "--json");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("next.delta(h1)"), r.err());
    }

    /** A published value whose exact value is infinite (a saturated softmax's −t/y) is reported, in text and JSON. */
    @Test
    void anInfiniteExactValueIsReportedNotACrash() throws Exception {
        Path file = dir.resolve("saturated.json");
        Files.writeString(file, """
                {
                  "format": "backstep-network",
                  "version": 1,
                  "layers": [
                    {"size": 1, "names": ["x1"]},
                    {"size": 2, "activation": "softmax", "bias": false, "names": ["o1", "o2"]}
                  ],
                  "weights": [[[0, 800]]],
                  "biases": [[]],
                  "loss": "cross-entropy",
                  "optimizer": {"name": "sgd", "learningRate": 0.1},
                  "data": {"inputs": [[1]], "targets": [[1, 0]]},
                  "published": {"notation": "z-a", "values": [
                    {"term": "dEda(o1)", "printed": "-1.0"},
                    {"term": "a(o2)", "printed": "1.00"}
                  ]}
                }
                """, StandardCharsets.UTF_8);
        TraceCommandTest.Run text = run("errata", file.toString());
        assertEquals(0, text.code(), text.err());
        assertTrue(text.out().contains("1 agree, 1 wrong"), text.out());
        assertTrue(text.out().contains("∞"), text.out());
        TraceCommandTest.Run json = run("errata", file.toString(), "--json");
        assertEquals(0, json.code(), json.err());
        JsonNode root = JSON.readTree(json.out());
        assertEquals(2, root.size());
        assertFalse(root.get(0).get("agrees").asBoolean());
        assertEquals(Double.NEGATIVE_INFINITY, root.get(0).get("exact").asDouble());
        assertTrue(root.get(1).get("agrees").asBoolean());
    }

    @Test
    void unknownOptionsAreUsageErrors() {
        assertEquals(2, run("errata", "slides-035-07", "--yaml").code());
        assertEquals(2, run("errata").code());
    }
}
