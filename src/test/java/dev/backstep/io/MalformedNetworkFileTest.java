package dev.backstep.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of broken network file must give one {@link NetworkFileException} that names the file, the exact JSON
 * path (or line and column for text that is not JSON) and what was expected, and reading it must leave the file as it
 * was. Each case is one small edit of a valid file, so the edit is the only thing wrong with it.
 */
class MalformedNetworkFileTest {
    private static final String LAYERS = """
              "layers": [
                {"size": 2},
                {"size": 2, "activation": "sigmoid", "bias": true, "names": ["h1", "h2"]},
                {"size": 1, "activation": "sigmoid", "bias": true}
              ],
            """;

    /** A valid 2-2-1 file; every case below changes one thing in it. */
    private static final String BASE = """
            {
              "format": "backstep-network",
              "version": 1,
              "name": "base",
              "description": "a valid file",
            """ + LAYERS + """
              "weights": [[[0.1, 0.2], [0.3, 0.4]], [[0.5], [0.6]]],
              "biases": [[0.1, 0.2], [0.3]],
              "init": {"weights": "xavier-uniform", "biases": "zeros", "seed": 1},
              "loss": {"name": "half-squared-error", "reduction": "mean"},
              "optimizer": {"name": "sgd", "learningRate": 0.5},
              "training": {"batch": "full", "shuffle": false, "epochs": 10, "seed": 1},
              "data": {"inputs": [[0, 0], [0, 1], [1, 0], [1, 1]], "targets": [[0], [1], [1], [0]]}
            }
            """;

    /** A valid 2-2-2 softmax / cross-entropy file for the cases about those two. */
    private static final String SOFTMAX = """
            {
              "format": "backstep-network",
              "version": 1,
              "layers": [
                {"size": 2},
                {"size": 2, "activation": "tanh"},
                {"size": 2, "activation": "softmax"}
              ],
              "loss": "cross-entropy",
              "optimizer": {"name": "sgd", "learningRate": 0.5},
              "data": {"inputs": [[0, 0], [0, 1], [1, 0], [1, 1]], "targets": [[1, 0], [0, 1], [0, 1], [1, 0]]}
            }
            """;

    @TempDir
    Path dir;

    /** {@code text} with the single occurrence of {@code from} replaced; fails if it is not there exactly once. */
    private static String edit(String text, String from, String to) {
        int first = text.indexOf(from);
        if (first < 0 || text.indexOf(from, first + 1) >= 0) {
            throw new IllegalStateException("expected exactly one \"" + from + "\" in the base file");
        }
        return text.replace(from, to);
    }

    private static String edit(String from, String to) {
        return edit(BASE, from, to);
    }

