package dev.backstep.trace;

/** The four phases of a training step, in the order a step runs them. */
public enum Phase {
    FORWARD("forward"),
    LOSS("loss"),
    BACKWARD("backward"),
    UPDATE("update");

    private final String id;

    Phase(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
