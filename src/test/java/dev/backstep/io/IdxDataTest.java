package dev.backstep.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backstep.engine.Dataset;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * IDX (MNIST-format) data through a network file: images and labels the test writes, gzipped or not, read back as
 * pixel / 255 and one-hot labels; every malformed file reported with the file, the byte offset and what was expected.
 */
class IdxDataTest {
    private static final int ROWS = 3;
    private static final int COLS = 2;

    @TempDir
    Path dir;

    /** An IDX file: magic 0x0000080n, the dimensions, the bytes. */
    private static byte[] idx(int[] dims, byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(0x800 | dims.length);
        for (int d : dims) {
            out.writeInt(d);
        }
        out.write(data);
        return bytes.toByteArray();
    }

    private Path write(String name, byte[] bytes, boolean gzip) throws IOException {
        Path file = dir.resolve(name);
        try (OutputStream out = gzip ? new GZIPOutputStream(Files.newOutputStream(file)) : Files.newOutputStream(file)) {
            out.write(bytes);
        }
        return file;
    }

    private static byte[] randomBytes(Random random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    /** A 6-input network with {@code outputs} outputs reading {@code data}. */
    private Path network(int outputs, String data) throws IOException {
        String output = outputs == 1 ? "sigmoid" : "softmax";
        String loss = outputs == 1 ? "binary-cross-entropy" : "cross-entropy";
        Path file = dir.resolve("net.json");
        Files.writeString(file, "{\"format\": \"backstep-network\", \"version\": 1,\n"
                + " \"layers\": [{\"size\": " + ROWS * COLS + "}, {\"size\": 4, \"activation\": \"relu\"},"
                + " {\"size\": " + outputs + ", \"activation\": \"" + output + "\"}],\n"
                + " \"loss\": \"" + loss + "\", \"optimizer\": {\"name\": \"adam\"},\n \"data\": " + data + "}\n");
        return file;
    }

    private static final String PAIR = "{\"images\": \"img\", \"labels\": \"lab\"}";

    private NetworkFileException failure(Path network) {
        return assertThrows(NetworkFileException.class, () -> NetworkReader.read(network));
    }

    // ------------------------------------------------------------------ round trips

    @Test
    void imagesAndLabelsReadBackAsPixelOver255AndOneHotGzippedOrNot() throws Exception {
        Random random = new Random(11);
        int n = 9;
        byte[] pixels = randomBytes(random, n * ROWS * COLS);
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            labels[i] = (byte) random.nextInt(4);
        }
        labels[0] = 3;
        pixels[0] = (byte) 255;
        pixels[1] = 0;
        for (boolean gzip : new boolean[] {false, true}) {
            write("img", idx(new int[] {n, ROWS, COLS}, pixels), gzip);
            write("lab", idx(new int[] {n}, labels), gzip);
            Dataset set = NetworkReader.read(network(4, PAIR)).trainingData();
            assertEquals(n, set.size());
            for (int i = 0; i < n; i++) {
                for (int p = 0; p < ROWS * COLS; p++) {
                    int value = pixels[i * ROWS * COLS + p] & 0xff;
                    assertEquals(value / 255.0, set.inputs().get(i, p), "image " + i + " pixel " + p);
                }
                double[] oneHot = new double[4];
                oneHot[labels[i]] = 1;
                assertArrayEquals(oneHot, set.targets().toArray()[i], "label of image " + i);
            }
            assertEquals(1.0, set.inputs().get(0, 0), "255 is white, 1");
            assertEquals(0.0, set.inputs().get(0, 1));
        }
    }

