package dev.backstep.view;

import dev.backstep.engine.OptimizerKind;
import dev.backstep.trace.Notation;

import java.nio.file.Path;

/**
 * What a person can ask of the app. Views call these and never change the session themselves; the controller
 * implements them.
 */
public interface UserActions {
    void togglePlay();

    void stepTerm();

    void stepBack();

    void stepSample();

    void stepEpoch();

    void reset();

    void reseed();

    /** Epochs per second; infinity for as fast as possible. */
    void setSpeed(double epochsPerSecond);

    void setLearningRate(double value);

    void setOptimizer(OptimizerKind kind);

    void setNotation(Notation notation);

    /** Moves the term cursor so that {@code position} terms of the current step are revealed. */
    void seek(int position);

    /** Makes training sample {@code sample} the one whose chain-rule terms are stepped (a look, not applied). */
    void traceSample(int sample);
    /**
     * Reveals the term with a key such as {@code delta(h2)}: in the step on screen when it has one, else in the next
     * step; {@code next.a(o1)} names a term of the step after the one on screen (errata of worked examples).
     */
    void seekTerm(String key);

    /** Asks for a new value of a weight (paused only); {@code current} prefills the dialog. */
    void editWeight(int layer, int from, int to, double current);

    void editBias(int layer, int unit, double current);

    /** Asks for a new value of one input of a training sample. */
    void editInput(int sample, int input, double current);

    /** Asks for a new value of one target of a training sample. */
    void editTarget(int sample, int output, double current);

    /** Adds a training sample of class {@code cls} at (x, y) of the input plane (paused only). */
    void addPoint(double x, double y, int cls);

    /** Removes the training sample nearest (x, y) of the input plane (paused only). */
    void removeNearestPoint(double x, double y);

    /** Takes back the last edit of the data or the layers. */
    void undo();

    /** The training data as a table to edit. */
    void editData();

    /** The layers to edit: sizes, activations, biases, hidden layers added or removed. */
    void editArchitecture();

    void open();

    void openSample(String name);

    void openFile(Path path);

    void save();

    void saveAs();

    void exportPng();

    /** The layer graph as drawn, as an SVG file (sharp on any slide). */
    void exportGraphSvg();

    /** The trace of the current step (being revealed, or the next one) in a format of the command line's. */
    void exportTrace(dev.backstep.io.TraceFormat format);

    /** The loss of every epoch so far as CSV. */
    void exportLosses();

    /** A copy of the network as it is now, in the network-file format (the open file stays the open file). */
    void exportNetwork();

    /** Shows kept moment {@code index} of the training history instead of the present (pauses training). */
    void viewMoment(int index);

    /** Back from a past moment to the present. */
    void viewPresent();

    /** One kept moment back ({@code −1}) or forward ({@code +1}) from the one shown; forward of the newest: now. */
    void stepMoment(int direction);

    /** After a divergence: back to the last epoch training can go on from. */
    void recover();

    void toggleFullScreen();

    void showShortcuts();

    void showAbout();

    void quit();
}
