package dev.backstep.io;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.backstep.trace.Numbers;
import dev.backstep.trace.Phase;
import dev.backstep.trace.StepTrace;
import dev.backstep.trace.Term;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Writes every term of a step in one of the {@link TraceFormat}s. Terms are written as they are built, so a step
 * with millions of terms streams rather than filling memory.
 */
public final class TraceWriter {
    private TraceWriter() {
    }

    /** Writes the trace; {@code title} says what was traced, e.g. "slides-035-07, sample 0". */
    public static void write(StepTrace trace, TraceFormat format, String title, OutputStream out) throws IOException {
        if (format == TraceFormat.JSON) {
            writeJson(trace, out);
            return;
        }
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        switch (format) {
            case TEXT:
                writeText(trace, title, writer);
                break;
            case LATEX:
                writeLatex(trace, title, writer);
                break;
            case MARKDOWN:
                writeMarkdown(trace, title, writer);
                break;
            default:
                writeCsv(trace, writer);
        }
        writer.flush();
    }

    private static String element(StepTrace trace, Term term) {
        return term.element().name(trace.labels());
    }

    private static String sample(Term term) {
        return term.sample() < 0 ? "" : Integer.toString(term.sample());
    }

    private static String phaseTitle(Phase phase) {
        switch (phase) {
            case FORWARD:
                return "Forward pass";
            case LOSS:
                return "Loss";
            case BACKWARD:
                return "Backward pass";
            default:
                return "Update";
        }
    }

    private static void writeText(StepTrace trace, String title, Writer out) throws IOException {
        out.write(title + " — " + trace.size() + " terms, notation " + trace.notation().id() + "\n");
        Phase phase = null;
        int width = Integer.toString(trace.size() - 1).length();
        for (int i = 0; i < trace.size(); i++) {
            Term term = trace.term(i);
            if (term.phase() != phase) {
                phase = term.phase();
                out.write("\n" + phaseTitle(phase) + "\n");
            }
            String where = trace.sampleCount() > 1 && term.sample() >= 0 ? term.sampleLabel() + ": " : "";
            out.write(String.format(Locale.ROOT, "  %" + width + "d  %s%s", i, where, term.textLine()));
            if (!term.note().isEmpty()) {
                out.write("   (" + term.note() + ")");
            }
            out.write("\n");
        }
    }

