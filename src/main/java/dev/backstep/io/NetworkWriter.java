package dev.backstep.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstep.engine.BiasInit;
import dev.backstep.engine.DenseLayer;
import dev.backstep.engine.Network;
import dev.backstep.engine.OptimizerSettings;
import dev.backstep.engine.TrainingSettings;
import dev.backstep.trace.Published;
import dev.backstep.trace.PublishedValue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

/**
 * Writes a {@link NetworkDefinition} in the network-file format with every weight and bias written out, so that
 * reading it back gives the same network. Doubles are written in their shortest exact form.
 */
public final class NetworkWriter {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private NetworkWriter() {
    }

    /** Saves atomically: a failure never leaves a truncated or half-written file behind. */
    public static void write(NetworkDefinition definition, Path path) throws IOException {
        AtomicFiles.writeString(path, toJson(definition, path.toAbsolutePath().getParent()));
    }

    /** The file's text, ending with a newline; data files are named by absolute paths. */
    public static String toJson(NetworkDefinition definition) {
        return toJson(definition, null);
    }

    private static String toJson(NetworkDefinition definition, Path folder) {
        StringBuilder out = new StringBuilder();
        print(toTree(definition, folder), out, 0);
        return out.append('\n').toString();
    }

    /** The file as a JSON tree (for embedding in other JSON, e.g. {@code train --json}). */
    public static ObjectNode toTree(NetworkDefinition d) {
        return toTree(d, null);
    }

    /**
     * The file as a JSON tree for a file in {@code folder} (null when unknown): data files in that folder are
     * named relative to it, others by absolute paths.
     */
    private static ObjectNode toTree(NetworkDefinition d, Path folder) {
        Network network = d.newNetwork();
        ObjectNode root = JSON.objectNode();
        root.put("format", NetworkReader.FORMAT);
        root.put("version", NetworkReader.VERSION);
        root.put("name", d.name());
        if (!d.description().isEmpty()) {
            root.put("description", d.description());
        }
        root.put("notation", d.notation().id());
        ArrayNode layers = root.putArray("layers");
        for (LayerDefinition layer : d.layers()) {
            ObjectNode node = layers.addObject();
            node.put("size", layer.size());
            if (!layer.isInput()) {
                node.put("activation", layer.activation().id());
                node.put("bias", layer.bias());
                if (!layer.trainable()) {
                    node.put("trainable", false);
                }
            }
            ArrayNode names = node.putArray("names");
            layer.names().forEach(names::add);
        }
        ArrayNode weights = root.putArray("weights");
        ArrayNode biases = root.putArray("biases");
        for (DenseLayer layer : network.layers()) {
            ArrayNode matrix = weights.addArray();
            for (int i = 0; i < layer.inputSize(); i++) {
                ArrayNode row = matrix.addArray();
                for (int j = 0; j < layer.size(); j++) {
                    row.add(layer.weight(i, j));
                }
            }
            ArrayNode b = biases.addArray();
            if (layer.hasBias()) {
                for (double v : layer.bias().value()) {
                    b.add(v);
                }
            }
        }
        if (d.weightNames() != null) {
            ArrayNode names = root.putArray("weightNames");
            for (String[][] matrix : d.weightNames()) {
                ArrayNode m = names.addArray();
                for (String[] row : matrix) {
                    ArrayNode r = m.addArray();
                    for (String name : row) {
                        r.add(name);
                    }
                }
            }
        }
        root.set("init", init(d));
        if (d.freezeBiases()) {
            root.putObject("freeze").put("biases", true);
        }
        ObjectNode loss = root.putObject("loss");
        loss.put("name", network.loss().id());
        loss.put("reduction", network.reduction().id());
        root.set("optimizer", optimizer(d.optimizer()));
        root.set("training", training(d.training()));
        root.set("data", d.data() instanceof GeneratedData || d.data() instanceof InlineData ? data(d.data())
                : FileDataWriter.data(d.data(), folder));
        if (d.published() != null) {
            root.set("published", published(d.published()));
        }
        return root;
    }

    private static ObjectNode init(NetworkDefinition d) {
        ObjectNode init = JSON.objectNode();
        init.put("weights", d.init().weights().id());
        BiasInit biases = d.init().biases();
        switch (biases.kind()) {
            case ZEROS:
                init.put("biases", "zeros");
                break;
            case NORMAL:
                init.put("biases", "normal");
                break;
            default:
                init.put("biases", biases.constant());
        }
        init.put("seed", d.init().seed());
        return init;
    }

