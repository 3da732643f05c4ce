package dev.backstep.view.units;

import dev.backstep.view.Fx;
import dev.backstep.engine.Network;
import dev.backstep.io.SampleNetworks;
import dev.backstep.model.SessionWorker;
import dev.backstep.model.Snapshot;
import dev.backstep.view.Theme;
import dev.backstep.view.ViewSettings;
import dev.backstep.view.boundary.Plane;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The per-unit maps against a scalar forward pass written here, and the page for other networks. */
class UnitMapsViewTest {
    private static Snapshot trained(String sample, long epochs) throws Exception {
        try (SessionWorker worker = new SessionWorker(SampleNetworks.load(sample))) {
            worker.trainEpochs(epochs);
            return worker.await();
        }
    }

    private static UnitMapsView shown(Snapshot snapshot, ViewSettings settings) throws Exception {
        return Fx.call(() -> {
            UnitMapsView view = new UnitMapsView(settings);
            Scene scene = new Scene(view, 1000, 700);
            view.show(snapshot);
            scene.snapshot(null);
            return view;
        });
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    /** xor-2-4-1 by scalar loops: the activations of hidden units h1…h4 followed by the output at (x1, x2). */
    private static double[] scalarForward(Network n, double x1, double x2) {
        double[] w1 = n.layer(1).weights().value();
        double[] b1 = n.layer(1).bias().value();
        double[] w2 = n.layer(2).weights().value();
        double[] b2 = n.layer(2).bias().value();
        double[] out = new double[5];
        double o = b2[0];
        for (int j = 0; j < 4; j++) {
            double h = sigmoid(x1 * w1[j] + x2 * w1[4 + j] + b1[j]);
            out[j] = h;
            o += h * w2[j];
        }
        out[4] = sigmoid(o);
        return out;
    }

    @Test
    void everyPixelOfAHiddenMapAndTheOutputMapIsTheScalarForwardPassAtItsCellCentre() throws Exception {
        Snapshot s = trained("xor-2-4-1", 500);
        ViewSettings settings = new ViewSettings();
        UnitMapsView view = shown(s, settings);
        UnitMapGrid grid = view.grid();
        int n = grid.size();
        Plane plane = grid.plane();
        assertEquals(Plane.around(new double[] {0, 0, 1, 1}, new double[] {0, 1, 0, 1}, 4), plane,
                "the decision boundary's plane around the four XOR points");
        int[] table = view.scale(1).table(Theme.LIGHT, 255);
        WritableImage image = Fx.call(() -> view.mapImage(1, 2));
        assertNotNull(image);
        for (int row = 0; row < n; row++) {
            for (int col = 0; col < n; col++) {
                double x1 = plane.minX() + (col + 0.5) * plane.width() / n;
                double x2 = plane.maxY() - (row + 0.5) * plane.height() / n;
                double[] expected = scalarForward(s.network(), x1, x2);
                double h3 = grid.value(1, 2, row, col);
                assertEquals(expected[2], h3, 1e-12 * Math.abs(expected[2]), "h3 at row " + row + ", col " + col);
                assertEquals(expected[4], grid.value(2, 0, row, col), 1e-12 * Math.abs(expected[4]), "o1");
                // the pixel's colour is the sigmoid scale's (0 to 1) colour of the scalar value
                int argb = image.getPixelReader().getArgb(col, row);
                assertEquals(table[(int) Math.round(expected[2] * 255)], argb, "colour of h3 at " + row + "," + col);
            }
        }
    }

    @Test
    void sigmoidLayersUseTheSequentialScaleFromZeroToOne() throws Exception {
        UnitMapsView view = shown(trained("xor-2-4-1", 10), new ViewSettings());
        assertEquals(new UnitScale(false, 0, 1), view.scale(1));
        assertEquals(new UnitScale(false, 0, 1), view.scale(2));
    }

    @Test
    void hoveringEnlargesThatUnit() throws Exception {
        UnitMapsView view = shown(trained("xor-2-3-1", 10), new ViewSettings());
        int hovered = Fx.call(() -> {
            view.hoverUnit(1, 1);
            return view.hovered();
        });
        assertEquals(1, hovered, "the second tile (h2) is enlarged");
    }

    @Test
    void aNetworkWithoutTwoInputsSaysWhyThePageIsEmpty() throws Exception {
        UnitMapsView view = shown(trained("scalar-1-1-1", 1), new ViewSettings());
        assertTrue(view.message().contains("has 1 input."), view.message());
    }
}
