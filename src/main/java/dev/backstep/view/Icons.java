package dev.backstep.view;

import org.kordamp.ikonli.javafx.FontIcon;

/** The icons of the controls (Material Design 2 via Ikonli), in one place so they stay consistent. */
public final class Icons {
    public static final String PLAY = "mdi2p-play";
    public static final String PAUSE = "mdi2p-pause";
    public static final String STEP_TERM = "mdi2s-step-forward";
    public static final String STEP_BACK = "mdi2s-step-backward";
    public static final String STEP_SAMPLE = "mdi2d-debug-step-over";
    public static final String STEP_EPOCH = "mdi2s-skip-next";
    public static final String RESET = "mdi2r-restore";
    public static final String RESEED = "mdi2d-dice-5";

    private Icons() {
    }

    public static FontIcon icon(String literal, int size) {
        FontIcon icon = new FontIcon(literal);
        icon.setIconSize(size);
        icon.getStyleClass().add("control-icon");
        return icon;
    }
}
