package dev.backstep.view.data;

import javafx.application.Platform;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs a view's heavy computation (a forward pass over 10,000 test images) on one background thread and hands the
 * result to the FX thread, at most one job at a time per owner: a view asks again only when the last answer is in,
 * so a fast-training network never queues up stale work.
 */
final class BackgroundWork<T> {
    private static final ExecutorService THREAD = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "backstep-data-views");
        t.setDaemon(true);
        return t;
    });

    private final Consumer<T> onResult;
    private final Consumer<String> onError;
    private boolean busy;

    BackgroundWork(Consumer<T> onResult, Consumer<String> onError) {
        this.onResult = onResult;
        this.onError = onError;
    }

    /** True while a job is running (FX thread). */
    boolean busy() {
        return busy;
    }

    /** Starts {@code job} unless one is running; returns whether it started (FX thread). */
    boolean start(Supplier<T> job) {
        if (busy) {
            return false;
        }
        busy = true;
        THREAD.execute(() -> {
            try {
                T result = job.get();
                Platform.runLater(() -> {
                    busy = false;
                    onResult.accept(result);
                });
            } catch (RuntimeException e) {
                String message = e.getMessage() == null ? e.toString() : e.getMessage();
                Platform.runLater(() -> {
                    busy = false;
                    onError.accept(message);
                });
            }
        });
        return true;
    }
}
