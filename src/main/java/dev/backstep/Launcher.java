package dev.backstep;

import dev.backstep.cli.Cli;

/**
 * The jar's entry point. With no arguments it opens the app; with a subcommand it runs headless. A plain class
 * rather than the {@code Application} itself, because starting an Application subclass from the class path fails
 * with "JavaFX runtime components are missing".
 */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            dev.backstep.app.BackstepApp.launchApp(args);
            return;
        }
        int code = Cli.run(args, System.out, System.err);
        System.out.flush();
        System.exit(code);
    }
}
