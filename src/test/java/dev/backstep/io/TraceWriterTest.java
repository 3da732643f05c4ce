package dev.backstep.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backstep.engine.Activation;
import dev.backstep.engine.Batching;
import dev.backstep.engine.Dataset;
import dev.backstep.engine.Loss;
import dev.backstep.engine.Matrix;
import dev.backstep.engine.Network;
import dev.backstep.engine.OptimizerKind;
import dev.backstep.engine.OptimizerSettings;
import dev.backstep.engine.Parameter;
import dev.backstep.engine.Reduction;
import dev.backstep.engine.Trainer;
import dev.backstep.engine.TrainingSettings;
import dev.backstep.trace.NetworkLabels;
import dev.backstep.trace.Notation;
import dev.backstep.trace.StepTrace;
import dev.backstep.trace.Term;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every export format of a trace: parsed back with a real parser (or a strict one written here) and checked. */
class TraceWriterTest {
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** Traces with notes, batches, frozen biases, clipping, relu (whose notes hold −, ·, |z|, commas…). */
    static Stream<StepTrace> traces() throws Exception {
        List<StepTrace> all = new ArrayList<>();
        for (String name : List.of("slides-035-07", "mazur-2-2-2", "circle", "xor-2-2-1")) {
            NetworkDefinition d = SampleNetworks.load(name);
            all.add(StepTrace.ofNextStep(d.newTrainer(), d.labels(), d.notation()));
        }
        all.add(reluSoftmaxTrace(OptimizerSettings.defaults(OptimizerKind.ADAM).withClipping(0.5, 0.01)
                .withWeightDecay(0.1), Notation.Z_A));
        all.add(reluSoftmaxTrace(OptimizerSettings.defaults(OptimizerKind.MOMENTUM), Notation.SLIDES));
        return all.stream();
    }

    /** A 3-4-3 relu/softmax network, batch of 3, some z below zero (so relu's note shows a negative number). */
    static StepTrace reluSoftmaxTrace(OptimizerSettings optimizer, Notation notation) {
        Network network = new Network(new int[] {3, 4, 3}, new Activation[] {Activation.RELU, Activation.SOFTMAX},
                new boolean[] {true, true}, Loss.CROSS_ENTROPY, Reduction.MEAN);
        Random random = new Random(3);
        for (Parameter p : network.parameters()) {
            for (int i = 0; i < p.size(); i++) {
                p.value()[i] = random.nextGaussian() * 1e-3 * (i + 1);
            }
        }
        double[][] x = {{1, -2, 0.5}, {0.1, 0.2, -0.3}, {-1, 1, 2}};
        double[][] t = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
        Trainer trainer = new Trainer(network, new Dataset(Matrix.of(x), Matrix.of(t)), null,
                new TrainingSettings(Batching.full(), false, 1, 1), optimizer);
        return StepTrace.ofNextStep(trainer, NetworkLabels.defaults(network), notation);
    }

