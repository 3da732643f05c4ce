package dev.backstep.cli;

/** The command line itself is wrong (unknown option, missing file): exit code 2 and a usage hint. */
final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
