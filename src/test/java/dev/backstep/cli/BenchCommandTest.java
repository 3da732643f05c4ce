package dev.backstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The bench command's output format; no speed is asserted. */
class BenchCommandTest {
    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
    private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

    private String out() {
        return outBytes.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void quickJsonIsOneObjectWithPositiveFiniteFigures() throws Exception {
        int code = BenchCommand.run(List.of("--quick", "--json"), out, err);

        assertEquals(0, code, err());
        assertEquals("", err());
        String text = out().strip();
        assertEquals(1, text.lines().count(), "one line of JSON: " + text);
        JsonNode root = new ObjectMapper().readTree(text);
        assertTrue(root.isObject());
        assertEquals(Set.of("matmul", "mlp", "xor", "realData"), names(root));

        JsonNode matmul = root.get("matmul");
        assertTrue(matmul.isArray());
        assertEquals(BenchCommand.MATMUL_SIZES.length, matmul.size());
        for (int i = 0; i < matmul.size(); i++) {
            JsonNode product = matmul.get(i);
            assertEquals(Set.of("m", "k", "n", "gflops"), names(product));
            assertEquals(BenchCommand.MATMUL_SIZES[i][0], product.get("m").asInt());
            assertEquals(BenchCommand.MATMUL_SIZES[i][1], product.get("k").asInt());
            assertEquals(BenchCommand.MATMUL_SIZES[i][2], product.get("n").asInt());
            assertPositiveFinite(product.get("gflops"), "gflops of product " + i);
        }
        assertEquals(1024, matmul.get(0).get("m").asInt());

        assertEquals(Set.of("samplesPerSecond"), names(root.get("mlp")));
        assertPositiveFinite(root.get("mlp").get("samplesPerSecond"), "mlp samplesPerSecond");
        assertEquals(Set.of("epochsPerSecond"), names(root.get("xor")));
        assertPositiveFinite(root.get("xor").get("epochsPerSecond"), "xor epochsPerSecond");
        JsonNode real = root.get("realData");
        assertEquals(Set.of("sample", "samples", "samplesPerSecond"), names(real));
        assertTrue(Set.of("fashion-mnist", "digits").contains(real.get("sample").asText()), real.toString());
        assertTrue(real.get("samples").asInt() > 1000, real.toString());
        assertPositiveFinite(real.get("samplesPerSecond"), "realData samplesPerSecond");
    }

    @Test
    void unknownOptionIsOneLineOnStderrAndExitCode2() {
        int code = BenchCommand.run(List.of("--quick", "--fast"), out, err);

        assertEquals(2, code);
        assertEquals("", out());
        assertEquals(1, err().lines().count(), err());
        assertTrue(err().contains("--fast"), err());
        assertTrue(err().contains(BenchCommand.SYNOPSIS), err());
    }

    private static Set<String> names(JsonNode node) {
        Set<String> names = new TreeSet<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    private static void assertPositiveFinite(JsonNode value, String what) {
        assertTrue(value != null && value.isNumber(), what + " is not a number: " + value);
        double v = value.asDouble();
        assertTrue(Double.isFinite(v) && v > 0, what + " is " + v);
    }
}
