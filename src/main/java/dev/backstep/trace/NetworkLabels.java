package dev.backstep.trace;

import dev.backstep.engine.Network;

import java.util.ArrayList;
import java.util.List;

/**
 * The display names of a network's units and, where a file gives them, of its weights.
 *
 * @param units       names per layer, the input first
 * @param weightNames names per weight, [layer − 1][from][to], or null
 */
public record NetworkLabels(List<List<String>> units, String[][][] weightNames) {
    public NetworkLabels {
        List<List<String>> copy = new ArrayList<>();
        for (List<String> layer : units) {
            copy.add(List.copyOf(layer));
        }
        units = List.copyOf(copy);
    }

    /** x1…, h1… (h1_1… with several hidden layers), o1…, as network files name units by default. */
    public static NetworkLabels defaults(Network network) {
        int[] sizes = network.layerSizes();
        List<List<String>> units = new ArrayList<>();
        for (int l = 0; l < sizes.length; l++) {
            String prefix = l == 0 ? "x" : l == sizes.length - 1 ? "o" : sizes.length == 3 ? "h" : "h" + l + "_";
            List<String> names = new ArrayList<>();
            for (int j = 1; j <= sizes[l]; j++) {
                names.add(prefix + j);
            }
            units.add(names);
        }
        return new NetworkLabels(units, null);
    }

    public String unit(int layer, int unit) {
        return units.get(layer).get(unit);
    }

    /** The file's name of the weight into {@code layer} from {@code from} to {@code to}, or null. */
    public String weight(int layer, int from, int to) {
        return weightNames == null ? null : weightNames[layer - 1][from][to];
    }

    public int layerCount() {
        return units.size();
    }

    public int size(int layer) {
        return units.get(layer).size();
    }

    /** Where a unit name is: {layer, unit}, or null. */
    public int[] find(String name) {
        for (int l = 0; l < units.size(); l++) {
            int j = units.get(l).indexOf(name);
            if (j >= 0) {
                return new int[] {l, j};
            }
        }
        return null;
    }
}
