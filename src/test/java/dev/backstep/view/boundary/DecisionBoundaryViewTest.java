package dev.backstep.view.boundary;

import dev.backstep.view.Fx;
import dev.backstep.engine.Dataset;
import dev.backstep.engine.Matrix;
import dev.backstep.engine.Network;
import dev.backstep.io.NetworkReader;
import dev.backstep.io.SampleNetworks;
import dev.backstep.model.SessionWorker;
import dev.backstep.model.Snapshot;
import dev.backstep.view.Theme;
import dev.backstep.view.ViewSettings;
import javafx.scene.Scene;
import javafx.scene.paint.Color;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The decision boundary's grid, plane, colours and placeholder, checked without a robot. */
class DecisionBoundaryViewTest {

    private static Snapshot trained(String sample, long millis) throws Exception {
        try (SessionWorker worker = new SessionWorker(SampleNetworks.load(sample))) {
            worker.play();
            Thread.sleep(millis);
            worker.pause();
            return worker.await();
        }
    }

    private static DecisionBoundaryView shown(Snapshot snapshot, ViewSettings settings) throws Exception {
        return Fx.call(() -> {
            DecisionBoundaryView view = new DecisionBoundaryView(settings);
            new Scene(view, 800, 500).snapshot(null);
            view.show(snapshot);
            return view;
        });
    }

