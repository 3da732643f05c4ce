package dev.backstep.model;

import dev.backstep.engine.OptimizerKind;
import dev.backstep.io.NetworkDefinition;
import dev.backstep.io.NetworkWriter;
import dev.backstep.trace.Notation;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/**
 * The app's model: the open network as read-only observable state, and the commands that change it. State comes
 * from the training thread's latest {@link Snapshot}, taken at most once per frame by {@link #refresh()}; commands
 * are handed to the training thread and never touch the network here. Commands guard on their own state: stepping
 * pauses training, editing needs it paused.
 *
 * <p>FX thread only (commands may be called from any thread, but properties change only in {@link #refresh()}).
 */
public final class Session implements AutoCloseable {
    private final SessionWorker worker;
    private final ReadOnlyObjectWrapper<Snapshot> snapshot = new ReadOnlyObjectWrapper<>(this, "snapshot");
    private final ReadOnlyObjectWrapper<Path> file = new ReadOnlyObjectWrapper<>(this, "file");
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyBooleanWrapper canStepBack = new ReadOnlyBooleanWrapper(this, "canStepBack");
    private final ReadOnlyBooleanWrapper canEdit = new ReadOnlyBooleanWrapper(this, "canEdit");
    private final ReadOnlyBooleanWrapper dirty = new ReadOnlyBooleanWrapper(this, "dirty");

    /**
     * @param file where the network was read from, or null for a bundled sample (saving then asks where)
     */
    public Session(NetworkDefinition definition, Path file) {
        this.worker = new SessionWorker(definition);
        this.file.set(file);
        accept(worker.latest());
    }

    /** Takes the training thread's latest snapshot if it is newer; returns whether it was. Call once per frame. */
    public boolean refresh() {
        Snapshot latest = worker.latest();
        if (latest == null || (snapshot.get() != null && latest.version() == snapshot.get().version())) {
            return false;
        }
        accept(latest);
        return true;
    }

    private void accept(Snapshot s) {
        snapshot.set(s);
        running.set(s.running());
        canStepBack.set(s.canStepBack());
        canEdit.set(!s.running());
        dirty.set(s.dirty());
        title.set("Backstep — " + s.definition().name() + (s.dirty() ? " *" : ""));
    }

    public ReadOnlyObjectProperty<Snapshot> snapshotProperty() {
        return snapshot.getReadOnlyProperty();
    }

    public Snapshot snapshot() {
        return snapshot.get();
    }

    /** Where the network is saved, or null when it came from the bundled samples. */
    public ReadOnlyObjectProperty<Path> fileProperty() {
        return file.getReadOnlyProperty();
    }

    /** "Backstep — name", with an asterisk while there are unsaved changes. */
    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canStepBackProperty() {
        return canStepBack.getReadOnlyProperty();
    }

    /** Editing weights, biases and data is allowed while paused. */
    public ReadOnlyBooleanProperty canEditProperty() {
        return canEdit.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty dirtyProperty() {
        return dirty.getReadOnlyProperty();
    }

    /** The training thread, for tests that need to wait for it. */
    public SessionWorker worker() {
        return worker;
    }

    // ---- commands ------------------------------------------------------------------------------------------------

    public void togglePlay() {
        worker.togglePlay();
    }

    public void play() {
        worker.play();
    }

    public void pause() {
        worker.pause();
    }

    public void setSpeed(double epochsPerSecond) {
        worker.setSpeed(epochsPerSecond);
    }

    public void stepTerm() {
        worker.stepTerm();
    }

    public void stepBack() {
        worker.stepBack();
    }

    public void stepSample() {
        worker.stepSample();
    }

    public void stepEpoch() {
        worker.stepEpoch();
    }

    /** Moves the term cursor so that {@code position} terms of the current step are revealed. */
    public void seek(int position) {
        worker.seek(position);
    }

    /** Steps the terms of training sample {@code sample} alone, without applying its update. */
    public void traceSample(int sample) {
        worker.traceSample(sample);
    }

    /** Reveals the term with {@code key} (see {@link SessionWorker#seekTerm}). */
    public void seekTerm(String key) {
        worker.seekTerm(key);
    }

    public void reset() {
        worker.reset();
    }

    /** Shows kept moment {@code index} of the history instead of the present (−1: the present). */
    public void viewMoment(int index) {
        worker.viewMoment(index);
    }

    /** Back to the last moment kept before a divergence, keeping the current optimizer settings. */
    public void recover() {
        worker.recover();
    }

    public void reseed(long seed) {
        worker.reseed(seed);
    }

    public void setLearningRate(double value) {
        worker.setLearningRate(value);
    }

    public void setOptimizer(OptimizerKind kind) {
        worker.setOptimizer(kind);
    }

    public void setNotation(Notation notation) {
        worker.setNotation(notation);
    }

    public void editWeight(int layer, int from, int to, double value) {
        worker.editWeight(layer, from, to, value);
    }

    public void editBias(int layer, int unit, double value) {
        worker.editBias(layer, unit, value);
    }

    public void editInput(int sample, int input, double value) {
        worker.editInput(sample, input, value);
    }

    public void editTarget(int sample, int output, double value) {
        worker.editTarget(sample, output, value);
    }

    /** Adds a training sample (paused only); training restarts at epoch 0. */
    public void addPoint(double[] inputs, double[] targets) {
        worker.addPoint(inputs, targets);
    }

    /** Removes the training sample nearest {@code at} (paused only); training restarts at epoch 0. */
    public void removeNearestPoint(double[] at) {
        worker.removeNearestPoint(at);
    }

    /** Replaces the training data (paused only); training restarts at epoch 0. */
    public void replaceData(double[][] inputs, double[][] targets) {
        worker.replaceData(inputs, targets);
    }

    /** Other layers after the input, re-initialised from the file's seed (paused only). */
    public void changeArchitecture(java.util.List<dev.backstep.io.ArchitectureChange.Layer> layers) {
        worker.changeArchitecture(layers);
    }

    /** Takes back the last data or layer edit exactly. */
    public void undo() {
        worker.undo();
    }

    /** Replaces the open network; the previous one is closed (its training stops). */
    public void open(NetworkDefinition definition, Path source) {
        worker.open(definition);
        file.set(source);
    }

    /**
     * Saves the network as it is now (current parameters, edited data) to {@code target}, atomically: a failure
     * leaves any existing file untouched. Completes on the training thread's answer; properties update next frame.
     */
    public CompletableFuture<Path> saveTo(Path target) {
        return worker.current().thenApply(definition -> {
            try {
                NetworkWriter.write(definition, target);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            worker.markSaved(definition);
            return target;
        }).whenComplete((path, error) -> {
            if (error == null) {
                javafx.application.Platform.runLater(() -> file.set(path));
            }
        });
    }

    @Override
    public void close() {
        worker.close();
    }
}
