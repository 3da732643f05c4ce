package dev.backstep.model;

/** Whether the training thread is training on its own. */
public enum RunState {
    /** Waiting for a command. */
    PAUSED,
    /** Training continuously at the chosen speed. */
    RUNNING,
    /** Stopped because a loss or a parameter stopped being finite; the last finite parameters are kept. */
    DIVERGED
}
