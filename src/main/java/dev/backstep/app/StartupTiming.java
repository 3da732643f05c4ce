package dev.backstep.app;

import javafx.animation.AnimationTimer;

import java.lang.management.ManagementFactory;

/**
 * With {@code -Dbackstep.timing=true}, prints on stderr when the window was shown, when the views were built, when
 * their first frame was drawn and when every view was in place, in milliseconds since the JVM started: how the
 * start-up figures are measured.
 */
final class StartupTiming {
    private StartupTiming() {
    }

    static void windowShown() {
        print("window shown");
    }

    static void viewsBuilt(AppWindow window) {
        print("views built");
        new AnimationTimer() {
            private int frames;

            @Override
            public void handle(long now) {
                frames++;
                if (frames == 2) {
                    print("first frame drawn");
                } else if (frames == 4) {
                    print("every view in place");
                    stop();
                }
            }
        }.start();
    }

    private static void print(String what) {
        long since = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
        System.err.println("backstep: " + what + " after " + since + " ms");
    }
}
