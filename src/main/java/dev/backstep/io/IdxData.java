package dev.backstep.io;

import java.util.List;

/**
 * Images and labels in IDX files (the MNIST format): each image becomes one sample, its pixels scaled from 0…255 to
 * [0, 1] row by row, its label one-hot encoded (or 0/1 for a network with a single output).
 *
 * @param testImages test images, or null (then {@link FileOptions#testFraction} may hold samples out)
 * @param testLabels their labels, null exactly when testImages is
 * @param classNames a display name per label value (e.g. "Trouser" for 1), or null for the numbers themselves
 */
public record IdxData(DataLocation images, DataLocation labels, DataLocation testImages, DataLocation testLabels,
                      List<String> classNames, FileOptions options) implements DataSpec {
    IdxData resolved(Standardization standardization) {
        return new IdxData(images, labels, testImages, testLabels, classNames,
                options.withStandardization(standardization));
    }
}
