package dev.backstep.view.formula;

import dev.backstep.io.SampleNetworks;
import dev.backstep.model.RunState;
import dev.backstep.model.SessionWorker;
import dev.backstep.model.Snapshot;
import dev.backstep.trace.Notation;
import dev.backstep.trace.StepTrace;
import javafx.application.Platform;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Starting JavaFX once (headless Monocle under surefire) and running code on its thread, without a robot. */
final class FxSupport {
    private FxSupport() {
    }

    /** Starts the FX platform, or does nothing when another test class already did. */
    static void start() throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        try {
            Platform.startup(started::countDown);
        } catch (IllegalStateException alreadyStarted) {
            started.countDown();
        }
        if (!started.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("JavaFX did not start within 30 s");
        }
        Platform.setImplicitExit(false);
    }

    /** Runs {@code work} on the FX thread and returns its result, rethrowing what it throws. */
    static <T> T onFx(Callable<T> work) throws Exception {
        if (Platform.isFxApplicationThread()) {
            return work.call();
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(work.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        try {
            return result.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception ex) {
                throw ex;
            }
            throw e;
        }
    }

    static void runFx(Runnable work) throws Exception {
        onFx(() -> {
            work.run();
            return null;
        });
    }

    /** The snapshot after the term with {@code key} of the first step of a sample network is revealed. */
    static Snapshot snapshotAt(String network, String key, Notation notation) throws Exception {
        try (SessionWorker worker = new SessionWorker(SampleNetworks.load(network))) {
            if (notation != null) {
                worker.setNotation(notation);
            }
            worker.stepTerm();
            StepTrace trace = worker.await().trace();
            int index = trace.indexOf(key);
            if (index < 0) {
                throw new IllegalArgumentException(network + " has no term " + key);
            }
            worker.seek(index + 1);
            Snapshot s = worker.await();
            if (!key.equals(s.currentTerm().key())) {
                throw new IllegalStateException("expected " + key + ", at " + s.currentTerm().key());
            }
            return s;
        }
    }

    /** A paused snapshot showing {@code position} terms of {@code trace} revealed, with nothing else in it. */
    static Snapshot snapshotOf(StepTrace trace, int position) {
        return new Snapshot(position, null, null, null, null, null, new int[0], 0, 0, 1, null, 0, null, 0, trace,
                position, false, RunState.PAUSED, "", 0, Double.POSITIVE_INFINITY, null, null, trace.notation(),
                false, position > 0);
    }
}
