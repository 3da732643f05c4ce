package dev.backstep.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A JSON node together with its path in the file, so that every type or range error names both, e.g.
 * {@code weights[0][1][0]: expected a number, found string "0.3"}. Reading never throws anything but
 * {@link NetworkFileException}.
 */
final class JsonValue {
    private final String file;
    private final String path;
    private final JsonNode node;

    JsonValue(String file, String path, JsonNode node) {
        this.file = file;
        this.path = path;
        this.node = node;
    }

    String path() {
        return path;
    }

    JsonNode node() {
        return node;
    }

    NetworkFileException error(String problem) {
        return new NetworkFileException(file, path, problem);
    }

    static String describe(JsonNode node) {
        if (node.isTextual()) {
            String text = node.asText();
            return "string \"" + (text.length() > 40 ? text.substring(0, 40) + "…" : text) + "\"";
        }
        if (node.isNumber()) {
            return node.isFloatingPointNumber() && !Double.isFinite(node.asDouble())
                    ? "a number too large for a double" : "number " + numberText(node);
        }
        if (node.isBoolean()) {
            return node.asText();
        }
        if (node.isNull()) {
            return "null";
        }
        if (node.isArray()) {
            return "an array";
        }
        return "an object";
    }

    /** A number as a person writes it: {@code 2} rather than {@code 2.0}, {@code 1e-7} rather than {@code 1.0E-7}. */
    static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        String text = Double.toString(value);
        int e = text.indexOf('E');
        if (e < 0) {
            return text;
        }
        String mantissa = text.substring(0, e);
        if (mantissa.endsWith(".0")) {
            mantissa = mantissa.substring(0, mantissa.length() - 2);
        }
        return mantissa + "e" + text.substring(e + 1);
    }

    private static String numberText(JsonNode node) {
        return node.isFloatingPointNumber() ? number(node.asDouble()) : node.asText();
    }

    /** This number as a person would write it (see {@link #number(double)}). */
    String numberText() {
        return numberText(node);
    }

    /** An integer, or a finite number without a fractional part such as 2.0. */
    boolean isWholeNumber() {
        return node.isIntegralNumber() || (node.isFloatingPointNumber() && Double.isFinite(node.asDouble())
                && node.asDouble() == Math.rint(node.asDouble()));
    }

    private NetworkFileException wrongType(String expected) {
        return error("expected " + expected + ", found " + describe(node));
    }

    boolean isObject() {
        return node.isObject();
    }

    boolean isArray() {
        return node.isArray();
    }

    boolean isTextual() {
        return node.isTextual();
    }

    boolean isNumber() {
        return node.isNumber();
    }

    /** Checks this is an object whose fields are all among {@code known}. */
    JsonValue requireObject(Collection<String> known) throws NetworkFileException {
        if (!node.isObject()) {
            throw wrongType("an object");
        }
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!known.contains(name)) {
                String guess = suggestion(name, known);
                throw new NetworkFileException(file, child(name), "unknown field"
                        + (guess == null ? "" : ", did you mean \"" + guess + "\"?") + " (expected one of "
                        + String.join(", ", known) + ")");
            }
        }
        return this;
    }

    /**
     * The known name that {@code name} is most likely a typo of: the same but for case, or else the closest within
     * one edit (names of up to 4 letters) or two edits (longer names), a swap of neighbours counting as one edit;
     * null when none is that close.
     */
    static String suggestion(String name, Collection<String> known) {
        for (String k : known) {
            if (k.equalsIgnoreCase(name)) {
                return k;
            }
        }
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        String lower = name.toLowerCase(Locale.ROOT);
        for (String k : known) {
            int limit = k.length() <= 4 ? 1 : 2;
            int d = editDistance(lower, k.toLowerCase(Locale.ROOT));
            if (d <= limit && d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        return best;
    }

    /** Levenshtein distance with transpositions of adjacent characters (optimal string alignment). */
    private static int editDistance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    private String child(String name) {
        return childPath(path, name);
    }

    private static String childPath(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    /** The field, or empty when absent or null. */
    Optional<JsonValue> optional(String name) {
        JsonNode child = node.get(name);
        if (child == null || child.isNull()) {
            return Optional.empty();
        }
        return Optional.of(new JsonValue(file, child(name), child));
    }

    /**
     * A field the file must give; {@code expected} says what belongs there, e.g. "an array of layers, the input
     * layer first", for the message when it is missing or null.
     */
    JsonValue required(String name, String expected) throws NetworkFileException {
        JsonNode child = node.get(name);
        if (child == null) {
            throw new NetworkFileException(file, child(name), "missing (expected " + expected + ")");
        }
        if (child.isNull()) {
            throw new NetworkFileException(file, child(name), "is null (expected " + expected + ")");
        }
        return new JsonValue(file, child(name), child);
    }

    /** A field that {@link #has} said is there. */
    JsonValue get(String name) {
        JsonNode child = node.get(name);
        if (child == null || child.isNull()) {
            throw new IllegalStateException("no field " + child(name) + "; ask has() first");
        }
        return new JsonValue(file, child(name), child);
    }

    boolean has(String name) {
        JsonNode child = node.get(name);
        return child != null && !child.isNull();
    }

    List<JsonValue> elements() throws NetworkFileException {
        if (!node.isArray()) {
            throw wrongType("an array");
        }
        List<JsonValue> out = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            out.add(new JsonValue(file, path + "[" + i + "]", node.get(i)));
        }
        return out;
    }

    /** The elements of an array of exactly {@code count} elements; {@code what} explains the count. */
    List<JsonValue> elements(int count, String what) throws NetworkFileException {
        List<JsonValue> out = elements();
        if (out.size() != count) {
            throw error(out.size() + " " + (out.size() == 1 ? "entry" : "entries") + ", expected " + count + " ("
                    + what + ")");
        }
        return out;
    }

    String asString() throws NetworkFileException {
        if (!node.isTextual()) {
            throw wrongType("a string");
        }
        return node.asText();
    }

    boolean asBoolean() throws NetworkFileException {
        if (!node.isBoolean()) {
            throw wrongType("true or false");
        }
        return node.asBoolean();
    }

    /** A finite number (1e400 overflows to infinity and is refused). */
    double asDouble() throws NetworkFileException {
        if (!node.isNumber()) {
            throw wrongType("a number");
        }
        double value = node.asDouble();
        if (!Double.isFinite(value)) {
            throw tooLarge(value);
        }
        return value;
    }

    /** A number beyond ±Double.MAX_VALUE, which Jackson reads as an infinity the file never wrote. */
    private NetworkFileException tooLarge(double value) {
        return error(value > 0 ? "number is too large for a double (the largest is about 1.8e308)"
                : "negative number is too large for a double (the most negative is about -1.8e308)");
    }

    double asDouble(double min, double max, String range) throws NetworkFileException {
        double value = asDouble();
        if (value < min || value > max) {
            throw error(numberText(node) + " is out of range (expected " + range + ")");
        }
        return value;
    }

    /** A whole number in [min, max]. */
    long asLong(long min, long max) throws NetworkFileException {
        if (node.isFloatingPointNumber() && !Double.isFinite(node.asDouble())) {
            throw tooLarge(node.asDouble());
        }
        if (!isWholeNumber()) {
            throw wrongType("a whole number");
        }
        if (!node.canConvertToLong() || node.asLong() < min || node.asLong() > max) {
            String range = max == Long.MAX_VALUE || max == Integer.MAX_VALUE ? "of at least " + min
                    : "from " + min + " to " + max;
            throw error(numberText(node) + " is out of range (expected a whole number " + range + ")");
        }
        return node.asLong();
    }

    int asInt(int min, int max) throws NetworkFileException {
        return (int) asLong(min, max);
    }

    double[] asDoubleArray(int count, String what) throws NetworkFileException {
        List<JsonValue> items = elements(count, what);
        double[] out = new double[count];
        for (int i = 0; i < count; i++) {
            out[i] = items.get(i).asDouble();
        }
        return out;
    }

    /** An array of rows, each of {@code width} numbers; {@code rows} < 0 accepts any non-negative count. */
    double[][] asMatrix(int rows, int width, String rowWhat, String colWhat) throws NetworkFileException {
        List<JsonValue> items = rows < 0 ? elements() : elements(rows, rowWhat);
        double[][] out = new double[items.size()][];
        for (int r = 0; r < items.size(); r++) {
            out[r] = items.get(r).asDoubleArray(width, colWhat);
        }
        return out;
    }

    // ------------------------------------------------------------------ reading JSON text

    /**
     * The JSON tree of {@code text}, or null when it holds nothing but white space. Text that is not JSON is
     * reported at the line and column where the offending token starts, in plain words; a field given twice is
     * reported at its JSON path; anything after the first value is refused.
     */
    static JsonNode parse(String file, String text) throws NetworkFileException {
        return new TextReader(file, text).read();
    }

    /**
     * Builds the tree token by token (numbers become the same nodes as {@code ObjectMapper.readTree} makes), keeping
     * the arrays and objects still open, so that an error can say which one a closing bracket or the end of the
     * file was expected for.
     */
    private static final class TextReader {
        private static final JsonFactory FACTORY = new JsonFactory();
        private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
        private static final String A_VALUE = "a value: a number, a string in double quotes, true, false, null,"
                + " an array or an object";
        private static final String THE_OBJECT = "a network object, starting with \"{\"";

        private final String file;
        private final String text;
        private final Deque<Open> open = new ArrayDeque<>();
        private JsonParser parser;

        /** An array or object whose closing bracket has not been read yet. */
        private static final class Open {
            final ContainerNode<?> node;
            final int start;
            final String path;
            String field;

            Open(ContainerNode<?> node, int start, String path) {
                this.node = node;
                this.start = start;
                this.path = path;
            }
        }

        TextReader(String file, String text) {
            this.file = file;
            this.text = text;
        }

        JsonNode read() throws NetworkFileException {
            try (JsonParser p = FACTORY.createParser(text)) {
                parser = p;
                JsonToken token = p.nextToken();
                if (token == null) {
                    return null;
                }
                JsonNode root;
                while ((root = step(token)) == null) {
                    token = p.nextToken();
                    if (token == null) {
                        throw at(text.length(), "unexpected end of file (expected " + closer(open.peek()) + ")");
                    }
                }
                nothingAfter(root, (int) p.currentLocation().getCharOffset());
                return root;
            } catch (JsonProcessingException e) {
                throw translate(e);
            } catch (IOException e) {
                throw new NetworkFileException(file, "", "cannot be read (" + e.getMessage() + ")");
            }
        }

        /** Adds one token to the tree; returns the root once it is complete. */
        private JsonNode step(JsonToken token) throws IOException, NetworkFileException {
            switch (token) {
                case START_OBJECT:
                case START_ARRAY: {
                    ContainerNode<?> node = token == JsonToken.START_OBJECT ? NODES.objectNode() : NODES.arrayNode();
                    int start = (int) parser.currentTokenLocation().getCharOffset();
                    open.push(new Open(node, start, attach(node)));
                    return null;
                }
                case END_OBJECT:
                case END_ARRAY: {
                    Open closed = open.pop();
                    return open.isEmpty() ? closed.node : null;
                }
                case FIELD_NAME: {
                    Open object = open.peek();
                    String name = parser.currentName();
                    if (((ObjectNode) object.node).has(name)) {
                        throw new NetworkFileException(file, childPath(object.path, name),
                                "appears twice (each field may be given only once)");
                    }
                    object.field = name;
                    return null;
                }
                default: {
                    JsonNode value = scalar(token);
                    attach(value);
                    return open.isEmpty() ? value : null;
                }
            }
        }

        private JsonNode scalar(JsonToken token) throws IOException {
            switch (token) {
                case VALUE_STRING:
                    return NODES.textNode(parser.getText());
                case VALUE_NUMBER_INT:
                    switch (parser.getNumberType()) {
                        case INT:
                            return NODES.numberNode(parser.getIntValue());
                        case LONG:
                            return NODES.numberNode(parser.getLongValue());
                        default:
                            return NODES.numberNode(parser.getBigIntegerValue());
                    }
                case VALUE_NUMBER_FLOAT:
                    return NODES.numberNode(parser.getDoubleValue());
                case VALUE_TRUE:
                    return NODES.booleanNode(true);
                case VALUE_FALSE:
                    return NODES.booleanNode(false);
                case VALUE_NULL:
                    return NODES.nullNode();
                default:
                    throw new IllegalStateException("unexpected token " + token);
            }
        }

        /** Puts a value into the innermost open array or object; returns its path. */
        private String attach(JsonNode value) {
            Open parent = open.peek();
            if (parent == null) {
                return "";
            }
            if (parent.node instanceof ObjectNode object) {
                object.set(parent.field, value);
                return childPath(parent.path, parent.field);
            }
            ArrayNode array = (ArrayNode) parent.node;
            array.add(value);
            return parent.path + "[" + (array.size() - 1) + "]";
        }

        private void nothingAfter(JsonNode root, int end) throws NetworkFileException {
            for (int i = Math.max(0, end); i < text.length(); i++) {
                char c = text.charAt(i);
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                    throw trailing(root == null || root.isObject(), i);
                }
            }
        }

        private NetworkFileException trailing(boolean object, int offset) {
            return at(offset, object ? "text after the end of the network object (expected nothing after its"
                    + " closing \"}\")" : "text after the end of the JSON value (expected nothing after it)");
        }

        // -------------------------------------------------------------- Jackson's errors in plain words

        private NetworkFileException translate(JsonProcessingException e) {
            String m = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
            int offset = offset(e.getLocation());
            if (e instanceof StreamConstraintsException) {
                if (m.startsWith("Document nesting depth")) {
                    int deepest = open.isEmpty() ? offset : open.peek().start;
                    return at(deepest, "arrays and objects nested too deeply (expected at most "
                            + StreamReadConstraints.defaults().getMaxNestingDepth() + " levels)");
                }
                if (m.startsWith("Number value length")) {
                    // Jackson stands after the number and the character that ended it.
                    int end = offset;
                    while (end > 0 && !isNumberChar(text.charAt(end - 1))) {
                        end--;
                    }
                    return at(numberStart(end), "number is too long (expected at most "
                            + StreamReadConstraints.defaults().getMaxNumberLength() + " characters)");
                }
                return at(offset, "too large to read (" + plain(m) + ")");
            }
            if (m.startsWith("Unexpected end-of-input")) {
                if (m.contains("closing quote") || m.contains("in field name")) {
                    return at(openingQuote(offset), "string is not closed (expected a closing double quote"
                            + " before the end of the file)");
                }
                return at(offset, "unexpected end of file (expected " + (open.isEmpty() ? THE_OBJECT
                        : closer(open.peek())) + ")");
            }
            if (m.startsWith("Unexpected close marker")) {
                if (open.isEmpty()) {
                    return trailing(true, offset);
                }
                return at(offset, "unexpected " + describeAt(offset) + " (expected " + closer(open.peek()) + ")");
            }
            String quoted = quoted(m);
            if (m.startsWith("Non-standard token") && quoted != null) {
                return at(tokenStart(offset, quoted), quoted + " is not a JSON number (expected a finite number)");
            }
            if (m.startsWith("Unrecognized token") && quoted != null) {
                return unrecognized(tokenStart(offset, quoted), quoted);
            }
            if (m.startsWith("Unrecognized character escape")) {
                int backslash = Math.max(0, text.lastIndexOf('\\', offset));
                return at(backslash, "unknown escape \"" + text.substring(backslash, Math.min(text.length(),
                        offset + 1)) + "\" in a string (expected one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t or \\u"
                        + " and 4 hex digits; a backslash itself is written \\\\)");
            }
            if (m.contains("for character escape sequence")) {
                int backslash = Math.max(0, text.lastIndexOf('\\', offset));
                return at(backslash, "incomplete escape \"" + text.substring(backslash, Math.min(text.length(),
                        offset)) + "\" in a string (expected \\u and 4 hex digits)");
            }
            if (m.startsWith("Illegal unquoted character")) {
                int c = offset < text.length() ? text.charAt(offset) : 0;
                if (c == '\n' || c == '\r') {
                    return at(openingQuote(offset), "string is not closed on its line (expected a closing double"
                            + " quote; a line break inside a string is written \\n)");
                }
                if (c == '\t') {
                    return at(offset, "tab inside a string (expected it written as \\t)");
                }
                String code = String.format(Locale.ROOT, "%04X", c);
                return at(offset, "control character U+" + code + " inside a string (expected it written as \\u"
                        + code + ")");
            }
            if (m.startsWith("Illegal character ((CTRL-CHAR")) {
                // Between tokens Jackson stands just after the character.
                if (offset > 0 && Character.isISOControl(text.charAt(offset - 1))) {
                    offset--;
                }
                int c = offset < text.length() ? text.charAt(offset) : 0;
                return at(offset, String.format(Locale.ROOT, "unexpected control character U+%04X (expected only"
                        + " spaces, tabs and line breaks between values)", c));
            }
            if (m.contains("in numeric value") || m.startsWith("Invalid numeric value")) {
                return malformedNumber(offset, m);
            }
            if (m.startsWith("Unexpected character")) {
                return unexpectedCharacter(offset, m);
            }
            return at(offset, "not valid JSON (" + plain(m) + ")");
        }

        private NetworkFileException unrecognized(int start, String word) {
            String lower = word.toLowerCase(Locale.ROOT);
            if (List.of("true", "false", "null").contains(lower)) {
                return at(start, "unexpected word \"" + word + "\" (expected true, false or null, in lower case)");
            }
            if (List.of("nan", "inf", "+inf", "-inf", "infinity", "+infinity", "-infinity").contains(lower)) {
                return at(start, word + " is not a JSON number (expected a finite number)");
            }
            return at(start, "unexpected word \"" + shorten(word) + "\" (expected "
                    + (open.isEmpty() ? THE_OBJECT : A_VALUE) + ")");
        }

        private NetworkFileException malformedNumber(int offset, String m) {
            int start = numberStart(offset);
            int end = start;
            while (end < text.length() && (isNumberChar(text.charAt(end)) || Character.isLetterOrDigit(
                    text.charAt(end)))) {
                end++;
            }
            String number = shorten(text.substring(start, Math.max(end, Math.min(text.length(), start + 1))));
            String expected;
            if (m.contains("Leading zeroes")) {
                expected = "no leading zeros, as in 1 or 0.1";
            } else if (m.contains("Decimal point not followed by a digit")) {
                expected = "a digit after the decimal point, as in 1.0";
            } else if (m.contains("Exponent indicator not followed by a digit")) {
                expected = "a digit after the exponent, as in 1e5";
            } else if (m.contains("minus sign")) {
                expected = "a digit after the minus sign";
            } else if (m.contains("plus sign")) {
                expected = (number.length() > 1 ? number.substring(1) : "the number") + ": JSON numbers take no"
                        + " plus sign";
            } else {
                expected = "a number such as 0.5, -2 or 1e-3";
            }
            return at(start, "malformed number \"" + number + "\" (expected " + expected + ")");
        }

        private NetworkFileException unexpectedCharacter(int offset, String m) {
            char c = offset < text.length() ? text.charAt(offset) : ' ';
            String what = "unexpected " + describeAt(offset);
            Open inner = open.peek();
            if (m.contains("comma to separate Array entries") || m.contains("comma to separate Object entries")) {
                return at(offset, what + " (expected \",\" or " + (inner == null ? "the end" : closer(inner))
                        + ")");
            }
            if (m.contains("was expecting a colon")) {
                String name = parser.getParsingContext().getCurrentName();
                return at(offset, what + " (expected \":\" after the field name"
                        + (name == null ? "" : " \"" + shorten(name) + "\"") + ")");
            }
            if (m.contains("double-quote to start field name")) {
                if (c == '}') {
                    return at(offset, what + " (expected another field after the \",\"; JSON allows no comma"
                            + " before \"}\")");
                }
                if (c == '\'') {
                    return at(offset, what + " (expected a field name in double quotes, not single quotes)");
                }
                return at(offset, what + " (expected a field name in double quotes)");
            }
            if (m.contains("expected a valid value") || m.contains("expected a value")) {
                if (open.isEmpty()) {
                    return at(offset, what + " (expected " + THE_OBJECT + ")");
                }
                if (c == ']' && previousNonSpace(offset) == ',') {
                    return at(offset, what + " (expected another value after the \",\"; JSON allows no comma"
                            + " before \"]\")");
                }
                if (c == '\'') {
                    return at(offset, what + " (expected a value; strings take double quotes, not single quotes)");
                }
                if (c == '.' && offset + 1 < text.length() && Character.isDigit(text.charAt(offset + 1))) {
                    return malformedNumberWithoutInteger(offset);
                }
                return at(offset, what + " (expected " + A_VALUE + ")");
            }
            if (m.contains("comment")) {
                return at(offset, what + " (expected no comments: JSON has none)");
            }
            if (m.contains("separating root-level values")) {
                return trailing(false, offset);
            }
            return at(offset, what + " (expected valid JSON)");
        }

        private NetworkFileException malformedNumberWithoutInteger(int offset) {
            int end = offset + 1;
            while (end < text.length() && isNumberChar(text.charAt(end))) {
                end++;
            }
            return at(offset, "malformed number \"" + shorten(text.substring(offset, end)) + "\" (expected a digit"
                    + " before the decimal point, as in 0" + shorten(text.substring(offset, end)) + ")");
        }

        /** "the array opened at line 2, column 8" with the bracket that closes it. */
        private String closer(Open container) {
            boolean object = container.node instanceof ObjectNode;
            return (object ? "\"}\" to close the object" : "\"]\" to close the array") + " opened at "
                    + lineColumn(container.start);
        }

        /** The token that starts at {@code offset}, for "unexpected …". */
        private String describeAt(int offset) {
            if (offset >= text.length()) {
                return "end of file";
            }
            char c = text.charAt(offset);
            if (c == '"') {
                int close = closingQuote(offset);
                return close < 0 ? "'\"'" : "string \"" + shorten(text.substring(offset + 1, close)) + "\"";
            }
            if (c == '-' || Character.isDigit(c)) {
                int end = offset + 1;
                while (end < text.length() && isNumberChar(text.charAt(end))) {
                    end++;
                }
                return "number " + shorten(text.substring(offset, end));
            }
            if (Character.isLetter(c)) {
                int end = offset + 1;
                while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end))
                        || text.charAt(end) == '_')) {
                    end++;
                }
                String word = text.substring(offset, end);
                return List.of("true", "false", "null").contains(word) ? word : "word \"" + shorten(word) + "\"";
            }
            if (c == '\n' || c == '\r') {
                return "line break";
            }
            if (c == '\t') {
                return "tab";
            }
            if (Character.isISOControl(c)) {
                return String.format(Locale.ROOT, "control character U+%04X", (int) c);
            }
            return "\"" + new String(Character.toChars(text.codePointAt(offset))) + "\"";
        }

        /** The closing quote of the string that opens at {@code offset}, on the same line; -1 if none. */
        private int closingQuote(int offset) {
            for (int i = offset + 1; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    return i;
                } else if (c == '\n' || c == '\r') {
                    return -1;
                }
            }
            return -1;
        }

        /** The opening quote of the string that {@code offset} is inside (a string never spans lines). */
        private int openingQuote(int offset) {
            for (int i = Math.min(offset, text.length()) - 1; i >= 0; i--) {
                char c = text.charAt(i);
                if (c == '\n' || c == '\r') {
                    break;
                }
                if (c == '"') {
                    int backslashes = 0;
                    while (i - 1 - backslashes >= 0 && text.charAt(i - 1 - backslashes) == '\\') {
                        backslashes++;
                    }
                    if (backslashes % 2 == 0) {
                        return i;
                    }
                }
            }
            return offset;
        }

        private int numberStart(int offset) {
            int start = Math.min(offset, text.length());
            while (start > 0 && isNumberChar(text.charAt(start - 1))) {
                start--;
            }
            return start;
        }

        private static boolean isNumberChar(char c) {
            return Character.isDigit(c) || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-';
        }

        private char previousNonSpace(int offset) {
            for (int i = offset - 1; i >= 0; i--) {
                char c = text.charAt(i);
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                    return c;
                }
            }
            return 0;
        }

        /** Where a word that Jackson quotes in its message starts, given where Jackson stopped after it. */
        private int tokenStart(int offset, String token) {
            int start = offset - token.length();
            if (start >= 0 && text.startsWith(token, start)) {
                return start;
            }
            int i = Math.min(offset, text.length());
            while (i > 0 && !Character.isWhitespace(text.charAt(i - 1)) && ",:[]{}".indexOf(text.charAt(i - 1)) < 0) {
                i--;
            }
            return i;
        }

        /** The text between the first pair of single quotes of a Jackson message, e.g. NaN in "token 'NaN':". */
        private static String quoted(String message) {
            int open = message.indexOf('\'');
            int close = message.indexOf("':", open + 1);
            if (close < 0) {
                close = message.indexOf('\'', open + 1);
            }
            return open < 0 || close < 0 ? null : message.substring(open + 1, close);
        }

        /** Jackson's message without its hints about parser features and sources. */
        private static String plain(String message) {
            String first = message.lines().findFirst().orElse("");
            int hint = first.indexOf(" (for ");
            first = hint >= 0 ? first.substring(0, hint) : first;
            hint = first.indexOf(": enable `");
            return hint >= 0 ? first.substring(0, hint) : first;
        }

        private static String shorten(String s) {
            return s.length() > 40 ? s.substring(0, 40) + "…" : s;
        }

        private int offset(JsonLocation location) {
            long offset = location == null ? -1 : location.getCharOffset();
            if (offset < 0) {
                offset = parser.currentLocation().getCharOffset();
            }
            return (int) Math.max(0, Math.min(text.length(), offset));
        }

        private NetworkFileException at(int offset, String problem) {
            return new NetworkFileException(file, lineColumn(offset), problem);
        }

        /** "line L, column C", both from 1; a column counts characters as an editor shows them. */
        private String lineColumn(int offset) {
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < offset && i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
                    line++;
                    lineStart = i + 1;
                }
            }
            int column = text.codePointCount(lineStart, Math.min(offset, text.length())) + 1;
            return "line " + line + ", column " + column;
        }
    }
}
