package dev.backstep.view.formula;

import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.image.ImageView;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;

import java.util.ArrayList;
import java.util.List;

/**
 * A few lines of LaTeX laid out like an {@code align*} block: a left column (the symbol) and, beside it, lines that
 * each begin with a relation ("= …"), the relations one under the other:
 * <pre>
 *   δ₅ = y₅(1 − y₅)(t − y₅)
 *      = 0.665074 · (1 − 0.665074) · (0.5 − 0.665074)
 * </pre>
 * Nothing is ever cut off. A line wider than the space it has is, in this order of preference:
 * <ol>
 *   <li>rendered again a little smaller (down to {@value #BREAK_BELOW} of the size), as sharp as the others;</li>
 *   <li>broken, as a typesetter would, before a top-level {@code +}, {@code −} or {@code ·}, the continuation
 *       lines indented ({@link #breakPoints(String)}); a line with none is broken inside its widest
 *       {@code \left(…\right)} group, closed and reopened with invisible delimiters ({@link #breakable(String)});
 *       never inside a fraction, a root or an exponent; a few rows at most (a smaller size rather than a
 *       screenful of rows);</li>
 *   <li>moved under the symbol instead of beside it, when that leaves it larger;</li>
 *   <li>rendered as small as it must be to fit.</li>
 * </ol>
 * The left column shrinks only when it would take more than {@value #MAX_LEFT_SHARE} of the width. The preferred
 * width is capped at {@value #PREF_WIDTH_CAP} px so that one long formula does not widen the window's layout: it
 * gets the width its parent gives it. FX thread only.
 */
final class FormulaLines extends Region {
    static final double MAX_LEFT_SHARE = 0.4;
    static final double PREF_WIDTH_CAP = 560;
    /** A line that would have to shrink below this fraction of the size is broken into several, if it can be. */
    static final double BREAK_BELOW = 0.72;
    /** Beside the symbol, lines drawn smaller than this fraction of the size make the block try lines under it. */
    static final double STACK_BELOW = 0.8;
    /** A line is broken into at most this many. */
    static final int MAX_BREAKS = 6;
    /** A broken line is drawn at no less than this fraction of the size (below, it is shrunk whole instead). */
    static final double BREAK_MIN_SCALE = 0.5;
    /**
     * A broken line may be as tall as this many glyph sizes, or this many times its unbroken height, whichever is
     * more; beyond that it is broken into fewer lines at a smaller size.
     */
    static final double BREAK_HEIGHT_SIZES = 6.5;
    static final double BREAK_HEIGHT_LINES = 2.5;
    /** Lines are never drawn smaller than this fraction of the size (a hard floor: then the image is scaled). */
    private static final double MIN_SCALE = 0.2;
    /** Sizes are rounded down to this step so that resizing the window reuses cached images. */
    private static final double SIZE_STEP = 0.5;
    /** Continuation lines of a broken line are indented by this many sizes. */
    private static final double CONTINUATION_INDENT = 1.2;
    /**
     * Starts a continuation line: JLaTeXMath drops an empty group, which would make the operator that follows a
     * unary one (no space after it); an empty ordinary atom keeps it binary, as TeX's {@code {}+} does.
     */
    static final String CONTINUATION = "\\mathord{} ";

    private final LatexImages images;
    private final List<ImageView> views = new ArrayList<>();

    private String leftLatex = "";
    private List<String> rightLatex = List.of();
    private double size = 30;
    private Color color = Color.BLACK;
    private double renderScale = 1;
    private double lineGap = 0.3;
    private boolean allRendered = true;
    private boolean stacked;
    private int rowsShown;

    FormulaLines(LatexImages images) {
        this.images = images;
        getStyleClass().add("formula-lines");
    }

    /**
     * Sets the content.
     *
     * @param leftLatex  the left column, e.g. {@code \delta_{5}}; may be empty
     * @param rightLatex the lines beside it, each usually starting with {@code {} =}
     */
    void setLines(String leftLatex, List<String> rightLatex) {
        if (leftLatex.equals(this.leftLatex) && rightLatex.equals(this.rightLatex)) {
            return;
        }
        this.leftLatex = leftLatex;
        this.rightLatex = List.copyOf(rightLatex);
        requestLayout();
    }

