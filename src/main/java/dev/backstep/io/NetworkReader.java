package dev.backstep.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstep.engine.Activation;
import dev.backstep.engine.Batching;
import dev.backstep.engine.BiasInit;
import dev.backstep.engine.DenseLayer;
import dev.backstep.engine.InitSettings;
import dev.backstep.engine.Initializer;
import dev.backstep.engine.Loss;
import dev.backstep.engine.Network;
import dev.backstep.engine.OptimizerKind;
import dev.backstep.engine.OptimizerSettings;
import dev.backstep.engine.Reduction;
import dev.backstep.engine.TrainingSettings;
import dev.backstep.trace.Notation;
import dev.backstep.trace.Published;
import dev.backstep.trace.PublishedValue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reads and validates a network file (the format is documented in {@code sample-networks/README.md}). Every problem
 * is reported as a {@link NetworkFileException} naming the file, the JSON path and what was expected; the file is
 * only read, never written.
 */
public final class NetworkReader {
    public static final String FORMAT = "backstep-network";
    public static final int VERSION = 1;
    /** Larger layers are refused rather than exhausting memory. */
    static final int MAX_LAYER_SIZE = 100_000;

    private static final List<String> ROOT_FIELDS = List.of("format", "version", "name", "description", "notation",
            "layers", "weights", "biases", "weightNames", "init", "freeze", "loss", "optimizer", "training", "data",
            "published");
    private static final List<String> INPUT_LAYER_FIELDS = List.of("size", "names");
    private static final List<String> LAYER_FIELDS = List.of("size", "activation", "bias", "trainable", "names");
    private static final List<String> INIT_FIELDS = List.of("weights", "biases", "seed");
    private static final List<String> FREEZE_FIELDS = List.of("biases");
    private static final List<String> LOSS_FIELDS = List.of("name", "reduction");
    private static final List<String> OPTIMIZER_FIELDS = List.of("name", "learningRate", "momentum", "beta1", "beta2",
            "epsilon", "rho", "weightDecay", "clipValue", "clipNorm");
    private static final List<String> TRAINING_FIELDS = List.of("batch", "shuffle", "epochs", "seed");
    private static final List<String> INLINE_DATA_FIELDS = List.of("inputs", "targets", "testInputs", "testTargets");
    private static final List<String> GENERATED_DATA_FIELDS = List.of("generator", "samples", "noise", "testFraction",
            "seed");
    private static final List<String> PUBLISHED_FIELDS = List.of("source", "notation", "values");
    private static final List<String> PUBLISHED_VALUE_FIELDS = List.of("term", "printed", "label", "note");

    private final String file;
    /** Where the data files the network file names are looked for. */
    private final DataFolder folder;

    private NetworkReader(String file, DataFolder folder) {
        this.file = file;
        this.folder = folder;
    }

    /**
     * Reads the network file at {@code path}; the file is named in errors as the path was given, and data files it
     * names are looked for beside it.
     */
    public static NetworkDefinition read(Path path) throws NetworkFileException {
        return parseTree(path.toString(), readTree(path.toString(), decode(path.toString(), readBytes(path))),
                DataFolder.besides(path));
    }

    /** The bytes of a network file, with the same errors as {@link #read(Path)}. */
    public static byte[] readBytes(Path path) throws NetworkFileException {
        try {
            return Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new NetworkFileException(path.toString(), "", "no such file");
        } catch (IOException e) {
            throw new NetworkFileException(path.toString(), "", "cannot be read (" + e.getMessage() + ")");
        }
    }

    /** Reads a network from bytes, naming it {@code label} in errors. */
    public static NetworkDefinition parse(String label, byte[] bytes) throws NetworkFileException {
        return parse(label, decode(label, bytes));
    }

