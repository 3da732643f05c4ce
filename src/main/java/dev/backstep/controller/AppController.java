package dev.backstep.controller;

import dev.backstep.engine.OptimizerKind;
import dev.backstep.io.AtomicFiles;
import dev.backstep.io.NetworkDefinition;
import dev.backstep.io.NetworkFileException;
import dev.backstep.io.NetworkReader;
import dev.backstep.io.SampleNetworks;
import dev.backstep.model.Session;
import dev.backstep.trace.Notation;
import dev.backstep.view.UserActions;
import dev.backstep.view.timeline.TimelinePositions;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.TextInputDialog;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.GridPane;
import javafx.stage.FileChooser;
import javafx.stage.Stage;

import javax.imageio.ImageIO;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.function.DoubleConsumer;
import java.util.function.Supplier;
import java.util.prefs.Preferences;

/**
 * Turns what a person does (buttons, keys, menus, clicks on the graph) into session commands, and owns the dialogs
 * those need. The views call it through {@link UserActions}; it never draws. FX thread.
 */
public final class AppController implements UserActions {
    private final Stage stage;
    private final Session session;
    private final RecentFiles recent;
    private final SecureRandom seeds = new SecureRandom();
    private Supplier<Node> exportTarget = () -> null;
    private Supplier<String> graphSvg = () -> null;
    private dev.backstep.view.ViewSettings settings = new dev.backstep.view.ViewSettings();

    public AppController(Stage stage, Session session) {
        this(stage, session, Preferences.userNodeForPackage(AppController.class));
    }

    AppController(Stage stage, Session session, Preferences preferences) {
        this.stage = stage;
        this.session = session;
        this.recent = new RecentFiles(preferences);
    }

    public javafx.collections.ObservableList<Path> recentFiles() {
        return recent.files();
    }

    /** The window's view settings: the editor dialogs take its text scale. */
    public void setViewSettings(dev.backstep.view.ViewSettings value) {
        settings = value;
    }

    /** What "Export View as PNG" captures. */
    public void setExportTarget(Supplier<Node> target) {
        exportTarget = target;
    }

    /** Where "Export Graph as SVG" gets the drawing. */
    public void setGraphSvg(Supplier<String> svg) {
        graphSvg = svg;
    }

    @Override
    public void togglePlay() {
        session.togglePlay();
    }

    @Override
    public void stepTerm() {
        session.stepTerm();
    }

    @Override
    public void stepBack() {
        session.stepBack();
    }

    @Override
    public void stepSample() {
        session.stepSample();
    }

    @Override
    public void stepEpoch() {
        session.stepEpoch();
    }

    @Override
    public void reset() {
        session.reset();
    }

    @Override
    public void reseed() {
        session.reseed(seeds.nextInt() & 0x7fffffffL);
    }

    @Override
    public void setSpeed(double epochsPerSecond) {
        session.setSpeed(epochsPerSecond);
    }

    @Override
    public void setLearningRate(double value) {
        session.setLearningRate(value);
    }

    @Override
    public void setOptimizer(OptimizerKind kind) {
        session.setOptimizer(kind);
    }

    @Override
    public void setNotation(Notation notation) {
        session.setNotation(notation);
    }

    @Override
    public void seek(int position) {
        session.seek(position);
    }

    @Override
    public void traceSample(int sample) {
        session.traceSample(sample);
    }

    @Override
    public void seekTerm(String key) {
        session.seekTerm(key);
    }

    @Override
    public void editWeight(int layer, int from, int to, double current) {
        String name = unit(layer - 1, from) + " → " + unit(layer, to);
        askValue("the weight " + name, current, v -> session.editWeight(layer, from, to, v));
    }

    @Override
    public void editBias(int layer, int unit, double current) {
        askValue("the bias of " + unit(layer, unit), current, v -> session.editBias(layer, unit, v));
    }

    @Override
    public void editInput(int sample, int input, double current) {
        askValue("input " + unit(0, input) + " of sample " + (sample + 1), current,
                v -> session.editInput(sample, input, v));
    }

