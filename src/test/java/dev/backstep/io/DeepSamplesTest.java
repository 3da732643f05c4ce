package dev.backstep.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstep.engine.Network;
import dev.backstep.engine.Trainer;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * deep-sigmoid and deep-relu keep the promise of seed 000's slide 11: the same network, differing only in the hidden
 * activation, whose first layer's gradient vanishes with sigmoid and does not with ReLU. Norms are computed here
 * from the gradients the engine stores, with plain loops.
 */
class DeepSamplesTest {
    private static final int EPOCHS = 5;

    /** ‖∂E/∂W‖ of layer {@code l}, from the stored gradient. */
    private static double norm(Network network, int l) {
        double[] g = network.layer(l).weights().gradient();
        double sum = 0;
        for (double v : g) {
            sum += v * v;
        }
        return Math.sqrt(sum);
    }

    /** first-layer norm ÷ last-layer norm after each of the first epochs; also checks the engine's own record. */
    private static double[] ratios(String name) throws Exception {
        Trainer trainer = SampleNetworks.load(name).newTrainer();
        Network network = trainer.network();
        int last = network.layers().size();
        double[] ratios = new double[EPOCHS];
        for (int e = 0; e < EPOCHS; e++) {
            trainer.finishEpoch();
            ratios[e] = norm(network, 1) / norm(network, last);
            for (int l = 1; l <= last; l++) {
                double expected = norm(network, l);
                assertEquals(expected, trainer.gradientNorms(l).get(e), 1e-12 * expected,
                        name + ": the engine's norm of layer " + l + " at epoch " + (e + 1));
            }
        }
        return ratios;
    }

    @Test
    void sigmoidsFirstLayerGradientIsOrdersOfMagnitudeBelowTheLastLayers() throws Exception {
        for (double ratio : ratios("deep-sigmoid")) {
            assertTrue(ratio < 1e-3, "first ÷ last = " + ratio);
        }
    }

    @Test
    void reluKeepsTheFirstLayersGradientWithinAnOrderOfMagnitudeOrTwo() throws Exception {
        for (double ratio : ratios("deep-relu")) {
            assertTrue(ratio > 1e-2 && ratio < 1e2, "first ÷ last = " + ratio);
        }
    }

    @Test
    void theTwoFilesDifferOnlyInTheHiddenActivation() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        JsonNode sigmoid = mapper.readTree(Files.readString(Path.of("sample-networks/deep-sigmoid.json")));
        JsonNode relu = mapper.readTree(Files.readString(Path.of("sample-networks/deep-relu.json")));
        ObjectNode expected = sigmoid.deepCopy();
        expected.put("name", "deep-relu");
        expected.put("description", relu.get("description").asText());
        JsonNode layers = expected.get("layers");
        for (int l = 1; l < layers.size() - 1; l++) {
            assertEquals("sigmoid", layers.get(l).get("activation").asText());
            ((ObjectNode) layers.get(l)).put("activation", "relu");
        }
        assertEquals(10, layers.size(), "2 inputs, eight hidden layers, one output");
        assertEquals(expected, relu);
    }
}