    @Test
    void testFilesSamplesSingleOutputAndClassNames() throws Exception {
        Random random = new Random(12);
        write("img", idx(new int[] {6, ROWS, COLS}, randomBytes(random, 6 * ROWS * COLS)), true);
        write("lab", idx(new int[] {6}, new byte[] {0, 1, 1, 0, 1, 0}), true);
        write("timg", idx(new int[] {4, ROWS, COLS}, randomBytes(random, 4 * ROWS * COLS)), false);
        write("tlab", idx(new int[] {4}, new byte[] {1, 0, 0, 1}), false);
        NetworkDefinition d = NetworkReader.read(network(1, "{\"images\": \"img\", \"labels\": \"lab\","
                + " \"testImages\": \"timg\", \"testLabels\": \"tlab\", \"samples\": 5, \"testSamples\": 3,"
                + " \"classNames\": [\"no\", \"yes\"]}"));
        assertEquals(5, d.trainingData().size(), "the first 5 training images");
        assertEquals(3, d.testData().size(), "the first 3 test images");
        assertArrayEquals(new double[][] {{0}, {1}, {1}, {0}, {1}}, d.trainingData().targets().toArray());
        assertArrayEquals(new double[][] {{1}, {0}, {0}}, d.testData().targets().toArray());
        assertEquals(List.of("no", "yes"), DataSets.classNames(d.data(), 1));

        NetworkDefinition plain = NetworkReader.read(network(1, PAIR));
        assertEquals(List.of("0", "1"), DataSets.classNames(plain.data(), 1), "numbers without class names");
    }

    @Test
    void aSavedNetworkNamesFilesElsewhereByAbsolutePathAndReadsTheSameData() throws Exception {
        Random random = new Random(13);
        write("img", idx(new int[] {8, ROWS, COLS}, randomBytes(random, 8 * ROWS * COLS)), true);
        write("lab", idx(new int[] {8}, new byte[] {0, 1, 2, 0, 1, 2, 0, 1}), true);
        NetworkDefinition d = NetworkReader.read(network(3, "{\"images\": \"img\", \"labels\": \"lab\","
                + " \"testFraction\": 0.25, \"seed\": 4, \"standardize\": true}"));
        assertEquals(6, d.trainingData().size());
        assertEquals(2, d.testData().size());

        Path elsewhere = Files.createDirectory(dir.resolve("elsewhere")).resolve("copy.json");
        NetworkWriter.write(d, elsewhere);
        String text = Files.readString(elsewhere);
        assertTrue(text.contains("\"images\": \"" + dir.resolve("img").toAbsolutePath() + "\""), text);
        NetworkDefinition back = NetworkReader.read(elsewhere);
        NetworkRoundTripTest.assertSameDefinition(d, back, "copy.json");
    }

    // ------------------------------------------------------------------ malformed files

    @Test
    void aWrongMagicNumberIsReportedAtOffsetZero() throws Exception {
        Path labels = write("lab", idx(new int[] {2}, new byte[] {0, 1}), false);
        write("img", idx(new int[] {2}, new byte[] {0, 1}), false); // a labels file where the images belong
        NetworkFileException e = failure(network(2, PAIR));
        assertEquals(dir.resolve("img").toString(), e.file());
        assertEquals("byte offset 0", e.location());
        assertEquals("magic number 0x00000801, expected 0x00000803 (an IDX file of unsigned bytes with 3 dimensions:"
                + " images × rows × columns); the file has 1 dimensions", e.problem());

        Files.writeString(dir.resolve("img"), "P5 28 28 255\n");
        assertTrue(failure(network(2, PAIR)).problem().endsWith("this is not an IDX file"));
        byte[] floats = idx(new int[] {1, ROWS, COLS}, new byte[4 * ROWS * COLS]);
        floats[2] = 0x0D;
        write("img", floats, false);
        assertTrue(failure(network(2, PAIR)).problem().endsWith("element type 0x0D is not supported, only unsigned"
                + " bytes (0x08)"));
        assertTrue(Files.exists(labels));
    }