    @Override
    public void editTarget(int sample, int output, double current) {
        int last = session.snapshot().definition().layers().size() - 1;
        askValue("the target of " + unit(last, output) + " for sample " + (sample + 1), current,
                v -> session.editTarget(sample, output, v));
    }

    private String unit(int layer, int unit) {
        return session.snapshot().definition().unitName(layer, unit);
    }

    /** Asks for a finite number and applies it; editing is only allowed while paused. */
    private void askValue(String what, double current, DoubleConsumer apply) {
        if (session.runningProperty().get()) {
            inform("Pause first", "Pause training (Space) before editing " + what + ".");
            return;
        }
        TextInputDialog dialog = new TextInputDialog(Double.toString(current));
        dialog.initOwner(stage);
        dialog.setTitle("Edit value");
        dialog.setHeaderText("New value for " + what);
        dialog.getDialogPane().setId("editDialog");
        Optional<String> answer = dialog.showAndWait();
        if (answer.isEmpty()) {
            return;
        }
        try {
            double value = Double.parseDouble(answer.get().strip());
            if (!Double.isFinite(value)) {
                throw new NumberFormatException();
            }
            apply.accept(value);
        } catch (NumberFormatException e) {
            error("Not a number", "\"" + answer.get() + "\" is not a finite number; " + what + " is unchanged.");
        }
    }

    @Override
    public void addPoint(double x, double y, int cls) {
        if (!session.runningProperty().get()) {
            session.addPoint(new double[] {x, y},
                    dev.backstep.model.DataEdits.targetsForClass(session.snapshot().network(), cls));
        }
    }

    @Override
    public void removeNearestPoint(double x, double y) {
        if (!session.runningProperty().get()) {
            session.removeNearestPoint(new double[] {x, y});
        }
    }

    @Override
    public void undo() {
        session.undo();
    }

    @Override
    public void editData() {
        if (pausedFor("editing the data")) {
            dev.backstep.model.Snapshot s = session.snapshot();
            dev.backstep.io.NetworkDefinition d = s.definition();
            new dev.backstep.view.edit.DataTableDialog(stage, settings.fontScaleProperty().get(), d.name(),
                    s.trainingData(), d.layers().get(0).names(), d.layers().get(d.layers().size() - 1).names(),
                    dev.backstep.model.DataEdits.minimumSize(s.training()))
                    .showAndWait().ifPresent(t -> session.replaceData(t.inputs(), t.targets()));
        }
    }

    @Override
    public void editArchitecture() {
        if (pausedFor("changing the layers")) {
            new dev.backstep.view.edit.ArchitectureDialog(stage, settings.fontScaleProperty().get(),
                    session.snapshot().definition()).showAndWait().ifPresent(session::changeArchitecture);
        }
    }

    /** True while paused; otherwise says to pause first. */
    private boolean pausedFor(String what) {
        if (session.runningProperty().get()) {
            inform("Pause first", "Pause training (Space) before " + what + ".");
            return false;
        }
        return true;
    }

    @Override
    public void open() {
        if (!confirmDiscard()) {
            return;
        }
        FileChooser chooser = networkChooser("Open a network");
        File file = chooser.showOpenDialog(stage);
        if (file != null) {
            openFile(file.toPath());
        }
    }

    @Override
    public void openSample(String name) {
        if (!confirmDiscard()) {
            return;
        }
        try {
            session.open(SampleNetworks.load(name), null);
        } catch (NetworkFileException e) {
            error("Cannot open the sample", e.getMessage());
        }
    }

    /** Opens a network file; a bad file leaves the open network as it is and says what and where. */
    @Override
    public void openFile(Path path) {
        try {
            NetworkDefinition definition = NetworkReader.read(path);
            session.open(definition, path);
            recent.add(path);
        } catch (NetworkFileException e) {
            error("Cannot open " + path.getFileName(), e.getMessage());
        }
    }

    @Override
    public void save() {
        Path file = session.fileProperty().get();
        if (file == null) {
            saveAs();
        } else {
            saveTo(file);
        }
    }

