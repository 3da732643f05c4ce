package dev.backstep.view.graph;

import javafx.application.Platform;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Starts the JavaFX platform once for all tests of this package and runs code on its thread. */
final class FxSupport {
    private static boolean started;

    private FxSupport() {
    }

    static synchronized void start() {
        if (started) {
            return;
        }
        try {
            Platform.startup(() -> {
            });
        } catch (IllegalStateException alreadyStarted) {
            // Another test class of this JVM started it: fine.
        }
        Platform.setImplicitExit(false);
        started = true;
    }

    /** Runs {@code work} on the FX thread and returns its result (rethrowing what it throws). */
    static <T> T onFx(Callable<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(work.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        try {
            return result.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static void runFx(Runnable work) {
        onFx(() -> {
            work.run();
            return null;
        });
    }
}
