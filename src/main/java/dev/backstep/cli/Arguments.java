package dev.backstep.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A subcommand's arguments: positional values, options that take a value ({@code --epochs 100} or
 * {@code --epochs=100}) and flags ({@code --json}). Anything not declared is a usage error.
 */
final class Arguments {
    private final List<String> positional = new ArrayList<>();
    private final Map<String, String> options = new HashMap<>();
    private final java.util.Set<String> flags = new java.util.HashSet<>();

    private Arguments() {
    }

    static Arguments parse(String command, List<String> args, Set<String> valueOptions, Set<String> flagOptions)
            throws UsageException {
        Arguments parsed = new Arguments();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--") || arg.equals("--")) {
                parsed.positional.add(arg);
                continue;
            }
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            if (flagOptions.contains(name) && value == null) {
                parsed.flags.add(name);
            } else if (valueOptions.contains(name)) {
                if (value == null) {
                    if (i + 1 >= args.size()) {
                        throw new UsageException(command + ": " + name + " needs a value");
                    }
                    value = args.get(++i);
                }
                parsed.options.put(name, value);
            } else {
                throw new UsageException(command + ": unknown option " + name);
            }
        }
        return parsed;
    }

    List<String> positional() {
        return positional;
    }

    /** The single positional argument, named {@code what} in the error when it is missing or repeated. */
    String single(String command, String what) throws UsageException {
        if (positional.size() != 1) {
            throw new UsageException(command + ": expected one " + what + ", got " + positional.size());
        }
        return positional.get(0);
    }

    boolean flag(String name) {
        return flags.contains(name);
    }

    String option(String name, String fallback) {
        return options.getOrDefault(name, fallback);
    }

    boolean has(String name) {
        return options.containsKey(name);
    }

    long longOption(String command, String name, long fallback, long min, long max) throws UsageException {
        if (!options.containsKey(name)) {
            return fallback;
        }
        String text = options.get(name);
        try {
            long value = Long.parseLong(text);
            if (value < min || value > max) {
                throw new UsageException(command + ": " + name + " must be from " + min + " to " + max + ", got "
                        + text);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new UsageException(command + ": " + name + " expects a whole number, got \"" + text + "\"");
        }
    }

    double doubleOption(String command, String name, double fallback) throws UsageException {
        if (!options.containsKey(name)) {
            return fallback;
        }
        String text = options.get(name);
        try {
            double value = Double.parseDouble(text);
            if (!(value > 0) || !Double.isFinite(value)) {
                throw new UsageException(command + ": " + name + " must be a positive number, got " + text);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new UsageException(command + ": " + name + " expects a number, got \"" + text + "\"");
        }
    }
}