    /** Glyph size in layout pixels, and the text colour. */
    void setAppearance(double size, Color color) {
        if (size != this.size || !color.equals(this.color)) {
            this.size = size;
            this.color = color;
            requestLayout();
        }
    }

    /** Device pixels per layout pixel (2 on a HiDPI screen), so that formulas are rendered sharp. */
    void setRenderScale(double value) {
        double v = value > 0 && Double.isFinite(value) ? value : 1;
        if (v != renderScale) {
            renderScale = v;
            requestLayout();
        }
    }

    /** True when every line of the last layout was rendered by JLaTeXMath (none fell back to plain text). */
    boolean allRendered() {
        return allRendered;
    }

    /** True when the last layout put the lines under the symbol (too narrow to put them beside it). */
    boolean stacked() {
        return stacked;
    }

    /** Rows of the last layout (a broken line counts each of its parts). */
    int rowsShown() {
        return rowsShown;
    }

    List<String> rightLatex() {
        return rightLatex;
    }

    String leftLatex() {
        return leftLatex;
    }

    @Override
    public Orientation getContentBias() {
        return Orientation.HORIZONTAL;
    }

    @Override
    protected double computeMinWidth(double height) {
        return snappedLeftInset() + snappedRightInset() + 40;
    }

    @Override
    protected double computePrefWidth(double height) {
        Plan plan = plan(PREF_WIDTH_CAP);
        return Math.min(PREF_WIDTH_CAP, plan.width) + snappedLeftInset() + snappedRightInset();
    }

    @Override
    protected double computeMinHeight(double width) {
        return computePrefHeight(width);
    }

    @Override
    protected double computePrefHeight(double width) {
        double inner = width < 0 ? PREF_WIDTH_CAP : width - snappedLeftInset() - snappedRightInset();
        return plan(inner).height + snappedTopInset() + snappedBottomInset();
    }

    @Override
    protected double computeMaxHeight(double width) {
        return computePrefHeight(width);
    }

    @Override
    protected void layoutChildren() {
        Insets in = getInsets();
        double inner = getWidth() - in.getLeft() - in.getRight();
        Plan plan = plan(inner);
        allRendered = plan.ok;
        stacked = plan.stacked;
        rowsShown = plan.rows.size();
        int used = 0;
        double y = in.getTop();
        for (Row row : plan.rows) {
            for (Piece piece : row.pieces) {
                place(view(used++), piece.placed, in.getLeft() + piece.x, y + row.ascent - piece.placed.baseline);
            }
            y += row.ascent + row.descent + plan.gap;
        }
        for (int i = used; i < views.size(); i++) {
            views.get(i).setImage(null);
            views.get(i).setVisible(false);
        }
    }

    private ImageView view(int index) {
        while (views.size() <= index) {
            ImageView view = new ImageView();
            view.setSmooth(true);
            views.add(view);
            getChildren().add(view);
        }
        return views.get(index);
    }

    private static void place(ImageView view, Placed p, double x, double y) {
        view.setVisible(true);
        view.setImage(p.rendered.image());
        view.setFitWidth(p.width);
        view.setFitHeight(p.height);
        // The ink box starts at x: the transparent margin lies to its left.
        view.relocate(x - p.pad, y);
    }

    /** One image at its displayed size (layout pixels); {@code pad} and {@code baseline} likewise. */
    private record Placed(LatexImages.Rendered rendered, double width, double height, double baseline,
                          double pad, double scale) {
        /** Width of the ink box, without the transparent margins. */
        double inkWidth() {
            return width - 2 * pad;
        }
    }

    /** An image at a horizontal position (of its ink box) in its row. */
    private record Piece(Placed placed, double x) {
    }

    /** A row of the layout: the symbol, a line (or a part of a broken one), or both, on a common baseline. */
    private static final class Row {
        final List<Piece> pieces = new ArrayList<>(2);
        double ascent;
        double descent;