    private static void writeJson(StepTrace trace, OutputStream out) throws IOException {
        JsonGenerator json = new JsonFactory().createGenerator(out, JsonEncoding.UTF8);
        json.writeStartArray();
        for (int i = 0; i < trace.size(); i++) {
            Term term = trace.term(i);
            json.writeStartObject();
            json.writeNumberField("index", term.index());
            json.writeStringField("phase", term.phase().id());
            json.writeStringField("key", term.key());
            json.writeStringField("symbol", term.symbol().latex());
            json.writeStringField("formula", term.formula().latex());
            json.writeStringField("substituted", term.substituted().latex());
            writeNumber(json, "value", term.value());
            json.writeArrayFieldStart("uses");
            for (int use : term.uses()) {
                json.writeNumber(use);
            }
            json.writeEndArray();
            json.writeStringField("element", element(trace, term));
            json.writeStringField("elementKind", term.element().kind().name().toLowerCase(Locale.ROOT));
            if (term.sample() >= 0) {
                json.writeNumberField("sample", term.sample());
            }
            json.writeStringField("symbolText", term.symbol().text());
            json.writeStringField("formulaText", term.formula().text());
            json.writeStringField("substitutedText", term.substituted().text());
            if (!term.note().isEmpty()) {
                json.writeStringField("note", term.note());
            }
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeRaw('\n');
        json.flush();
    }

    /** JSON has no NaN or infinity: those are written as strings, finite values as numbers. */
    private static void writeNumber(JsonGenerator json, String field, double value) throws IOException {
        if (Double.isFinite(value)) {
            json.writeNumberField(field, value);
        } else {
            json.writeStringField(field, Double.toString(value));
        }
    }

    private static void writeLatex(StepTrace trace, String title, Writer out) throws IOException {
        out.write("% Backstep: " + latexComment(title) + ", " + trace.size() + " terms, notation "
                + trace.notation().id() + "\n");
        out.write("% needs \\usepackage{amsmath}; long sums are shortened with \\cdots\n");
        out.write("\\begin{align*}\n");
        Phase phase = null;
        for (int i = 0; i < trace.size(); i++) {
            Term term = trace.term(i);
            if (term.phase() != phase) {
                phase = term.phase();
                out.write("\\intertext{" + escapeLatexText(phaseTitle(phase)) + "}\n");
            }
            out.write(term.latexLine());
            if (!term.note().isEmpty()) {
                out.write(" && \\text{" + escapeLatexText(term.note()) + "}");
            }
            out.write(i < trace.size() - 1 ? " \\\\\n" : "\n");
        }
        out.write("\\end{align*}\n");
    }

    private static String latexComment(String text) {
        return text.replace('\n', ' ');
    }

    /** Unicode superscripts as Numbers writes them (⁻⁵, ⁽²⁾…) and the plain characters they stand for. */
    private static final String SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺⁽⁾";
    private static final String SUPERSCRIPT_PLAIN = "0123456789-+()";

    /** Math symbols that notes write in Unicode, as LaTeX (pdfLaTeX stops at a Unicode minus or ∂ in text). */
    private static final String[][] UNICODE_MATH = {
        {"−", "$-$"}, {"·", "$\\cdot$"}, {"×", "$\\times$"}, {"…", "\\ldots{}"}, {"‖", "$\\|$"}, {"|", "$|$"},
        {"<", "$<$"}, {">", "$>$"}, {"≤", "$\\le$"}, {"≥", "$\\ge$"}, {"√", "$\\surd$"}, {"∂", "$\\partial$"},
        {"Σ", "$\\Sigma$"}, {"δ", "$\\delta$"}, {"η", "$\\eta$"}, {"μ", "$\\mu$"}, {"ρ", "$\\rho$"},
        {"β", "$\\beta$"}, {"λ", "$\\lambda$"}, {"ε", "$\\epsilon$"}, {"σ", "$\\sigma$"}, {"θ", "$\\theta$"},
        {"∞", "$\\infty$"}, {"½", "$\\frac{1}{2}$"}, {"→", "$\\to$"}};

    /**
     * Escapes LaTeX's special characters for use inside \text{…}, and writes the Unicode math of notes (−, ·, ∂, δ,
     * superscript exponents…) as LaTeX, so the block compiles with pdfLaTeX too.
     */
    static String escapeLatexText(String text) {
        StringBuilder out = new StringBuilder();
        for (int k = 0; k < text.length(); k++) {
            char c = text.charAt(k);
            if (SUPERSCRIPTS.indexOf(c) >= 0) {
                StringBuilder sup = new StringBuilder();
                while (k < text.length() && SUPERSCRIPTS.indexOf(text.charAt(k)) >= 0) {
                    sup.append(SUPERSCRIPT_PLAIN.charAt(SUPERSCRIPTS.indexOf(text.charAt(k))));
                    k++;
                }
                k--;
                out.append("\\textsuperscript{").append(sup).append('}');
                continue;
            }
            String math = null;
            for (String[] pair : UNICODE_MATH) {
                if (pair[0].charAt(0) == c) {
                    math = pair[1];
                    break;
                }
            }
            if (math != null) {
                out.append(math);
                continue;
            }
            switch (c) {
                case '\\':
                    out.append("\\textbackslash{}");
                    break;
                case '{':
                case '}':
                case '%':
                case '$':
                case '&':
                case '#':
                case '_':
                    out.append('\\').append(c);
                    break;
                case '^':
                    out.append("\\textasciicircum{}");
                    break;
                case '~':
                    out.append("\\textasciitilde{}");
                    break;
                default:
                    out.append(c);
            }
        }
        return out.toString();
    }

    private static void writeMarkdown(StepTrace trace, String title, Writer out) throws IOException {
        out.write("# " + escapeMarkdown(title) + "\n\n");
        out.write(trace.size() + " terms, notation `" + trace.notation().id() + "`.\n\n");
        out.write("| # | phase | term | formula | with numbers | value | element | note |\n");
        out.write("|---:|---|---|---|---|---:|---|---|\n");
        for (int i = 0; i < trace.size(); i++) {
            Term term = trace.term(i);
            out.write("| " + i + " | " + term.phase().id() + " | " + escapeMarkdown(term.symbol().text()) + " | "
                    + escapeMarkdown(term.formula().text()) + " | " + escapeMarkdown(term.substituted().text()) + " | "
                    + escapeMarkdown(Numbers.format(term.value(), 10, true)) + " | "
                    + escapeMarkdown(term.element().describe(trace.labels())
                    + (trace.sampleCount() > 1 && term.sample() >= 0 ? ", " + term.sampleLabel() : "")) + " | "
                    + escapeMarkdown(term.note()) + " |\n");
        }
    }

    /** Markdown table cells end at | and at line breaks; * _ ` would start emphasis or code. */
    static String escapeMarkdown(String text) {
        return text.replace("\\", "\\\\").replace("|", "\\|").replace("*", "\\*").replace("_", "\\_")
                .replace("`", "\\`").replace("\n", " ");
    }

    private static void writeCsv(StepTrace trace, Writer out) throws IOException {
        out.write("index,phase,key,sample,element,symbol,formula,substituted,value,uses,note,"
                + "symbol_latex,formula_latex,substituted_latex\r\n");
        for (int i = 0; i < trace.size(); i++) {
            Term term = trace.term(i);
            StringBuilder uses = new StringBuilder();
            for (int use : term.uses()) {
                uses.append(uses.length() == 0 ? "" : " ").append(use);
            }
            String[] cells = {Integer.toString(i), term.phase().id(), term.key(), sample(term), element(trace, term),
                term.symbol().text(), term.formula().text(), term.substituted().text(), Numbers.exact(term.value()),
                uses.toString(), term.note(), term.symbol().latex(), term.formula().latex(),
                term.substituted().latex()};
            for (int c = 0; c < cells.length; c++) {
                out.write((c == 0 ? "" : ",") + csv(cells[c]));
            }
            out.write("\r\n");
        }
    }

    /** RFC 4180: quote a cell holding a comma, quote or line break, doubling its quotes. */
    static String csv(String cell) {
        if (cell.contains(",") || cell.contains("\"") || cell.contains("\n") || cell.contains("\r")) {
            return "\"" + cell.replace("\"", "\"\"") + "\"";
        }
        return cell;
    }
}
