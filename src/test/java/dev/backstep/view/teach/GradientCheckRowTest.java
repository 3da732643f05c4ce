package dev.backstep.view.teach;

import dev.backstep.engine.Dataset;
import dev.backstep.engine.GradientCheck;
import dev.backstep.engine.Network;
import dev.backstep.io.NetworkDefinition;
import dev.backstep.io.SampleNetworks;
import dev.backstep.view.graph.GraphElement;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gradient check page's rows on xor-2-2-1: each names the right weight or bias and places it on the graph, and
 * its analytic derivative agrees with a finite difference of a loss computed here with plain scalar loops.
 */
class GradientCheckRowTest {
    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    /** Mean over samples of ½(t − y)² of a 2-2-1 sigmoid network, written out by hand. */
    private static double loss(double[] w1, double[] b1, double[] w2, double[] b2, Dataset data) {
        double sum = 0;
        for (int n = 0; n < data.size(); n++) {
            double x1 = data.inputs().get(n, 0);
            double x2 = data.inputs().get(n, 1);
            double h1 = sigmoid(x1 * w1[0] + x2 * w1[2] + b1[0]);
            double h2 = sigmoid(x1 * w1[1] + x2 * w1[3] + b1[1]);
            double y = sigmoid(h1 * w2[0] + h2 * w2[1] + b2[0]);
            double t = data.targets().get(n, 0);
            sum += 0.5 * (t - y) * (t - y);
        }
        return sum / data.size();
    }

    @Test
    void rowsNameTheirParameterAndAgreeWithAHandWrittenFiniteDifference() throws Exception {
        NetworkDefinition definition = SampleNetworks.load("xor-2-2-1");
        Network network = definition.newNetwork();
        Dataset data = definition.trainingData();
        GradientCheck.Result result = GradientCheck.run(network, data);
        List<GradientCheckRow> rows = new ArrayList<>();
        for (GradientCheck.Entry e : result.entries()) {
            rows.add(GradientCheckRow.of(e, definition.labels(), e == result.worst()));
        }
        assertEquals(9, rows.size(), "six weights and three biases");
        assertEquals(1, rows.stream().filter(GradientCheckRow::worst).count());
        double[][] params = {network.layer(1).weights().value().clone(), network.layer(1).bias().value().clone(),
            network.layer(2).weights().value().clone(), network.layer(2).bias().value().clone()};
        String[] expectedNames = {"W1  x1 → h1", "W1  x1 → h2", "W1  x2 → h1", "W1  x2 → h2", "b1  h1", "b1  h2",
            "W2  h1 → o1", "W2  h2 → o1", "b2  o1"};
        int k = 0;
        double h = 1e-3;
        for (int p = 0; p < params.length; p++) {
            for (int i = 0; i < params[p].length; i++, k++) {
                GradientCheckRow row = rows.get(k);
                assertEquals(expectedNames[k], row.name());
                GraphElement element = row.element();
                double onGraph = element.kind() == GraphElement.Kind.BIAS
                        ? network.layer(element.layer()).bias().value()[element.to()]
                        : network.layer(element.layer()).weight(element.from(), element.to());
                assertEquals(params[p][i], onGraph, 0, row.name() + " marks the element that holds its value");
                double original = params[p][i];
                double[] e = new double[4];
                double[] steps = {2 * h, h, -h, -2 * h};
                for (int s = 0; s < 4; s++) {
                    params[p][i] = original + steps[s];
                    e[s] = loss(params[0], params[1], params[2], params[3], data);
                }
                params[p][i] = original;
                double numeric = (8 * (e[1] - e[2]) - (e[0] - e[3])) / (12 * h);
                // A five-point difference with h = 10⁻³ is exact to about h⁴ = 10⁻¹² times the fourth derivative.
                assertEquals(numeric, row.analytic(), 1e-9, row.name());
                assertTrue(row.agrees(), row.name() + ": " + row.relativeDifference());
            }
        }
    }
}