        void add(Placed p, double x) {
            pieces.add(new Piece(p, x));
            ascent = Math.max(ascent, p.baseline);
            descent = Math.max(descent, p.height - p.baseline);
        }
    }

    private static final class Plan {
        final List<Row> rows = new ArrayList<>();
        double gap;
        double width;
        double height;
        double minScale = 1;
        boolean stacked;
        boolean ok = true;
    }

    /**
     * Renders (or finds in the cache) every line at the size that fits {@code inner} layout pixels: beside the
     * symbol when that keeps the lines large enough, else under it, whichever shrinks them less.
     */
    private Plan plan(double inner) {
        Plan aligned = plan(inner, false);
        if (aligned.minScale >= STACK_BELOW || leftLatex.isEmpty() || rightLatex.isEmpty()) {
            return aligned;
        }
        Plan stacked = plan(inner, true);
        return stacked.minScale > aligned.minScale * 1.1 ? stacked : aligned;
    }

    private Plan plan(double inner, boolean stacked) {
        Plan plan = new Plan();
        plan.stacked = stacked;
        plan.gap = lineGap * size;
        double leftWidth = 0;
        Row first = new Row();
        if (!leftLatex.isEmpty()) {
            Placed left = fit(leftLatex, stacked ? inner : inner * MAX_LEFT_SHARE, plan);
            leftWidth = left.inkWidth();
            first.add(left, 0);
            plan.rows.add(first);
        }
        double indent = stacked ? Math.min(size, inner * 0.08) : leftWidth;
        double widest = leftWidth;
        for (int i = 0; i < rightLatex.size(); i++) {
            List<Placed> parts = fitLine(rightLatex.get(i), inner - indent, plan);
            for (int k = 0; k < parts.size(); k++) {
                Placed p = parts.get(k);
                plan.minScale = Math.min(plan.minScale, p.scale);
                double x = indent + (k == 0 ? 0 : continuationIndent(inner - indent));
                Row row = i == 0 && k == 0 && !stacked && !first.pieces.isEmpty() ? first : new Row();
                if (row != first) {
                    plan.rows.add(row);
                }
                row.add(p, x);
                widest = Math.max(widest, x + p.inkWidth());
            }
        }
        double height = 0;
        for (Row row : plan.rows) {
            height += row.ascent + row.descent;
        }
        plan.height = height + plan.gap * Math.max(0, plan.rows.size() - 1);
        plan.width = widest;
        return plan;
    }

    private double continuationIndent(double width) {
        return Math.min(CONTINUATION_INDENT * size, width * 0.15);
    }

    /**
     * A line as one image when it fits at {@value #BREAK_BELOW} of the size or more; otherwise broken at its
     * top-level operators into lines filled greedily, when that keeps it larger.
     */
    private List<Placed> fitLine(String latex, double width, Plan plan) {
        Placed whole = fit(latex, size, width, plan);
        if (whole.scale >= BREAK_BELOW) {
            return List.of(whole);
        }
        Breakable breakable = breakable(latex);
        if (breakable == null) {
            return List.of(whole);
        }
        double continued = width - continuationIndent(width);
        // A broken line may take a few rows, not a screenful: beyond that, fewer rows at a smaller size.
        double budget = Math.max(BREAK_HEIGHT_SIZES * size, BREAK_HEIGHT_LINES * placed(latex, size).height);
        for (double s = size; s >= size * BREAK_MIN_SCALE - 1e-9 && s > whole.scale * size * 1.1;
                s -= size * 0.1) {
            List<String> lines = pack(breakable, s, width, continued);
            if (lines == null) {
                continue;
            }
            Plan trial = new Plan();
            List<Placed> broken = new ArrayList<>();
            double smallest = 1;
            double height = -lineGap * size;
            for (int i = 0; i < lines.size(); i++) {
                Placed p = fit(lines.get(i), s, i == 0 ? width : continued, trial);
                broken.add(p);
                smallest = Math.min(smallest, p.scale);
                height += p.height + lineGap * size;
            }
            if (height <= budget && smallest > whole.scale * 1.1) {
                plan.ok &= trial.ok;
                return broken;
            }
        }
        return List.of(whole);
    }