    @Override
    public void saveAs() {
        FileChooser chooser = networkChooser("Save the network");
        chooser.setInitialFileName(session.snapshot().definition().name() + ".json");
        File file = chooser.showSaveDialog(stage);
        if (file != null) {
            saveTo(file.toPath());
        }
    }

    /** Saves (atomically: a failure never truncates an existing file) and reports a failure in a dialog. */
    public void saveTo(Path path) {
        session.saveTo(path).whenComplete((saved, failure) -> Platform.runLater(() -> {
            if (failure != null) {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                error("Cannot save " + path.getFileName(), path + ": " + cause.getMessage()
                        + "\nThe file on disk is unchanged.");
            } else {
                recent.add(saved);
            }
        }));
    }

    @Override
    public void exportPng() {
        Node node = exportTarget.get();
        if (node == null) {
            return;
        }
        Path target = chooseTarget("Export the view as PNG", session.snapshot().definition().name() + ".png",
                "PNG image", "*.png");
        if (target != null) {
            try {
                writePng(node.snapshot(null, null), target);
            } catch (IOException e) {
                error("Cannot export", target + ": " + e.getMessage());
            }
        }
    }

    @Override
    public void exportGraphSvg() {
        Path target = chooseTarget("Export the graph as SVG", session.snapshot().definition().name() + "-graph.svg",
                "SVG image", "*.svg");
        if (target != null) {
            try {
                exportGraphSvgTo(target);
            } catch (IOException e) {
                error("Cannot export", target + ": " + e.getMessage());
            }
        }
    }

    /** Writes the graph as SVG atomically; an IOException when nothing is drawn yet or the write fails. */
    public void exportGraphSvgTo(Path target) throws IOException {
        String svg = graphSvg.get();
        if (svg == null) {
            throw new IOException("the graph has not been drawn yet");
        }
        AtomicFiles.writeString(target, svg);
    }

    @Override
    public void exportTrace(dev.backstep.io.TraceFormat format) {
        Path target = chooseTarget("Export the trace of this step", "trace." + format.extension(),
                format.id() + " file", "*." + format.extension());
        if (target != null) {
            exportTraceTo(target, format).exceptionally(e -> {
                Platform.runLater(() -> error("Cannot export", target + ": " + e.getMessage()));
                return null;
            });
        }
    }