    private static String write(StepTrace trace, TraceFormat format, String title) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TraceWriter.write(trace, format, title, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @MethodSource("traces")
    void jsonIsOneObjectPerTermInOrder(StepTrace trace) throws Exception {
        JsonNode root = JSON.readTree(write(trace, TraceFormat.JSON, "t"));
        assertTrue(root.isArray());
        assertEquals(trace.size(), root.size());
        for (int i = 0; i < trace.size(); i++) {
            JsonNode o = root.get(i);
            Term term = trace.term(i);
            assertTrue(o.isObject());
            for (String field : List.of("index", "phase", "symbol", "formula", "substituted", "value", "uses",
                    "element", "key")) {
                assertTrue(o.has(field), "term " + i + " has " + field + ": " + o);
            }
            assertEquals(i, o.get("index").asInt());
            assertEquals(term.phase().id(), o.get("phase").asText());
            assertEquals(term.key(), o.get("key").asText());
            assertEquals(term.symbol().latex(), o.get("symbol").asText());
            assertEquals(term.formula().latex(), o.get("formula").asText());
            assertEquals(term.substituted().latex(), o.get("substituted").asText());
            assertTrue(o.get("value").isNumber(), "a finite value is a JSON number");
            assertEquals(term.value(), o.get("value").asDouble(), 0.0, "the value round-trips exactly");
            assertTrue(o.get("uses").isArray());
            assertEquals(term.uses().length, o.get("uses").size());
            for (int u = 0; u < term.uses().length; u++) {
                assertEquals(term.uses()[u], o.get("uses").get(u).asInt());
                assertTrue(term.uses()[u] < i);
            }
            assertEquals(term.element().name(trace.labels()), o.get("element").asText());
            assertEquals(term.sample() >= 0, o.has("sample"));
            assertEquals(!term.note().isEmpty(), o.has("note"));
        }
    }

    private static final Pattern TOKENS = Pattern.compile("\\\\left(?![A-Za-z])|\\\\right(?![A-Za-z])|\\\\[{}%&#_$]|[{}]");

    private static void checkBalanced(String latex, String where) {
        Deque<String> stack = new ArrayDeque<>();
        Matcher m = TOKENS.matcher(latex);
        while (m.find()) {
            String token = m.group();
            if (token.equals("{") || token.equals("\\left")) {
                stack.push(token);
            } else if (token.equals("}")) {
                if (stack.isEmpty() || !stack.pop().equals("{")) {
                    fail(where + ": unbalanced } at " + m.start());
                }
            } else if (token.equals("\\right")) {
                if (stack.isEmpty() || !stack.pop().equals("\\left")) {
                    fail(where + ": unbalanced \\right at " + m.start());
                }
            }
        }
        assertTrue(stack.isEmpty(), where + ": unclosed " + stack);
    }

    @ParameterizedTest
    @MethodSource("traces")
    void latexIsOneBalancedAlignBlock(StepTrace trace) throws Exception {
        String latex = write(trace, TraceFormat.LATEX, "a title with 50% & more");
        assertEquals(1, count(latex, "\\begin{align*}"));
        assertEquals(1, count(latex, "\\end{align*}"));
        assertTrue(latex.indexOf("\\begin{align*}") < latex.indexOf("\\end{align*}"));
        List<String> body = new ArrayList<>();
        for (String line : latex.split("\n")) {
            if (!line.startsWith("%")) {
                body.add(line);
                checkBalanced(line, "line " + line);
            }
        }
        checkBalanced(String.join("\n", body), "the block");
        int termLines = 0;
        for (String line : body) {
            if (line.contains("&=")) {
                termLines++;
                // one term per line, the line break after every term but the last
            }
            // outside comments, every % is escaped (an unescaped one would comment out the rest of the line)
            assertFalse(Pattern.compile("(?<!\\\\)%").matcher(line).find(), "unescaped % in " + line);
            // pdfLaTeX-safe: notes' Unicode math is written as LaTeX
            assertTrue(line.chars().allMatch(c -> c < 128), "non-ASCII in " + line);
        }
        assertEquals(trace.size(), termLines, "one line per term");
        for (int i = 0; i < trace.size(); i++) {
            Term term = trace.term(i);
            if (!term.note().isEmpty()) {
                assertTrue(latex.contains("\\text{" + TraceWriter.escapeLatexText(term.note()) + "}"), term.note());
            }
        }
    }

    @Test
    void latexEscapesTheSpecialCharactersOfNotes() {
        assertEquals("50\\% \\& a\\_b \\#1 \\{x\\} \\$5 \\textbackslash{} \\textasciicircum{} \\textasciitilde{}",
                TraceWriter.escapeLatexText("50% & a_b #1 {x} $5 \\ ^ ~"));
        assertEquals("max(z, 0) $-$ z$\\cdot$t + log(1 + e\\textasciicircum{}$-$$|$z$|$)",
                TraceWriter.escapeLatexText("max(z, 0) − z·t + log(1 + e^−|z|)"));
        assertEquals("1.5$\\times$10\\textsuperscript{-5}", TraceWriter.escapeLatexText("1.5×10⁻⁵"));
        assertEquals("$\\partial$E/$\\partial$a, $\\delta$ = a $-$ t",
                TraceWriter.escapeLatexText("∂E/∂a, δ = a − t"));
        String hostile = "%&_#{}$\\^~ text";
        checkBalanced(TraceWriter.escapeLatexText(hostile), "escaped");
    }

    @ParameterizedTest
    @MethodSource("traces")
    void markdownIsATableWithOneRowPerTerm(StepTrace trace) throws Exception {
        String md = write(trace, TraceFormat.MARKDOWN, "a | title_with *marks*");
        List<String> lines = md.lines().toList();
        assertTrue(lines.get(0).startsWith("# "), lines.get(0));
        int header = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("|")) {
                header = i;
                break;
            }
        }
        assertTrue(header > 0, "a table");
        List<String> headerCells = cells(lines.get(header));
        int columns = headerCells.size();
        assertTrue(columns >= 6, "columns: " + headerCells);
        List<String> delimiter = cells(lines.get(header + 1));
        assertEquals(columns, delimiter.size());
        assertTrue(delimiter.stream().allMatch(c -> c.matches(":?-+:?")), "delimiter row: " + delimiter);
        List<String> rows = lines.subList(header + 2, lines.size()).stream().filter(l -> l.startsWith("|")).toList();
        assertEquals(trace.size(), rows.size(), "one row per term");
        assertEquals(lines.size(), header + 2 + rows.size(), "nothing after the table");
        boolean sawEscapedPipe = false;
        for (int i = 0; i < rows.size(); i++) {
            List<String> cells = cells(rows.get(i));
            assertEquals(columns, cells.size(), "row " + i + ": " + rows.get(i));
            assertEquals(Integer.toString(i), cells.get(0));
            assertEquals(trace.term(i).phase().id(), cells.get(1));
            sawEscapedPipe |= rows.get(i).contains("\\|");
        }
        assertFalse(md.contains("|z|"), "an unescaped |z| would split a cell");
        assertTrue(sawEscapedPipe || !containsPipe(trace), "notes with | are escaped");
    }

    private static boolean containsPipe(StepTrace trace) {
        for (int i = 0; i < trace.size(); i++) {
            Term t = trace.term(i);
            if ((t.note() + t.formula().text() + t.substituted().text() + t.symbol().text()).contains("|")) {
                return true;
            }
        }
        return false;
    }

    /** The cells of a GitHub table row: split at pipes not escaped by a backslash, outer pipes dropped. */
    static List<String> cells(String row) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        String inner = row.strip();
        assertTrue(inner.startsWith("|") && inner.endsWith("|") && !inner.endsWith("\\|"), "row: " + row);
        inner = inner.substring(1, inner.length() - 1);
        for (int i = 0; i < inner.length(); i++) {
            char c = inner.charAt(i);
            if (c == '\\' && i + 1 < inner.length()) {
                cell.append(c).append(inner.charAt(++i));
            } else if (c == '|') {
                cells.add(cell.toString().strip());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString().strip());
        return cells;
    }

    @ParameterizedTest
    @MethodSource("traces")
    void csvParsesWithQuotingIntoOneRowPerTerm(StepTrace trace) throws Exception {
        String csv = write(trace, TraceFormat.CSV, "t");
        List<List<String>> rows = parseCsv(csv);
        assertEquals(trace.size() + 1, rows.size(), "a header and one row per term");
        int columns = rows.get(0).size();
        List<String> header = rows.get(0);
        assertTrue(header.containsAll(List.of("index", "phase", "key", "symbol", "formula", "substituted", "value",
                "uses", "note")), header.toString());
        for (int i = 1; i < rows.size(); i++) {
            assertEquals(columns, rows.get(i).size(), "row " + i);
            Term term = trace.term(i - 1);
            List<String> row = rows.get(i);
            assertEquals(Integer.toString(i - 1), row.get(header.indexOf("index")));
            assertEquals(term.key(), row.get(header.indexOf("key")));
            assertEquals(term.formula().text(), row.get(header.indexOf("formula")));
            assertEquals(term.substituted().text(), row.get(header.indexOf("substituted")));
            assertEquals(term.note(), row.get(header.indexOf("note")));
            assertEquals(term.value(), Double.parseDouble(row.get(header.indexOf("value"))), 0.0, "exact value");
        }
    }

    /** RFC 4180: fields separated by commas, records by CRLF; quoted fields may hold commas, quotes (doubled), breaks. */
    static List<List<String>> parseCsv(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        boolean quoted = false;
        boolean fieldStart = true;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i += 2;
                        continue;
                    }
                    quoted = false;
                    i++;
                    assertTrue(i >= text.length() || text.charAt(i) == ',' || text.charAt(i) == '\r',
                            "a closing quote ends the field at " + i);
                    continue;
                }
                field.append(c);
                i++;
                continue;
            }
            if (c == '"' && fieldStart) {
                quoted = true;
                fieldStart = false;
                i++;
            } else if (c == '"') {
                fail("a quote inside an unquoted field at " + i);
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
                fieldStart = true;
                i++;
            } else if (c == '\r') {
                assertTrue(i + 1 < text.length() && text.charAt(i + 1) == '\n', "CRLF at " + i);
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                fieldStart = true;
                i += 2;
            } else {
                assertTrue(c != '\n', "a bare line feed outside quotes at " + i);
                field.append(c);
                fieldStart = false;
                i++;
            }
        }
        assertFalse(quoted, "unterminated quote");
        assertTrue(row.isEmpty() && field.length() == 0, "the last record ends with CRLF");
        return rows;
    }

    @Test
    void csvQuotesWhatNeedsQuoting() {
        assertEquals("plain", TraceWriter.csv("plain"));
        assertEquals("\"a,b\"", TraceWriter.csv("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", TraceWriter.csv("say \"hi\""));
        assertEquals("\"two\nlines\"", TraceWriter.csv("two\nlines"));
        assertEquals(List.of(List.of("a,b", "say \"hi\"", "two\nlines", "")),
                parseCsv(TraceWriter.csv("a,b") + "," + TraceWriter.csv("say \"hi\"") + ","
                        + TraceWriter.csv("two\nlines") + ",\r\n"));
    }

    @ParameterizedTest
    @MethodSource("traces")
    void textHasOneLinePerTermUnderPhaseHeadings(StepTrace trace) throws Exception {
        String text = write(trace, TraceFormat.TEXT, "title");
        List<String> lines = text.lines().toList();
        assertTrue(lines.get(0).startsWith("title"));
        long termLines = lines.stream().filter(l -> l.matches("\\s+\\d+\\s+.*")).count();
        assertEquals(trace.size(), termLines);
        assertFalse(text.contains("\\"), "no LaTeX in text");
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
