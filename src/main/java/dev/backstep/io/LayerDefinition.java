package dev.backstep.io;

import dev.backstep.engine.Activation;

import java.util.List;

/**
 * One layer as a network file describes it.
 *
 * @param activation null for the input layer
 * @param names      a display name per unit (defaults x1…, h1…, o1…)
 */
public record LayerDefinition(int size, Activation activation, boolean bias, boolean trainable, List<String> names) {
    public LayerDefinition {
        names = List.copyOf(names);
    }

    public boolean isInput() {
        return activation == null;
    }
}
