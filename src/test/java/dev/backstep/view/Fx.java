package dev.backstep.view;

import javafx.application.Platform;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

/**
 * Starts JavaFX once (headless Monocle, from the surefire properties) and runs code on its thread: shared by the
 * view tests that need no robot.
 */
public final class Fx {
    private static boolean started;

    private Fx() {
    }

    public static synchronized void start() throws InterruptedException {
        if (started) {
            return;
        }
        CountDownLatch latch = new CountDownLatch(1);
        try {
            Platform.startup(latch::countDown);
        } catch (IllegalStateException alreadyRunning) {
            latch.countDown();
        }
        latch.await(10, TimeUnit.SECONDS);
        Platform.setImplicitExit(false);
        started = true;
    }

    /** Runs {@code task} on the FX thread and returns its result, rethrowing what it throws. */
    public static <T> T call(Callable<T> task) throws Exception {
        start();
        FutureTask<T> future = new FutureTask<>(task);
        Platform.runLater(future);
        try {
            return future.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    public static void run(ThrowingRunnable task) throws Exception {
        call(() -> {
            task.run();
            return null;
        });
    }

    public interface ThrowingRunnable {
        void run() throws Exception;
    }
}