    /** The parts filled greedily into lines at glyph size {@code s}, or null when that needs too many. */
    private List<String> pack(Breakable breakable, double s, double width, double continued) {
        List<String> lines = new ArrayList<>();
        int n = breakable.parts().size();
        int from = 0;
        while (from < n) {
            double room = lines.isEmpty() ? width : continued;
            int to = from + 1;
            while (to < n && placed(breakable.line(from, to + 1), s).inkWidth() <= room) {
                to++;
            }
            lines.add(breakable.line(from, to));
            from = to;
            if (lines.size() > MAX_BREAKS) {
                return null;
            }
        }
        return lines;
    }

    /**
     * A line that can be broken: its parts, and how a run of them is written as a line of its own.
     *
     * @param prefix what comes before the parts on the first line (before the opening delimiter, if grouped)
     * @param open   the delimiter of a group the parts are inside, e.g. {@code (}, or empty when they are top-level
     * @param close  the group's closing delimiter, e.g. {@code )}
     * @param suffix what comes after the group on the last line
     */
    record Breakable(String prefix, String open, List<String> parts, String close, String suffix) {
        /** Parts {@code from} (inclusive) to {@code to} (exclusive) as one line of LaTeX. */
        String line(int from, int to) {
            boolean first = from == 0;
            boolean last = to == parts.size();
            StringBuilder b = new StringBuilder();
            if (first) {
                b.append(prefix);
            }
            boolean grouped = !open.isEmpty();
            if (grouped) {
                // A group broken across lines is closed with an invisible delimiter and reopened with one.
                b.append(first ? "\\left" + open + " " : "\\left. ");
            }
            if (!first) {
                b.append(CONTINUATION);
            }
            b.append(String.join(" ", parts.subList(from, to)));
            if (grouped) {
                b.append(last ? " \\right" + close : " \\right.");
            }
            if (last) {
                b.append(suffix);
            }
            return b.toString();
        }
    }

