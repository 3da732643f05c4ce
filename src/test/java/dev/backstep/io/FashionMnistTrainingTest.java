package dev.backstep.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstep.engine.Dataset;
import dev.backstep.engine.Matrix;
import dev.backstep.engine.Network;
import dev.backstep.engine.Trainer;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Fashion-MNIST sample on a slice of the real data (5,000 training and 2,000 test images), when Debian's
 * package dataset-fashion-mnist is installed: the images decode to the bytes of the files, and two epochs of the
 * sample's own network and optimizer classify the test images clearly better than chance (10%).
 */
class FashionMnistTrainingTest {
    private static final Path SAMPLE = Path.of("sample-networks", "fashion-mnist.json");
    private static final int TRAIN = 5000;
    private static final int TEST = 2000;
    private static NetworkDefinition slice;

    @BeforeAll
    static void loadSlice() throws Exception {
        assumeTrue(TestSamples.hasData("fashion-mnist"),
                "Fashion-MNIST is not installed (apt-get install dataset-fashion-mnist)");
        JsonNode tree = NetworkReader.readTree(SAMPLE.toString(), Files.readString(SAMPLE));
        ObjectNode data = (ObjectNode) tree.get("data");
        data.put("samples", TRAIN);
        data.put("testSamples", TEST);
        slice = NetworkReader.parseTree(SAMPLE.toString(), tree, DataFolder.besides(SAMPLE));
    }

    @Test
    void theSliceHoldsTheFilesPixelsScaledToUnitRangeAndOneHotLabels() throws IOException {
        IdxData spec = (IdxData) slice.data();
        assertEquals(TRAIN, slice.trainingData().size());
        assertEquals(TEST, slice.testData().size());
        checkAgainstTheFiles(slice.trainingData(), spec.images().path(), spec.labels().path());
        checkAgainstTheFiles(slice.testData(), spec.testImages().path(), spec.testLabels().path());
        assertEquals("Ankle boot", DataSets.classNames(spec, 10).get(9));
    }

    /** Reads the IDX bytes with plain streams, independently of IdxReader, and compares every sample. */
    private static void checkAgainstTheFiles(Dataset set, Path imagesFile, Path labelsFile) throws IOException {
        try (DataInputStream images = plain(imagesFile); DataInputStream labels = plain(labelsFile)) {
            assertEquals(0x803, images.readInt());
            images.readInt();
            assertEquals(28, images.readInt());
            assertEquals(28, images.readInt());
            assertEquals(0x801, labels.readInt());
            labels.readInt();
            for (int r = 0; r < set.size(); r++) {
                for (int p = 0; p < 784; p++) {
                    double expected = images.readUnsignedByte() / 255.0;
                    if (expected != set.inputs().get(r, p)) {
                        fail("image " + r + " pixel " + p + ": expected " + expected + ", was " + set.inputs().get(r, p));
                    }
                }
                int label = labels.readUnsignedByte();
                for (int c = 0; c < 10; c++) {
                    if (set.targets().get(r, c) != (c == label ? 1 : 0)) {
                        fail("image " + r + " has label " + label + " but target " + c + " is " + set.targets().get(r, c));
                    }
                }
            }
        }
    }

    private static DataInputStream plain(Path gzipped) throws IOException {
        return new DataInputStream(new BufferedInputStream(new GZIPInputStream(Files.newInputStream(gzipped))));
    }

    @Test
    void twoEpochsOnTheSliceBeatChanceClearly() {
        Network network = slice.newNetwork();
        Trainer trainer = new Trainer(network, slice.trainingData(), slice.testData(), slice.training(),
                slice.optimizer());
        trainer.runEpochs(2);
        // Accuracy counted here from the outputs, not by Evaluation.
        Matrix outputs = network.predict(slice.testData().inputs());
        int correct = 0;
        for (int r = 0; r < TEST; r++) {
            int predicted = 0;
            int truth = 0;
            for (int c = 1; c < 10; c++) {
                if (outputs.get(r, c) > outputs.get(r, predicted)) {
                    predicted = c;
                }
                if (slice.testData().targets().get(r, c) == 1) {
                    truth = c;
                }
            }
            correct += predicted == truth ? 1 : 0;
        }
        double accuracy = correct / (double) TEST;
        assertTrue(accuracy >= 0.6, "test accuracy " + accuracy + " after 2 epochs on " + TRAIN + " images");
    }
}
