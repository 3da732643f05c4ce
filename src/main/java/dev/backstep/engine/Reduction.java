package dev.backstep.engine;

import java.util.Arrays;
import java.util.Optional;

/** How per-sample losses combine over a batch: their mean (the default) or their sum (what the seed code does). */
public enum Reduction {
    MEAN("mean"),
    SUM("sum");

    private final String id;

    Reduction(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Optional<Reduction> byId(String id) {
        return Arrays.stream(values()).filter(r -> r.id.equals(id)).findFirst();
    }

    /** The factor that turns a sum of per-sample quantities over {@code batchSize} samples into the reduced one. */
    public double scale(int batchSize) {
        return this == MEAN ? 1.0 / batchSize : 1.0;
    }
}
