package dev.backstep.app;

import dev.backstep.view.formula.LatexImages;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Loads and exercises the heavy libraries on a second core while JavaFX starts on the first, so the window
 * appears sooner: JFreeChart's first chart (fonts, Java2D loops), JLaTeXMath's fonts and the app's own view
 * classes would otherwise all load one after another on the FX thread. Nothing here is needed for correctness.
 */
final class Warmup {
    private static final List<String> VIEW_CLASSES = List.of("dev.backstep.view.MainWindow",
            "dev.backstep.view.graph.LayerGraphView", "dev.backstep.view.chart.LossChartView",
            "dev.backstep.view.boundary.DecisionBoundaryView", "dev.backstep.view.formula.FormulaPanel",
            "dev.backstep.view.formula.TermListView", "dev.backstep.model.SessionWorker",
            "dev.backstep.trace.StepTrace", "dev.backstep.io.NetworkReader", "org.kordamp.ikonli.javafx.FontIcon",
            "org.kordamp.ikonli.materialdesign2.MaterialDesignP");

    private Warmup() {
    }

    /** Starts the warm-up on a daemon thread and returns at once. */
    static void start() {
        Thread thread = new Thread(Warmup::run, "backstep-warmup");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY + 1);
        thread.start();
    }

    private static void run() {
        try {
            XYSeries series = new XYSeries("loss");
            for (int i = 1; i <= 50; i++) {
                series.add(i, 1.0 / i);
            }
            JFreeChart chart = ChartFactory.createXYLineChart("", "epoch", "loss", new XYSeriesCollection(series));
            BufferedImage image = new BufferedImage(320, 200, BufferedImage.TYPE_INT_ARGB);
            Graphics2D g = image.createGraphics();
            chart.draw(g, new java.awt.Rectangle(320, 200));
            g.dispose();
            ClassLoader loader = Warmup.class.getClassLoader();
            for (String name : VIEW_CLASSES) {
                Class.forName(name, true, loader);
            }
            LatexImages.preload();
        } catch (Throwable ignored) {
            // A failed warm-up only means the first use pays the cost, as it would without it.
        }
    }
}
