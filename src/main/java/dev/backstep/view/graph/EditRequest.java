package dev.backstep.view.graph;

/**
 * What the user asked to edit by double-clicking the graph. The view only asks: the controller decides (editing is
 * allowed only while paused), opens the dialog and sends the command to the session.
 *
 * @param target what is edited
 * @param layer  for {@link Target#WEIGHT} and {@link Target#BIAS} the layer fed (from 1); 0 for an input; the
 *               output layer's index for a target
 * @param from   the unit of layer {@code layer − 1} a weight leaves; −1 otherwise
 * @param to     the unit a weight or bias feeds, the input's index, or the output's index
 * @param sample the data-set index of the sample for an input or a target; −1 for parameters
 * @param value  the value now
 * @param label  for a dialog's title, e.g. "weight x1 → h1", "bias of h1", "input x2 of sample 3", "target of o1 …"
 */
public record EditRequest(Target target, int layer, int from, int to, int sample, double value, String label) {
    public enum Target { WEIGHT, BIAS, INPUT, TARGET }
}