    private static ObjectNode optimizer(OptimizerSettings o) {
        OptimizerSettings d = OptimizerSettings.defaults(o.kind());
        ObjectNode node = JSON.objectNode();
        node.put("name", o.kind().id());
        node.put("learningRate", o.learningRate());
        // Hyper-parameters are written only where they differ from the defaults, to keep files short and readable.
        putIfChanged(node, "momentum", o.momentum(), d.momentum());
        putIfChanged(node, "beta1", o.beta1(), d.beta1());
        putIfChanged(node, "beta2", o.beta2(), d.beta2());
        putIfChanged(node, "epsilon", o.epsilon(), d.epsilon());
        putIfChanged(node, "rho", o.rho(), d.rho());
        putIfChanged(node, "weightDecay", o.weightDecay(), 0);
        putIfChanged(node, "clipValue", o.clipValue(), 0);
        putIfChanged(node, "clipNorm", o.clipNorm(), 0);
        return node;
    }

    private static void putIfChanged(ObjectNode node, String field, double value, double defaultValue) {
        if (Double.compare(value, defaultValue) != 0) {
            node.put(field, value);
        }
    }

    private static ObjectNode training(TrainingSettings t) {
        ObjectNode node = JSON.objectNode();
        if (t.batching().isFull()) {
            node.put("batch", "full");
        } else if (t.batching().size() == 1) {
            node.put("batch", "sample");
        } else {
            node.put("batch", t.batching().size());
        }
        node.put("shuffle", t.shuffle());
        node.put("epochs", t.epochs());
        node.put("seed", t.seed());
        return node;
    }

    private static ObjectNode data(DataSpec spec) {
        ObjectNode node = JSON.objectNode();
        if (spec instanceof GeneratedData g) {
            node.put("generator", g.generator().id());
            node.put("samples", g.samples());
            node.put("noise", g.noise());
            node.put("testFraction", g.testFraction());
            node.put("seed", g.seed());
            return node;
        }
        InlineData inline = (InlineData) spec;
        node.set("inputs", matrix(inline.inputs()));
        node.set("targets", matrix(inline.targets()));
        if (inline.hasTest()) {
            node.set("testInputs", matrix(inline.testInputs()));
            node.set("testTargets", matrix(inline.testTargets()));
        }
        return node;
    }

    private static ArrayNode matrix(double[][] rows) {
        ArrayNode out = JSON.arrayNode();
        for (double[] row : rows) {
            ArrayNode r = out.addArray();
            for (double v : row) {
                r.add(v);
            }
        }
        return out;
    }

    private static ObjectNode published(Published p) {
        ObjectNode node = JSON.objectNode();
        if (!p.source().isEmpty()) {
            node.put("source", p.source());
        }
        node.put("notation", p.notation().id());
        ArrayNode values = node.putArray("values");
        for (PublishedValue v : p.values()) {
            ObjectNode item = values.addObject();
            item.put("term", v.term());
            item.put("printed", v.printed());
            if (!v.label().isEmpty()) {
                item.put("label", v.label());
            }
            if (!v.note().isEmpty()) {
                item.put("note", v.note());
            }
        }
        return node;
    }

    /**
     * Pretty-prints with two-space indents, keeping arrays of plain values on one line (a weight row, a list of
     * names) so that small networks read like the tables in the tutorials.
     */
    static void print(JsonNode node, StringBuilder out, int indent) {
        if (node.isObject()) {
            if (node.isEmpty()) {
                out.append("{}");
                return;
            }
            out.append("{\n");
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                pad(out, indent + 1).append(JSON.textNode(field.getKey()).toString()).append(": ");
                print(field.getValue(), out, indent + 1);
                out.append(fields.hasNext() ? ",\n" : "\n");
            }
            pad(out, indent).append('}');
        } else if (node.isArray()) {
            boolean flat = true;
            for (JsonNode item : node) {
                flat &= item.isValueNode();
            }
            if (flat || node.isEmpty()) {
                out.append('[');
                for (int i = 0; i < node.size(); i++) {
                    out.append(i == 0 ? "" : ", ").append(node.get(i).toString());
                }
                out.append(']');
                return;
            }
            out.append("[\n");
            for (int i = 0; i < node.size(); i++) {
                pad(out, indent + 1);
                print(node.get(i), out, indent + 1);
                out.append(i < node.size() - 1 ? ",\n" : "\n");
            }
            pad(out, indent).append(']');
        } else {
            out.append(node.toString());
        }
    }

    private static StringBuilder pad(StringBuilder out, int indent) {
        return out.append("  ".repeat(indent));
    }
}
