package dev.backstep.view;

import dev.backstep.engine.OptimizerKind;
import dev.backstep.model.Session;
import dev.backstep.model.Snapshot;
import dev.backstep.trace.Numbers;
import dev.backstep.trace.Term;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

import java.util.Locale;

/**
 * The buttons that drive training (each with an icon and a tooltip naming its shortcut), the speed, the learning
 * rate and the optimizer, and a readout of where training is: epoch, step, phase, loss. Builds itself, then only
 * listens to the session; actions go to {@link UserActions}.
 */
public final class ControlBar extends VBox {
    /** The speed slider runs over log10(epochs per second) from 0 (one per second) to this; the top means "max". */
    static final double MAX_SPEED_EXPONENT = 6;

    private static final int ICON_SIZE = 26;
    private static final double SPEED_WIDTH = 150;
    private static final double SPEED_LABEL_WIDTH = 84;
    private final Button play = button("play", Icons.PLAY, "Play (Space)");
    private final Button stepBack = button("stepBack", Icons.STEP_BACK, "Step back one term (← or PageUp)");
    private final Button stepTerm = button("stepTerm", Icons.STEP_TERM, "Step one chain-rule term (→ or PageDown)");
    private final Button stepSample = button("stepSample", Icons.STEP_SAMPLE, "Finish this sample's terms (S)");
    private final Button stepEpoch = button("stepEpoch", Icons.STEP_EPOCH, "Finish this epoch (E)");
    private final Button reset = button("reset", Icons.RESET, "Reset to the initial weights, same seed (R)");
    private final Button reseed = button("reseed", Icons.RESEED, "New random initial weights (Shift+R)");
    private final Slider speed = new Slider(0, MAX_SPEED_EXPONENT, MAX_SPEED_EXPONENT);
    private final Label speedLabel = new Label();
    private final TextField learningRate = new TextField();
    private final ComboBox<OptimizerKind> optimizer = new ComboBox<>();
    private final Label epoch = readout("epochReadout");
    private final Label step = readout("stepReadout");
    private final Label phase = readout("phaseReadout");
    private final Label loss = readout("lossReadout");
    private final Label fps = readout("fpsReadout");
    private final UserActions actions;
    private boolean updating;
    private double iconScale = 1;

    public ControlBar(Session session, UserActions actions) {
        this.actions = actions;
        setId("controlBar");
        getStyleClass().add("control-bar");
        createView();
        initListeners(session);
    }

    /** Icons grow with the presentation scale (the labels follow the root font by themselves). */
    public void setIconScale(double scale) {
        iconScale = scale;
        for (Button b : new Button[] {play, stepBack, stepTerm, stepSample, stepEpoch, reset, reseed}) {
            if (b.getGraphic() instanceof org.kordamp.ikonli.javafx.FontIcon icon) {
                icon.setIconSize(iconSize());
            }
        }
        speed.setPrefWidth(SPEED_WIDTH * scale);
        speedLabel.setMinWidth(SPEED_LABEL_WIDTH * scale);
    }

    private int iconSize() {
        return (int) Math.round(ICON_SIZE * iconScale);
    }

    private static Button button(String id, String icon, String tooltip) {
        Button b = new Button();
        b.setId(id);
        b.setGraphic(Icons.icon(icon, ICON_SIZE));
        Tooltip tip = new Tooltip(tooltip);
        tip.setShowDelay(javafx.util.Duration.millis(300));
        b.setTooltip(tip);
        b.setFocusTraversable(false);
        b.getStyleClass().add("step-button");
        return b;
    }

    private static Label readout(String id) {
        Label l = new Label();
        l.setId(id);
        l.getStyleClass().add("readout");
        return l;
    }

    private void createView() {
        speed.setId("speed");
        speed.setPrefWidth(SPEED_WIDTH);
        speed.setFocusTraversable(false);
        speed.setTooltip(new Tooltip("Speed: from one epoch per second to as fast as possible"));
        speedLabel.setId("speedLabel");
        speedLabel.setMinWidth(SPEED_LABEL_WIDTH);
        learningRate.setId("learningRate");
        learningRate.setPrefColumnCount(6);
        // Not reached by Tab or focused at start: a focused text field would swallow Space and the arrow keys.
        learningRate.setFocusTraversable(false);
        learningRate.setTooltip(new Tooltip("Learning rate η (Enter to apply)"));
        optimizer.setId("optimizer");
        optimizer.getItems().setAll(OptimizerKind.values());
        optimizer.setFocusTraversable(false);
        optimizer.setConverter(new StringConverter<>() {
            @Override
            public String toString(OptimizerKind kind) {
                return kind == null ? "" : kind.id();
            }

            @Override
            public OptimizerKind fromString(String text) {
                return OptimizerKind.byId(text).orElse(null);
            }
        });
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox row = new HBox(6, play, stepBack, stepTerm, stepSample, stepEpoch, new Separator(), reset, reseed,
                new Separator(), labelled("Speed", speed), speedLabel, new Separator(),
                labelled("η", learningRate), optimizer, spacer);
        row.setAlignment(Pos.CENTER_LEFT);
        HBox status = new HBox(24, epoch, step, phase, loss, fps);
        status.setAlignment(Pos.CENTER_LEFT);
        status.getStyleClass().add("readouts");
        setSpacing(4);
        getChildren().setAll(row, status);
        updateSpeedLabel();
    }

