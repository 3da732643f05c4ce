package dev.backstep.model.race;

import dev.backstep.engine.Dataset;
import dev.backstep.engine.Network;
import dev.backstep.engine.OptimizerSettings;
import dev.backstep.engine.Trainer;
import dev.backstep.engine.TrainingDivergedException;
import dev.backstep.engine.TrainingSettings;
import dev.backstep.model.LossLog;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The same network, from the same initial parameters, trained on the same data once per optimizer, side by side: the
 * optimizer race. Each racer is an ordinary {@link Trainer} over its own copy of the network, so a racer's run is
 * exactly the run the engine would make with that optimizer alone.
 *
 * <p>The race runs on its own thread (never the FX thread, never the session's training thread), round by round:
 * every racer still in the race completes one epoch per round, so the curves grow together. After a batch of rounds
 * it publishes {@link RaceStandings} through an {@link AtomicReference} that the view drains once per frame. A racer
 * stops at the target number of epochs or when it diverges; the others go on.
 *
 * <p>Commands ({@link #start}, {@link #pause}, {@link #setSpeed}, {@link #close}) may be called from any thread.
 * {@link #runEpochs} steps on the caller's thread, for tests and screenshots.
 */
public final class OptimizerRace implements AutoCloseable {
    /** How long the race thread steps before it publishes, when running as fast as possible. */
    private static final long PUBLISH_NANOS = TimeUnit.MILLISECONDS.toNanos(15);

    private final List<Entrant> entrants = new ArrayList<>();
    private final long target;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private final AtomicReference<RaceStandings> latest = new AtomicReference<>();
    private long version;
    /** Guarded by {@link #lock}. */
    private boolean running;
    private boolean closed;
    private double speed = Double.POSITIVE_INFINITY;
    private Thread thread;

    /** One racer: its trainer and what it has done (race thread, or the caller of {@link #runEpochs}). */
    private static final class Entrant {
        final Trainer trainer;
        final LossLog loss = new LossLog();
        double best = Double.NaN;
        String diverged;

        Entrant(Trainer trainer) {
            this.trainer = trainer;
        }

        int epochs() {
            return loss.size();
        }
    }

    /**
     * @param initial    the parameters every racer starts from (copied; the caller keeps it)
     * @param train      the training data (copied once, shared read-only by the racers)
     * @param training   batching, shuffling and its seed, the same for every racer
     * @param optimizers one racer per entry, in this order
     * @param target     how many epochs each racer runs
     */
    public OptimizerRace(Network initial, Dataset train, TrainingSettings training,
                         List<OptimizerSettings> optimizers, long target) {
        if (target < 1) {
            throw new IllegalArgumentException("a race needs at least one epoch, got " + target);
        }
        Dataset data = train.copy();
        for (OptimizerSettings settings : optimizers) {
            entrants.add(new Entrant(new Trainer(initial.copy(), data, null, training, settings)));
        }
        this.target = target;
        publish();
    }

    /** The latest standings (any thread). */
    public RaceStandings standings() {
        return latest.get();
    }

    public long target() {
        return target;
    }

    /** Epochs per second each racer runs at; infinity for as fast as possible. */
    public void setSpeed(double epochsPerSecond) {
        lock.lock();
        try {
            speed = epochsPerSecond;
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Starts or resumes the race on its own thread; does nothing when it is over. */
    public void start() {
        lock.lock();
        try {
            if (closed || running || isOver()) {
                return;
            }
            running = true;
            if (thread == null) {
                thread = new Thread(this::loop, "optimizer-race");
                thread.setDaemon(true);
                // The session's training and the FX thread come first on a small machine.
                thread.setPriority(Thread.MIN_PRIORITY);
                thread.start();
            }
            wake.signalAll();
            publish();
        } finally {
            lock.unlock();
        }
    }

    /** Pauses after the current round. */
    public void pause() {
        lock.lock();
        try {
            running = false;
            publish();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs {@code epochs} more epochs of every racer still in the race (at most up to the target) on the calling
     * thread, then publishes. For tests and screenshots; safe while the race thread runs.
     */
    public void runEpochs(long epochs) {
        lock.lock();
        try {
            for (long e = 0; e < epochs && !isOver(); e++) {
                round();
            }
            publish();
        } finally {
            lock.unlock();
        }
    }

    /** A copy of racer {@code index}'s network as it is now. */
    public Network network(int index) {
        lock.lock();
        try {
            return entrants.get(index).trainer.network().copy();
        } finally {
            lock.unlock();
        }
    }

    /** Stops the race thread and waits for it to end. */
    @Override
    public void close() {
        Thread t;
        lock.lock();
        try {
            closed = true;
            running = false;
            wake.signalAll();
            t = thread;
        } finally {
            lock.unlock();
        }
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    // ---- the race thread ----------------------------------------------------------------------------------------

    private void loop() {
        long pacedFrom = 0;
        long pacedRounds = 0;
        lock.lock();
        try {
            while (!closed) {
                if (!running || isOver()) {
                    if (running) {
                        running = false;
                        publish();
                    }
                    pacedFrom = 0;
                    wake.await();
                    continue;
                }
                long now = System.nanoTime();
                if (pacedFrom == 0) {
                    pacedFrom = now;
                    pacedRounds = 0;
                }
                long rounds;
                if (Double.isInfinite(speed)) {
                    rounds = Long.MAX_VALUE;
                } else {
                    long due = (long) ((now - pacedFrom) / 1e9 * speed) + 1;
                    rounds = due - pacedRounds;
                    if (rounds <= 0) {
                        long wait = (long) ((pacedRounds / speed) * 1e9) - (now - pacedFrom);
                        wake.awaitNanos(Math.max(wait, 100_000));
                        continue;
                    }
                }
                long until = now + PUBLISH_NANOS;
                long done = 0;
                while (done < rounds && !isOver() && System.nanoTime() < until) {
                    round();
                    done++;
                }
                pacedRounds += done;
                publish();
                // Let pause, close and runEpochs in between.
                lock.unlock();
                Thread.yield();
                lock.lock();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    /** One epoch of every racer still in the race (lock held). */
    private void round() {
        for (Entrant entrant : entrants) {
            if (entrant.diverged != null || entrant.epochs() >= target) {
                continue;
            }
            try {
                entrant.trainer.finishEpoch();
                double loss = entrant.trainer.trainLoss().last();
                entrant.loss.add(loss);
                if (Double.isFinite(loss) && !(loss >= entrant.best)) {
                    entrant.best = loss;
                }
            } catch (TrainingDivergedException e) {
                entrant.diverged = e.getMessage();
            }
        }
    }

    private boolean isOver() {
        for (Entrant entrant : entrants) {
            if (entrant.diverged == null && entrant.epochs() < target) {
                return false;
            }
        }
        return true;
    }

    /** Publishes the standings (lock held, or in the constructor). */
    private void publish() {
        List<RaceStandings.Racer> racers = new ArrayList<>();
        for (Entrant entrant : entrants) {
            racers.add(new RaceStandings.Racer(entrant.trainer.optimizer().settings(), entrant.loss,
                    entrant.epochs(), entrant.best, entrant.diverged));
        }
        latest.set(new RaceStandings(++version, racers, target, running));
    }
}