    @Test
    void truncatedFilesNameTheOffsetWhereTheyEnd() throws Exception {
        write("lab", idx(new int[] {2}, new byte[] {0, 1}), false);
        byte[] full = idx(new int[] {2, ROWS, COLS}, new byte[2 * ROWS * COLS]);
        write("img", Arrays.copyOf(full, full.length - 5), true);
        NetworkFileException data = failure(network(2, PAIR));
        assertEquals("byte offset " + (full.length - 5), data.location());
        assertEquals("the file is truncated: it ends after 7 of the 12 data bytes that the header's dimensions"
                + " 2 × 3 × 2 promise (expected 28 bytes in all)", data.problem());

        // A gzipped file cut off inside the compressed bytes: the offset of the last unpacked byte that arrived.
        int n = 3000;
        byte[] big = idx(new int[] {n, ROWS, COLS}, randomBytes(new Random(14), n * ROWS * COLS));
        write("lab", idx(new int[] {n}, new byte[n]), false);
        byte[] packed = Files.readAllBytes(write("img", big, true));
        Files.write(dir.resolve("img"), Arrays.copyOf(packed, packed.length / 2));
        NetworkFileException cut = failure(network(2, PAIR));
        int offset = Integer.parseInt(cut.location().substring("byte offset ".length()));
        assertTrue(offset > 16 && offset < big.length, cut.getMessage());
        assertTrue(cut.problem().startsWith("the file is truncated: it ends after " + (offset - 16) + " of the 18000"
                + " data bytes"), cut.problem());

        write("lab", idx(new int[] {2}, new byte[] {0, 1}), false);
        write("img", Arrays.copyOf(full, 10), false);
        NetworkFileException header = failure(network(2, PAIR));
        assertEquals("byte offset 10", header.location());
        assertEquals("the file is truncated: it ends inside the header, expected 3 dimension sizes of 4 bytes each",
                header.problem());

        write("img", Arrays.copyOf(full, full.length + 3), false);
        NetworkFileException longer = failure(network(2, PAIR));
        assertEquals("byte offset 28", longer.location());
        assertTrue(longer.problem().startsWith("more bytes follow the 12 data bytes"), longer.problem());
    }

    @Test
    void countsThatDisagreeNameTheLabelsFileAndBothCounts() throws Exception {
        write("img", idx(new int[] {3, ROWS, COLS}, new byte[3 * ROWS * COLS]), false);
        Path labels = write("lab", idx(new int[] {2}, new byte[] {0, 1}), false);
        NetworkFileException e = failure(network(2, PAIR));
        assertEquals(labels.toString(), e.file());
        assertEquals("byte offset 4", e.location());
        assertEquals("2 labels, but " + dir.resolve("img") + " holds 3 images (expected one label per image)",
                e.problem());
    }

    @Test
    void aLabelOutOfRangeIsReportedAtItsByte() throws Exception {
        write("img", idx(new int[] {3, ROWS, COLS}, new byte[3 * ROWS * COLS]), false);
        Path labels = write("lab", idx(new int[] {3}, new byte[] {0, 1, 7}), true);
        NetworkFileException e = failure(network(3, PAIR));
        assertEquals(labels.toString(), e.file());
        assertEquals("byte offset 10", e.location());
        assertEquals("label 7 of image 2 is out of range, expected 0 to 2 (the network has 3 outputs)", e.problem());
    }

    @Test
    void imagesOfAnotherSizeThanTheInputsAreRefused() throws Exception {
        Path images = write("img", idx(new int[] {1, 4, 4}, new byte[16]), false);
        write("lab", idx(new int[] {1}, new byte[] {0}), false);
        NetworkFileException e = failure(network(2, PAIR));
        assertEquals(images.toString(), e.file());
        assertEquals("byte offset 8", e.location());
        assertEquals("images of 4 × 4 = 16 pixels, but the network has 6 inputs (expected one input per pixel)",
                e.problem());
    }

    @Test
    void missingFilesSayHowToGetTheDataSet() throws Exception {
        Path net = network(2, "{\"images\": \"/no/such/dir/img.gz\", \"labels\": \"lab\","
                + " \"missingHelp\": \"Install it with apt-get.\"}");
        NetworkFileException e = failure(net);
        assertEquals(net.toString(), e.file());
        assertEquals("data.images", e.location());
        assertEquals("no such file /no/such/dir/img.gz. Install it with apt-get.", e.problem());

        NetworkFileException half = failure(network(2, "{\"images\": \"img\", \"labels\": \"lab\","
                + " \"testImages\": \"timg\"}"));
        assertEquals("data.testLabels", half.location());
    }

    @Test
    void askingForMoreSamplesThanTheFileHasIsAnError() throws Exception {
        write("img", idx(new int[] {2, ROWS, COLS}, new byte[2 * ROWS * COLS]), false);
        write("lab", idx(new int[] {2}, new byte[] {0, 1}), false);
        NetworkFileException e = failure(network(2, "{\"images\": \"img\", \"labels\": \"lab\", \"samples\": 3}"));
        assertEquals("data.samples", e.location());
        assertEquals("3 samples asked for, but " + dir.resolve("img") + " has only 2 (expected at most 2)",
                e.problem());
    }
}
