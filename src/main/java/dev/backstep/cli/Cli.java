package dev.backstep.cli;

import dev.backstep.engine.TrainingDivergedException;
import dev.backstep.io.NetworkFileException;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The headless command line: {@code java -jar backstep.jar COMMAND …}. Errors print one line on stderr and give a
 * non-zero exit code (1 for a failure, 2 for a wrong command line); stack traces only with {@code --debug}.
 */
public final class Cli {
    private static final Map<String, Command> COMMANDS = new LinkedHashMap<>();

    static {
        COMMANDS.put("train", new TrainCommand());
        COMMANDS.put("trace", new TraceCommand());
        COMMANDS.put("errata", new ErrataCommand());
        COMMANDS.put("gradcheck", new GradcheckCommand());
        COMMANDS.put("screenshot", new ScreenshotCommand());
        COMMANDS.put("export", new ExportCommand());
        COMMANDS.put("bench", new Command() {
            @Override
            public String synopsis() {
                return BenchCommand.SYNOPSIS;
            }

            @Override
            public int run(List<String> args, PrintStream out, PrintStream err) {
                return BenchCommand.run(args, out, err);
            }
        });
    }

    private Cli() {
    }

    /** Runs a command line and returns its exit code. */
    public static int run(String[] argv, PrintStream out, PrintStream err) {
        List<String> args = new ArrayList<>(List.of(argv));
        boolean debug = args.remove("--debug");
        if (args.isEmpty() || args.get(0).equals("help") || args.get(0).equals("--help") || args.get(0).equals("-h")) {
            printHelp(out);
            return 0;
        }
        String name = args.remove(0);
        Command command = COMMANDS.get(name);
        if (command == null) {
            err.println("backstep: unknown command \"" + name + "\" (expected one of "
                    + String.join(", ", COMMANDS.keySet()) + "; see backstep help)");
            return 2;
        }
        try {
            return command.run(args, out, err);
        } catch (UsageException e) {
            err.println("backstep " + e.getMessage() + " (usage: " + command.synopsis() + ")");
            return 2;
        } catch (NetworkFileException | TrainingDivergedException e) {
            err.println("backstep: " + e.getMessage());
            if (debug) {
                e.printStackTrace(err);
            }
            return 1;
        } catch (Exception | OutOfMemoryError e) {
            err.println("backstep: " + name + " failed: " + e + (debug ? "" : " (run with --debug for details)"));
            if (debug) {
                e.printStackTrace(err);
            }
            return 1;
        }
    }

    static void printHelp(PrintStream out) {
        out.println("Backstep: backpropagation made visible.");
        out.println();
        out.println("  java -jar backstep.jar                 opens the app");
        for (Command command : COMMANDS.values()) {
            out.println("  java -jar backstep.jar " + command.synopsis());
        }
        out.println();
        out.println("Add --debug to any command to see stack traces.");
    }
}