    /** The UTF-8 text of a file's bytes, without the byte-order mark that some editors (Notepad) put first. */
    public static String decode(String label, byte[] bytes) throws NetworkFileException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        // UTF-8 never gives more UTF-16 chars than it has bytes.
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int at = in.position();
            throw new NetworkFileException(label, "", String.format(Locale.ROOT,
                    "is not valid UTF-8 (byte 0x%02X at offset %d); save it as UTF-8", bytes[at] & 0xff, at));
        }
        String text = out.flip().toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /** Reads a network from JSON text, naming it {@code label} in errors. */
    public static NetworkDefinition parse(String label, String json) throws NetworkFileException {
        return parseTree(label, readTree(label, json));
    }

    /** The JSON tree of a network file's text, before validation (to apply command-line overrides). */
    public static JsonNode readTree(String label, String json) throws NetworkFileException {
        JsonNode root = JsonValue.parse(label, json);
        if (root == null) {
            throw new NetworkFileException(label, "", "is empty (expected a JSON object)");
        }
        return root;
    }

    /** Validates and resolves a network file's JSON tree; data files are looked for beside the file {@code label}. */
    public static NetworkDefinition parseTree(String label, JsonNode root) throws NetworkFileException {
        return parseTree(label, root, DataFolder.besides(label));
    }

    /** Validates and resolves a network file's JSON tree; data files are looked for in {@code folder}. */
    public static NetworkDefinition parseTree(String label, JsonNode root, DataFolder folder)
            throws NetworkFileException {
        return new NetworkReader(label, folder).definition(new JsonValue(label, "", root));
    }

    /**
     * Sets every seed of a network file's tree to {@code seed}: the initialiser's, the shuffling's and a data
     * generator's. Weights the file lists explicitly stay as they are. A section that is there but not an object
     * is left alone, for {@link #parseTree} to report.
     */
    public static void overrideSeeds(JsonNode root, long seed) {
        if (!(root instanceof ObjectNode object)) {
            return;
        }
        for (String section : List.of("init", "training")) {
            JsonNode node = object.get(section);
            if (node == null || node.isNull()) {
                object.putObject(section).put("seed", seed);
            } else if (node instanceof ObjectNode o) {
                o.put("seed", seed);
            }
        }
        JsonNode data = object.get("data");
        if (data instanceof ObjectNode d && d.has("generator")) {
            d.put("seed", seed);
        }
    }

    private NetworkDefinition definition(JsonValue root) throws NetworkFileException {
        if (!root.isObject()) {
            throw new NetworkFileException(file, "", "expected a JSON object with \"format\": \"" + FORMAT
                    + "\", found " + JsonValue.describe(root.node()));
        }
        root.requireObject(ROOT_FIELDS);
        JsonValue format = root.required("format", "\"format\": \"" + FORMAT + "\"");
        if (!FORMAT.equals(format.asString())) {
            throw format.error("\"" + format.asString() + "\" is not a Backstep network (expected \"" + FORMAT + "\")");
        }
        JsonValue version = root.required("version", "\"version\": " + VERSION);
        if (version.isWholeNumber() && version.node().asDouble() != VERSION) {
            throw version.error("version " + version.numberText() + " is not supported (expected " + VERSION + ")");
        }
        version.asLong(VERSION, VERSION); // refuses anything but a whole number: "expected a whole number, found …"
        String name = root.has("name") ? root.get("name").asString() : defaultName();
        String description = root.has("description") ? root.get("description").asString() : "";
        Notation notation = root.has("notation") ? notation(root.get("notation")) : Notation.Z_A;

        List<LayerDefinition> layers = layers(root.required("layers", "an array of layers, the input layer first"));
        LossChoice loss = loss(root.required("loss", "a loss name such as \"half-squared-error\""), layers);
        InitSettings init = root.has("init") ? init(root.get("init")) : InitSettings.DEFAULT;
        Network network = buildNetwork(layers, loss);
        network.initialize(init);
        if (root.has("weights")) {
            readWeights(root.get("weights"), layers, network);
        }
        if (root.has("biases")) {
            readBiases(root.get("biases"), layers, network);
        }
        String[][][] weightNames = root.has("weightNames") ? weightNames(root.get("weightNames"), layers) : null;
        boolean freezeBiases = root.has("freeze") && freeze(root.get("freeze"));
        for (DenseLayer layer : network.layers()) {
            layer.setTrainable(layers.get(layer.index()).trainable());
            if (freezeBiases && layer.hasBias()) {
                layer.bias().setFrozen(true);
            }
        }
        OptimizerSettings optimizer = optimizer(root.required("optimizer",
                "an object such as {\"name\": \"sgd\", \"learningRate\": 0.1}"));
        TrainingSettings training = root.has("training") ? training(root.get("training"))
                : TrainingSettings.DEFAULT;
        JsonValue dataNode = root.required("data", "inline samples {\"inputs\": [...], \"targets\": [...]}, a"
                + " generator such as {\"generator\": \"circle\", \"samples\": 200} or data files such as"
                + " {\"csv\": \"iris.csv\"}");
        DataSets.Split split = DataSets.load(data(dataNode, layers, loss.loss), network.inputSize(),
                network.outputSize(), file);
        DataSpec data = split.spec();
        if (training.batching().size() > split.train().size()) {
            throw new NetworkFileException(file, "training.batch", "batch of " + training.batching().size()
                    + " is larger than the " + split.train().size() + " training samples");
        }
        Published published = root.has("published") ? published(root.get("published"), notation) : null;
        return new NetworkDefinition(name, description, notation, layers, network, weightNames, init, freezeBiases,
                optimizer, training, data, split.train(), split.test(), published);
    }

    private String defaultName() {
        String base = Path.of(file).getFileName() == null ? file : Path.of(file).getFileName().toString();
        return base.endsWith(".json") ? base.substring(0, base.length() - 5) : base;
    }

    private static Notation notation(JsonValue value) throws NetworkFileException {
        String id = value.asString();
        return Notation.byId(id).orElseThrow(() -> value.error("unknown notation \"" + id + "\" (expected one of "
                + Notation.names() + ")"));
    }

    private List<LayerDefinition> layers(JsonValue value) throws NetworkFileException {
        List<JsonValue> items = value.elements();
        if (items.size() < 2) {
            throw value.error(items.size() + " " + (items.size() == 1 ? "layer" : "layers")
                    + ", expected at least 2 (the input layer and an output layer)");
        }
        List<LayerDefinition> layers = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int l = 0; l < items.size(); l++) {
            JsonValue item = items.get(l);
            boolean input = l == 0;
            boolean output = l == items.size() - 1;
            if (input && item.isObject()) {
                for (String field : LAYER_FIELDS) {
                    if (!INPUT_LAYER_FIELDS.contains(field) && item.node().has(field)) {
                        throw new NetworkFileException(file, item.path() + "." + field, "the input layer takes no \""
                                + field + "\" (expected only \"size\" and \"names\")");
                    }
                }
            }
            item.requireObject(input ? INPUT_LAYER_FIELDS : LAYER_FIELDS);
            int size = item.required("size", "the number of units, 1 to " + MAX_LAYER_SIZE).asInt(1, MAX_LAYER_SIZE);
            Activation activation = null;
            if (!input) {
                JsonValue a = item.required("activation", "one of " + Activation.names());
                String id = a.asString();
                activation = Activation.byId(id).orElseThrow(() -> a.error("unknown activation \"" + id
                        + "\" (expected one of " + Activation.names() + ")"));
                if (activation == Activation.SOFTMAX && !output) {
                    throw a.error("softmax is only allowed on the output layer");
                }
                if (activation == Activation.SOFTMAX && size == 1) {
                    throw a.error("softmax over a single unit always outputs 1 (expected sigmoid with"
                            + " binary-cross-entropy for one output, or softmax over 2 or more units)");
                }
            }
            boolean bias = !input && (!item.has("bias") || item.get("bias").asBoolean());
            boolean trainable = input || !item.has("trainable") || item.get("trainable").asBoolean();
            List<String> names = item.has("names") ? names(item.get("names"), size, seen)
                    : defaultNames(l, items.size(), size, seen, item);
            layers.add(new LayerDefinition(size, activation, bias, trainable, names));
        }
        return layers;
    }

    private static List<String> names(JsonValue value, int size, Set<String> seen) throws NetworkFileException {
        List<JsonValue> items = value.elements(size, "one name per unit");
        List<String> names = new ArrayList<>();
        for (JsonValue item : items) {
            String name = item.asString();
            if (name.isBlank()) {
                throw item.error("a unit name must not be empty");
            }
            if (!seen.add(name)) {
                throw item.error("unit name \"" + name + "\" is used twice (names must be unique in the network)");
            }
            names.add(name);
        }
        return names;
    }

    /** x1…, then h1… for a single hidden layer (h1_1… for several), then o1…. */
    private static List<String> defaultNames(int layer, int layerCount, int size, Set<String> seen, JsonValue where)
            throws NetworkFileException {
        String prefix;
        if (layer == 0) {
            prefix = "x";
        } else if (layer == layerCount - 1) {
            prefix = "o";
        } else {
            prefix = layerCount == 3 ? "h" : "h" + layer + "_";
        }
        List<String> names = new ArrayList<>();
        for (int j = 1; j <= size; j++) {
            String name = prefix + j;
            if (!seen.add(name)) {
                throw where.error("default unit name \"" + name + "\" clashes with a name given to another layer;"
                        + " give this layer \"names\"");
            }
            names.add(name);
        }
        return names;
    }

    private record LossChoice(Loss loss, Reduction reduction) {
    }

    private static LossChoice loss(JsonValue value, List<LayerDefinition> layers) throws NetworkFileException {
        JsonValue nameNode = value;
        Reduction reduction = Reduction.MEAN;
        if (value.isObject()) {
            value.requireObject(LOSS_FIELDS);
            nameNode = value.required("name", "one of " + Loss.names());
            if (value.has("reduction")) {
                JsonValue r = value.get("reduction");
                String id = r.asString();
                reduction = Reduction.byId(id).orElseThrow(() -> r.error("unknown reduction \"" + id
                        + "\" (expected mean or sum)"));
            }
        } else if (!value.isTextual()) {
            throw value.error("expected a loss name or an object {\"name\": …, \"reduction\": …}, found "
                    + JsonValue.describe(value.node()));
        }
        String id = nameNode.asString();
        JsonValue where = nameNode;
        Loss loss = Loss.byId(id).orElseThrow(() -> where.error("unknown loss \"" + id + "\" (expected one of "
                + Loss.names() + ")"));
        Activation output = layers.get(layers.size() - 1).activation();
        Optional<String> problem = loss.check(output);
        if (problem.isPresent()) {
            throw where.error(problem.get());
        }
        return new LossChoice(loss, reduction);
    }

    private static Network buildNetwork(List<LayerDefinition> layers, LossChoice loss) {
        int[] sizes = new int[layers.size()];
        Activation[] activations = new Activation[layers.size() - 1];
        boolean[] biases = new boolean[layers.size() - 1];
        for (int l = 0; l < layers.size(); l++) {
            sizes[l] = layers.get(l).size();
            if (l > 0) {
                activations[l - 1] = layers.get(l).activation();
                biases[l - 1] = layers.get(l).bias();
            }
        }
        return new Network(sizes, activations, biases, loss.loss, loss.reduction);
    }

    private static InitSettings init(JsonValue value) throws NetworkFileException {
        value.requireObject(INIT_FIELDS);
        Initializer weights = InitSettings.DEFAULT.weights();
        if (value.has("weights")) {
            JsonValue w = value.get("weights");
            String id = w.asString();
            weights = Initializer.byId(id).orElseThrow(() -> w.error("unknown initialiser \"" + id
                    + "\" (expected one of " + Initializer.names() + ")"));
        }
        BiasInit biases = BiasInit.ZEROS;
        if (value.has("biases")) {
            JsonValue b = value.get("biases");
            if (b.isNumber()) {
                biases = BiasInit.constant(b.asDouble());
            } else {
                String id = b.asString();
                if (id.equals("zeros")) {
                    biases = BiasInit.ZEROS;
                } else if (id.equals("normal")) {
                    biases = BiasInit.NORMAL;
                } else {
                    throw b.error("unknown bias initialiser \"" + id + "\" (expected zeros, normal or a number)");
                }
            }
        }
        long seed = value.has("seed") ? seed(value.get("seed")) : InitSettings.DEFAULT.seed();
        return new InitSettings(weights, biases, seed);
    }

    private static long seed(JsonValue value) throws NetworkFileException {
        return value.asLong(0, 0xffffffffL);
    }

    private static void readWeights(JsonValue value, List<LayerDefinition> layers, Network network)
            throws NetworkFileException {
        List<JsonValue> matrices = value.elements(layers.size() - 1, "one matrix per layer after the input");
        for (int l = 0; l < matrices.size(); l++) {
            int from = layers.get(l).size();
            int to = layers.get(l + 1).size();
            double[][] w = matrices.get(l).asMatrix(from, to, "one row per unit of layer " + l + ", the units a weight"
                    + " comes from", "one weight per unit of layer " + (l + 1) + ", the units a weight goes to");
            double[] target = network.layer(l + 1).weights().value();
            for (int i = 0; i < from; i++) {
                System.arraycopy(w[i], 0, target, i * to, to);
            }
        }
    }

    private static void readBiases(JsonValue value, List<LayerDefinition> layers, Network network)
            throws NetworkFileException {
        List<JsonValue> vectors = value.elements(layers.size() - 1, "one list per layer after the input");
        for (int l = 0; l < vectors.size(); l++) {
            LayerDefinition layer = layers.get(l + 1);
            JsonValue item = vectors.get(l);
            if (!layer.bias()) {
                if (!item.elements().isEmpty()) {
                    throw item.error("layer " + (l + 1) + " has \"bias\": false, so its biases must be []");
                }
                continue;
            }
            double[] b = item.asDoubleArray(layer.size(), "one bias per unit of layer " + (l + 1));
            System.arraycopy(b, 0, network.layer(l + 1).bias().value(), 0, b.length);
        }
    }

    private static String[][][] weightNames(JsonValue value, List<LayerDefinition> layers)
            throws NetworkFileException {
        List<JsonValue> matrices = value.elements(layers.size() - 1, "one matrix of names per layer after the input");
        String[][][] names = new String[matrices.size()][][];
        Set<String> seen = new HashSet<>();
        for (int l = 0; l < matrices.size(); l++) {
            int from = layers.get(l).size();
            int to = layers.get(l + 1).size();
            List<JsonValue> rows = matrices.get(l).elements(from, "one row per unit of layer " + l);
            names[l] = new String[from][to];
            for (int i = 0; i < from; i++) {
                List<JsonValue> cells = rows.get(i).elements(to, "one name per unit of layer " + (l + 1));
                for (int j = 0; j < to; j++) {
                    String name = cells.get(j).asString();
                    if (name.isBlank() || !seen.add(name)) {
                        throw cells.get(j).error("weight names must be non-empty and unique, \"" + name + "\" is not");
                    }
                    names[l][i][j] = name;
                }
            }
        }
        return names;
    }

    private static boolean freeze(JsonValue value) throws NetworkFileException {
        value.requireObject(FREEZE_FIELDS);
        return value.has("biases") && value.get("biases").asBoolean();
    }

    private static OptimizerSettings optimizer(JsonValue value) throws NetworkFileException {
        value.requireObject(OPTIMIZER_FIELDS);
        JsonValue nameNode = value.required("name", "one of " + OptimizerKind.names());
        String id = nameNode.asString();
        OptimizerKind kind = OptimizerKind.byId(id).orElseThrow(() -> nameNode.error("unknown optimizer \"" + id
                + "\" (expected one of " + OptimizerKind.names() + ")"));
        OptimizerSettings d = OptimizerSettings.defaults(kind);
        double learningRate = number(value, "learningRate", d.learningRate(), Double.MIN_VALUE, 1e6,
                "a positive number up to 1e6");
        double momentum = number(value, "momentum", d.momentum(), 0, 0.999999, "at least 0 and below 1");
        double beta1 = number(value, "beta1", d.beta1(), 0, 0.999999, "at least 0 and below 1");
        double beta2 = number(value, "beta2", d.beta2(), 0, 0.999999, "at least 0 and below 1");
        double epsilon = number(value, "epsilon", d.epsilon(), 0, 1, "from 0 to 1");
        double rho = number(value, "rho", d.rho(), 0, 0.999999, "at least 0 and below 1");
        double weightDecay = number(value, "weightDecay", 0, 0, 1e6, "0 or more");
        double clipValue = number(value, "clipValue", 0, Double.MIN_VALUE, Double.MAX_VALUE, "a positive number");
        double clipNorm = number(value, "clipNorm", 0, Double.MIN_VALUE, Double.MAX_VALUE, "a positive number");
        return new OptimizerSettings(kind, learningRate, momentum, beta1, beta2, epsilon, rho, weightDecay, clipValue,
                clipNorm);
    }

    private static double number(JsonValue parent, String field, double fallback, double min, double max,
                                 String range) throws NetworkFileException {
        return parent.has(field) ? parent.get(field).asDouble(min, max, range) : fallback;
    }

    private static TrainingSettings training(JsonValue value) throws NetworkFileException {
        value.requireObject(TRAINING_FIELDS);
        TrainingSettings d = TrainingSettings.DEFAULT;
        Batching batching = d.batching();
        if (value.has("batch")) {
            JsonValue b = value.get("batch");
            if (b.isNumber()) {
                batching = Batching.of(b.asInt(1, Integer.MAX_VALUE));
            } else if (b.isTextual() && b.asString().equals("full")) {
                batching = Batching.full();
            } else if (b.isTextual() && b.asString().equals("sample")) {
                batching = Batching.sample();
            } else {
                throw b.error("expected \"full\", \"sample\" or a batch size of at least 1, found "
                        + JsonValue.describe(b.node()));
            }
        }
        boolean shuffle = value.has("shuffle") ? value.get("shuffle").asBoolean() : d.shuffle();
        long epochs = value.has("epochs") ? value.get("epochs").asLong(0, Long.MAX_VALUE) : d.epochs();
        long seed = value.has("seed") ? seed(value.get("seed")) : d.seed();
        return new TrainingSettings(batching, shuffle, epochs, seed);
    }

    private DataSpec data(JsonValue value, List<LayerDefinition> layers, Loss loss) throws NetworkFileException {
        if (!value.isObject()) {
            throw value.error("expected an object with \"inputs\" and \"targets\", with \"generator\", or with"
                    + " \"csv\" or \"images\" (data files), found " + JsonValue.describe(value.node()));
        }
        int inputs = layers.get(0).size();
        int outputs = layers.get(layers.size() - 1).size();
        if (FileDataReader.namesFiles(value)) {
            return FileDataReader.read(value, folder, inputs);
        }
        if (value.has("generator")) {
            value.requireObject(GENERATED_DATA_FIELDS);
            JsonValue g = value.get("generator");
            String id = g.asString();
            DataGenerator generator = DataGenerator.byId(id).orElseThrow(() -> g.error("unknown generator \"" + id
                    + "\" (expected one of " + DataGenerator.names() + ")"));
            int samples = value.required("samples", "the number of points to generate, 2 to 1000000")
                    .asInt(2, 1_000_000);
            double noise = value.has("noise") ? value.get("noise").asDouble(0, 1, "from 0 to 1") : 0;
            double testFraction = value.has("testFraction")
                    ? value.get("testFraction").asDouble(0, 0.9, "from 0 to 0.9") : 0;
            long seed = value.has("seed") ? seed(value.get("seed")) : 1;
            return new GeneratedData(generator, samples, noise, testFraction, seed);
        }
        value.requireObject(INLINE_DATA_FIELDS);
        JsonValue inputsNode = value.required("inputs", "the training inputs: " + rowsOf(inputs, "input"));
        double[][] x = samples(inputsNode, -1, inputs, "input", null);
        if (x.length == 0) {
            throw inputsNode.error("is empty (expected at least one sample)");
        }
        double[][] t = samples(value.required("targets", "the training targets: " + rowsOf(outputs, "target")),
                x.length, outputs, "target", inputsNode.path());
        checkTargets(t, loss, "data.targets");
        double[][] testX = null;
        double[][] testT = null;
        if (value.has("testInputs") || value.has("testTargets")) {
            JsonValue testInputsNode = value.required("testInputs", "the test inputs that data.testTargets belongs"
                    + " to: " + rowsOf(inputs, "input"));
            testX = samples(testInputsNode, -1, inputs, "input", null);
            if (testX.length == 0) {
                throw testInputsNode.error("is empty (expected at least one sample, or leave testInputs and"
                        + " testTargets out)");
            }
            testT = samples(value.required("testTargets", "the test targets of data.testInputs: "
                    + rowsOf(outputs, "target")), testX.length, outputs, "target", testInputsNode.path());
            checkTargets(testT, loss, "data.testTargets");
        }
        return new InlineData(x, t, testX, testT);
    }

    /** "one row per sample, 2 inputs each". */
    private static String rowsOf(int width, String what) {
        return "one row per sample, " + count(width, what) + " each";
    }

    /** "1 input", "2 inputs". */
    private static String count(int n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }

    /**
     * Rows of {@code width} numbers, {@code what} each ("input" or "target"); the number of rows is free when
     * {@code rowsOf} (the inputs field the rows belong to) is null, and that field's row count otherwise.
     */
    private static double[][] samples(JsonValue value, int rows, int width, String what, String rowsOf)
            throws NetworkFileException {
        String unit = what.equals("input") ? "input unit" : "output unit";
        String perSample = (width == 1 ? "one " + what : count(width, what)) + " per sample: the network has "
                + count(width, unit);
        return value.asMatrix(rows, width, "one row per sample of " + rowsOf, perSample);
    }

    private void checkTargets(double[][] targets, Loss loss, String path) throws NetworkFileException {
        for (int r = 0; r < targets.length; r++) {
            double sum = 0;
            for (int c = 0; c < targets[r].length; c++) {
                double t = targets[r][c];
                sum += t;
                if (loss == Loss.BINARY_CROSS_ENTROPY && (t < 0 || t > 1)) {
                    throw new NetworkFileException(file, path + "[" + r + "][" + c + "]", JsonValue.number(t)
                            + " is outside [0, 1], which binary-cross-entropy needs");
                }
                if (loss == Loss.CROSS_ENTROPY && t < 0) {
                    throw new NetworkFileException(file, path + "[" + r + "][" + c + "]", JsonValue.number(t)
                            + " is negative; cross-entropy targets are probabilities");
                }
            }
            if (loss == Loss.CROSS_ENTROPY && Math.abs(sum - 1) > 1e-9) {
                throw new NetworkFileException(file, path + "[" + r + "]", "sums to " + JsonValue.number(sum)
                        + "; cross-entropy targets are probabilities that sum to 1 (e.g. one-hot)");
            }
        }
    }

    private Published published(JsonValue value, Notation fileNotation) throws NetworkFileException {
        value.requireObject(PUBLISHED_FIELDS);
        String source = value.has("source") ? value.get("source").asString() : "";
        Notation notation = value.has("notation") ? notation(value.get("notation")) : fileNotation;
        List<PublishedValue> values = new ArrayList<>();
        for (JsonValue item : value.required("values", "an array of {\"term\": …, \"printed\": …} objects")
                .elements()) {
            item.requireObject(PUBLISHED_VALUE_FIELDS);
            String term = item.required("term", "the term the value belongs to, such as \"delta(o1)\"").asString();
            JsonValue printedNode = item.required("printed", "the value as the source printed it, as a string such"
                    + " as \"-0.0376\"");
            String printed = printedNode.asString();
            try {
                new PublishedValue(term, printed, "", "").value();
            } catch (NumberFormatException e) {
                throw printedNode.error("\"" + printed + "\" is not a number as printed (expected e.g. \"-0.0376\")");
            }
            String label = item.has("label") ? item.get("label").asString() : "";
            String note = item.has("note") ? item.get("note").asString() : "";
            values.add(new PublishedValue(term, printed, label, note));
        }
        return new Published(source, notation, values);
    }
}
