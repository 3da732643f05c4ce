package dev.backstep.io;

/**
 * A network or data file that cannot be used, with the file, the place in it and what was expected, e.g.
 * {@code xor.json: layers[2].activation: unknown activation "sigmod" (expected one of identity, …)}.
 * The file is never modified by the failed read.
 */
public final class NetworkFileException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String file;
    private final String location;
    private final String problem;

    /**
     * @param file     the file as the user named it
     * @param location a JSON path such as {@code layers[2].activation}, a row, an offset, or empty
     * @param problem  what is wrong and what was expected
     */
    public NetworkFileException(String file, String location, String problem) {
        super(file + ": " + (location == null || location.isEmpty() ? "" : location + ": ") + problem);
        this.file = file;
        this.location = location == null ? "" : location;
        this.problem = problem;
    }

    public String file() {
        return file;
    }

    /** The JSON path (or row, or offset) of the problem; empty for the file as a whole. */
    public String location() {
        return location;
    }

    public String problem() {
        return problem;
    }
}
