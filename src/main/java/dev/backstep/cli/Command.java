package dev.backstep.cli;

import java.io.PrintStream;
import java.util.List;

/** One headless subcommand. Returns the exit code; reports problems by throwing, never by exiting the JVM. */
interface Command {
    /** One line for the help screen: the synopsis. */
    String synopsis();

    int run(List<String> args, PrintStream out, PrintStream err) throws Exception;
}
