package dev.backstep.io;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
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
            return "number " + node.asText();
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
                throw new NetworkFileException(file, child(name), "unknown field (expected one of "
                        + String.join(", ", known) + ")");
            }
        }
        return this;
    }

    private String child(String name) {
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

    JsonValue required(String name) throws NetworkFileException {
        JsonNode child = node.get(name);
        if (child == null || child.isNull()) {
            throw new NetworkFileException(file, child(name), "missing");
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
            throw error("number " + node.asText() + " is too large for a double (expected a finite number)");
        }
        return value;
    }

    double asDouble(double min, double max, String range) throws NetworkFileException {
        double value = asDouble();
        if (value < min || value > max) {
            throw error(node.asText() + " is out of range (expected " + range + ")");
        }
        return value;
    }

    /** A whole number in [min, max]. */
    long asLong(long min, long max) throws NetworkFileException {
        if (!node.isIntegralNumber() && !(node.isNumber() && node.asDouble() == Math.rint(node.asDouble()))) {
            throw wrongType("a whole number");
        }
        if (!node.canConvertToLong() || node.asLong() < min || node.asLong() > max) {
            throw error(node.asText() + " is out of range (expected a whole number from " + min + " to " + max + ")");
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
}