    /**
     * "line L, column C" with C the 1-based column where the occurrence number {@code occurrence} (0-based) of
     * {@code token} starts: text that is not JSON is reported at the start of the offending token.
     */
    private static String at(String text, String token, int occurrence) {
        int at = -1;
        for (int i = 0; i <= occurrence; i++) {
            at = text.indexOf(token, at + 1);
        }
        if (at < 0) {
            throw new IllegalStateException(token + " not found");
        }
        String before = text.substring(0, at);
        int line = (int) before.chars().filter(c -> c == '\n').count() + 1;
        int lineStart = before.lastIndexOf('\n') + 1;
        int column = at - lineStart + 1;
        return "line " + line + ", column " + column;
    }

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        // --- not a network file at all
        String prose = "this is not JSON\n";
        cases.add(Arguments.of("not JSON", prose, at(prose, "this", 0),
                "unexpected word \"this\" (expected a network object, starting with \"{\")"));
        cases.add(Arguments.of("empty file", "", "", "is empty (expected a JSON object)"));
        cases.add(Arguments.of("only white space", "  \n\t\n", "", "is empty (expected a JSON object)"));
        cases.add(Arguments.of("array instead of object", "[1, 2, 3]\n", "",
                "expected a JSON object with \"format\": \"backstep-network\", found an array"));
        String truncated = BASE.substring(0, BASE.indexOf("\"loss\""));
        cases.add(Arguments.of("truncated file", truncated, "line " + truncated.lines().count() + ", column 3",
                "unexpected end of file (expected \"}\" to close the object opened at line 1, column 1)"));
        // --- header
        cases.add(Arguments.of("wrong format", edit("\"backstep-network\"", "\"keras-model\""), "format",
                "\"keras-model\" is not a Backstep network (expected \"backstep-network\")"));
        cases.add(Arguments.of("unsupported version", edit("\"version\": 1", "\"version\": 2"), "version",
                "version 2 is not supported (expected 1)"));
        cases.add(Arguments.of("version 0", edit("\"version\": 1", "\"version\": 0"), "version",
                "version 0 is not supported (expected 1)"));
        cases.add(Arguments.of("version far out of range", edit("\"version\": 1", "\"version\": 1e20"), "version",
                "version 1e20 is not supported (expected 1)"));
        cases.add(Arguments.of("fractional version", edit("\"version\": 1", "\"version\": 1.5"), "version",
                "expected a whole number, found number 1.5"));
        cases.add(Arguments.of("missing version", edit("\"version\": 1,", ""), "version",
                "missing (expected \"version\": 1)"));
        cases.add(Arguments.of("version as a string", edit("\"version\": 1", "\"version\": \"1\""), "version",
                "expected a whole number, found string \"1\""));
        // --- layers
        cases.add(Arguments.of("size as a string", edit("{\"size\": 2},", "{\"size\": \"2\"},"), "layers[0].size",
                "expected a whole number, found string \"2\""));
        cases.add(Arguments.of("size zero", edit("{\"size\": 2},", "{\"size\": 0},"), "layers[0].size",
                "0 is out of range (expected a whole number from 1 to 100000)"));
        cases.add(Arguments.of("missing layers", edit(LAYERS, ""), "layers",
                "missing (expected an array of layers, the input layer first)"));
        cases.add(Arguments.of("null layers", edit(LAYERS, "  \"layers\": null,\n"), "layers",
                "is null (expected an array of layers, the input layer first)"));
        cases.add(Arguments.of("missing size", edit("{\"size\": 2},", "{},"), "layers[0].size",
                "missing (expected the number of units, 1 to 100000)"));
        cases.add(Arguments.of("missing activation", edit("{\"size\": 1, \"activation\": \"sigmoid\", ",
                "{\"size\": 1, "), "layers[2].activation",
                "missing (expected one of identity, sigmoid, tanh, relu, leaky-relu, softmax)"));
        cases.add(Arguments.of("layers as an object", edit(LAYERS, "  \"layers\": {\"size\": 2},\n"), "layers",
                "expected an array, found an object"));
        cases.add(Arguments.of("only one layer", edit(LAYERS, "  \"layers\": [{\"size\": 2}],\n"), "layers",
                "1 layer, expected at least 2 (the input layer and an output layer)"));
        cases.add(Arguments.of("unknown activation",
                edit("{\"size\": 1, \"activation\": \"sigmoid\"", "{\"size\": 1, \"activation\": \"sigmod\""),
                "layers[2].activation", "unknown activation \"sigmod\" (expected one of identity, sigmoid, tanh,"
                        + " relu, leaky-relu, softmax)"));
        cases.add(Arguments.of("softmax on a hidden layer",
                edit("{\"size\": 2, \"activation\": \"sigmoid\"", "{\"size\": 2, \"activation\": \"softmax\""),
                "layers[1].activation", "softmax is only allowed on the output layer"));
        cases.add(Arguments.of("bias not a boolean",
                edit("\"sigmoid\", \"bias\": true, \"names\"", "\"sigmoid\", \"bias\": \"yes\", \"names\""),
                "layers[1].bias", "expected true or false, found string \"yes\""));
        cases.add(Arguments.of("activation on the input layer",
                edit("{\"size\": 2},", "{\"size\": 2, \"activation\": \"sigmoid\"},"), "layers[0].activation",
                "the input layer takes no \"activation\" (expected only \"size\" and \"names\")"));
        cases.add(Arguments.of("duplicate unit names", edit("[\"h1\", \"h2\"]", "[\"h1\", \"x2\"]"),
                "layers[1].names[1]", "unit name \"x2\" is used twice (names must be unique in the network)"));
        cases.add(Arguments.of("too few unit names", edit("[\"h1\", \"h2\"]", "[\"h1\"]"), "layers[1].names",
                "1 entry, expected 2 (one name per unit)"));
        // --- weights and biases
        cases.add(Arguments.of("weights: too few rows",
                edit("[[[0.1, 0.2], [0.3, 0.4]], [[0.5]", "[[[0.1, 0.2]], [[0.5]"), "weights[0]",
                "1 entry, expected 2 (one row per unit of layer 0, the units a weight comes from)"));
        cases.add(Arguments.of("weights: row too short",
                edit("[[[0.1, 0.2], [0.3, 0.4]]", "[[[0.1, 0.2], [0.3]]"), "weights[0][1]",
                "1 entry, expected 2 (one weight per unit of layer 1, the units a weight goes to)"));
        cases.add(Arguments.of("weights: one matrix too many",
                edit("[[0.5], [0.6]]]", "[[0.5], [0.6]], [[0.7]]]"), "weights",
                "3 entries, expected 2 (one matrix per layer after the input)"));
        cases.add(Arguments.of("weights: second matrix too wide",
                edit("[[0.5], [0.6]]]", "[[0.5, 0.1], [0.6, 0.1]]]"), "weights[1][0]",
                "2 entries, expected 1 (one weight per unit of layer 2, the units a weight goes to)"));
        cases.add(Arguments.of("weight as a string",
                edit("[[[0.1, 0.2]", "[[[0.1, \"0.2\"]"), "weights[0][0][1]",
                "expected a number, found string \"0.2\""));
        cases.add(Arguments.of("biases for a layer without bias",
                edit("{\"size\": 1, \"activation\": \"sigmoid\", \"bias\": true}",
                        "{\"size\": 1, \"activation\": \"sigmoid\", \"bias\": false}"), "biases[1]",
                "layer 2 has \"bias\": false, so its biases must be []"));
        cases.add(Arguments.of("biases: one too many", edit("[[0.1, 0.2], [0.3]]", "[[0.1, 0.2], [0.3, 0.4]]"),
                "biases[1]", "2 entries, expected 1 (one bias per unit of layer 2)"));
        cases.add(Arguments.of("NaN literal", edit("[[0.5], [0.6]]", "[[NaN], [0.6]]"),
                at(edit("[[0.5], [0.6]]", "[[NaN], [0.6]]"), "NaN", 0),
                "NaN is not a JSON number (expected a finite number)"));
        cases.add(Arguments.of("-Infinity literal", edit("[[0.5], [0.6]]", "[[0.5], [-Infinity]]"),
                at(edit("[[0.5], [0.6]]", "[[0.5], [-Infinity]]"), "-Infinity", 0),
                "-Infinity is not a JSON number (expected a finite number)"));
        cases.add(Arguments.of("number too large for a double", edit("[[0.5], [0.6]]", "[[0.5], [1e400]]"),
                "weights[1][1][0]", "number is too large for a double (the largest is about 1.8e308)"));
        cases.add(Arguments.of("negative number too large for a double", edit("[[0.5], [0.6]]",
                "[[0.5], [-1e400]]"), "weights[1][1][0]",
                "negative number is too large for a double (the most negative is about -1.8e308)"));
        cases.add(Arguments.of("seed too large for a double", edit("\"epochs\": 10, \"seed\": 1",
                "\"epochs\": 10, \"seed\": 1e400"), "training.seed",
                "number is too large for a double (the largest is about 1.8e308)"));
        // --- loss and optimizer
        cases.add(Arguments.of("unknown loss", edit("\"half-squared-error\"", "\"half-squared-eror\""), "loss.name",
                "unknown loss \"half-squared-eror\" (expected one of half-squared-error, mse, binary-cross-entropy,"
                        + " cross-entropy)"));
        cases.add(Arguments.of("unknown reduction", edit("\"reduction\": \"mean\"", "\"reduction\": \"average\""),
                "loss.reduction", "unknown reduction \"average\" (expected mean or sum)"));
        cases.add(Arguments.of("loss as a number", edit("{\"name\": \"half-squared-error\", \"reduction\": \"mean\"}",
                "3"), "loss", "expected a loss name or an object {\"name\": …, \"reduction\": …}, found number 3"));
        cases.add(Arguments.of("unknown optimizer", edit("\"name\": \"sgd\"", "\"name\": \"adamw\""),
                "optimizer.name", "unknown optimizer \"adamw\" (expected one of sgd, momentum, nesterov, adagrad,"
                        + " rmsprop, adam)"));
        cases.add(Arguments.of("unknown field (typo)", edit("\"learningRate\"", "\"learningrate\""),
                "optimizer.learningrate", "unknown field, did you mean \"learningRate\"? (expected one of name,"
                        + " learningRate, momentum, beta1, beta2, epsilon, rho, weightDecay, clipValue, clipNorm)"));
        cases.add(Arguments.of("unknown top-level field", edit("\"name\": \"base\"", "\"nmae\": \"base\""), "nmae",
                "unknown field, did you mean \"name\"? (expected one of format, version, name, description,"
                        + " notation, layers, weights, biases, weightNames, init, freeze, loss, optimizer, training,"
                        + " data, published)"));
        cases.add(Arguments.of("unknown field (three letters off)", edit("\"learningRate\"", "\"learnRate\""),
                "optimizer.learnRate", "unknown field (expected one of name, learningRate, momentum, beta1, beta2,"
                        + " epsilon, rho, weightDecay, clipValue, clipNorm)"));
        cases.add(Arguments.of("unknown field (missing letter)", edit("\"shuffle\"", "\"shufle\""),
                "training.shufle", "unknown field, did you mean \"shuffle\"? (expected one of batch, shuffle,"
                        + " epochs, seed)"));
        cases.add(Arguments.of("unknown field (far from any)", edit("\"description\"", "\"comment\""), "comment",
                "unknown field (expected one of format, version, name, description, notation, layers, weights,"
                        + " biases, weightNames, init, freeze, loss, optimizer, training, data, published)"));
        cases.add(Arguments.of("negative learning rate", edit("\"learningRate\": 0.5", "\"learningRate\": -0.5"),
                "optimizer.learningRate", "-0.5 is out of range (expected a positive number up to 1e6)"));
        cases.add(Arguments.of("zero learning rate", edit("\"learningRate\": 0.5", "\"learningRate\": 0"),
                "optimizer.learningRate", "0 is out of range (expected a positive number up to 1e6)"));
        cases.add(Arguments.of("momentum of 1", edit("\"learningRate\": 0.5", "\"learningRate\": 0.5, \"momentum\": 1"),
                "optimizer.momentum", "1 is out of range (expected at least 0 and below 1)"));
        cases.add(Arguments.of("unknown initialiser", edit("\"weights\": \"xavier-uniform\"", "\"weights\": \"glorot\""),
                "init.weights", "unknown initialiser \"glorot\" (expected one of uniform, uniform-symmetric, normal,"
                        + " xavier-uniform, xavier-normal, he-uniform, he-normal)"));
        // --- seeds and training
        cases.add(Arguments.of("seed above 2^32 - 1", edit("\"biases\": \"zeros\", \"seed\": 1", "\"biases\":"
                + " \"zeros\", \"seed\": 4294967296"), "init.seed",
                "4294967296 is out of range (expected a whole number from 0 to 4294967295)"));
        cases.add(Arguments.of("negative seed", edit("\"epochs\": 10, \"seed\": 1", "\"epochs\": 10, \"seed\": -1"),
                "training.seed", "-1 is out of range (expected a whole number from 0 to 4294967295)"));
        cases.add(Arguments.of("fractional seed", edit("\"epochs\": 10, \"seed\": 1", "\"epochs\": 10, \"seed\": 1.5"),
                "training.seed", "expected a whole number, found number 1.5"));
        cases.add(Arguments.of("batch larger than the data", edit("\"batch\": \"full\"", "\"batch\": 5"),
                "training.batch", "batch of 5 is larger than the 4 training samples"));
        cases.add(Arguments.of("batch of zero", edit("\"batch\": \"full\"", "\"batch\": 0"), "training.batch",
                "0 is out of range (expected a whole number of at least 1)"));
        cases.add(Arguments.of("unknown batch word", edit("\"batch\": \"full\"", "\"batch\": \"all\""),
                "training.batch", "expected \"full\", \"sample\" or a batch size of at least 1, found string"
                        + " \"all\""));
        // --- data
        cases.add(Arguments.of("empty data", edit("\"inputs\": [[0, 0], [0, 1], [1, 0], [1, 1]], \"targets\": [[0],"
                + " [1], [1], [0]]", "\"inputs\": [], \"targets\": []"), "data.inputs",
                "is empty (expected at least one sample)"));
        cases.add(Arguments.of("targets of the wrong width", edit("[[0], [1], [1], [0]]", "[[0], [1], [1], [0, 1]]"),
                "data.targets[3]", "2 entries, expected 1 (one target per sample: the network has 1 output unit)"));
        cases.add(Arguments.of("inputs of the wrong width", edit("[[0, 0], [0, 1], [1, 0]", "[[0, 0], [0, 1, 1],"
                + " [1, 0]"), "data.inputs[1]", "3 entries, expected 2 (2 inputs per sample: the network has 2 input"
                + " units)"));
        cases.add(Arguments.of("fewer targets than inputs", edit("[[0], [1], [1], [0]]", "[[0], [1], [1]]"),
                "data.targets", "3 entries, expected 4 (one row per sample of data.inputs)"));
        cases.add(Arguments.of("missing targets", edit(", \"targets\": [[0], [1], [1], [0]]", ""), "data.targets",
                "missing (expected the training targets: one row per sample, 1 target each)"));
        cases.add(Arguments.of("test targets without test inputs", edit("\"targets\": [[0], [1], [1], [0]]",
                "\"targets\": [[0], [1], [1], [0]], \"testTargets\": [[1]]"), "data.testInputs",
                "missing (expected the test inputs that data.testTargets belongs to: one row per sample, 2 inputs"
                        + " each)"));
        cases.add(Arguments.of("test inputs without test targets", edit("\"targets\": [[0], [1], [1], [0]]",
                "\"targets\": [[0], [1], [1], [0]], \"testInputs\": [[1, 1]]"), "data.testTargets",
                "missing (expected the test targets of data.testInputs: one row per sample, 1 target each)"));
        cases.add(Arguments.of("unknown generator", edit("\"inputs\": [[0, 0], [0, 1], [1, 0], [1, 1]], \"targets\":"
                + " [[0], [1], [1], [0]]", "\"generator\": \"moons\", \"samples\": 100"), "data.generator",
                "unknown generator \"moons\" (expected one of circle, spiral, gaussians, xor-quadrants)"));
        cases.add(Arguments.of("generator without samples", edit("\"inputs\": [[0, 0], [0, 1], [1, 0], [1, 1]],"
                + " \"targets\": [[0], [1], [1], [0]]", "\"generator\": \"circle\""), "data.samples",
                "missing (expected the number of points to generate, 2 to 1000000)"));
        cases.add(Arguments.of("binary-cross-entropy target outside [0, 1]",
                edit(edit("\"half-squared-error\"", "\"binary-cross-entropy\""), "[[0], [1], [1], [0]]",
                        "[[0], [1], [2], [0]]"), "data.targets[2][0]",
                "2 is outside [0, 1], which binary-cross-entropy needs"));
        // --- softmax and cross-entropy
        cases.add(Arguments.of("softmax without cross-entropy",
                edit(SOFTMAX, "\"loss\": \"cross-entropy\"", "\"loss\": \"mse\""), "loss",
                "a softmax output layer needs the cross-entropy loss, not mse"));
        cases.add(Arguments.of("cross-entropy without softmax", edit("\"half-squared-error\"", "\"cross-entropy\""),
                "loss.name", "cross-entropy needs a softmax output layer, not sigmoid"));
        cases.add(Arguments.of("binary-cross-entropy without sigmoid",
                edit(edit("\"half-squared-error\"", "\"binary-cross-entropy\""),
                        "{\"size\": 1, \"activation\": \"sigmoid\"", "{\"size\": 1, \"activation\": \"tanh\""),
                "loss.name", "binary-cross-entropy needs a sigmoid output layer, not tanh"));
        cases.add(Arguments.of("cross-entropy targets not summing to 1",
                edit(SOFTMAX, "[0, 1], [0, 1], [1, 0]]", "[0.5, 0.25], [0, 1], [1, 0]]"), "data.targets[1]",
                "sums to 0.75; cross-entropy targets are probabilities that sum to 1 (e.g. one-hot)"));
        cases.add(Arguments.of("negative cross-entropy target",
                edit(SOFTMAX, "[0, 1], [0, 1], [1, 0]]", "[0, 1], [2, -1], [1, 0]]"), "data.targets[2][1]",
                "-1 is negative; cross-entropy targets are probabilities"));
        cases.add(Arguments.of("softmax on a single output unit", edit(SOFTMAX,
                "{\"size\": 2, \"activation\": \"softmax\"}", "{\"size\": 1, \"activation\": \"softmax\"}"),
                "layers[2].activation", "softmax over a single unit always outputs 1 (expected sigmoid with"
                        + " binary-cross-entropy for one output, or softmax over 2 or more units)"));
        // --- JSON that a plain parser would take but is ambiguous
        String twice = edit("\"version\": 1,", "\"version\": 1,\n  \"version\": 1,");
        cases.add(Arguments.of("duplicate JSON key", twice, "version",
                "appears twice (each field may be given only once)"));
        String nestedTwice = edit("\"learningRate\": 0.5}", "\"learningRate\": 0.5, \"learningRate\": 0.1}");
        cases.add(Arguments.of("duplicate key in a nested object", nestedTwice, "optimizer.learningRate",
                "appears twice (each field may be given only once)"));
        String trailing = BASE + "{}\n";
        cases.add(Arguments.of("a second JSON value after the object", trailing,
                "line " + (BASE.lines().count() + 1) + ", column 1",
                "text after the end of the network object (expected nothing after its closing \"}\")"));
        // --- text that is not JSON: reported at the start of the offending token, in plain words
        String closer = edit("[[[0.1, 0.2], [0.3, 0.4]]", "[[[0.1, 0.2], [0.3, 0.4}]");
        cases.add(Arguments.of("wrong closing bracket", closer, at(closer, "}]", 0),
                "unexpected \"}\" (expected \"]\" to close the array opened at " + at(closer, "[0.3, 0.4}", 0)
                        + ")"));
        String noComma = edit("\"version\": 1,", "\"version\": 1");
        cases.add(Arguments.of("missing comma between fields", noComma, at(noComma, "\"name\"", 0),
                "unexpected string \"name\" (expected \",\" or \"}\" to close the object opened at line 1,"
                        + " column 1)"));
        String noArrayComma = edit("[[0.1, 0.2], [0.3]]", "[[0.1 0.2], [0.3]]");
        cases.add(Arguments.of("missing comma in an array", noArrayComma, at(noArrayComma, "0.2], [0.3]]", 0),
                "unexpected number 0.2 (expected \",\" or \"]\" to close the array opened at "
                        + at(noArrayComma, "[0.1 0.2]", 0) + ")"));
        String trailingComma = edit("\"zeros\", \"seed\": 1}", "\"zeros\", \"seed\": 1,}");
        cases.add(Arguments.of("comma before a closing brace", trailingComma,
                at(trailingComma, "},\n  \"loss\"", 0), "unexpected \"}\" (expected another field after the"
                        + " \",\"; JSON allows no comma before \"}\")"));
        String arrayComma = edit("[[0.1, 0.2], [0.3]]", "[[0.1, 0.2,], [0.3]]");
        cases.add(Arguments.of("comma before a closing bracket", arrayComma, at(arrayComma, "], [0.3]]", 0),
                "unexpected \"]\" (expected another value after the \",\"; JSON allows no comma before"
                        + " \"]\")"));
        String noColon = edit("\"version\": 1", "\"version\" 1");
        cases.add(Arguments.of("missing colon", noColon, at(noColon, "1,\n  \"name\"", 0),
                "unexpected number 1 (expected \":\" after the field name \"version\")"));
        String unquoted = edit("\"version\": 1", "version: 1");
        cases.add(Arguments.of("unquoted field name", unquoted, at(unquoted, "version", 0),
                "unexpected word \"version\" (expected a field name in double quotes)"));
        String single = edit("\"name\": \"base\"", "\"name\": 'base'");
        cases.add(Arguments.of("single-quoted string", single, at(single, "'base'", 0),
                "unexpected \"'\" (expected a value; strings take double quotes, not single quotes)"));
        String capital = edit("\"shuffle\": false", "\"shuffle\": False");
        cases.add(Arguments.of("capitalised literal", capital, at(capital, "False", 0),
                "unexpected word \"False\" (expected true, false or null, in lower case)"));
        String comment = edit("\"version\": 1,", "\"version\": 1, // the only version");
        cases.add(Arguments.of("comment", comment, at(comment, "//", 0),
                "unexpected \"/\" (expected no comments: JSON has none)"));
        String leadingZero = edit("\"learningRate\": 0.5", "\"learningRate\": 05");
        cases.add(Arguments.of("leading zero", leadingZero, at(leadingZero, "05", 0),
                "malformed number \"05\" (expected no leading zeros, as in 1 or 0.1)"));
        String noDigit = edit("\"learningRate\": 0.5", "\"learningRate\": .5");
        cases.add(Arguments.of("number without its 0", noDigit, at(noDigit, ".5}", 0),
                "malformed number \".5\" (expected a digit before the decimal point, as in 0.5)"));
        String plus = edit("\"learningRate\": 0.5", "\"learningRate\": +0.5");
        cases.add(Arguments.of("plus sign", plus, at(plus, "+0.5", 0),
                "malformed number \"+0.5\" (expected 0.5: JSON numbers take no plus sign)"));
        String lineBreak = edit("\"a valid file\"", "\"a valid\nfile\"");
        cases.add(Arguments.of("line break inside a string", lineBreak, at(lineBreak, "\"a valid", 0),
                "string is not closed on its line (expected a closing double quote; a line break inside a string"
                        + " is written \\n)"));
        String escape = edit("\"a valid file\"", "\"C:\\data\\xor\"");
        cases.add(Arguments.of("unknown escape", escape, at(escape, "\\d", 0),
                "unknown escape \"\\d\" in a string (expected one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t or"
                        + " \\u and 4 hex digits; a backslash itself is written \\\\)"));
        String unclosed = BASE.substring(0, BASE.indexOf("a valid file") + 7);
        cases.add(Arguments.of("string not closed at the end of the file", unclosed, at(unclosed, "\"a valid", 0),
                "string is not closed (expected a closing double quote before the end of the file)"));
        return cases.stream();
    }

    /** {@code expected} is the exact problem, parser errors included (they use no Jackson wording). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eachMalformedFileIsReportedAtItsPathAndLeftUnchanged(String what, String text, String location,
                                                               String expected) throws IOException {
        Path file = dir.resolve("broken.json");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        Files.setLastModifiedTime(file, FileTime.fromMillis(1_000_000_000_000L));
        byte[] before = Files.readAllBytes(file);

        NetworkFileException e = assertThrows(NetworkFileException.class, () -> NetworkReader.read(file), what);

        assertEquals(location, e.location(), what + ": location of " + e.getMessage());
        assertEquals(file.toString(), e.file(), what);
        String prefix = file + ": " + (location.isEmpty() ? "" : location + ": ");
        assertEquals(prefix + e.problem(), e.getMessage(), what + ": the message is file: location: problem");
        assertEquals(expected, e.problem(), what);
        if (location.startsWith("line ")) {
            assertTrue(e.getMessage().matches(".*line \\d+, column \\d+.*"), e.getMessage());
        }
        assertArrayEquals(before, Files.readAllBytes(file), what + ": the file must not change");
        assertEquals(FileTime.fromMillis(1_000_000_000_000L), Files.getLastModifiedTime(file), what);
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), what + ": reading creates no other file");
        }
    }

    @Test
    void theBaseFilesThatTheCasesEditAreValid() throws NetworkFileException {
        NetworkDefinition base = NetworkReader.parse("base.json", BASE);
        assertEquals(3, base.layers().size());
        assertEquals(0.6, base.newNetwork().layer(2).weight(1, 0));
        NetworkDefinition softmax = NetworkReader.parse("softmax.json", SOFTMAX);
        assertEquals(2, softmax.newNetwork().outputSize());
    }

    @Test
    void theUnknownActivationMessageReadsInFull() throws IOException {
        Path file = dir.resolve("xor.json");
        Files.writeString(file, edit("{\"size\": 1, \"activation\": \"sigmoid\"", "{\"size\": 1, \"activation\":"
                + " \"sigmod\""));
        NetworkFileException e = assertThrows(NetworkFileException.class, () -> NetworkReader.read(file));
        assertEquals(file + ": layers[2].activation: unknown activation \"sigmod\" (expected one of identity,"
                + " sigmoid, tanh, relu, leaky-relu, softmax)", e.getMessage());
    }

    @Test
    void notJsonNamesLineAndColumn() throws IOException {
        Path file = dir.resolve("notes.json");
        Files.writeString(file, "{\n  \"format\": \"backstep-network\",\n  oops\n}\n");
        NetworkFileException e = assertThrows(NetworkFileException.class, () -> NetworkReader.read(file));
        // Reported where the offending word starts: the "o" of oops.
        assertEquals("line 3, column 3", e.location());
        assertEquals(file + ": line 3, column 3: unexpected word \"oops\" (expected a field name in double quotes)",
                e.getMessage());
    }

    @Test
    void lineNumbersCountWindowsLineEndsOnceAndColumnsCountCharacters() {
        // CR LF ends a line once; "é" and "😀" are one column each, as an editor shows them.
        String text = "{\r\n  \"name\": \"caf\u00e9 \uD83D\uDE00\", \"version\": 1 \"format\": 2\r\n}\r\n";
        NetworkFileException e = assertThrows(NetworkFileException.class, () -> NetworkReader.parse("crlf.json",
                text.getBytes(StandardCharsets.UTF_8)));
        assertEquals("line 2, column 34", e.location());
        assertEquals("unexpected string \"format\" (expected \",\" or \"}\" to close the object opened at line 1,"
                + " column 1)", e.problem());
    }

    @Test
    void aFileThatIsNotUtf8IsRefusedAndLeftUnchanged() throws IOException {
        Path file = dir.resolve("latin1.json");
        // The base file with an "é" in Latin-1: one byte 0xE9 that cannot start a UTF-8 sequence here.
        byte[] bytes = edit("\"a valid file\"", "\"caf\u00e9\"").getBytes(StandardCharsets.ISO_8859_1);
        Files.write(file, bytes);
        NetworkFileException e = assertThrows(NetworkFileException.class, () -> NetworkReader.read(file));
        assertEquals("", e.location());
        int offset = edit("\"a valid file\"", "\"caf\u00e9\"").indexOf("\"caf") + 4;
        assertEquals(file + ": is not valid UTF-8 (byte 0xE9 at offset " + offset + "); save it as UTF-8",
                e.getMessage());
        assertArrayEquals(bytes, Files.readAllBytes(file));

        byte[] binary = {(byte) 0xff, (byte) 0xfe, 0, 0, (byte) 0x80, 1, 2};
        NetworkFileException b = assertThrows(NetworkFileException.class,
                () -> NetworkReader.parse("blob.bin", binary));
        assertEquals("blob.bin: is not valid UTF-8 (byte 0xFF at offset 0); save it as UTF-8", b.getMessage());

        // A multi-byte sequence cut short by the end of the file.
        byte[] cut = {'{', (byte) 0xC3};
        NetworkFileException c = assertThrows(NetworkFileException.class, () -> NetworkReader.parse("cut.json", cut));
        assertEquals("cut.json: is not valid UTF-8 (byte 0xC3 at offset 1); save it as UTF-8", c.getMessage());
    }

    @Test
    void aMissingFileIsReportedAndNotCreated() {
        Path file = dir.resolve("missing").resolve("nope.json");
        NetworkFileException e = assertThrows(NetworkFileException.class, () -> NetworkReader.read(file));
        assertEquals("", e.location());
        assertEquals(file + ": no such file", e.getMessage());
        assertFalse(Files.exists(file.getParent()));
    }

    @Test
    void aDirectoryIsReportedAsUnreadable() {
        NetworkFileException e = assertThrows(NetworkFileException.class, () -> NetworkReader.read(dir));
        assertEquals("", e.location());
        assertTrue(e.getMessage().startsWith(dir + ": cannot be read ("), e.getMessage());
    }

    @Test
    void theFileIsNamedAsTheCallerNamedIt() {
        NetworkFileException e = assertThrows(NetworkFileException.class,
                () -> NetworkReader.parse("lecture 3/xor.json", edit("\"version\": 1", "\"version\": 7")));
        assertEquals("lecture 3/xor.json", e.file());
        assertEquals("lecture 3/xor.json: version: version 7 is not supported (expected 1)", e.getMessage());
    }

    /** A UTF-8 file that starts with a byte-order mark, as Windows Notepad saves it. */
    @Test
    void aUtf8FileWithAByteOrderMarkIsRead() throws NetworkFileException {
        byte[] text = BASE.getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[text.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(text, 0, withBom, 3, text.length);
        NetworkDefinition d = NetworkReader.parse("notepad.json", withBom);
        assertEquals("base", d.name());

        // The mark is not counted as a column.
        byte[] broken = "\uFEFF{\"format\" \"backstep-network\"}".getBytes(StandardCharsets.UTF_8);
        NetworkFileException e = assertThrows(NetworkFileException.class,
                () -> NetworkReader.parse("notepad.json", broken));
        assertEquals("line 1, column 11", e.location());
        assertEquals("unexpected string \"backstep-network\" (expected \":\" after the field name \"format\")",
                e.problem());
    }

    /** The row count of the test targets comes from data.testInputs, and the message says so. */
    @Test
    void aShortTestTargetListNamesTheTestInputs() {
        String text = edit("\"targets\": [[0], [1], [1], [0]]",
                "\"targets\": [[0], [1], [1], [0]], \"testInputs\": [[1, 1], [0, 1]], \"testTargets\": [[1]]");
        NetworkFileException e = assertThrows(NetworkFileException.class, () -> NetworkReader.parse("t.json", text));
        assertEquals("data.testTargets", e.location());
        assertEquals("1 entry, expected 2 (one row per sample of data.testInputs)", e.problem());
    }

    /** An empty test set used to pass the reader and crash training ("test data has 0 inputs per sample"). */
    @Test
    void anEmptyTestSetIsRejectedByTheReader() {
        String text = edit("\"targets\": [[0], [1], [1], [0]]",
                "\"targets\": [[0], [1], [1], [0]], \"testInputs\": [], \"testTargets\": []");
        NetworkFileException e = assertThrows(NetworkFileException.class, () -> NetworkReader.parse("t.json", text));
        assertEquals("data.testInputs", e.location());
        assertEquals("is empty (expected at least one sample, or leave testInputs and testTargets out)", e.problem());
    }

    /**
     * "samples": 3 with "testFraction": 0.9 holds out round(2.7) = 3 points; it used to pass the reader with no
     * training samples and crash training ("training data is empty").
     */
    @Test
    void generatedDataWithoutTrainingSamplesIsRejectedByTheReader() throws NetworkFileException {
        String text = edit("\"inputs\": [[0, 0], [0, 1], [1, 0], [1, 1]], \"targets\": [[0], [1], [1], [0]]",
                "\"generator\": \"circle\", \"samples\": 3, \"testFraction\": 0.9");
        NetworkFileException e = assertThrows(NetworkFileException.class, () -> NetworkReader.parse("g.json", text));
        assertEquals("data.testFraction", e.location());
        assertEquals("0.9 of 3 samples holds out all of them and leaves no training samples (expected a smaller"
                + " testFraction or more samples)", e.problem());
        // Six samples leave one for training: round(5.4) = 5 held out.
        NetworkDefinition six = NetworkReader.parse("g.json", text.replace("\"samples\": 3", "\"samples\": 6"));
        assertEquals(1, six.trainingData().size());
        assertEquals(5, six.testData().size());
    }

    @Test
    void aSoftmaxOutputOfTwoUnitsIsStillAccepted() throws NetworkFileException {
        assertEquals(2, NetworkReader.parse("softmax.json", SOFTMAX).newNetwork().outputSize());
    }

    @Test
    void typoSuggestionsComeFromTheFieldsOfThatObject() {
        assertEquals("learningRate", JsonValue.suggestion("LearningRate", java.util.List.of("name", "learningRate")));
        assertEquals("testInputs", JsonValue.suggestion("testinputs", java.util.List.of("inputs", "testInputs")));
        assertEquals("seed", JsonValue.suggestion("sede", java.util.List.of("batch", "seed")));
        assertEquals("size", JsonValue.suggestion("sizes", java.util.List.of("size", "names")));
        assertEquals(null, JsonValue.suggestion("rate", java.util.List.of("name", "learningRate")),
                "two edits from a four-letter name are too many");
        assertEquals(null, JsonValue.suggestion("x", java.util.List.of("rho", "seed")));
    }
}