    /** Writes the current step's trace; completes when the file is written. */
    public java.util.concurrent.CompletableFuture<Path> exportTraceTo(Path target, dev.backstep.io.TraceFormat format) {
        String title = session.snapshot().definition().name() + ": one training step";
        return session.worker().currentTrace().thenApply(trace -> {
            try {
                java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
                dev.backstep.io.TraceWriter.write(trace, format, title, bytes);
                AtomicFiles.write(target, bytes.toByteArray());
                return target;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    @Override
    public void exportLosses() {
        Path target = chooseTarget("Export the loss history", session.snapshot().definition().name() + "-loss.csv",
                "CSV", "*.csv");
        if (target == null) {
            return;
        }
        try {
            exportLossesTo(target);
        } catch (IOException e) {
            error("Cannot export", target + ": " + e.getMessage());
        }
    }

    /** Writes the loss of every epoch of the snapshot on screen as CSV. */
    public void exportLossesTo(Path target) throws IOException {
        dev.backstep.model.Snapshot s = session.snapshot();
        double[] train = new double[s.trainLossCount()];
        for (int e = 0; e < train.length; e++) {
            train[e] = s.trainLoss().get(e);
        }
        double[] test = null;
        if (s.testLossCount() > 0) {
            test = new double[s.testLossCount()];
            for (int e = 0; e < test.length; e++) {
                test[e] = s.testLoss().get(e);
            }
        }
        dev.backstep.io.LossHistoryCsv.write(target, train, test);
    }

    @Override
    public void exportNetwork() {
        Path target = chooseTarget("Export a copy of the network", session.snapshot().definition().name() + ".json",
                "Backstep network", "*.json");
        if (target != null) {
            exportNetworkTo(target).exceptionally(e -> {
                Platform.runLater(() -> error("Cannot export", target + ": " + e.getMessage()));
                return null;
            });
        }
    }

    /** Writes the network as it is now; the open file and its unsaved-changes mark stay as they are. */
    public java.util.concurrent.CompletableFuture<Path> exportNetworkTo(Path target) {
        return session.worker().current().thenApply(definition -> {
            try {
                dev.backstep.io.NetworkWriter.write(definition, target);
                return target;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    /** Asks where to write an export; null when the person cancels. */
    private Path chooseTarget(String title, String name, String kind, String pattern) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(kind, pattern));
        chooser.setInitialFileName(name);
        File file = chooser.showSaveDialog(stage);
        return file == null ? null : file.toPath();
    }

    /** Writes an image as PNG atomically. */
    public static void writePng(WritableImage image, Path path) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", bytes);
        AtomicFiles.write(path, bytes.toByteArray());
    }

    @Override
    public void viewMoment(int index) {
        session.viewMoment(index);
    }

    @Override
    public void viewPresent() {
        session.viewMoment(-1);
    }

    @Override
    public void stepMoment(int direction) {
        TimelinePositions stops = TimelinePositions.of(session.snapshot());
        int target = stops.step(direction);
        if (stops.isNow(target)) {
            viewPresent();
        } else {
            viewMoment(target);
        }
    }

    @Override
    public void recover() {
        session.recover();
    }

    @Override
    public void toggleFullScreen() {
        stage.setFullScreenExitHint("Press F or F11 to leave full screen");
        stage.setFullScreen(!stage.isFullScreen());
    }

    @Override
    public void showShortcuts() {
        GridPane grid = new GridPane();
        grid.setHgap(24);
        grid.setVgap(6);
        int row = 0;
        for (String[] entry : Shortcuts.TABLE) {
            Label key = new Label(entry[0]);
            key.getStyleClass().add("shortcut-key");
            grid.addRow(row++, key, new Label(entry[1]));
        }
        Alert alert = new Alert(Alert.AlertType.INFORMATION);
        alert.initOwner(stage);
        alert.setTitle("Keyboard shortcuts");
        alert.setHeaderText("Everything works from the keyboard; a clicker's PageDown and PageUp step terms.");
        alert.getDialogPane().setContent(grid);
        alert.getDialogPane().setId("shortcutsDialog");
        alert.show();
    }

    @Override
    public void showAbout() {
        inform("About Backstep", "Backstep makes backpropagation visible: every chain-rule term of every step, "
                + "with its formula and its numbers, computed by Backstep's own engine.");
    }

    @Override
    public void quit() {
        if (confirmDiscard()) {
            stage.close();
        }
    }

    /** True when there is nothing unsaved, or the person agrees to discard it. */
    public boolean confirmDiscard() {
        if (!session.dirtyProperty().get()) {
            return true;
        }
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, "The open network has unsaved changes. Discard them?",
                ButtonType.OK, ButtonType.CANCEL);
        alert.initOwner(stage);
        alert.setTitle("Unsaved changes");
        alert.setHeaderText(null);
        return alert.showAndWait().filter(b -> b == ButtonType.OK).isPresent();
    }

    private static FileChooser networkChooser(String title) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Backstep network", "*.json"));
        return chooser;
    }

    private void error(String title, String message) {
        Alert alert = new Alert(Alert.AlertType.ERROR);
        alert.initOwner(stage);
        alert.setTitle(title);
        alert.setHeaderText(title);
        alert.setContentText(message);
        alert.getDialogPane().setId("errorDialog");
        alert.getDialogPane().setMinWidth(560);
        alert.show();
    }

    private void inform(String title, String message) {
        Alert alert = new Alert(Alert.AlertType.INFORMATION, message);
        alert.initOwner(stage);
        alert.setTitle(title);
        alert.setHeaderText(null);
        alert.show();
    }
}
