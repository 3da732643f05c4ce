package dev.backstep.view.data;

import dev.backstep.engine.Evaluation;
import dev.backstep.io.NetworkDefinition;

import java.util.List;

/**
 * The names of a classifier's classes: the output layer's display names when the network file gives them
 * ("T-shirt", "setosa"), otherwise the class numbers 0, 1, 2, … (the digits' own labels).
 */
final class ClassNames {
    private ClassNames() {
    }

    static String[] of(NetworkDefinition definition) {
        List<String> names = definition.labels().units().get(definition.labels().layerCount() - 1);
        int classes = Evaluation.classCount(names.size());
        String[] result = new String[classes];
        boolean named = names.size() == classes;
        for (int j = 0; j < names.size() && named; j++) {
            named = !names.get(j).equals("o" + (j + 1));
        }
        for (int c = 0; c < classes; c++) {
            result[c] = named ? names.get(c) : Integer.toString(c);
        }
        return result;
    }
}