    /**
     * How a line can be broken: at its top-level operators ({@link #breakPoints(String)}), or, when it has none,
     * at the operators inside its widest top-level {@code \left…\right} group (the mean of a batch's gradients,
     * ¼(∂E₁/∂w + ∂E₂/∂w + …)); null when it cannot be broken.
     */
    static Breakable breakable(String latex) {
        List<String> parts = breakPoints(latex);
        if (parts.size() > 1) {
            return new Breakable("", "", parts, "", "");
        }
        // The widest top-level \left…\right group.
        int bestStart = -1;
        int bestEnd = -1;
        int depth = 0;
        int groupStart = -1;
        for (int i = 0; i < latex.length(); i++) {
            char c = latex.charAt(i);
            if (c == '\\') {
                if (latex.startsWith("\\left", i) && !isLetterAt(latex, i + 5)) {
                    if (depth == 0) {
                        groupStart = i;
                    }
                    depth++;
                    i = afterDelimiter(latex, i + 5) - 1;
                } else if (latex.startsWith("\\right", i) && !isLetterAt(latex, i + 6)) {
                    depth--;
                    i = afterDelimiter(latex, i + 6) - 1;
                    if (depth == 0 && groupStart >= 0 && i + 1 - groupStart > bestEnd - bestStart) {
                        bestStart = groupStart;
                        bestEnd = i + 1;
                    }
                } else {
                    i++;
                }
            } else if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
            }
        }
        if (bestStart < 0) {
            return null;
        }
        int openEnd = afterDelimiter(latex, bestStart + 5);
        int closeStart = latex.lastIndexOf("\\right", bestEnd);
        String open = latex.substring(bestStart + 5, openEnd);
        String close = latex.substring(closeStart + 6, bestEnd);
        List<String> inner = breakPoints(latex.substring(openEnd, closeStart));
        if (inner.size() < 2 || open.equals(".") || close.equals(".")) {
            return null;
        }
        return new Breakable(latex.substring(0, bestStart), open, inner, close, latex.substring(bestEnd));
    }

    /** The index after the delimiter that starts at {@code i} (one character, or a backslash and one). */
    private static int afterDelimiter(String s, int i) {
        if (i >= s.length()) {
            return s.length();
        }
        return s.charAt(i) == '\\' ? Math.min(s.length(), i + 2) : i + 1;
    }

    /**
     * A line of LaTeX cut before each binary {@code +}, {@code -} or {@code \cdot} that is not inside braces or a
     * {@code \left…\right} pair, e.g. {@code "{} = a \cdot b + c"} → {@code ["{} = a", "\cdot b", "+ c"]}: joined
     * with spaces the parts give the line back, and {@link #CONTINUATION} {@code + part} renders a continuation line
     * with the operator's spacing. One part when there is nowhere to break.
     */
    static List<String> breakPoints(String latex) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < latex.length(); i++) {
            char c = latex.charAt(i);
            if (c == '\\') {
                if (latex.startsWith("\\left", i) && !isLetterAt(latex, i + 5)) {
                    depth++;
                    i += 5; // the delimiter after \left is read as an ordinary character
                    if (i < latex.length() && latex.charAt(i) == '\\') {
                        i++; // \left\{ or \left\|
                    }
                    continue;
                }
                if (latex.startsWith("\\right", i) && !isLetterAt(latex, i + 6)) {
                    depth--;
                    i += 6;
                    if (i < latex.length() && latex.charAt(i) == '\\') {
                        i++;
                    }
                    continue;
                }
                if (depth == 0 && i > start && latex.startsWith(" \\cdot ", i - 1)) {
                    add(parts, latex.substring(start, i - 1));
                    start = i;
                }
                i++; // skip the escaped character (\{, \}, \\ or a command's first letter)
                continue;
            }
            if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
            } else if (depth == 0 && (c == '+' || c == '-') && i > start + 1 && latex.charAt(i - 1) == ' '
                    && i + 1 < latex.length() && latex.charAt(i + 1) == ' ') {
                add(parts, latex.substring(start, i - 1));
                start = i;
            }
        }
        add(parts, latex.substring(start));
        // The first part must hold more than the relation: "{} =" alone is no line.
        if (parts.size() > 1 && parts.get(0).replace("{}", "").strip().matches("[=<>]?")) {
            parts.set(0, parts.get(0) + " " + parts.remove(1));
        }
        return parts;
    }

    private static void add(List<String> parts, String part) {
        if (!part.isBlank()) {
            parts.add(part.strip());
        }
    }

    private static boolean isLetterAt(String s, int i) {
        return i < s.length() && Character.isLetter(s.charAt(i));
    }

    /** The line at the largest size (up to the set size) whose ink fits {@code width} layout pixels. */
    private Placed fit(String latex, double width, Plan plan) {
        return fit(latex, size, width, plan);
    }

    /** The line at the largest size up to {@code start} whose ink fits {@code width} layout pixels. */
    private Placed fit(String latex, double start, double width, Plan plan) {
        double s = start;
        Placed p = placed(latex, s);
        for (int attempt = 0; attempt < 3 && p.inkWidth() > width && s > size * MIN_SCALE; attempt++) {
            // Width grows about linearly with the size; round down so that the result fits.
            s = Math.max(size * MIN_SCALE, Math.floor(s * width / p.inkWidth() / SIZE_STEP) * SIZE_STEP);
            p = placed(latex, s);
        }
        if (p.inkWidth() > width && width > 0) {
            // Still too wide (the floor was reached): scale the image itself rather than cut it off.
            double k = width / p.inkWidth();
            p = new Placed(p.rendered, p.width * k, p.height * k, p.baseline * k, p.pad * k, p.scale * k);
        }
        plan.ok &= p.rendered.ok();
        return p;
    }

    private Placed placed(String latex, double layoutSize) {
        LatexImages.Rendered r = images.render(latex, layoutSize * renderScale, color);
        double k = 1 / renderScale;
        return new Placed(r, r.width() * k, r.height() * k, r.baseline() * k, r.pad() * k, layoutSize / size);
    }
}
