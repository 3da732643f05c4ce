package dev.backstep.io;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** The forms a trace is exported in (on the command line and from the app). */
public enum TraceFormat {
    /** One line per term, Unicode formulas, for a terminal. */
    TEXT("text"),
    /** An array of objects with index, phase, symbol, formula, substituted, value, uses, element, … */
    JSON("json"),
    /** An align* block to paste into slides (needs amsmath). */
    LATEX("latex"),
    /** A table with one row per term. */
    MARKDOWN("markdown"),
    /** One row per term, text and LaTeX columns. */
    CSV("csv");

    private final String id;

    TraceFormat(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Optional<TraceFormat> byId(String id) {
        return Arrays.stream(values()).filter(f -> f.id.equals(id)).findFirst();
    }

    public static String names() {
        return Arrays.stream(values()).map(TraceFormat::id).collect(Collectors.joining(", "));
    }

    /** The usual file extension, without the dot. */
    public String extension() {
        switch (this) {
            case LATEX:
                return "tex";
            case MARKDOWN:
                return "md";
            case TEXT:
                return "txt";
            default:
                return id;
        }
    }
}
