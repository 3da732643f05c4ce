package dev.backstep.io;

/**
 * A two-dimensional data set generated from a seed, as TensorFlow Playground draws them.
 *
 * @param samples      how many points in all (train and test together)
 * @param noise        0 for clean classes; Playground's slider 0…50 is 0…0.5 here
 * @param testFraction the share of points held out as a test set, 0 for none
 */
public record GeneratedData(DataGenerator generator, int samples, double noise, double testFraction, long seed)
        implements DataSpec {
}
