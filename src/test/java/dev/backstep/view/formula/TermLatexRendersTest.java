package dev.backstep.view.formula;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backstep.io.SampleNetworks;
import dev.backstep.io.TestSamples;
import dev.backstep.model.SessionWorker;
import dev.backstep.trace.Notation;
import dev.backstep.trace.StepTrace;
import dev.backstep.trace.Term;
import javafx.scene.paint.Color;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;

/**
 * The real test that the trace's LaTeX is LaTeX that JLaTeXMath understands: every term of the first step of every
 * bundled network, in every notation, is rendered exactly as the formula panel renders it, and none may fall back
 * to plain text. JLaTeXMath also accepts some broken input silently (an unclosed brace), so braces and
 * {@code \left}/{@code \right} must balance too, in the whole line and in each part the panel may break it into,
 * and the source must be ASCII (other characters would depend on the fonts of the machine).
 */
class TermLatexRendersTest {
    @BeforeAll
    static void startFx() throws InterruptedException {
        FxSupport.start();
    }

    static List<String> networks() {
        // Every term of a network with thousands of weights would take minutes to render.
        List<String> names = SampleNetworks.names().stream().filter(TestSamples::suitsPerWeightChecks).toList();
        assertFalse(names.isEmpty(), "no bundled sample networks found");
        return names;
    }

    @ParameterizedTest
    @MethodSource("networks")
    void everyTermOfTheFirstStepRendersInEveryNotation(String network) throws Exception {
        StepTrace trace;
        try (SessionWorker worker = new SessionWorker(SampleNetworks.load(network))) {
            worker.stepTerm();
            trace = worker.await().trace();
        }
        assertTrue(trace.size() > 0);
        // One entry: the rendering is what is tested, not the cache.
        LatexImages images = new LatexImages(1, 1L << 30);
        List<String> failures = new ArrayList<>();
        int rendered = 0;
        for (Notation notation : Notation.values()) {
            StepTrace t = trace.withNotation(notation);
            for (int i = 0; i < t.size(); i++) {
                Term term = t.term(i);
                for (String latex : FormulaPanel.latexOf(term)) {
                    String problem = wellFormed(latex);
                    // The panel may break a long line at its top-level operators: each part must stand alone.
                    FormulaLines.Breakable breakable = FormulaLines.breakable(latex);
                    for (int k = 0; breakable != null && k < breakable.parts().size(); k++) {
                        String part = breakable.line(k, k + 1);
                        String partProblem = wellFormed(part);
                        if (problem == null && partProblem != null) {
                            problem = "broken part \"" + part + "\": " + partProblem;
                        }
                    }
                    LatexImages.Rendered r = images.render(latex, 20, Color.BLACK);
                    rendered++;
                    if (!r.ok()) {
                        problem = "JLaTeXMath: " + r.error();
                    }
                    if (problem != null && failures.size() < 20) {
                        failures.add(notation.id() + " " + term.key() + ": " + latex + "  (" + problem + ")");
                    }
                }
            }
        }
        assertEquals(List.of(), failures, network + ": terms whose LaTeX does not render");
        assertTrue(rendered >= 2 * 3 * trace.size(), "each term is at least a symbol and a formula");
        assertEquals(0, images.fallbacks());
    }

    /** Null when balanced and ASCII, otherwise what is wrong. */
    static String wellFormed(String latex) {
        int depth = 0;
        for (int i = 0; i < latex.length(); i++) {
            char c = latex.charAt(i);
            if (c > 127) {
                return "non-ASCII character '" + c + "'";
            }
            if (c == '\\' && i + 1 < latex.length() && "{}".indexOf(latex.charAt(i + 1)) >= 0) {
                i++; // an escaped brace
            } else if (c == '{') {
                depth++;
            } else if (c == '}' && --depth < 0) {
                return "a '}' closes nothing";
            }
        }
        if (depth != 0) {
            return depth + " unclosed '{'";
        }
        int left = count(latex, "\\left");
        int right = count(latex, "\\right");
        return left == right ? null : left + " \\left but " + right + " \\right";
    }

    private static int count(String s, String word) {
        int n = 0;
        for (int i = s.indexOf(word); i >= 0; i = s.indexOf(word, i + 1)) {
            // \leftarrow, \rightarrow are not delimiters
            int end = i + word.length();
            if (end >= s.length() || !Character.isLetter(s.charAt(end))) {
                n++;
            }
        }
        return n;
    }
}
