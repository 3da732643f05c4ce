package dev.backstep.view.teach;

import dev.backstep.engine.GradientCheck;
import dev.backstep.trace.NetworkLabels;
import dev.backstep.view.graph.GraphElement;

/**
 * One parameter element of a gradient check as the table shows it: a readable name, both derivatives, their
 * relative difference, and where it is on the layer graph.
 *
 * @param name  e.g. {@code W2  h1 → o1} or {@code b1  h3}
 * @param worst true for the element with the largest relative difference
 */
record GradientCheckRow(String name, double analytic, double numeric, double relativeDifference,
                        GraphElement element, boolean worst) {

    static GradientCheckRow of(GradientCheck.Entry entry, NetworkLabels labels, boolean worst) {
        String parameter = entry.parameter();
        int layer = Integer.parseInt(parameter.substring(1));
        boolean bias = parameter.startsWith("b");
        String name = bias ? parameter + "  " + labels.unit(layer, entry.col())
                : parameter + "  " + labels.unit(layer - 1, entry.row()) + " → " + labels.unit(layer, entry.col());
        GraphElement element = bias ? GraphElement.bias(layer, entry.col(), Double.NaN)
                : GraphElement.edge(layer, entry.row(), entry.col(), Double.NaN);
        return new GradientCheckRow(name, entry.analytic(), entry.numeric(), entry.relativeDifference(), element,
                worst);
    }

    /** Whether the two derivatives agree within the command line's tolerance. */
    boolean agrees() {
        return relativeDifference <= GradientCheck.DEFAULT_TOLERANCE;
    }
}
