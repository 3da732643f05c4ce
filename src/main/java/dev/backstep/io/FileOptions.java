package dev.backstep.io;

/**
 * What data read from files (CSV or IDX) can ask for besides the files themselves.
 *
 * @param samples         use only the first this many training samples of the file; 0 for all
 * @param testSamples     use only the first this many samples of the test file; 0 for all
 * @param testFraction    without a test file: the share of the samples held out as a test set (0 for none), drawn
 *                        after a seeded shuffle
 * @param seed            the seed of that shuffle
 * @param standardize     whether inputs are standardised
 * @param standardization the mean and std to use, as the file gives them or as computed from the training samples;
 *                        null when not (yet) known
 * @param missingHelp     what to tell the user when a data file is missing (how to get the data set), or empty
 */
public record FileOptions(int samples, int testSamples, double testFraction, long seed, boolean standardize,
                          Standardization standardization, String missingHelp) {
    public FileOptions withStandardization(Standardization value) {
        return new FileOptions(samples, testSamples, testFraction, seed, standardize, value, missingHelp);
    }
}
