package dev.backstep.model.landscape;

import dev.backstep.engine.DenseLayer;
import dev.backstep.engine.Network;
import dev.backstep.trace.NetworkLabels;

import java.util.ArrayList;
import java.util.List;

/**
 * One scalar parameter of a network, as an axis of the loss landscape: element {@code element} of parameter
 * {@code parameter} (an index into {@link Network#parameters()}), with the name people see.
 *
 * @param name such as {@code w(x1→h2)}, the file's own weight name first when it has one, or {@code b(h2)}
 */
public record ParameterAxis(int parameter, int element, String name) {
    /** This parameter's value in {@code network}. */
    public double value(Network network) {
        return network.parameters().get(parameter).value()[element];
    }

    /** Sets this parameter's value in {@code network}. */
    public void set(Network network, double value) {
        network.parameters().get(parameter).value()[element] = value;
    }

    /** Every weight and bias of {@code network}, layer by layer (weights first), named with {@code labels}. */
    public static List<ParameterAxis> all(Network network, NetworkLabels labels) {
        List<ParameterAxis> axes = new ArrayList<>();
        int index = 0;
        for (DenseLayer layer : network.layers()) {
            int l = layer.index();
            for (int from = 0; from < layer.inputSize(); from++) {
                for (int to = 0; to < layer.size(); to++) {
                    String link = labels.unit(l - 1, from) + "→" + labels.unit(l, to);
                    String own = labels.weight(l, from, to);
                    axes.add(new ParameterAxis(index, from * layer.size() + to,
                            own == null ? "w(" + link + ")" : own + " (" + link + ")"));
                }
            }
            index++;
            if (layer.hasBias()) {
                for (int to = 0; to < layer.size(); to++) {
                    axes.add(new ParameterAxis(index, to, "b(" + labels.unit(l, to) + ")"));
                }
                index++;
            }
        }
        return axes;
    }

    @Override
    public String toString() {
        return name;
    }
}
