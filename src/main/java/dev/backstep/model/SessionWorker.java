package dev.backstep.model;

import dev.backstep.engine.BackPropagation;
import dev.backstep.engine.Dataset;
import dev.backstep.engine.MatrixOps;
import dev.backstep.engine.DoubleSeries;
import dev.backstep.engine.Network;
import dev.backstep.engine.OptimizerKind;
import dev.backstep.engine.OptimizerSettings;
import dev.backstep.engine.Trainer;
import dev.backstep.engine.TrainingDivergedException;
import dev.backstep.engine.Workspace;
import dev.backstep.io.ArchitectureChange;
import dev.backstep.io.NetworkDefinition;
import dev.backstep.trace.Notation;
import dev.backstep.trace.Phase;
import dev.backstep.trace.StepTrace;
import dev.backstep.trace.TermStepper;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * The training thread. It owns the network, its trainer and its term stepper from start to end: every command (play,
 * step a term, edit a weight, open a file) is queued here and runs on this thread, so nothing else ever touches
 * them. After each command, and every {@value #PUBLISH_NANOS} ns while training, it publishes an immutable
 * {@link Snapshot}; readers take the latest with {@link #latest()} and may skip any in between.
 *
 * <p>No JavaFX: this class runs the same in tests, on the command line and behind the app.
 */
public final class SessionWorker implements AutoCloseable {
    /** Snapshots while training are published at most this often (about 60 per second). */
    static final long PUBLISH_NANOS = 15_000_000L;
    /** Training works in slices this long between looks at the command queue, so Pause acts within a frame. */
    static final long SLICE_NANOS = 4_000_000L;
    /** While training runs, a moment is kept at most this often (50 a second); after every command always. */
    static final long RECORD_NANOS = 20_000_000L;
    /** Edits of the data or the layers that Undo can take back. */
    static final int UNDO_LEVELS = 20;
    /**
     * "Finish this epoch" with more samples left than this (seconds of work on MNIST) trains like Play until the
     * epoch ends, a slice at a time, so Pause acts at once and the progress shows; shorter rests run in one go.
     */
    static final int LONG_EPOCH_SAMPLES = 10_000;

    private final LinkedBlockingQueue<Runnable> commands = new LinkedBlockingQueue<>();
    private final AtomicReference<Snapshot> latest = new AtomicReference<>();
    private final Thread thread;
    private volatile boolean closed;

    // Owned by the training thread.
    private NetworkDefinition definition;
    private Trainer trainer;
    private TermStepper stepper;
    private Notation notation;
    private LossLog trainLog;
    private LossLog testLog;
    private RunState state = RunState.PAUSED;
    private String message = "";
    private double speed = Double.POSITIVE_INFINITY;
    private boolean dirty;
    private long version;
    private long dataVersion;
    private long publishedDataVersion = -1;
    private Dataset publishedTrain;
    private Dataset publishedTest;
    private long lastPublish;
    private long paceStart;
    private long paceEpochs;
    private long stopAtEpoch = Long.MAX_VALUE;
    /** Running only to the end of the current epoch ("finish this epoch" on a long one), at full speed. */
    private boolean finishingEpoch;
    private ParameterHistory history;
    /** Index of the moment of {@link #history} shown instead of the present, or −1. */
    private int viewing = -1;
    /** While diverged: the last epoch whose end training can go on from, where {@link #recover()} goes; else −1. */
    private long lastFiniteEpoch = -1;
    private LossLog[] normLogs;
    private long lastRecord;
    private final RateMeter rate = new RateMeter();
    private final UndoStack<EditState> undo = new UndoStack<>(UNDO_LEVELS);
    private long saves;

    /** Starts the training thread on a network; the first snapshot is available when this returns. */
    public SessionWorker(NetworkDefinition definition) {
        thread = new Thread(this::loop, "backstep-training");
        thread.setDaemon(true);
        load(definition);
        publish();
        thread.start();
    }

    /** The most recent snapshot (any thread). */
    public Snapshot latest() {
        return latest.get();
    }

    // ---- commands (any thread; they run in order on the training thread) ----------------------------------------

    public void play() {
        submit(this::startRunning);
    }

    public void pause() {
        submit(this::stopRunning);
    }

    public void togglePlay() {
        submit(() -> {
            if (state == RunState.RUNNING) {
                stopRunning();
            } else {
                startRunning();
            }
        });
    }

    /** Epochs per second while running; {@link Double#POSITIVE_INFINITY} for as fast as possible. */
    public void setSpeed(double epochsPerSecond) {
        submit(() -> {
            speed = epochsPerSecond;
            paceStart = System.nanoTime();
            paceEpochs = 0;
        });
    }

    /** Reveals the next chain-rule term (applying the step after its last term). */
    public void stepTerm() {
        submitStepping(stepper::next);
    }

    /** Goes back one term; exact. */
    public void stepBack() {
        submitStepping(stepper::previous);
    }

    /** Reveals the rest of the current sample's terms, or of the step. */
    public void stepSample() {
        submitStepping(stepper::finishSample);
    }

    /** Completes the current step. */
    public void stepStep() {
        submitStepping(stepper::finishStep);
    }

    /** Completes the current epoch. */
    public void stepEpoch() {
        submitStepping(() -> {
            int left = trainer.trainingData().size()
                    - trainer.stepInEpoch() * trainer.settings().batching().stepSize(trainer.trainingData().size());
            if (left <= LONG_EPOCH_SAMPLES) {
                stepper.finishEpoch();
            } else if (stepper.prepareEpochFinish()) {
                state = RunState.RUNNING;
                finishingEpoch = true;
                stopAtEpoch = trainer.epoch() + 1;
                message = "";
                rate.restart(trainer.epoch());
            }
        });
    }

    /** Moves to the term at {@code position} terms revealed in the current step (0 to its size). */
    public void seek(int position) {
        submitStepping(() -> {
            if (stepper.trace() == null) {
                stepper.next();
            }
            while (stepper.position() > position && stepper.trace() != null && stepper.previous()) {
                if (stepper.trace() == null) {
                    break;
                }
            }
            while (stepper.trace() != null && stepper.position() < position && !stepper.isApplied()) {
                stepper.next();
            }
        });
    }

    /**
     * Shows the chain-rule terms of a step on training sample {@code sample} alone, without taking it (see
     * {@link TermStepper#look}): the sample browser's "step through this sample".
     */
    public void traceSample(int sample) {
        submitStepping(() -> {
            int size = trainer.trainingData().size();
            if (sample < 0 || sample >= size) {
                throw new IllegalArgumentException("no training sample " + (sample + 1) + " (there are " + size + ")");
            }
            stepper.look(sample);
            message = "the terms of sample " + (sample + 1) + " alone: a look, its update is not applied";
        });
    }

    /** Trains {@code epochs} whole epochs on the fast path (after completing the step in progress). */
    public void trainEpochs(long epochs) {
        submitStepping(() -> {
            finishStepInProgress();
            stepper.reset();
            for (long e = 0; e < epochs; e++) {
                trainer.finishEpoch();
            }
        });
    }

    /**
     * Reveals terms up to and including the one with {@code key} (e.g. {@code delta(h2)}): in the step on screen,
     * even one just applied (stepping back over its application is exact), or else in the next step. A
     * {@code next.} prefix names a term of the step after the one on screen, which is completed first (the errata
     * panel's forward pass repeated after the update). An unknown key reports itself in the snapshot's message and
     * moves nothing.
     */
    public void seekTerm(String key) {
        submitStepping(() -> {
            boolean following = key.startsWith("next.");
            String own = following ? key.substring("next.".length()) : key;
            boolean onScreen = !following && stepper.trace() != null && stepper.trace().indexOf(own) >= 0;
            if (!onScreen) {
                // Every step of a network has the same terms: check before anything moves.
                if (stepper.upcoming().indexOf(own) < 0) {
                    throw new IllegalArgumentException("no term \"" + key + "\" in this step");
                }
                if (following && !stepper.isApplied()) {
                    stepper.finishStep();
                }
                stepper.next();
            }
            int index = stepper.trace().indexOf(own);
            if (index < 0) {
                throw new IllegalArgumentException("no term \"" + own + "\" in the step now on screen");
            }
            while (stepper.position() < index + 1 && !stepper.isApplied()) {
                stepper.next();
            }
            while (stepper.position() > index + 1 && stepper.previous()) {
                // back to the term
            }
        });
    }

    /**
     * Shows the kept moment {@code index} (see {@link Snapshot.History#moments()}) instead of the present, without
     * changing anything; −1 or the newest moment returns to the present. Training pauses.
     */
    public void viewMoment(int index) {
        submit(() -> {
            stopRunning();
            finishStepInProgress();
            boolean present = index < 0 || index >= history.size()
                    || (index == history.size() - 1 && history.get(index).epochsDone() == trainer.epoch());
            viewing = present ? -1 : index;
        });
    }

    /**
     * After a divergence: back to the end of the last epoch before the non-finite value, exactly as training had it
     * there, keeping the current optimizer settings so a lowered learning rate stays lowered. Does nothing otherwise.
     */
    public void recover() {
        submit(() -> {
            if (state != RunState.DIVERGED) {
                message = "nothing to recover: training has not diverged";
                return;
            }
            long epoch = recoverToLastFinite();
            message = "back to epoch " + epoch + ", the last finite state before it diverged;"
                    + " lower the learning rate before going on";
        });
    }

    /** Back to the file's initial parameters and epoch 0 (the same seed, so the same run again). */
    public void reset() {
        submit(() -> {
            stopRunning();
            load(definition);
        });
    }

    /** Draws fresh initial parameters from the file's initialiser with another seed. */
    public void reseed(long seed) {
        submit(() -> {
            stopRunning();
            Network network = definition.newNetwork();
            network.initialize(new dev.backstep.engine.InitSettings(definition.init().weights(),
                    definition.init().biases(), seed));
            NetworkDefinition reseeded = definition.withParameters(network);
            load(reseeded);
            dirty = true;
            message = "new initial parameters from seed " + seed;
        });
    }

    /** Opens another network (the previous one is closed). */
    public void open(NetworkDefinition next) {
        submit(() -> {
            stopRunning();
            undo.clear();
            load(next);
        });
    }

    public void setLearningRate(double value) {
        submit(() -> changeOptimizer(trainer.optimizer().settings().withLearningRate(value)));
    }

    public void setOptimizer(OptimizerKind kind) {
        submit(() -> {
            OptimizerSettings current = trainer.optimizer().settings();
            OptimizerSettings next = OptimizerSettings.defaults(kind).withLearningRate(current.learningRate())
                    .withWeightDecay(current.weightDecay()).withClipping(current.clipValue(), current.clipNorm());
            changeOptimizer(next);
        });
    }

    public void setNotation(Notation value) {
        submit(() -> {
            notation = value;
            stepper.setNotation(value);
        });
    }

    /** Sets the weight from unit {@code from} of layer {@code layer − 1} to unit {@code to} (paused only). */
    public void editWeight(int layer, int from, int to, double value) {
        submitEdit(() -> {
            trainer.network().layer(layer).weights().value()[from * trainer.network().layer(layer).size() + to] = value;
        });
    }

    public void editBias(int layer, int unit, double value) {
        submitEdit(() -> {
            if (!trainer.network().layer(layer).hasBias()) {
                throw new IllegalArgumentException("layer " + layer + " has no bias");
            }
            trainer.network().layer(layer).bias().value()[unit] = value;
        });
    }

    public void editInput(int sample, int input, double value) {
        submitEdit(() -> {
            trainer.setInput(sample, input, value);
            dataVersion++;
        });
    }

    public void editTarget(int sample, int output, double value) {
        submitEdit(() -> {
            trainer.setTarget(sample, output, value);
            dataVersion++;
        });
    }

    /**
     * Adds a training sample (paused only). Training restarts at epoch 0 from the file's initial parameters: what
     * was learnt came from the old data.
     */
    public void addPoint(double[] inputs, double[] targets) {
        submitRebuild(() -> new Rebuilt(DataEdits.withData(definition,
                DataEdits.withPoint(trainer.trainingData(), inputs, targets), trainer.testData()),
                "added a point at " + describe(inputs)));
    }

    /** Removes the training sample whose inputs are nearest {@code at} (paused only); restarts at epoch 0. */
    public void removeNearestPoint(double[] at) {
        submitRebuild(() -> {
            Dataset data = trainer.trainingData();
            int minimum = DataEdits.minimumSize(trainer.settings());
            if (data.size() <= minimum) {
                throw new IllegalArgumentException("cannot remove a point: training needs at least " + minimum
                        + " sample" + (minimum == 1 ? "" : "s"));
            }
            int row = DataEdits.nearest(data, at);
            return new Rebuilt(DataEdits.withData(definition, DataEdits.without(data, row), trainer.testData()),
                    "removed the point at " + describe(data.inputs().row(row)));
        });
    }

    /** Replaces the training data by a table (paused only); the test set stays; restarts at epoch 0. */
    public void replaceData(double[][] inputs, double[][] targets) {
        submitRebuild(() -> {
            Dataset data = trainer.trainingData();
            String problem = DataEdits.problem(inputs, targets, data.inputWidth(), data.targetWidth(),
                    DataEdits.minimumSize(trainer.settings()));
            if (problem != null) {
                throw new IllegalArgumentException("the data is unchanged: " + problem);
            }
            Dataset table = DataEdits.table(inputs, targets, data.inputWidth(), data.targetWidth());
            return new Rebuilt(DataEdits.withData(definition, table, trainer.testData()),
                    "replaced the training data (" + table.size() + " samples)");
        });
    }

    /**
     * Gives the network other layers after its input (paused only): drawn afresh from the file's initialiser and
     * seed, trained from epoch 0 on the current data.
     */
    public void changeArchitecture(java.util.List<ArchitectureChange.Layer> layers) {
        submitRebuild(() -> {
            NetworkDefinition next = ArchitectureChange.apply(DataEdits.withData(definition,
                    trainer.trainingData(), trainer.testData()), layers);
            return new Rebuilt(next, "changed the layers to " + ArchitectureChange.shape(next.layers().get(0).size(),
                    layers));
        });
    }

    /** Takes back the last data or layer edit: network, data, training position and history as they were. */
    public void undo() {
        submit(() -> {
            if (state == RunState.RUNNING) {
                throw new IllegalStateException("pause training before undoing");
            }
            EditState previous = undo.pop();
            if (previous == null) {
                message = "nothing to undo";
                return;
            }
            restore(previous);
        });
    }

    /** Edits that Undo can still take back (for tests and menus). */
    public CompletableFuture<Integer> undoLevels() {
        return query(w -> w.undo.size());
    }

    /** The open network as it is now (current parameters, edited data), to save; completes on the training thread. */
    public CompletableFuture<NetworkDefinition> current() {
        return query(w -> w.definitionNow());
    }

    /** The step being revealed, or the one the trainer takes next (for exporting "the current step"). */
    public CompletableFuture<dev.backstep.trace.StepTrace> currentTrace() {
        return query(w -> w.stepper.trace() != null && !w.stepper.isApplied() ? w.stepper.trace()
                : w.stepper.upcoming());
    }

    /** Records that the current state was saved (clears the unsaved-changes mark). */
    public void markSaved(NetworkDefinition saved) {
        submit(() -> {
            definition = saved;
            dirty = false;
            saves++;
        });
    }

    /** Runs a read-only question on the training thread (for tests and saving). */
    public <T> CompletableFuture<T> query(Function<SessionWorker, T> question) {
        CompletableFuture<T> answer = new CompletableFuture<>();
        submit(() -> {
            try {
                answer.complete(question.apply(this));
            } catch (RuntimeException e) {
                answer.completeExceptionally(e);
            }
        });
        return answer;
    }

    /** Waits until every command submitted so far has run and its snapshot is published (for tests). */
    public Snapshot await() {
        return query(w -> w.latest()).join();
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }

    // ---- the training thread -------------------------------------------------------------------------------------

    private void submit(Runnable command) {
        commands.add(command);
    }

    private void submitStepping(Runnable move) {
        submit(() -> {
            if (state == RunState.RUNNING) {
                stopRunning();
            }
            resumeIfViewing();
            leaveDivergence();
            move.run();
        });
    }

    private void submitEdit(Runnable edit) {
        submit(() -> {
            if (state == RunState.RUNNING) {
                throw new IllegalStateException("pause training before editing");
            }
            resumeIfViewing();
            leaveDivergence();
            finishStepInProgress();
            edit.run();
            stepper.reset();
            dirty = true;
            // The present changed at the same epoch: it replaces the moment kept for this epoch.
            history.truncateAfterEpoch(trainer.epoch() - 1);
            history.add(trainer.checkpoint());
        });
    }

    /** A new definition an edit made, and what the edit did. */
    private record Rebuilt(NetworkDefinition definition, String edit) {
    }

    /**
     * Runs an edit that replaces the network or its data (paused only): a refused edit changes nothing and says why
     * in the message; an accepted one keeps the present for Undo and restarts training at epoch 0.
     */
    private void submitRebuild(java.util.function.Supplier<Rebuilt> edit) {
        submit(() -> {
            if (state == RunState.RUNNING) {
                throw new IllegalStateException("pause training before editing");
            }
            Rebuilt next = edit.get();
            undo.push(keep(next.edit()));
            load(next.definition());
            dirty = true;
            message = next.edit() + "; training restarts at epoch 0 (Ctrl+Z undoes)";
        });
    }

    private EditState keep(String edit) {
        ParameterHistory ends = new ParameterHistory(history.capacity());
        ends.add(history.get(0));
        ends.add(history.get(history.size() - 1));
        return new EditState(edit, definition, trainer, stepper, trainLog, testLog, normLogs, ends, dirty,
                saves);
    }

    private void restore(EditState previous) {
        definition = previous.definition();
        trainer = previous.trainer();
        stepper = previous.stepper();
        stepper.setNotation(notation); // the notation is a way of reading, not an edit: it stays as chosen
        trainLog = previous.trainLog();
        testLog = previous.testLog();
        normLogs = previous.normLogs();
        history = previous.history();
        viewing = -1;
        state = RunState.PAUSED;
        dirty = previous.dirty() || previous.saves() != saves;
        dataVersion++;
        rate.restart(trainer.epoch());
        message = "undone: " + previous.edit();
    }

    private static String describe(double[] point) {
        StringBuilder text = new StringBuilder("(");
        for (int i = 0; i < point.length; i++) {
            text.append(i == 0 ? "" : ", ").append(String.format(java.util.Locale.ROOT, "%.3g", point[i]));
        }
        return text.append(')').toString();
    }

    private void loop() {
        while (!closed) {
            try {
                Runnable command = state == RunState.RUNNING ? commands.poll()
                        : commands.poll(50, TimeUnit.MILLISECONDS);
                if (command != null) {
                    runCommand(command);
                    // A diverged trainer's optimizer state has already taken the bad step: never keep it.
                    if (viewing < 0 && state != RunState.DIVERGED) {
                        history.truncateAfterEpoch(trainer.epoch());
                        record(true);
                    }
                    if (commands.isEmpty() || state != RunState.RUNNING) {
                        publish();
                    }
                } else if (state == RunState.RUNNING) {
                    trainSlice();
                }
            } catch (InterruptedException e) {
                if (closed) {
                    return;
                }
            }
        }
    }

    private void runCommand(Runnable command) {
        try {
            command.run();
        } catch (TrainingDivergedException e) {
            diverged(e);
        } catch (RuntimeException e) {
            message = e.getMessage() == null ? e.toString() : e.getMessage();
        }
    }

    /** Trains for one slice at the chosen speed, publishing a snapshot when one is due. */
    private void trainSlice() {
        long start = System.nanoTime();
        try {
            while (System.nanoTime() - start < SLICE_NANOS) {
                if (Double.isFinite(speed) && !finishingEpoch) {
                    double due = (System.nanoTime() - paceStart) / 1e9 * speed;
                    if (paceEpochs >= due) {
                        long wait = (long) ((paceEpochs + 1 - due) / speed * 1e9);
                        sleepNanos(Math.min(wait, SLICE_NANOS));
                        break;
                    }
                }
                trainer.step();
                if (trainer.stepInEpoch() == 0) {
                    record(false);
                    paceEpochs++;
                    if (trainer.epoch() >= stopAtEpoch) {
                        state = RunState.PAUSED;
                        record(true);
                        message = finishingEpoch ? "" : "trained the file's " + stopAtEpoch + " epochs; press Play"
                                + " to go on";
                        finishingEpoch = false;
                        break;
                    }
                }
            }
        } catch (TrainingDivergedException e) {
            diverged(e);
            publish();
            return;
        }
        rate.sample(trainer.epoch());
        if (state != RunState.RUNNING || System.nanoTime() - lastPublish >= PUBLISH_NANOS) {
            publish();
        }
    }

    private static void sleepNanos(long nanos) {
        if (nanos > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(nanos);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Training stops. The trainer keeps finite parameters, but its optimizer state (and, mid-epoch, its position)
     * went past the last finite epoch, so recovery replays to it from a kept moment instead of using the trainer.
     *
     * <p>The last finite epoch is the last one whose end training can go on from: when the first step after it
     * already had a non-finite loss, its parameters are finite but useless (every next step overflows, whatever the
     * learning rate), so it is the epoch before.
     */
    private void diverged(TrainingDivergedException e) {
        finishingEpoch = false;
        state = RunState.DIVERGED;
        message = e.getMessage();
        Workspace failed = trainer.lastWorkspace();
        boolean endUnusable = trainer.stepInEpoch() == 0 && failed != null
                && !MatrixOps.allFinite(failed.sampleLoss());
        lastFiniteEpoch = Math.max(0, trainer.epoch() - (endUnusable ? 1 : 0));
        stepper.reset();
    }

    /** Going on from a divergence starts from the last finite state (so stepping shows how the NaN arises). */
    private boolean leaveDivergence() {
        if (state != RunState.DIVERGED) {
            return false;
        }
        long epoch = recoverToLastFinite();
        message = "went back to epoch " + epoch + ", the last finite state, to go on";
        return true;
    }

    /**
     * Back to the end of epoch {@link #lastFiniteEpoch}: the newest moment kept up to it, trained forward to it with
     * the settings that were in force (every settings change keeps a moment, so the replay repeats the run bit for
     * bit); then the settings chosen now. Returns the epoch reached.
     */
    private long recoverToLastFinite() {
        OptimizerSettings chosen = trainer.optimizer().settings();
        int index = Math.max(0, history.newestUpToEpoch(lastFiniteEpoch));
        trainer.restore(history.get(index));
        history.truncateAfter(index);
        while (trainer.epoch() < lastFiniteEpoch) {
            trainer.finishEpoch();
        }
        trainer.setOptimizer(chosen);
        stepper.reset();
        viewing = -1;
        state = RunState.PAUSED;
        lastFiniteEpoch = -1;
        return trainer.epoch();
    }

    /**
     * Starts training continuously. It stops by itself at the file's epoch count when it starts below it (the run
     * the file describes), and otherwise runs until paused.
     */
    private void startRunning() {
        if (state == RunState.RUNNING) {
            return;
        }
        boolean wentBack = resumeIfViewing() | leaveDivergence();
        finishStepInProgress();
        stepper.reset();
        finishingEpoch = false;
        state = RunState.RUNNING;
        if (!wentBack) {
            message = "";
        }
        long planned = trainer.settings().epochs();
        stopAtEpoch = trainer.epoch() < planned ? planned : Long.MAX_VALUE;
        paceStart = System.nanoTime();
        paceEpochs = 0;
        rate.restart(trainer.epoch());
    }

    /**
     * When a past moment is shown, training goes on from it: what came after it is replaced (and said so), and a
     * divergence after it is forgotten. Returns whether it went back.
     */
    private boolean resumeIfViewing() {
        if (viewing < 0) {
            return false;
        }
        Trainer.Checkpoint moment = history.get(viewing);
        restoreKeepingSettings(moment);
        history.truncateAfter(viewing);
        viewing = -1;
        if (state == RunState.DIVERGED) {
            state = RunState.PAUSED;
            lastFiniteEpoch = -1;
        }
        message = "went on from epoch " + moment.epochsDone() + ": the history after it was replaced";
        return true;
    }

    private void restoreKeepingSettings(Trainer.Checkpoint moment) {
        OptimizerSettings settings = trainer.optimizer().settings();
        trainer.restore(moment);
        trainer.setOptimizer(settings);
        stepper.reset();
    }

    /** Keeps the present as a moment when it is a new epoch (and, while running, when one is due). */
    private void record(boolean force) {
        long now = System.nanoTime();
        if (trainer.epoch() > history.lastEpoch() && (force || now - lastRecord >= RECORD_NANOS)) {
            history.add(trainer.checkpoint());
            lastRecord = now;
        }
    }

    private void stopRunning() {
        finishingEpoch = false;
        if (state == RunState.RUNNING) {
            state = RunState.PAUSED;
        }
    }

    private void finishStepInProgress() {
        if (stepper != null && stepper.trace() != null && !stepper.isApplied() && stepper.position() > 0) {
            stepper.finishStep();
        }
    }

    /** New optimizer settings take effect at the next step, without stopping training or losing history. */
    private void changeOptimizer(OptimizerSettings settings) {
        finishStepInProgress();
        trainer.setOptimizer(settings);
        stepper.reset();
        definition = definition.withOptimizer(settings);
        dirty = true;
        if (state != RunState.DIVERGED && viewing < 0) {
            // A moment with the new settings, so going back and training forward again repeats this run exactly.
            history.truncateAfterEpoch(trainer.epoch() - 1);
            history.add(trainer.checkpoint());
        }
    }

    private void load(NetworkDefinition next) {
        definition = next;
        notation = next.notation();
        Dataset test = next.testData() == null ? null : next.testData().copy();
        trainer = new Trainer(next.newNetwork(), next.trainingData().copy(), test, next.training(),
                next.optimizer());
        stepper = new TermStepper(trainer, next.labels(), notation);
        trainLog = new LossLog();
        testLog = new LossLog();
        normLogs = new LossLog[trainer.network().layers().size()];
        for (int l = 0; l < normLogs.length; l++) {
            normLogs[l] = new LossLog();
        }
        history = new ParameterHistory(bytesPerMoment(trainer));
        history.add(trainer.checkpoint());
        viewing = -1;
        lastFiniteEpoch = -1;
        state = RunState.PAUSED;
        message = "";
        dirty = false;
        dataVersion++;
        rate.restart(0);
    }

    /** About what a checkpoint holds: parameters, gradients, updates and optimizer state, and the last batch. */
    private static long bytesPerMoment(Trainer trainer) {
        long parameters = trainer.network().parameterCount();
        long units = 0;
        for (int size : trainer.network().layerSizes()) {
            units += size;
        }
        long batch = trainer.settings().batching().stepSize(trainer.trainingData().size());
        return 8 * (6 * parameters + 5 * batch * units);
    }

    private static LossLog sync(LossLog log, DoubleSeries series) {
        LossLog target = log;
        if (series.size() < target.size()) {
            target = target.prefix(series.size());
        }
        for (int i = target.size(); i < series.size(); i++) {
            target.add(series.get(i));
        }
        return target;
    }

    private NetworkDefinition definitionNow() {
        return Definitions.withCurrentState(definition, trainer);
    }

    private void publish() {
        trainLog = sync(trainLog, trainer.trainLoss());
        testLog = sync(testLog, trainer.testLoss());
        for (int l = 0; l < normLogs.length; l++) {
            normLogs[l] = sync(normLogs[l], trainer.gradientNorms(l + 1));
        }
        if (publishedDataVersion != dataVersion) {
            publishedTrain = trainer.trainingData().copy();
            publishedTest = trainer.testData() == null ? null : trainer.testData().copy();
            publishedDataVersion = dataVersion;
        }
        Network network;
        Workspace units;
        int[] samples;
        long epoch = trainer.epoch();
        int stepInEpoch = trainer.stepInEpoch();
        StepTrace trace = stepper.trace();
        int position = stepper.position();
        boolean applied = stepper.isApplied();
        if (viewing >= 0) {
            // A past moment: its parameters, the batch of its last step computed on them, and that step's trace
            // revealed up to the loss, so the formula shows the loss of that moment; the present is left alone.
            Trainer.Checkpoint moment = history.get(viewing);
            network = moment.network().copy();
            epoch = moment.epochsDone();
            stepInEpoch = moment.stepInEpoch();
            samples = moment.lastSamples() != null ? moment.lastSamples() : trainer.nextSamples();
            units = preview(network, samples);
            trace = StepTrace.of(network, moment.optimizer(), trainer.trainingData().select(samples), samples,
                    definition.labels(), notation);
            position = trace.firstIndexOf(Phase.BACKWARD);
            applied = false;
        } else if (state == RunState.RUNNING && trainer.lastWorkspace() != null) {
            network = trainer.network().copy();
            units = trainer.lastWorkspace().copy();
            samples = trainer.lastSamples();
        } else {
            // Paused: show the step about to be taken, computed on a copy without updating anything.
            network = trainer.network().copy();
            samples = trainer.nextSamples();
            units = preview(network, samples);
        }
        lastPublish = System.nanoTime();
        boolean past = viewing >= 0;
        latest.set(new Snapshot(++version, definition, network, publishedTrain, publishedTest, units, samples,
                epoch, stepInEpoch, trainer.stepsPerEpoch(), trainLog, trainLog.size(), testLog, testLog.size(),
                trace, position, applied, state,
                message, rate.perSecond(), speed, trainer.optimizer().settings(), trainer.settings(), notation,
                dirty, !past && stepper.canStepBack(),
                new Snapshot.History(history.epochs(), viewing, normLogs.clone(), lastFiniteEpoch)));
    }

    /** Forward, loss and backward of a batch on {@code network} (a copy), updating nothing. */
    private Workspace preview(Network network, int[] samples) {
        Dataset batch = trainer.trainingData().select(samples);
        Workspace units = new Workspace(network, samples.length);
        BackPropagation.forward(network, batch.inputs(), units);
        BackPropagation.loss(network, batch.targets(), units);
        BackPropagation.backward(network, units);
        return units;
    }
}