    /** The grid's values are the network's predictions at the cell centres, computed here from the plane. */
    @ParameterizedTest
    @ValueSource(strings = {"xor-2-4-1", "spiral", "mazur-2-2-2", "circle"})
    void gridEqualsPredictAtTheCellCentres(String sample) throws Exception {
        Snapshot s = trained(sample, 200);
        DecisionBoundaryView view = shown(s, new ViewSettings());
        Fx.run(() -> {
            int g = view.gridSize();
            Plane plane = view.plane();
            assertTrue(g >= DecisionBoundaryView.MIN_GRID && g <= DecisionBoundaryView.MAX_GRID, "grid " + g);
            Matrix points = new Matrix(g * g, 2);
            for (int row = 0; row < g; row++) {
                for (int col = 0; col < g; col++) {
                    points.set(row * g + col, 0, plane.minX() + (col + 0.5) * plane.width() / g);
                    points.set(row * g + col, 1, plane.maxY() - (row + 0.5) * plane.height() / g);
                }
            }
            Network network = s.network();
            Matrix expected = network.predict(points);
            for (int row = 0; row < g; row++) {
                for (int col = 0; col < g; col++) {
                    for (int k = 0; k < network.outputSize(); k++) {
                        assertEquals(expected.get(row * g + col, k), view.gridOutput(col, row, k), 1e-12,
                                "cell (" + col + ", " + row + ") output " + k);
                    }
                }
            }
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"circle", "spiral", "gaussians", "xor-quadrants", "xor-2-4-1", "mazur-2-2-2"})
    void planeContainsEveryTrainingAndTestPoint(String sample) throws Exception {
        Snapshot s = trained(sample, 50);
        DecisionBoundaryView view = shown(s, new ViewSettings());
        Plane plane = Fx.call(view::plane);
        int checked = 0;
        for (Dataset d : new Dataset[] {s.trainingData(), s.testData()}) {
            if (d == null) {
                continue;
            }
            for (int r = 0; r < d.size(); r++) {
                double x = d.inputs().get(r, 0);
                double y = d.inputs().get(r, 1);
                assertTrue(plane.contains(x, y), "(" + x + ", " + y + ") in " + plane);
                // with a margin: not on the edge
                assertTrue(x > plane.minX() && x < plane.maxX() && y > plane.minY() && y < plane.maxY());
                checked++;
            }
        }
        assertEquals(s.trainingData().size() + (s.testData() == null ? 0 : s.testData().size()), checked);
        assertTrue(plane.width() > 0 && plane.height() > 0);
    }

    @Test
    void planeOfASinglePointHasAnExtent() {
        Plane p = Plane.around(new double[] {0.05}, new double[] {0.1}, 1);
        assertTrue(p.contains(0.05, 0.1));
        assertTrue(p.width() >= 1 && p.height() >= 1, p.toString());
    }

    @Test
    void placeholderForANetworkWithoutTwoInputs() throws Exception {
        String json = "{\"format\":\"backstep-network\",\"version\":1,\"name\":\"three-in\",\"layers\":["
                + "{\"size\":3},{\"size\":2,\"activation\":\"sigmoid\",\"bias\":true},"
                + "{\"size\":1,\"activation\":\"sigmoid\",\"bias\":true}],"
                + "\"init\":{\"weights\":\"xavier-uniform\",\"biases\":\"zeros\",\"seed\":1},"
                + "\"loss\":{\"name\":\"mse\",\"reduction\":\"mean\"},"
                + "\"optimizer\":{\"name\":\"sgd\",\"learningRate\":0.1},"
                + "\"training\":{\"batch\":\"full\",\"shuffle\":false,\"epochs\":10,\"seed\":1},"
                + "\"data\":{\"inputs\":[[0,0,1],[1,0,0]],\"targets\":[[0],[1]]}}";
        Snapshot s;
        try (SessionWorker worker = new SessionWorker(NetworkReader.parse("three-in", json))) {
            s = worker.latest();
        }
        DecisionBoundaryView view = shown(s, new ViewSettings());
        Fx.run(() -> {
            assertEquals(DecisionBoundaryView.Mode.PLACEHOLDER, view.mode());
            assertEquals("The decision boundary needs a network with two inputs; this one has 3.",
                    view.placeholderText());
            assertEquals(0, view.passes(), "no grid is computed");
        });
        // and back to a two-input network
        Snapshot xor = trained("xor-2-4-1", 20);
        Fx.run(() -> {
            view.show(xor);
            assertEquals(DecisionBoundaryView.Mode.SINGLE, view.mode());
            assertEquals("", view.placeholderText());
        });
    }

    /** A softmax network over three blobs, untrained (random weights draw several regions). */
    private static Snapshot threeClasses() throws Exception {
        Random random = new Random(5);
        StringBuilder in = new StringBuilder();
        StringBuilder out = new StringBuilder();
        double[][] centres = {{-2, -1}, {2, -1}, {0, 2.2}};
        for (int i = 0; i < 60; i++) {
            int c = i % 3;
            in.append(i == 0 ? "" : ",").append('[').append(centres[c][0] + random.nextGaussian()).append(',')
                    .append(centres[c][1] + random.nextGaussian()).append(']');
            out.append(i == 0 ? "" : ",").append(c == 0 ? "[1,0,0]" : c == 1 ? "[0,1,0]" : "[0,0,1]");
        }
        String json = "{\"format\":\"backstep-network\",\"version\":1,\"name\":\"blobs\",\"layers\":["
                + "{\"size\":2},{\"size\":6,\"activation\":\"tanh\",\"bias\":true},"
                + "{\"size\":3,\"activation\":\"softmax\",\"bias\":true}],"
                + "\"init\":{\"weights\":\"xavier-uniform\",\"biases\":\"zeros\",\"seed\":4},"
                + "\"loss\":{\"name\":\"cross-entropy\",\"reduction\":\"mean\"},"
                + "\"optimizer\":{\"name\":\"adam\",\"learningRate\":0.02},"
                + "\"training\":{\"batch\":\"full\",\"shuffle\":false,\"epochs\":100,\"seed\":1},"
                + "\"data\":{\"inputs\":[" + in + "],\"targets\":[" + out + "]}}";
        try (SessionWorker worker = new SessionWorker(NetworkReader.parse("blobs", json))) {
            worker.play();
            Thread.sleep(300);
            worker.pause();
            return worker.await();
        }
    }

    @Test
    void severalOutputsUseTheArgMaxClassColours() throws Exception {
        Snapshot s = threeClasses();
        for (Theme theme : Theme.all()) {
            ViewSettings settings = new ViewSettings();
            settings.themeProperty().set(theme);
            DecisionBoundaryView view = shown(s, settings);
            Fx.run(() -> {
                assertEquals(DecisionBoundaryView.Mode.MULTI, view.mode());
                int g = view.gridSize();
                Set<Integer> classesSeen = new HashSet<>();
                int sure = 0;
                for (int row = 0; row < g; row++) {
                    for (int col = 0; col < g; col++) {
                        double[] y = new double[3];
                        for (int k = 0; k < 3; k++) {
                            y[k] = view.gridOutput(col, row, k);
                        }
                        int best = DecisionBoundaryView.argMax(y, 0, 3);
                        classesSeen.add(best);
                        double[] sorted = y.clone();
                        java.util.Arrays.sort(sorted);
                        if (sorted[2] - sorted[1] < 0.3) {
                            continue; // pale cells are close to grey: their hue says little
                        }
                        sure++;
                        Color cell = argbColor(view.cellArgb(col, row));
                        Color expected = theme.classColor(best);
                        double nearest = Double.MAX_VALUE;
                        int nearestClass = -1;
                        for (int k = 0; k < 3; k++) {
                            double d = hueDistance(cell, theme.classColor(k));
                            if (d < nearest) {
                                nearest = d;
                                nearestClass = k;
                            }
                        }
                        assertEquals(best, nearestClass, "cell (" + col + ", " + row + ") " + cell + " should take the"
                                + " hue of class " + best + " " + expected);
                    }
                }
                assertTrue(classesSeen.size() >= 2, "several predicted classes: " + classesSeen);
                assertTrue(sure > g * g / 4, "enough confident cells checked: " + sure);
                assertTrue(view.contourSegments() > 0, "the class borders are drawn");
            });
        }
    }

    @Test
    void singleSigmoidOutputIsBlueAboveHalfAndOrangeBelow() throws Exception {
        Snapshot s = trained("circle", 1500);
        DecisionBoundaryView view = shown(s, new ViewSettings());
        Fx.run(() -> {
            assertEquals(DecisionBoundaryView.Mode.SINGLE, view.mode());
            int g = view.gridSize();
            int checked = 0;
            for (int row = 0; row < g; row++) {
                for (int col = 0; col < g; col++) {
                    double y = view.gridOutput(col, row, 0);
                    Color cell = argbColor(view.cellArgb(col, row));
                    if (y > 0.75) {
                        assertTrue(hueDistance(cell, Theme.LIGHT.positive())
                                < hueDistance(cell, Theme.LIGHT.negative()), "blue above 0.5 at " + y);
                        checked++;
                    } else if (y < 0.25) {
                        assertTrue(hueDistance(cell, Theme.LIGHT.negative())
                                < hueDistance(cell, Theme.LIGHT.positive()), "orange below 0.5 at " + y);
                        checked++;
                    }
                }
            }
            assertTrue(checked > g * g / 3, "checked " + checked);
            assertTrue(view.contourSegments() > 0, "the 0.5 contour is drawn");
            Color centre = DecisionBoundaryView.heatColor(Theme.LIGHT, 0);
            assertTrue(centre.getSaturation() < 0.05, "0.5 is neutral: " + centre);
        });
    }

    @Test
    void recomputesOnlyForANewSnapshotVersion() throws Exception {
        Snapshot first = trained("xor-2-4-1", 20);
        DecisionBoundaryView view = shown(first, new ViewSettings());
        Snapshot later = trained("xor-2-4-1", 40);
        Fx.run(() -> {
            long passes = view.passes();
            view.show(first);
            view.show(first);
            assertEquals(passes, view.passes(), "same version: no forward pass");
            view.show(later);
            assertEquals(passes + 1, view.passes(), "new version: one forward pass");
        });
    }

    @Test
    void aBigNetworkIsRecomputedLessOftenButCatchesUp() throws Exception {
        String json = "{\"format\":\"backstep-network\",\"version\":1,\"name\":\"big\",\"layers\":["
                + "{\"size\":2},{\"size\":128,\"activation\":\"tanh\",\"bias\":true},"
                + "{\"size\":128,\"activation\":\"tanh\",\"bias\":true},"
                + "{\"size\":1,\"activation\":\"sigmoid\",\"bias\":true}],"
                + "\"init\":{\"weights\":\"xavier-uniform\",\"biases\":\"zeros\",\"seed\":1},"
                + "\"loss\":{\"name\":\"binary-cross-entropy\",\"reduction\":\"mean\"},"
                + "\"optimizer\":{\"name\":\"sgd\",\"learningRate\":0.5},"
                + "\"training\":{\"batch\":\"full\",\"shuffle\":false,\"epochs\":10,\"seed\":1},"
                + "\"data\":{\"inputs\":[[0,0],[0,1],[1,0],[1,1]],\"targets\":[[0],[1],[1],[0]]}}";
        Snapshot first;
        Snapshot second;
        try (SessionWorker worker = new SessionWorker(NetworkReader.parse("big", json))) {
            first = worker.latest();
            worker.stepEpoch();
            second = worker.await();
        }
        DecisionBoundaryView view = shown(first, new ViewSettings());
        Fx.run(() -> {
            assertEquals(DecisionBoundaryView.MIN_GRID, view.gridSize(), "the coarsest grid");
            assertEquals(1, view.passes());
            view.show(second);
            assertEquals(1, view.passes(), "too soon after a slow pass: skipped");
        });
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (Fx.call(view::passes) < 2 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(2, Fx.call(view::passes), "caught up without another show");
    }

    @Test
    void themeChangeRecoloursWithoutRecomputing() throws Exception {
        ViewSettings settings = new ViewSettings();
        DecisionBoundaryView view = shown(trained("gaussians", 300), settings);
        Fx.run(() -> {
            long passes = view.passes();
            int before = view.cellArgb(0, 0);
            settings.themeProperty().set(Theme.DARK);
            assertEquals(passes, view.passes());
            assertTrue(before != view.cellArgb(0, 0), "the heatmap follows the theme");
        });
    }

    private static Color argbColor(int argb) {
        return Color.rgb((argb >> 16) & 0xFF, (argb >> 8) & 0xFF, argb & 0xFF);
    }

    private static double hueDistance(Color a, Color b) {
        double d = Math.abs(a.getHue() - b.getHue());
        return Math.min(d, 360 - d);
    }
}