    private static HBox labelled(String text, javafx.scene.Node node) {
        Label label = new Label(text);
        label.getStyleClass().add("field-label");
        HBox box = new HBox(4, label, node);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    private void initListeners(Session session) {
        play.setOnAction(e -> actions.togglePlay());
        stepBack.setOnAction(e -> actions.stepBack());
        stepTerm.setOnAction(e -> actions.stepTerm());
        stepSample.setOnAction(e -> actions.stepSample());
        stepEpoch.setOnAction(e -> actions.stepEpoch());
        reset.setOnAction(e -> actions.reset());
        reseed.setOnAction(e -> actions.reseed());
        stepBack.disableProperty().bind(session.canStepBackProperty().not());
        speed.valueProperty().addListener((o, a, b) -> {
            updateSpeedLabel();
            if (!speed.isValueChanging() && !updating) {
                actions.setSpeed(speedValue());
            }
        });
        speed.valueChangingProperty().addListener((o, was, now) -> {
            if (!now) {
                actions.setSpeed(speedValue());
            }
        });
        learningRate.setOnAction(e -> applyLearningRate());
        learningRate.focusedProperty().addListener((o, was, now) -> {
            if (!now) {
                applyLearningRate();
            }
        });
        optimizer.setOnAction(e -> {
            if (!updating && optimizer.getValue() != null) {
                actions.setOptimizer(optimizer.getValue());
            }
        });
        session.runningProperty().addListener((o, was, now) -> showRunning(now));
        showRunning(session.runningProperty().get());
    }

    private void showRunning(boolean running) {
        play.setGraphic(Icons.icon(running ? Icons.PAUSE : Icons.PLAY, iconSize()));
        play.getTooltip().setText(running ? "Pause (Space)" : "Play (Space)");
    }

    /** Epochs per second chosen on the slider (infinity at the top). */
    double speedValue() {
        double exponent = speed.getValue();
        return exponent >= MAX_SPEED_EXPONENT - 1e-9 ? Double.POSITIVE_INFINITY : Math.pow(10, exponent);
    }

    private void updateSpeedLabel() {
        double v = speedValue();
        speedLabel.setText(Double.isInfinite(v) ? "max" : v < 10 ? String.format(Locale.ROOT, "%.1f/s", v)
                : String.format(Locale.ROOT, "%,.0f/s", v));
    }

    private void applyLearningRate() {
        try {
            double value = Double.parseDouble(learningRate.getText().strip());
            if (value > 0 && Double.isFinite(value)) {
                actions.setLearningRate(value);
                learningRate.getStyleClass().remove("invalid");
                return;
            }
        } catch (NumberFormatException e) {
            // shown as invalid below
        }
        if (!learningRate.getStyleClass().contains("invalid")) {
            learningRate.getStyleClass().add("invalid");
        }
    }

    /** Updates the readouts from a snapshot (FX thread, once per frame). */
    public void show(Snapshot s, double framesPerSecond, boolean showFps) {
        updating = true;
        try {
            if (!learningRate.isFocused()) {
                learningRate.setText(Numbers.exact(s.optimizer().learningRate()));
            }
            optimizer.setValue(s.optimizer().kind());
        } finally {
            updating = false;
        }
        epoch.setText("Epoch " + String.format(Locale.ROOT, "%,d", s.epoch())
                + (s.running() && s.epochsPerSecond() > 0
                ? String.format(Locale.ROOT, "  (%,.0f/s)", s.epochsPerSecond()) : ""));
        step.setText("Step " + (s.stepInEpoch() + 1) + " of " + s.stepsPerEpoch() + sampleText(s));
        Term term = s.currentTerm();
        if (term != null) {
            phase.setText(capitalise(term.phase().id()) + " · term " + s.tracePosition() + " of "
                    + s.trace().size());
        } else {
            phase.setText(s.running() ? "Training" : "Ready");
        }
        double last = s.lastLoss();
        loss.setText(Double.isNaN(last) ? "Loss —" : "Loss " + Numbers.format(last, 6, true));
        fps.setVisible(showFps);
        fps.setManaged(showFps);
        fps.setText(String.format(Locale.ROOT, "%.0f FPS", framesPerSecond));
    }

    private static String sampleText(Snapshot s) {
        int[] samples = s.trace() != null && !s.traceApplied() && s.tracePosition() > 0 ? s.trace().samples()
                : s.unitSamples();
        if (samples == null || samples.length == 0) {
            return "";
        }
        if (samples.length == 1) {
            return " · sample " + (samples[0] + 1);
        }
        return " · " + samples.length + " samples";
    }

    private static String capitalise(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
