package dev.backstep.io;

import dev.backstep.engine.Dataset;
import dev.backstep.engine.Matrix;

/** Loads {@link IdxData}: images and labels files, checked against each other and against the network. */
final class IdxDataSets {
    /** Pixel value v as v / 255, looked up rather than divided 47 million times for MNIST. */
    private static final double[] PIXEL = new double[256];

    static {
        for (int v = 0; v < PIXEL.length; v++) {
            PIXEL[v] = v / 255.0;
        }
    }

    private IdxDataSets() {
    }

    static DataSets.Split load(IdxData spec, int inputs, int outputs, String networkFile) throws NetworkFileException {
        FileOptions options = spec.options();
        FileDataSets.requireExists(spec.images(), "data.images", options, networkFile);
        FileDataSets.requireExists(spec.labels(), "data.labels", options, networkFile);
        FileDataSets.requireExists(spec.testImages(), "data.testImages", options, networkFile);
        FileDataSets.requireExists(spec.testLabels(), "data.testLabels", options, networkFile);
        int classes = FileDataSets.classCount(outputs);
        if (spec.classNames() != null && spec.classNames().size() != classes) {
            throw new NetworkFileException(networkFile, "data.classNames", spec.classNames().size() + " names, expected "
                    + classes + " (one per class of the network's " + outputs + " outputs)");
        }
        Dataset all = read(spec.images(), spec.labels(), options.samples(), "data.samples", inputs, outputs,
                networkFile);
        Dataset test = spec.testImages() == null ? null : read(spec.testImages(), spec.testLabels(),
                options.testSamples(), "data.testSamples", inputs, outputs, networkFile);
        FileDataSets.Prepared prepared = FileDataSets.prepare(all, test, options, networkFile);
        return new DataSets.Split(prepared.train(), prepared.test(), spec.resolved(prepared.standardization()));
    }

    /**
     * The first {@code limit} images (0 for all) of an images file with their labels.
     *
     * @throws NetworkFileException when a file is malformed, the image size is not the network's input count, the
     *                              counts of images and labels disagree, or a label is not a class of the network
     */
    static Dataset read(DataLocation imagesFile, DataLocation labelsFile, int limit, String limitField, int inputs,
                        int outputs, String networkFile) throws NetworkFileException {
        int items = limit == 0 ? Integer.MAX_VALUE : limit;
        IdxReader.IdxArray images = IdxReader.read(imagesFile, 3, "images × rows × columns", items);
        IdxReader.IdxArray labels = IdxReader.read(labelsFile, 1, "one label per image", items);
        int pixels = images.itemSize();
        if (pixels != inputs) {
            throw new NetworkFileException(images.file(), "byte offset 8", "images of " + images.dimensions()[1] + " × "
                    + images.dimensions()[2] + " = " + pixels + " pixels, but the network has " + inputs + " inputs"
                    + " (expected one input per pixel)");
        }
        if (labels.itemsInFile() != images.itemsInFile()) {
            throw new NetworkFileException(labels.file(), "byte offset 4", labels.itemsInFile() + " labels, but "
                    + images.file() + " holds " + images.itemsInFile() + " images (expected one label per image)");
        }
        int count = FileDataSets.limit(images.itemsInFile(), limit, limitField, images.file(), networkFile);
        int classes = FileDataSets.classCount(outputs);
        int[] classOf = new int[count];
        byte[] labelBytes = labels.data();
        for (int i = 0; i < count; i++) {
            int label = labelBytes[i] & 0xff;
            if (label >= classes) {
                throw new NetworkFileException(labels.file(), "byte offset " + (8 + i), "label " + label + " of image "
                        + i + " is out of range, expected 0 to " + (classes - 1) + " (the network has " + outputs
                        + (outputs == 1 ? " output" : " outputs") + ")");
            }
            classOf[i] = label;
        }
        double[] x = new double[count * pixels];
        byte[] imageBytes = images.data();
        for (int i = 0; i < x.length; i++) {
            x[i] = PIXEL[imageBytes[i] & 0xff];
        }
        return new Dataset(Matrix.wrap(count, pixels, x), FileDataSets.oneHot(classOf, outputs));
    }
}
